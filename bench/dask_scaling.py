#!/usr/bin/env python3
"""Dask scale-out (reliasim.distributed): the speed-up from 1 to 2 worker processes on this
machine, and a model of the scaling to 100 and 1,000 workers from measured costs.

Speed-up. The same trials of the web shop run on a LocalCluster of 1 and then 2 worker
processes (one thread each, eight tasks), fastest of --repeats runs each. The goal is a
speed-up of at least 1.8x on an idle machine. Beside it, what a second process gains with no
Dask at all: two `reliasim run -j 1 --format partial` processes, each on half the trials,
against one on all of them, the machine's own ceiling.

Scaling model. With W workers (one core each), N trials, c seconds of work a trial on one
core, k tasks a worker and a serial cost s a task at the client and scheduler (submitting,
scheduling, gathering and merging its partial result), a run takes about

    N c / W  +  k W s     seconds,   so the efficiency is   E = 1 / (1 + k W^2 s / (N c)),

and E >= 0.9 needs N >= 9 k W^2 s / c trials. c is timed in-process (Scenario.run_partial on
one thread); s from many tiny tasks on 2 workers: (elapsed - work) / tasks, merging included.
The size of a task's result (a partial result's bytes) is printed too: it bounds what the
scheduler moves. The model leaves out the network (a few hundred kilobytes a task) and
stragglers; it says where the per-task cost stops mattering, not a promise.

Timing figures are "not measured (machine busy)" when the 1-minute load is above 1.5 before
they are taken (after, it counts this benchmark's own work).

Usage: python3 bench/dask_scaling.py [--cli PATH] [--trials 40000] [--repeats 3] [--json OUT]
       [--smoke]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SCENARIO = REPO_ROOT / "scenarios" / "web-shop.yaml"
GOAL_SPEEDUP = 1.8
BUSY_LOAD = 1.5
TASKS_PER_WORKER = 4  # reliasim.distributed's default
TINY_TASKS = 200


def busy() -> bool:
    return os.getloadavg()[0] > BUSY_LOAD


def fastest(repeats: int, run) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def dask_seconds(workers: int, scenario, trials: int, repeats: int) -> float:
    import distributed
    import reliasim.distributed

    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        reliasim.distributed.simulate(scenario, trials=200, client=client, tasks=workers)  # warm up
        return fastest(repeats, lambda: reliasim.distributed.simulate(
            scenario, trials=trials, client=client, tasks=8))


def plain_processes_seconds(cli: Path, processes: int, trials: int, repeats: int) -> float:
    """`processes` CLI runs side by side, each on its share of the trials, one thread each."""
    with tempfile.TemporaryDirectory(prefix="dask-bench-") as folder:
        def run():
            share = trials // processes
            running = [subprocess.Popen([str(cli), "-q", "run", str(SCENARIO), "-j", "1", "--first-trial",
                                         str(k * share), "-n", str(share), "--format", "partial",
                                         "-o", str(Path(folder) / f"part-{k}.rsp")])
                       for k in range(processes)]
            for process in running:
                if process.wait() != 0:
                    sys.exit(f"{cli} failed")
        return fastest(repeats, run)


def task_cost(scenario, per_trial: float) -> tuple[float, int]:
    """The serial cost of a task at the client and scheduler, merging included, and the size of
    a task's result, from TINY_TASKS tasks of 2 trials on 2 workers."""
    import distributed
    import reliasim.distributed

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        reliasim.distributed.simulate(scenario, trials=200, client=client, tasks=2)  # warm up
        trials = 2 * TINY_TASKS
        elapsed = fastest(2, lambda: reliasim.distributed.simulate(
            scenario, trials=trials, client=client, tasks=TINY_TASKS))
    work = trials * per_trial / 2
    size = len(scenario.run_partial(2))
    return max(elapsed - work, 0.0) / TINY_TASKS, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", type=Path, default=REPO_ROOT / "build" / "cli" / "reliasim")
    parser.add_argument("--trials", type=int, default=40000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--smoke", action="store_true", help="tiny runs; figures not judged")
    arguments = parser.parse_args()
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("dask.distributed is not installed: pip install 'dask[distributed]'; not measured")
        return 77
    import reliasim

    if arguments.smoke:
        arguments.trials, arguments.repeats = 2000, 1
    scenario = reliasim.Scenario.from_file(SCENARIO)
    was_busy = busy()
    per_trial = fastest(arguments.repeats, lambda: scenario.run_partial(
        arguments.trials // 4, threads=1)) / (arguments.trials // 4)
    one = dask_seconds(1, scenario, arguments.trials, arguments.repeats)
    two = dask_seconds(2, scenario, arguments.trials, arguments.repeats)
    plain_one = plain_processes_seconds(arguments.cli, 1, arguments.trials, arguments.repeats)
    plain_two = plain_processes_seconds(arguments.cli, 2, arguments.trials, arguments.repeats)
    cost, size = task_cost(scenario, per_trial)

    speedup, ceiling = one / two, plain_one / plain_two
    verdict = ("not measured (machine busy)" if was_busy or arguments.smoke
               else "PASS" if speedup >= GOAL_SPEEDUP else "MISS")
    print(f"web shop, {arguments.trials} trials, fastest of {arguments.repeats}")
    print(f"  work per trial, one core:        {per_trial * 1e3:.3f} ms")
    print(f"  Dask, 1 worker process:          {one:.2f} s")
    print(f"  Dask, 2 worker processes:        {two:.2f} s   speed-up {speedup:.2f}x "
          f"(goal >= {GOAL_SPEEDUP}x): {verdict}")
    print(f"  no Dask, 1 and 2 CLI processes:  {plain_one:.2f} s, {plain_two:.2f} s   "
          f"speed-up {ceiling:.2f}x (what a second process gains here)")
    print(f"  serial cost a task (client and scheduler, merge included): {cost * 1e3:.1f} ms")
    print(f"  a task's result: {size / 1e3:.0f} kB")
    print(f"scaling model, {TASKS_PER_WORKER} tasks a worker: trials for 90 % efficiency")
    model = {}
    for workers in (2, 100, 1000):
        needed = 9 * TASKS_PER_WORKER * workers ** 2 * cost / per_trial
        model[workers] = needed
        print(f"  {workers:>5} workers: N >= {needed:,.0f} trials "
              f"(a run of at least {needed * per_trial / workers:,.1f} s)")
    if arguments.json:
        arguments.json.write_text(json.dumps({
            "trials": arguments.trials, "per_trial_seconds": per_trial, "one_worker_seconds": one,
            "two_workers_seconds": two, "speedup": speedup, "plain_speedup": ceiling,
            "verdict": verdict, "task_cost_seconds": cost, "task_result_bytes": size,
            "trials_for_90_percent": model, "busy": was_busy}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
