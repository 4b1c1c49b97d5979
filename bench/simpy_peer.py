#!/usr/bin/env python3
"""The engine against the SimPy program a user would write, per trial, on the same outputs.

`simpy_reference.py` interprets any compiled model (it checks agreement with the engine);
a user with one small model would rather write a plain SimPy program: one process per
component, a `simpy.Resource` for a repair crew, and a few counters. This benchmark writes
that program for two simple models and times it against `reliasim run` on the same model:

- pair-crew: a 2-of-3 replicated database, each replica failing after an exponential time
  (MTBF 30 d) and repaired in a lognormal time (median 4 h, p95 12 h) by the one repairer;
- chain: a journey over three services in series, each failing after a Weibull time (shape
  1.5, scale 20 d) and healing itself after a lognormal time (median 30 min, p95 3 h).

Both programs produce what the engine's table gives for the journey: downtime and outages
per trial over a year (their means are checked to agree within 4 standard errors of the
difference). Timing: the engine is `reliasim run FILE --trials N --threads 1 --format json`
as a whole (start-up, summary and JSON included), the SimPy program the loop over its trials;
each the fastest of --repeats runs. The figure is the engine's trials per second over
SimPy's. Goal: >= 50x. When other processes use the CPU, the goal is "not measured".

Usage: python3 bench/simpy_peer.py [--cli PATH] [--seconds 2] [--repeats 3] [--json OUT]
"""

import json
import math
import random
import sys
import tempfile
import time
from pathlib import Path

from peer_support import REPO_ROOT, busy, peer_arguments, time_engine

try:
    import simpy
except ImportError:  # ctest reports the smoke test as skipped
    print("SimPy is not installed: pip install simpy")
    sys.exit(77)

HOUR, DAY, YEAR = 3600.0, 86400.0, 365 * 86400.0
GOAL = 50.0

PAIR_CREW = """\
scenario: pair-crew
horizon: 1y
crews: {ops: {size: 1}}
defaults: {crew: ops}
services:
  db:
    replicas: {count: 3, min_healthy: 2}
    failure_modes:
      - {name: disk, scope: replica, occurs: {mtbf: 30d},
         repair: {manual: {lognormal: {median: 4h, p95: 12h}}}}
journeys: {reads: [db]}
"""

CHAIN = """\
scenario: chain
horizon: 1y
services:
  web:
    depends_on: [api]
    failure_modes:
      - {name: crash, occurs: {weibull: {shape: 1.5, scale: 20d}},
         repair: {self_heal: {lognormal: {median: 30m, p95: 3h}}}}
  api:
    depends_on: [db]
    like: web
  db:
    like: web
journeys: {checkout: [web]}
"""

# Lognormal from median and p95, as the scenario format defines it.
Z95 = 1.6448536269514722


def lognormal(rng, median, p95):
    return rng.lognormvariate(math.log(median), math.log(p95 / median) / Z95)


class Downtime:
    """Down time and outages of a scope that is down while `down` counts above `limit`."""

    def __init__(self, env, limit):
        self.env, self.limit = env, limit
        self.failed, self.since, self.total, self.outages = 0, None, 0.0, 0

    def change(self, delta):
        was_down = self.failed > self.limit
        self.failed += delta
        if not was_down and self.failed > self.limit:
            self.since, self.outages = self.env.now, self.outages + 1
        elif was_down and self.failed <= self.limit:
            self.total += self.env.now - self.since

    def close(self, horizon):
        if self.failed > self.limit:
            self.total += horizon - self.since


def one_year(limit, start):
    """One trial: `start(env, scope)` starts the component processes; downtime and outages of
    the scope that is down with more than `limit` components failed."""
    env = simpy.Environment()
    scope = Downtime(env, limit)
    start(env, scope)
    env.run(until=YEAR)
    scope.close(YEAR)
    return scope.total, scope.outages


def pair_crew_trial(rng):
    def start(env, scope):
        crew = simpy.Resource(env, capacity=1)

        def replica():
            while True:
                yield env.timeout(rng.expovariate(1 / (30 * DAY)))
                scope.change(+1)
                with crew.request() as turn:
                    yield turn
                    yield env.timeout(lognormal(rng, 4 * HOUR, 12 * HOUR))
                scope.change(-1)

        for _ in range(3):
            env.process(replica())

    return one_year(1, start)  # 2 of 3 needed: down with 2 failed


def chain_trial(rng):
    def start(env, scope):
        def service():
            while True:
                yield env.timeout(rng.weibullvariate(20 * DAY, 1.5))
                scope.change(+1)
                yield env.timeout(lognormal(rng, 30 * 60.0, 3 * HOUR))
                scope.change(-1)

        for _ in range(3):
            env.process(service())

    return one_year(0, start)  # every service needed


MODELS = [("pair-crew", PAIR_CREW, pair_crew_trial), ("chain", CHAIN, chain_trial)]


def mean_and_error(values):
    n = len(values)
    mean = sum(values) / n
    variance = sum((v - mean) ** 2 for v in values) / (n - 1)
    return mean, math.sqrt(variance / n)


def time_simpy(trial, seconds, repeats):
    """Trials per second of the SimPy program (fastest of `repeats` runs of about `seconds`),
    and its per-trial downtime and outages from the last run."""
    best, results = 0.0, []
    for repeat in range(repeats):
        rng = random.Random(1000 + repeat)
        results, start = [], time.perf_counter()
        while time.perf_counter() - start < seconds:
            results.append(trial(rng))
        best = max(best, len(results) / (time.perf_counter() - start))
    return best, results


def agreement(engine_doc, simpy_results):
    """The engine's mean downtime and outages a trial against SimPy's: (what, engine, simpy, z)."""
    scope = engine_doc["scopes"][0]
    per_year = YEAR / engine_doc["horizon_seconds"]
    checks = []
    for what, key, column in (("downtime s", "downtime_per_year", 0), ("outages", "outages_per_year", 1)):
        interval = scope[key]
        engine = interval["estimate"] / per_year
        engine_error = (interval["upper"] - interval["lower"]) / (2 * 1.96) / per_year
        simpy_mean, simpy_error = mean_and_error([r[column] for r in simpy_results])
        z = abs(engine - simpy_mean) / math.hypot(engine_error, simpy_error)
        checks.append((what, engine, simpy_mean, z))
    return checks


def main():
    arguments = peer_arguments(__doc__, "SimPy", 2.0).parse_args()
    if arguments.smoke:
        arguments.seconds, arguments.repeats = 0.2, 1
    busy_at_start = busy()
    print("engine (reliasim run, 1 thread, whole command) against a plain SimPy program, per trial")
    figures, failures = [], 0
    with tempfile.TemporaryDirectory(prefix="simpy-peer-") as directory:
        for name, text, trial in MODELS:
            scenario = Path(directory) / f"{name}.yaml"
            scenario.write_text(text)
            simpy_rate, results = time_simpy(trial, arguments.seconds, arguments.repeats)
            # Enough engine trials for a run of about the same length as SimPy's, at least 2000.
            trials = 2000 if arguments.smoke else max(2000, int(simpy_rate * arguments.seconds * GOAL))
            engine_rate, doc = time_engine(str(arguments.cli), scenario, trials, arguments.repeats,
                                           Path(directory) / "out.json")
            ratio = engine_rate / simpy_rate
            checks = agreement(doc, results)
            agrees = all(z <= 4 for *_, z in checks)
            failures += not agrees
            state = "not judged (smoke)" if arguments.smoke else (
                "not measured (machine busy)" if busy_at_start or busy() else
                ("PASS" if ratio >= GOAL else "MISS"))
            print(f"\n== {name}: SimPy {simpy_rate:.1f} trials/s ({len(results)} trials), engine "
                  f"{engine_rate:.0f} trials/s ({trials} trials)")
            for what, engine, simpy_mean, z in checks:
                print(f"  {what:<11} engine {engine:10.4g}  SimPy {simpy_mean:10.4g}  "
                      f"difference {z:.1f} standard errors")
            print(f"  engine/SimPy per trial {ratio:.1f}x  (goal >= {GOAL:.0f}x)  {state}"
                  f"{'' if agrees else '  DISAGREE'}")
            figures.append({"model": name, "simpy_trials_per_second": simpy_rate,
                            "engine_trials_per_second": engine_rate, "ratio": ratio,
                            "verdict": state, "agrees": agrees,
                            "checks": [dict(zip(("what", "engine", "simpy", "z"), c)) for c in checks]})
    if arguments.json:
        arguments.json.write_text(json.dumps({"models": figures}, indent=2) + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
