#!/usr/bin/env bash
# The whole benchmark in one command: builds reliasim_bench and reliasim, generates the medium
# and large scenarios, installs SimPy if it is missing, runs reliasim_bench (which times the
# SimPy reference in turns with the engine), and prints every figure with its target and
# PASS/MISS, then the engine's memory estimate against the measured peak memory of
# `reliasim run` (bench/memory_check.py), then the engine against a plain SimPy program
# (bench/simpy_peer.py) and, where installed, AvailSim4 (bench/availsim4_peer.py), then
# importance sampling against plain Monte Carlo on rare outages (bench/rare_events.py), then
# streaming's peak memory (bench/streaming_memory.py) and Dask's scale-out
# (bench/dask_scaling.py). About 7 minutes on 2 cores once built.
#
#   bash bench/run_benchmarks.sh
#
# Environment: BUILD_DIR (default build), BENCH_JOBS (parallel build jobs, default 2),
# BENCH_SECONDS (target duration of each timed run, default 1.5), BENCH_REPEATS (timed runs of
# each measurement, the fastest kept, default 3), PYTHON (default python3), AVAILSIM4_PYTHON
# (a Python with availsim4 for bench/availsim4_peer.py, default $PYTHON; without it, skipped).
# Everything it writes goes to $BUILD_DIR/bench: the scenarios, results.json (every figure),
# report.txt (what it printed), memory.json and memory.txt (the memory figures).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=${BUILD_DIR:-$root/build}
out=$build/bench
jobs=${BENCH_JOBS:-2}
seconds=${BENCH_SECONDS:-1.5}
repeats=${BENCH_REPEATS:-3}
python=${PYTHON:-python3}
as4_python=${AVAILSIM4_PYTHON:-$python}
start=$(date +%s)

step() { printf '\n== %s\n' "$*" >&2; }

step "building reliasim_bench and reliasim in $build"
if [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt")
[[ $build_type == Release ]] || echo "warning: $build is a '$build_type' build; figures are for Release" >&2
cmake --build "$build" --target reliasim_bench reliasim --parallel "$jobs" >&2

step "generating the medium and large scenarios"
mkdir -p "$out"
small=$root/scenarios/web-shop.yaml
"$python" "$here/generate_scenario.py" --services 200 --out "$out/medium.yaml" --name synthetic-medium >&2
"$python" "$here/generate_scenario.py" --services 5000 --out "$out/large.yaml" --name synthetic-large >&2
for file in "$small" "$out/medium.yaml" "$out/large.yaml"; do
  "$build/cli/reliasim" validate "$file" >&2
done

simpy_args=()
if ! "$python" -c 'import simpy' 2>/dev/null; then
  echo "installing SimPy: $python -m pip install simpy" >&2
  "$python" -m pip install --quiet simpy >&2 || echo "warning: could not install SimPy" >&2
fi
if "$python" -c 'import simpy' 2>/dev/null; then
  simpy_args=(--simpy "$(command -v "$python")")
else
  echo "warning: SimPy unavailable; the engine/SimPy ratio is not measured" >&2
fi

step "reliasim_bench (engine on 1 and 2 threads, bare event loop, SimPy on small and medium)"
"$build/bench/reliasim_bench" --small "$small" --medium "$out/medium.yaml" \
  --large "$out/large.yaml" --seconds "$seconds" --repeats "$repeats" "${simpy_args[@]}" \
  --json "$out/results.json" | tee "$out/report.txt"

step "memory: the engine's estimate against the peak memory of reliasim run"
for n in 20 60 200; do
  "$python" "$here/generate_scenario.py" --services "$n" --out "$out/memory-$n.yaml" \
    --name "synthetic-$n" >&2
done
runs=()
for file in "$root"/scenarios/*.yaml; do runs+=("$file:2000,10000"); done
runs+=("$out/memory-20.yaml:1000,4000" "$out/memory-60.yaml:500,2000" "$out/memory-200.yaml:200,800")
"$python" "$here/memory_check.py" --cli "$build/cli/reliasim" --bench "$build/bench/reliasim_bench" \
  --json "$out/memory.json" "${runs[@]}" | tee "$out/memory.txt"
"$python" "$here/memory_check.py" --cli "$build/cli/reliasim" --bench "$build/bench/reliasim_bench" \
  --format html --json "$out/memory-html.json" "$small:2000,10000" | tee -a "$out/memory.txt"

# The engine against the plain SimPy program a user would write, per trial (bench/simpy_peer.py).
echo
"$python" "$here/simpy_peer.py" --cli "$build/cli/reliasim" --json "$out/simpy-peer.json" \
  | tee "$out/simpy-peer.txt"

# The engine against AvailSim4, CERN's availability simulator, per trial (bench/availsim4_peer.py);
# only where that Python has it (pip install availsim4: this script does not install it).
echo
if "$as4_python" -c 'import availsim4core.main' 2>/dev/null; then
  "$as4_python" "$here/availsim4_peer.py" --cli "$build/cli/reliasim" \
    --json "$out/availsim4-peer.json" | tee "$out/availsim4-peer.txt"
else
  echo "AvailSim4: not installed for $as4_python (pip install availsim4); the engine/AvailSim4" \
    "ratio is not measured"
fi

# Importance sampling against plain Monte Carlo on rare outages (bench/rare_events.py).
echo
"$python" "$here/rare_events.py" --cli "$build/cli/reliasim" --json "$out/rare-events.json" \
  | tee "$out/rare-events.txt"

# Runs too large to hold at once: peak memory and the CPU streaming costs (bench/streaming_memory.py).
echo
"$python" "$here/streaming_memory.py" --cli "$build/cli/reliasim" --large "$out/large.yaml" \
  --json "$out/streaming.json" | tee "$out/streaming.txt"

# Dask: 1 against 2 worker processes, and the scaling model (bench/dask_scaling.py); needs the
# Python module (bash .ci/setup builds it) and dask.distributed.
echo
dask_python=$python
[[ -x $build/venv/bin/python ]] && dask_python=$build/venv/bin/python
if [[ -d $build/python/reliasim ]]; then
  PYTHONPATH=$build/python "$dask_python" "$here/dask_scaling.py" --cli "$build/cli/reliasim" \
    --json "$out/dask.json" | tee "$out/dask.txt" || true
else
  echo "Dask scale-out: not measured (the Python module is not built in $build)"
fi

echo
echo "total $(($(date +%s) - start)) s; figures in $out/results.json, table in $out/report.txt"
