#!/usr/bin/env python3
"""The engine's memory estimate against the measured peak of `reliasim run`.

Each scenario runs as `reliasim run FILE --trials N --threads 2 --format json` (or html) in a
child process whose peak resident memory (ru_maxrss from wait4) is its own. The peak of a 2-trial
run of the same scenario is the baseline (the executable, the loaded model, the threads), so

    measured per trial = (peak(N) - peak(2)) / (N - 2)
    estimate per trial = (estimate(N) - estimate(2)) / (N - 2)

with the estimate from `reliasim_bench --estimate-memory`. PASS when the estimate is within
25 % of the measured figure. A run is "not measured" when the machine was short of memory:
swapping during it, or less memory available before it than twice its estimate (the kernel
may then reclaim its pages, and its peak is no longer what it needed). bench/README.md.

    python3 bench/memory_check.py --cli build/cli/reliasim --bench build/bench/reliasim_bench \\
        scenarios/web-shop.yaml:2000,10000 build/bench/memory-20.yaml:1000,4000
"""

import argparse
import json
import os
import subprocess
import sys

TOLERANCE = 0.25


def meminfo_kib(field):
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def swapped_pages():
    counts = {}
    with open("/proc/vmstat") as f:
        for line in f:
            name, value = line.split()
            counts[name] = int(value)
    return counts.get("pswpin", 0) + counts.get("pswpout", 0)


def peak_rss_bytes(cli, scenario, trials, form):
    """Peak resident memory of one run, and whether the machine was short of memory."""
    # The HTML report's tornado is left out: its runs have at most 500 trials each.
    extra = ["--tornado-trials", "0"] if form == "html" else []
    swapped = swapped_pages()
    with open(os.devnull, "wb") as null:
        child = subprocess.Popen(
            [cli, "run", scenario, "--trials", str(trials), "--threads", "2",
             "--format", form, *extra], stdout=null, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        errors = child.stderr.read().decode()
    if child.returncode != 0:
        raise RuntimeError(f"{scenario} with {trials} trials failed: {errors.strip()}")
    return usage.ru_maxrss * 1024, swapped_pages() != swapped


def estimates(bench, scenario, trials, form):
    # The HTML report splits each SLA window's bad time by failure mode.
    extra = ["--memory-sla-attribution"] if form == "html" else []
    out = subprocess.run(
        [bench, "--estimate-memory", scenario, "--memory-threads", "2", *extra,
         "--memory-trials", *map(str, trials)], check=True, capture_output=True, text=True).stdout
    return {row["trials"]: row for row in map(json.loads, out.splitlines())}


def check(cli, bench, scenario, counts, form):
    baseline_trials = 2
    est = estimates(bench, scenario, [baseline_trials, *counts], form)
    baseline, _ = peak_rss_bytes(cli, scenario, baseline_trials, form)
    rows = []
    for n in counts:
        short = meminfo_kib("MemAvailable") * 1024 < 2 * est[n]["bytes"]
        peak, swapped = peak_rss_bytes(cli, scenario, n, form)
        estimate = (est[n]["bytes"] - est[baseline_trials]["bytes"]) / (n - baseline_trials)
        measured = (peak - baseline) / (n - baseline_trials)
        trusted = not (short or swapped) and measured > 0
        ratio = estimate / measured if trusted else None
        verdict = ("not measured" if not trusted
                   else "PASS" if abs(ratio - 1) <= TOLERANCE else "MISS")
        largest = sorted(est[n]["parts"].items(), key=lambda p: -p[1])[:3]
        rows.append({"scenario": os.path.basename(scenario), "format": form, "trials": n,
                     "estimate_per_trial": estimate, "measured_per_trial": measured,
                     "ratio": ratio, "verdict": verdict, "peak_bytes": peak,
                     "baseline_bytes": baseline, "estimate_bytes": est[n]["bytes"],
                     "incidents_per_trial": est[n]["incidents_per_trial"],
                     "largest_parts": dict(largest)})
    return rows


def print_table(rows):
    print(f"{'scenario':<24} {'format':<6} {'trials':>7} {'estimate KB/trial':>17} "
          f"{'measured KB/trial':>17} {'est/meas':>8} {'peak MiB':>8}  result")
    for r in rows:
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
        print(f"{r['scenario']:<24} {r['format']:<6} {r['trials']:>7} "
              f"{r['estimate_per_trial'] / 1000:>17.2f} {r['measured_per_trial'] / 1000:>17.2f} "
              f"{ratio:>8} "
              f"{r['peak_bytes'] / 2**20:>8.1f}  {r['verdict']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cli", required=True, help="the reliasim executable")
    parser.add_argument("--bench", required=True, help="the reliasim_bench executable")
    parser.add_argument("--format", choices=["json", "html"], default="json",
                        help="what `reliasim run` writes (html: the report, without its tornado)")
    parser.add_argument("--json", help="also write every figure to this file")
    parser.add_argument("runs", nargs="+", metavar="SCENARIO:N,N",
                        help="a scenario and the trial counts to measure it at")
    args = parser.parse_args()
    rows = []
    for run in args.runs:
        scenario, _, counts = run.rpartition(":")
        rows += check(args.cli, args.bench, scenario, [int(n) for n in counts.split(",")],
                      args.format)
    print_table(rows)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    return 0  # a MISS is a figure to read, as in reliasim_bench, not a failure to run


if __name__ == "__main__":
    sys.exit(main())
