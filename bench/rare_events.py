#!/usr/bin/env python3
"""How much importance sampling (`reliasim run --rare-event is`) beats plain Monte Carlo.

For three k-of-n replicated databases whose exact probability of an outage within the
horizon is near 1e-4, 1e-6 and 1e-8, this measures the work (wall-clock seconds on the
same thread count) each method needs for a +-10 % answer at 95 % confidence, and prints
their ratio, the work-normalised variance ratio.

Exact answer. `--analytic` solves the model's Markov chain; the exact probability is
p = 1 - R(horizon), the last value of `analytic.transient.scopes[0].reliability`.

Plain Monte Carlo. A plain run of PLAIN_TRIALS trials is timed (fastest of --repeats
runs) to give t_plain seconds per trial. Each trial is a Bernoulli(p) draw, so its
variance is p(1 - p), and a +-10 % half-width at 95 % needs

    n_plain = 1.96^2 (1 - p) / (0.1^2 p)    trials;   plain work = n_plain * t_plain.

Importance sampling. `--rare-event is --trials M` is timed whole, pilot runs (which
choose the biases) included. The same run with the reported biases given through
`--rare-event-bias` skips the pilots and gives t_is seconds per trial. The reported
relative error r at M trials means a relative variance of r^2 M per trial, so

    n_is = 1.96^2 r^2 M / 0.1^2    trials;
    IS work = n_is * t_is + pilot time,

the pilot time being that of a 2-trial run with pilots less one without.

Both per-trial times include the CLI's start-up (a few milliseconds), as a user running
the command would pay it. The ratio plain work / IS work is how many times less
wall-clock importance sampling needs for the same precision.

Goals: the ratio is at least 100x at 1e-6, and a +-10 % answer at 1e-6 takes under 60 s
on 2 cores. Both are timing figures, so when the machine is busy (1-minute load above
1.5 before timing starts, or other processes using CPU just before a target is timed)
they are reported as not measured rather than PASS or MISS.

Usage: python3 bench/rare_events.py [--cli PATH] [--threads 2] [--repeats 3] [--json OUT]
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
Z95 = 1.96
TARGET_HALF_WIDTH = 0.10  # relative half-width of the 95 % interval
PLAIN_TRIALS = 200_000
IS_TRIALS = 20_000
SEED = 1
BUSY_LOAD = 1.5
BUSY_OTHER_CORES = 0.5  # CPU used by other processes, in cores, that makes timing unfair
GOAL_RATIO_AT_1E6 = 100.0
GOAL_SECONDS_AT_1E6 = 60.0
SMOKE = False  # --smoke: tiny runs, figures not judged

SCENARIO_TEMPLATE = """\
scenario: k-of-n
horizon: {horizon}
crews: {{ops: {{size: {crew}}}}}
defaults: {{crew: ops}}
services:
  db:
    replicas: {{count: {count}, min_healthy: {min_healthy}}}
    failure_modes:
      - {{name: disk, scope: replica, occurs: {{mtbf: {mtbf}}}, repair: {{manual: {{exponential: {{mean: {repair}}}}}}}}}
journeys: {{reads: [db]}}
"""

# Chosen with --analytic so that the exact p lies within a factor 3 of each target.
CONFIGURATIONS = [
    {"target": 1e-4, "count": 3, "min_healthy": 2, "mtbf": "1y", "repair": "2h", "crew": 1, "horizon": "30d"},
    {"target": 1e-6, "count": 3, "min_healthy": 1, "mtbf": "1y", "repair": "4h", "crew": 1, "horizon": "1y"},
    {"target": 1e-8, "count": 3, "min_healthy": 1, "mtbf": "2y", "repair": "4h", "crew": 1, "horizon": "30d"},
]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", type=Path, default=REPO_ROOT / "build" / "cli" / "reliasim",
                        help="the reliasim binary (default: build/cli/reliasim in the repository)")
    parser.add_argument("--threads", type=int, default=2, help="worker threads for every run (default 2)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="timed runs of each command; the fastest counts (default 3)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--smoke", action="store_true",
                        help="tiny runs that only check the measurement works (ctest bench_rare_events_smoke)")
    return parser.parse_args()


def describe(configuration):
    c = configuration
    return (f"{c['count']} replicas, {c['min_healthy']} needed, MTBF {c['mtbf']}, repair {c['repair']}, "
            f"crew {c['crew']}, horizon {c['horizon']}")


def write_scenario(configuration, directory):
    path = Path(directory) / f"k-of-n-{configuration['target']:.0e}.yaml"
    fields = {k: v for k, v in configuration.items() if k != "target"}
    path.write_text(SCENARIO_TEMPLATE.format(**fields))
    return path


class Runner:
    """Runs the CLI on one scenario and returns its JSON and the fastest wall-clock time."""

    def __init__(self, cli, threads, repeats, directory):
        self.cli = str(cli)
        self.threads = threads
        self.repeats = repeats
        self.output = Path(directory) / "out.json"

    def run(self, scenario, trials, extra=(), timed=True):
        command = [self.cli, "run", str(scenario), "--trials", str(trials), "--seed", str(SEED),
                   "--threads", str(self.threads), "--format", "json", "-o", str(self.output), *extra]
        # The fastest of several runs is the least disturbed by anything else on the machine.
        fastest = math.inf
        for _ in range(self.repeats if timed else 1):
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            fastest = min(fastest, time.perf_counter() - start)
        return json.loads(self.output.read_text()), fastest


def exact_outage_probability(runner, scenario):
    result, _ = runner.run(scenario, 2, ["--analytic"], timed=False)
    reliability = result["analytic"]["transient"]["scopes"][0]["reliability"]
    return 1.0 - reliability[-1]


def plain_trials_needed(p):
    return Z95 ** 2 * (1.0 - p) / (TARGET_HALF_WIDTH ** 2 * p)


def is_trials_needed(relative_error, trials):
    return Z95 ** 2 * relative_error ** 2 * trials / TARGET_HALF_WIDTH ** 2


def measure_plain(runner, scenario, p):
    result, seconds = runner.run(scenario, PLAIN_TRIALS)
    seconds_per_trial = seconds / PLAIN_TRIALS
    trials_needed = plain_trials_needed(p)
    return {
        "trials_timed": PLAIN_TRIALS,
        "seconds_timed": seconds,
        "seconds_per_trial": seconds_per_trial,
        "events_per_trial": result["events"] / PLAIN_TRIALS,
        "trials_needed": trials_needed,
        "work_seconds": trials_needed * seconds_per_trial,
    }


def measure_importance_sampling(runner, scenario):
    chosen, whole_seconds = runner.run(scenario, IS_TRIALS, ["--rare-event", "is"])
    rare = chosen["rare_event"]
    biases = ",".join(repr(b) for b in rare["biases"])
    given, given_seconds = runner.run(scenario, IS_TRIALS, ["--rare-event-bias", biases])
    seconds_per_trial = given_seconds / IS_TRIALS
    # The pilots' own time: two runs of 2 trials, with and without them.
    _, with_pilots = runner.run(scenario, 2, ["--rare-event", "is"])
    _, without_pilots = runner.run(scenario, 2, ["--rare-event-bias", biases])
    pilot_seconds = max(0.0, with_pilots - without_pilots)
    trials_needed = is_trials_needed(rare["relative_error"], IS_TRIALS)
    return {
        "trials": IS_TRIALS,
        "estimate": rare["outage_probability"]["estimate"],
        "lower": rare["outage_probability"]["lower"],
        "upper": rare["outage_probability"]["upper"],
        "relative_error": rare["relative_error"],
        "effective_sample_size": rare["effective_sample_size"],
        "largest_weight_share": rare["largest_weight_share"],
        "biases": rare["biases"],
        "chosen_by": rare["chosen_by"],
        "reliable": rare["reliable"],
        "warnings": rare["warnings"],
        "seconds_whole_run": whole_seconds,
        "seconds_given_biases": given_seconds,
        "seconds_per_trial": seconds_per_trial,
        "events_per_trial": given["events"] / IS_TRIALS,
        "pilot_seconds": pilot_seconds,
        "trials_needed": trials_needed,
        "work_seconds": trials_needed * seconds_per_trial + pilot_seconds,
    }


def process_cpu_seconds():
    """CPU seconds used so far by every process, by pid and name (Linux /proc only)."""
    ticks = os.sysconf("SC_CLK_TCK")
    usage = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # the process ended while we looked
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        usage[int(entry.name)] = (name, (int(fields[11]) + int(fields[12])) / ticks)  # utime + stime
    return usage


def other_processes_busy(window_seconds=0.5):
    """Names the processes other than this one that used CPU in a short idle window, if together
    they used more than BUSY_OTHER_CORES cores; None when the machine is quiet or /proc is absent."""
    if not Path("/proc/self/stat").exists():
        return None
    before = process_cpu_seconds()
    time.sleep(window_seconds)
    after = process_cpu_seconds()
    cores = {}
    for pid, (name, seconds) in after.items():
        if pid != os.getpid() and pid in before:
            cores[name] = cores.get(name, 0.0) + (seconds - before[pid][1]) / window_seconds
    if sum(cores.values()) <= BUSY_OTHER_CORES:
        return None
    heaviest = sorted(cores.items(), key=lambda item: -item[1])[:3]
    return "other processes using CPU: " + ", ".join(f"{name} {use:.1f} cores" for name, use in heaviest)


def load_busy():
    load = os.getloadavg()[0]
    return f"1-minute load {load:.2f} > {BUSY_LOAD}" if load > BUSY_LOAD else None


def human_duration(seconds):
    """Seconds, with the largest fitting unit beside them when there is one, e.g. '1e+08 s (3.17 years)'."""
    units = [("years", 365.25 * 86400), ("days", 86400), ("hours", 3600), ("minutes", 60)]
    for name, size in units:
        if seconds >= size:
            return f"{seconds:.4g} s ({seconds / size:.3g} {name})"
    return f"{seconds:.4g} s"


def measure_target(runner, configuration, directory):
    scenario = write_scenario(configuration, directory)
    p = exact_outage_probability(runner, scenario)
    busy_before = other_processes_busy()
    plain = measure_plain(runner, scenario, p)
    importance = measure_importance_sampling(runner, scenario)
    # Checked again after, for a process that started while we were timing.
    busy = busy_before or other_processes_busy()
    return {
        "target": configuration["target"],
        "configuration": describe(configuration),
        "exact": p,
        "interval_holds_exact": importance["lower"] <= p <= importance["upper"],
        "plain": plain,
        "importance_sampling": importance,
        "work_ratio": plain["work_seconds"] / importance["work_seconds"],
        "busy": busy,
    }


def print_target(figures):
    plain, importance = figures["plain"], figures["importance_sampling"]
    holds = "holds" if figures["interval_holds_exact"] else "MISSES"
    print(f"\n== target {figures['target']:.0e}: {figures['configuration']}")
    print(f"  exact p                    {figures['exact']:.4g}")
    print(f"  IS estimate, {importance['trials']} trials  {importance['estimate']:.4g} "
          f"[{importance['lower']:.4g}, {importance['upper']:.4g}]  {holds} the exact value")
    print(f"  relative error r           {importance['relative_error']:.4g}")
    print(f"  effective sample size      {importance['effective_sample_size']:.0f}")
    print(f"  largest weight share       {importance['largest_weight_share']:.3g}")
    print(f"  biases (0/1/2/3+ open)     " + ", ".join(f"{b:.4g}" for b in importance["biases"]))
    print(f"  reliable                   {importance['reliable']}"
          + (f"  warnings: {'; '.join(importance['warnings'])}" if importance["warnings"] else ""))
    print(f"  plain: {plain['seconds_per_trial'] * 1e6:.3g} us/trial, {plain['events_per_trial']:.3g} events/trial"
          f"   IS: {importance['seconds_per_trial'] * 1e6:.3g} us/trial, "
          f"{importance['events_per_trial']:.3g} events/trial, pilots {importance['pilot_seconds']:.3g} s")
    print(f"  n_plain                    {plain['trials_needed']:.4g} trials")
    print(f"  n_is                       {importance['trials_needed']:.4g} trials")
    print(f"  plain work                 {human_duration(plain['work_seconds'])}")
    print(f"  IS work                    {human_duration(importance['work_seconds'])}")
    print(f"  work-normalised variance ratio  {figures['work_ratio']:.4g}x")
    if figures["busy"]:
        print(f"  (machine busy while timing: {figures['busy']})")


def verdict(passed, busy):
    if SMOKE:
        return "not judged (smoke run)"
    if busy:
        return "not measured (machine busy)"
    return "PASS" if passed else "MISS"


def print_goals(results, busy_at_start):
    at_1e6 = next(r for r in results if r["target"] == 1e-6)
    busy = busy_at_start or at_1e6["busy"]
    seconds = at_1e6["importance_sampling"]["work_seconds"]
    ratio = at_1e6["work_ratio"]
    print(f"\na +-10 % answer at 1e-6 in {seconds:.3g} s")
    print(f"goal: ratio >= {GOAL_RATIO_AT_1E6:.0f}x at 1e-6: {ratio:.4g}x  {verdict(ratio >= GOAL_RATIO_AT_1E6, busy)}")
    print(f"goal: +-10 % at 1e-6 in under {GOAL_SECONDS_AT_1E6:.0f} s on {at_1e6['threads']} threads: "
          f"{seconds:.3g} s  {verdict(seconds < GOAL_SECONDS_AT_1E6, busy)}")
    if busy:
        print(f"machine busy: {busy}")
    return {"ratio_at_1e6": ratio, "seconds_at_1e6": seconds,
            "ratio_goal": verdict(ratio >= GOAL_RATIO_AT_1E6, busy),
            "seconds_goal": verdict(seconds < GOAL_SECONDS_AT_1E6, busy)}


def check_sane(results):
    """For --smoke: every figure finite and positive, else exit non-zero."""
    for figures in results:
        for value in (figures["work_ratio"], figures["importance_sampling"]["work_seconds"],
                      figures["plain"]["work_seconds"]):
            if not (math.isfinite(value) and value > 0):
                sys.exit(f"insane figure at target {figures['target']:g}: {value}")


def main():
    global PLAIN_TRIALS, IS_TRIALS, SMOKE
    arguments = parse_arguments()
    if arguments.smoke:
        PLAIN_TRIALS, IS_TRIALS, SMOKE, arguments.repeats = 2000, 2000, True, 1
    if not arguments.cli.is_file():
        sys.exit(f"no reliasim binary at {arguments.cli} (build it, or pass --cli)")
    # Checked before any timing, since our own runs raise the load average.
    busy_at_start = load_busy() or other_processes_busy()
    print(f"importance sampling against plain Monte Carlo, {arguments.threads} threads, "
          f"fastest of {arguments.repeats} runs; +-{TARGET_HALF_WIDTH:.0%} half-width at 95 %")
    if busy_at_start:
        print(f"machine busy before timing: {busy_at_start}")
    results = []
    with tempfile.TemporaryDirectory(prefix="rare-events-") as directory:
        runner = Runner(arguments.cli, arguments.threads, arguments.repeats, directory)
        for configuration in CONFIGURATIONS:
            figures = measure_target(runner, configuration, directory)
            figures["threads"] = arguments.threads
            print_target(figures)
            results.append(figures)
    goals = print_goals(results, busy_at_start)
    if arguments.smoke:
        check_sane(results)
    if arguments.json:
        arguments.json.write_text(json.dumps({"threads": arguments.threads, "busy_at_start": busy_at_start,
                                              "targets": results, "goals": goals}, indent=2) + "\n")


if __name__ == "__main__":
    main()
