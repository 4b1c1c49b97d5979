#!/usr/bin/env python3
"""Peak memory and CPU of runs too large to hold at once, which `reliasim run` streams.

- The web shop at 1,000,000 trials (a plain `reliasim run`, which streams by itself: holding
  every trial would take about 25 GB): peak resident memory, goal under 150 MB.
- The generated 5,000-service scenario, streamed: peak resident memory, goal under 1 GB at
  10,000 trials. A streamed run holds two batches and 40 bytes a trial for each SLA, so its
  peak is reached after two batches; --large-trials (default 40, five batches of 8) keeps the
  run short (10,000 trials take about an hour on 2 cores), and the peak at 10,000 trials is
  that plus 40 bytes a trial and SLA.
- CPU of streaming against holding every trial (user + system seconds): web shop, 20,000
  trials, one thread, fastest of --repeats; and the 5,000-service scenario at --large-trials
  (once each: a run takes about 20 s). Goal: at most 10 % more.

Peaks come from the kernel (ru_maxrss of each child). Timing is "not measured (machine
busy)" when the 1-minute load is above 1.5 before it starts.

Usage: python3 bench/streaming_memory.py [--cli PATH] [--large FILE] [--trials 1000000]
       [--large-trials 40] [--repeats 3] [--json OUT] [--smoke]
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
WEB_SHOP = REPO_ROOT / "scenarios" / "web-shop.yaml"
GOAL_WEB_SHOP_MB = 150
GOAL_LARGE_MB = 1000
GOAL_CPU_RATIO = 1.10


def measured(command: list) -> tuple[float, float]:
    """Runs a command to completion; returns its peak resident memory (MB) and CPU seconds."""
    pid = os.fork()
    if pid == 0:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        os.execv(command[0], command)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}")
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", type=Path, default=REPO_ROOT / "build" / "cli" / "reliasim")
    parser.add_argument("--large", type=Path, help="the 5,000-service scenario (generate_scenario.py)")
    parser.add_argument("--trials", type=int, default=1_000_000)
    parser.add_argument("--large-trials", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--smoke", action="store_true", help="tiny runs; figures not judged")
    arguments = parser.parse_args()
    if arguments.smoke:
        arguments.trials, arguments.large_trials, arguments.repeats = 3000, 4, 1
    cli = str(arguments.cli)
    busy = os.getloadavg()[0] > 1.5
    figures = {}

    peak, cpu = measured([cli, "-q", "run", str(WEB_SHOP), "-n", str(arguments.trials), "--format", "json"])
    figures["web_shop"] = {"trials": arguments.trials, "peak_mb": peak, "cpu_seconds": cpu}
    verdict = "not judged (smoke)" if arguments.smoke else "PASS" if peak < GOAL_WEB_SHOP_MB else "MISS"
    print(f"web shop, {arguments.trials:,} trials (a plain run: streamed when it does not fit): "
          f"peak {peak:.0f} MB "
          f"(goal < {GOAL_WEB_SHOP_MB} MB): {verdict}; {cpu:.1f} s CPU")

    large_cpu = None
    if arguments.large:
        large_run = [cli, "-q", "run", str(arguments.large), "-n", str(arguments.large_trials), "--format", "json"]
        peak, cpu = measured(large_run + ["--streaming"])
        large_cpu = (measured(large_run)[1], cpu)
        at_goal = peak + 40 * 10_000 / 1e6  # the per-trial credits of 10,000 trials (one SLA at most)
        figures["large"] = {"trials": arguments.large_trials, "peak_mb": peak, "cpu_seconds": cpu}
        verdict = "not judged (smoke)" if arguments.smoke else "PASS" if at_goal < GOAL_LARGE_MB else "MISS"
        print(f"5,000 services, {arguments.large_trials} trials streamed: peak {peak:.0f} MB, so about "
              f"{at_goal:.0f} MB at 10,000 trials (goal < {GOAL_LARGE_MB} MB): {verdict}; {cpu:.1f} s CPU")
    else:
        print("5,000 services: not measured (no --large scenario given)")

    cpus = {}
    for mode in ("", "--streaming"):
        command = [cli, "-q", "run", str(WEB_SHOP), "-n", "20000", "-j", "1", "--format", "json"]
        command += [mode] if mode else []
        cpus[mode or "in memory"] = min(measured(command)[1] for _ in range(arguments.repeats))
    ratio = cpus["--streaming"] / cpus["in memory"]
    figures["cpu"] = {"in_memory": cpus["in memory"], "streaming": cpus["--streaming"], "ratio": ratio}
    verdict = ("not judged (smoke)" if arguments.smoke else "not measured (machine busy)" if busy
               else "PASS" if ratio <= GOAL_CPU_RATIO else "MISS")
    print(f"CPU, web shop 20,000 trials, 1 thread: in memory {cpus['in memory']:.2f} s, streaming "
          f"{cpus['--streaming']:.2f} s: {ratio:.2f}x (goal <= {GOAL_CPU_RATIO:.2f}x): {verdict}")
    if large_cpu:
        in_memory, streamed = large_cpu
        ratio = streamed / in_memory
        figures["cpu_large"] = {"in_memory": in_memory, "streaming": streamed, "ratio": ratio}
        verdict = ("not judged (smoke)" if arguments.smoke else "not measured (machine busy)" if busy
                   else "PASS" if ratio <= GOAL_CPU_RATIO else "MISS")
        print(f"CPU, 5,000 services, {arguments.large_trials} trials: in memory {in_memory:.2f} s, "
              f"streaming {streamed:.2f} s: {ratio:.2f}x (goal <= {GOAL_CPU_RATIO:.2f}x): {verdict}")
    if arguments.json:
        arguments.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
