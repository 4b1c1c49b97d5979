#!/usr/bin/env python3
"""SimPy reference: the model reliasim_bench measures, simulated with SimPy on one thread.

It reads the compiled model that `reliasim_bench --export SCENARIO MODEL.json` writes, so both
simulate the same failure sources with the same distributions (times in seconds, defaults
applied), the same replicas and k-of-n rules, hard and soft dependencies, failover groups,
crews (as simpy.Resource), maintenance windows and journeys. It is a straightforward SimPy
program: one process per failure source, one per maintenance window, one per failover.

Simplifications (they make SimPy's job a little lighter, never heavier): no per-window, SLA or
attribution accounting (only service and journey down time), waiting members of a failover
group age at full rate, and the run stops at the horizon.

Usage: simpy_reference.py [--seconds 2 | --trials N] [--repeats 3] [--json OUT] [--smoke]
       LABEL=MODEL.json ...
reliasim_bench --simpy PYTHON runs it between its own timed runs, one timed run at a time.
Exits with 77 (CTest's "skipped") when SimPy is not installed.
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import platform
import random
import sys
import time
from pathlib import Path

try:
    import simpy
except ImportError:
    print("simpy_reference.py: SimPy is not installed (pip install simpy)", file=sys.stderr)
    sys.exit(77)

INF = math.inf


def sampler(dist: dict | None, rng: random.Random):
    """A function drawing from `dist` (the engine's DistributionSpec as JSON)."""
    if dist is None:
        return lambda: INF
    kind, a, b, c = dist["kind"], dist["a"], dist["b"], dist["c"]
    if kind == "exponential":
        return lambda: rng.expovariate(1.0 / a)
    if kind == "weibull":
        return lambda: rng.weibullvariate(b, a)  # (scale, shape)
    if kind == "lognormal":
        return lambda: rng.lognormvariate(a, b)
    if kind == "gamma":
        return lambda: rng.gammavariate(a, b)  # (shape, scale)
    if kind == "normal":
        def positive_normal():
            for _ in range(200):
                x = rng.normalvariate(a, b)
                if x > 0:
                    return x
            return max(a, 0.0)
        return positive_normal
    if kind == "uniform":
        return lambda: rng.uniform(a, b)
    if kind == "triangular":
        return lambda: rng.triangular(a, c, b)  # (low, high, mode)
    if kind == "empirical":
        samples = dist["samples"] or [0.0]
        return lambda: rng.choice(samples)
    return lambda: a  # fixed


class Model:
    """The exported model plus what the simulation derives from it once."""

    def __init__(self, path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self.name = data["name"]
        self.horizon = data["horizon"]
        self.replica_service = data["replica_service"]
        self.services = data["services"]
        self.sources = data["sources"]
        self.crews = data["crews"]
        self.maintenance = data["maintenance"]
        self.journeys = data["journeys"]
        self.rank = [0] * len(self.services)
        for position, s in enumerate(data["dependencies_first"]):
            self.rank[s] = position
        self.by_rank = data["dependencies_first"]
        self.dependents = [[] for _ in self.services]
        for s, spec in enumerate(self.services):
            for d in spec["hard"] + [soft[0] for soft in spec["soft"]] + spec["members"]:
                self.dependents[d].append(s)
        self.journeys_of = [[] for _ in self.services]
        for j, services in enumerate(self.journeys):
            for s in services:
                self.journeys_of[s].append(j)


class Trial:
    """One trial: a fresh SimPy environment over the model's horizon."""

    def __init__(self, model: Model, rng: random.Random) -> None:
        self.m = model
        self.rng = rng
        self.env = simpy.Environment()
        self.events = 0
        self.crews = [simpy.Resource(self.env, capacity=size) if size > 0 else None
                      for size in model.crews]
        n = len(model.services)
        self.replica_impaired = [0] * len(model.replica_service)
        self.replicas_up = [s["replica_count"] for s in model.services]
        self.down_impacts = [0] * n
        self.degrade_ok = [1.0] * n  # product of (1 - degrade) over degrading impacts
        self.error = [0.0] * n
        self.active = [0] * n  # failover groups: the active member's position
        self.mode = ["up"] * n  # failover groups: up, switching, down
        self.version = [0] * n
        self.dirty: list[int] = []
        self.is_dirty = [False] * n
        self.service_since = [0.0] * n
        self.service_down_time = [0.0] * n
        self.journey_error = [0.0] * len(model.journeys)
        self.journey_since = [0.0] * len(model.journeys)
        self.journey_down_time = [0.0] * len(model.journeys)

    def run(self) -> int:
        for i in range(len(self.m.sources)):
            self.env.process(self.source(i))
        for w in self.m.maintenance:
            self.env.process(self.maintenance(w))
        self.env.run(until=self.m.horizon)
        return self.events

    # Failure sources, crews and maintenance.

    def source(self, i: int):
        src = self.m.sources[i]
        life = src["lifecycle"]
        rng = self.rng
        if src["time_to_failure"] is not None:
            time_to_failure = sampler(src["time_to_failure"], rng)
        elif src["failing_deploys_per_second"] > 0:
            rate = src["failing_deploys_per_second"]
            time_to_failure = lambda: rng.expovariate(rate)  # noqa: E731
        else:
            return
        detectors = [(d["probability"], sampler(d["delay"], rng)) for d in life["detectors"]]
        report = sampler(life["customer_report"], rng)
        engage, mitigate = sampler(life["engage"], rng), sampler(life["mitigate"], rng)
        repair = sampler(life["repair"], rng)
        alternatives = src["alternatives"]
        while True:
            yield self.env.timeout(time_to_failure())
            self.events += 1
            target = alternatives[rng.randrange(len(alternatives))]
            detected = INF
            for probability, delay in detectors:
                fires, d = rng.random() < probability, delay()
                if fires and d < detected:
                    detected = d
            reported = report()
            if detected == INF:
                detected = reported
            t_engage = engage()
            t_mitigate = mitigate() if life["mitigation"] else 0.0
            t_repair = repair()
            self.impair(src, target, +1)
            if life["self_heal"] or life["wait"]:
                yield self.env.timeout(t_repair if life["self_heal"] else t_mitigate)
                self.events += 1
                self.impair(src, target, -1)
                continue
            if detected == INF:
                return  # nobody ever notices: the source stays failed
            yield self.env.timeout(detected + t_engage)
            self.events += 1
            if life["mitigation"]:
                yield from self.with_crew(life["mitigate_crew"], t_mitigate)
                self.impair(src, target, -1)
                yield from self.with_crew(life["repair_crew"], t_repair)
            else:
                yield from self.with_crew(life["repair_crew"], t_repair)
                self.impair(src, target, -1)

    def with_crew(self, crew: int, duration: float):
        resource = self.crews[crew] if crew >= 0 else None
        if resource is None:
            yield self.env.timeout(duration)
        else:
            with resource.request() as request:
                yield request
                yield self.env.timeout(duration)
        self.events += 1

    def maintenance(self, window: dict):
        yield self.env.timeout(window["offset"])
        while True:
            self.events += 1
            self.impair_services(window["services"], True, 1.0, +1)
            yield self.env.timeout(window["duration"])
            self.events += 1
            self.impair_services(window["services"], True, 1.0, -1)
            yield self.env.timeout(max(0.0, window["every"] - window["duration"]))

    # Impairments and their propagation through the dependency graph.

    def impair(self, src: dict, target: dict, delta: int) -> None:
        for r in target["replicas"]:
            was_up = self.replica_impaired[r] == 0
            self.replica_impaired[r] += delta
            if was_up != (self.replica_impaired[r] == 0):
                s = self.m.replica_service[r]
                self.replicas_up[s] += -1 if was_up else 1
                self.mark(s)
        self.impair_services(target["services"], src["down"], src["degrade"], delta)
        self.propagate()

    def impair_services(self, services: list[int], down: bool, degrade: float, delta: int) -> None:
        for s in services:
            if down or degrade >= 1.0:
                self.down_impacts[s] += delta
            elif delta > 0:
                self.degrade_ok[s] *= 1.0 - degrade
            else:
                self.degrade_ok[s] /= 1.0 - degrade
            self.mark(s)
        self.propagate()

    def mark(self, s: int) -> None:
        if not self.is_dirty[s]:
            self.is_dirty[s] = True
            heapq.heappush(self.dirty, self.m.rank[s])

    def propagate(self) -> None:
        while self.dirty:
            s = self.m.by_rank[heapq.heappop(self.dirty)]
            self.is_dirty[s] = False
            old, new = self.error[s], self.service_error(s)
            if new == old:
                continue
            now = self.env.now
            if old >= 1.0:
                self.service_down_time[s] += now - self.service_since[s]
            self.service_since[s] = now
            self.error[s] = new
            if (old >= 1.0) != (new >= 1.0):
                for g in self.m.dependents[s]:
                    if s in self.m.services[g]["members"]:
                        self.member_changed(g, s, new >= 1.0)
            for d in self.m.dependents[s]:
                self.mark(d)
            for j in self.m.journeys_of[s]:
                self.update_journey(j)

    def service_error(self, s: int) -> float:
        spec = self.m.services[s]
        if self.down_impacts[s] > 0:
            return 1.0
        ok = self.degrade_ok[s]
        if spec["members"]:
            if self.mode[s] != "up":
                return 1.0
            ok *= 1.0 - self.error[spec["members"][self.active[s]]]
        elif spec["replica_count"] > 0 and self.replicas_up[s] < spec["min_healthy"]:
            return 1.0
        for d in spec["hard"]:
            if self.error[d] >= 1.0:
                return 1.0
            ok *= 1.0 - self.error[d]
        for d, degrade in spec["soft"]:
            ok *= 1.0 - degrade * self.error[d]
        return 1.0 if ok <= 0.0 else 1.0 - ok

    def update_journey(self, j: int) -> None:
        ok = 1.0
        for s in self.m.journeys[j]:
            ok *= 1.0 - self.error[s]
        error = 1.0 if ok <= 0.0 else 1.0 - ok
        if error != self.journey_error[j]:
            if self.journey_error[j] >= 1.0:
                self.journey_down_time[j] += self.env.now - self.journey_since[j]
            self.journey_since[j] = self.env.now
            self.journey_error[j] = error

    # Failover groups.

    def member_changed(self, g: int, s: int, down: bool) -> None:
        members = self.m.services[g]["members"]
        position = members.index(s)
        others_up = [k for k, m in enumerate(members) if m != s and self.error[m] < 1.0]
        if down and position == self.active[g] and self.mode[g] == "up":
            if others_up:
                self.mode[g] = "switching"
                self.version[g] += 1
                self.env.process(self.failover(g, self.version[g]))
            else:
                self.mode[g] = "down"
        elif not down and self.mode[g] == "down":
            self.active[g], self.mode[g] = position, "up"
        elif not down and position == self.active[g] and self.mode[g] != "up":
            self.mode[g] = "up"
            self.version[g] += 1
        self.mark(g)

    def failover(self, g: int, version: int):
        spec = self.m.services[g]["failover"]
        yield self.env.timeout(sampler(spec["delay"], self.rng)())
        self.events += 1
        if self.rng.random() >= spec["success"] and spec["manual"] is not None:
            yield self.env.timeout(sampler(spec["manual"], self.rng)())
            self.events += 1
        if self.version[g] != version:
            return
        members = self.m.services[g]["members"]
        up = [k for k, m in enumerate(members) if k != self.active[g] and self.error[m] < 1.0]
        if up:
            self.active[g], self.mode[g] = up[0], "up"
        else:
            self.mode[g] = "down"
        self.mark(g)
        self.propagate()


def measure(model: Model, seconds: float, seed: int, smoke: bool, repeats: int,
            trials: int | None = None) -> dict:
    def run(trials: int, first: int) -> tuple[int, float]:
        start = time.perf_counter()
        events = 0
        for t in range(first, first + trials):
            events += Trial(model, random.Random(seed * 1_000_003 + t)).run()
        return events, time.perf_counter() - start

    if trials is None:
        _, probe = run(1, 0)
        trials = 1 if smoke else max(1, math.ceil(seconds / max(probe, 1e-6)))
    # The machine's speed drifts: the fastest of `repeats` runs of the same trials counts.
    events, elapsed = min((run(trials, 1) for _ in range(1 if smoke else repeats)),
                          key=lambda timed: timed[1])
    return {"trials": trials, "events": events, "seconds": elapsed,
            "trials_per_second": trials / elapsed, "events_per_second": events / elapsed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+", metavar="LABEL=MODEL.json")
    parser.add_argument("--seconds", type=float, default=2.0, help="target time per model")
    parser.add_argument("--trials", type=int,
                        help="time exactly this many trials per model (instead of --seconds)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="timed runs per model; the fastest counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--smoke", action="store_true", help="one trial per model")
    args = parser.parse_args()
    results = []
    print(f"SimPy {simpy.__version__} on Python {platform.python_version()}, one thread")
    print(f"{'scenario':<8} {'trials':>7} {'seconds':>8} {'trials/s':>10} {'events/trial':>13} "
          f"{'events/s':>10}")
    for item in args.models:
        label, _, path = item.partition("=")
        figures = measure(Model(Path(path)), args.seconds, args.seed, args.smoke,
                          max(1, args.repeats), args.trials and max(1, args.trials))
        results.append({"label": label, "model": path, **figures})
        print(f"{label:<8} {figures['trials']:>7} {figures['seconds']:>8.2f} "
              f"{figures['trials_per_second']:>10.2f} {figures['events'] / figures['trials']:>13.0f} "
              f"{figures['events_per_second']:>10.0f}", flush=True)
        if figures["events"] <= 0:
            print(f"simpy_reference.py: {label}: no events", file=sys.stderr)
            return 1
    if args.json:
        args.json.write_text(json.dumps({
            "tool": "simpy_reference", "simpy": simpy.__version__,
            "python": platform.python_version(), "results": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
