#!/usr/bin/env python3
"""SimPy reference: the model reliasim_bench measures, simulated with SimPy on one thread.

It reads the compiled model that `reliasim_bench --export SCENARIO MODEL.json` writes, so both
simulate the same failure sources with the same distributions (times in seconds, defaults
applied), the same replicas and k-of-n rules, hard and soft dependencies, failover groups,
crews (as simpy.Resource), maintenance windows and journeys. It is a straightforward SimPy
program: one process per failure source, one per maintenance window, one per failover.

It keeps the books the engine keeps for every trial (`Books`): each incident with its T0-T4
and whether it was user-facing; each scope's (journey's, or SLA or SLO service's) down,
degraded and failing time per window, its down time by cause, its outages and longest
outage, and its down time attributed to each failure mode; each service's down and degraded
time. `--books availability` keeps only service and journey down time, as a user would who
asks for availability alone.

Simplifications (they make SimPy's job a little lighter, never heavier): no SLA or SLO
measurement at the end of a trial (uptime, credits and error budgets per contract window),
and the run stops at the horizon (incidents still open there are recorded as they stand).
check_simpy_agreement.py checks that its results agree with the engine's.

Usage: simpy_reference.py [--seconds 2 | --trials N] [--repeats 3] [--json OUT] [--smoke]
       [--books all|availability] LABEL=MODEL.json ...
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
NAN = math.nan


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
        self.windows = data["windows"]
        self.scopes = data["scopes"]
        self.failure_modes = len(data["failure_modes"])
        self.failure_mode_names = data["failure_modes"]  # service/name
        self.member_sources = {}  # (group, member position) -> sources that member owns
        for i, source in enumerate(self.sources):
            if source["standby"] is not None:
                self.member_sources.setdefault(tuple(source["standby"]), []).append(i)
        self.scope_of_service = [-1] * len(self.services)
        for k, scope in enumerate(self.scopes):
            if not scope["journey"]:
                self.scope_of_service[scope["index"]] = k

CAUSES = 4  # internal, third party, customer, maintenance (results.hpp)
MAINTENANCE = 3
# An incident record: the engine's IncidentRecord fields, in order.
TRIAL, SOURCE, MODE, START, DETECTED, ENGAGED, MITIGATED, REPAIRED, BY, USER_FACING = range(10)


class AvailabilityBooks:
    """Down time per service and per scope over the whole trial: availability alone."""

    def __init__(self, model: Model, trial: int) -> None:
        self.m = model
        self.trial = trial
        self.service_since = [0.0] * len(model.services)
        self.service_down = [0.0] * len(model.services)
        self.scope_error = [0.0] * len(model.scopes)
        self.scope_since = [0.0] * len(model.scopes)
        self.scope_total_down = [0.0] * len(model.scopes)

    def service_changed(self, s: int, old: float, now: float) -> None:
        if old >= 1.0:
            self.service_down[s] += now - self.service_since[s]
        self.service_since[s] = now

    def scope_changed(self, k: int, error: float, now: float) -> None:
        if self.scope_error[k] >= self.m.scopes[k]["down_at"]:
            self.scope_total_down[k] += now - self.scope_since[k]
        self.scope_since[k], self.scope_error[k] = now, error

    def incident(self, source: int, mode: int, now: float, by: int) -> list | None:
        return None

    def add_cause(self, scopes: list[int], cause: list, now: float) -> None:
        pass

    def remove_cause(self, scopes: list[int], cause: list, now: float) -> None:
        pass

    def finish(self, errors: list[float], now: float) -> None:
        for s, error in enumerate(errors):
            self.service_changed(s, error, now)
        for k, error in enumerate(self.scope_error):
            self.scope_changed(k, error, now)


class Books(AvailabilityBooks):
    """What the engine records for every trial (results.hpp), kept the plain way: time per
    scope and window (down, degraded, failing fraction's integral, down time by cause), outages,
    down time attributed to failure modes, each incident with its T0-T4, service times."""

    def __init__(self, model: Model, trial: int) -> None:
        super().__init__(model, trial)
        scopes, windows = len(model.scopes), len(model.windows) - 1
        self.service_degraded = [0.0] * len(model.services)
        self.scope_down = [[0.0] * windows for _ in range(scopes)]
        self.scope_degraded = [[0.0] * windows for _ in range(scopes)]
        self.scope_failing = [[0.0] * windows for _ in range(scopes)]
        self.scope_down_by_cause = [[[0.0] * CAUSES for _ in range(windows)] for _ in range(scopes)]
        self.scope_outages = [0] * scopes
        self.scope_longest_outage = [0.0] * scopes
        self.attributed_down = [[0.0] * model.failure_modes for _ in range(scopes)]
        self.incidents: list[list] = []
        self.outages: list[tuple] = []
        self.window = [0] * scopes  # the window each scope's last change fell in
        self.causes: list[list[list]] = [[] for _ in range(scopes)]  # [incident, mode, cause]
        self.outage_start = [0.0] * scopes
        self.outage_detected = [INF] * scopes
        self.outage_end: list[float | None] = [None] * scopes

    def service_changed(self, s: int, old: float, now: float) -> None:
        if 0.0 < old < 1.0:
            self.service_degraded[s] += now - self.service_since[s]
        super().service_changed(s, old, now)

    def incident(self, source: int, mode: int, now: float, by: int) -> list:
        record = [self.trial, source, mode, now, NAN, NAN, NAN, NAN, by, False]
        self.incidents.append(record)
        return record

    def add_cause(self, scopes: list[int], cause: list, now: float) -> None:
        for k in scopes:
            self.close(k, now)
            self.causes[k].append(cause)

    def remove_cause(self, scopes: list[int], cause: list, now: float) -> None:
        for k in scopes:
            self.close(k, now)
            causes = self.causes[k]
            for i, c in enumerate(causes):
                if c is cause:
                    del causes[i]
                    break

    def scope_changed(self, k: int, error: float, now: float) -> None:
        self.close(k, now)
        down_at, old = self.m.scopes[k]["down_at"], self.scope_error[k]
        if old < down_at <= error:
            if self.outage_end[k] == now:  # down again at the instant it came back: one outage
                self.outage_end[k] = None
            else:
                self.record_outage(k, None)
                self.outage_start[k], self.outage_detected[k] = now, INF
        elif error < down_at <= old:
            self.outage_end[k] = now  # recorded when it goes down later, or at the end
        self.scope_error[k] = error

    def close(self, k: int, now: float) -> None:
        """Books the time since scope k last changed, at the state it had."""
        start, error = self.scope_since[k], self.scope_error[k]
        self.scope_since[k] = now
        if now > start and error > 0.0:
            self.book(k, start, now, error)

    def book(self, k: int, start: float, end: float, error: float) -> None:
        """Books [start, end) of scope k, failing at `error`, into the windows it overlaps."""
        down = error >= self.m.scopes[k]["down_at"]
        causes = self.causes[k]
        shares = [0.0] * CAUSES
        if causes:
            for _, _, cause in causes:
                shares[cause] += 1.0 / len(causes)
        else:
            shares[0] = 1.0
        if down:
            self.attribute_down(k, causes, end - start)
        bounds, w = self.m.windows, self.window[k]
        while w + 2 < len(bounds) and bounds[w + 1] <= start:
            w += 1
        self.window[k] = w
        while w + 1 < len(bounds) and bounds[w] < end:
            seconds = max(0.0, min(end, bounds[w + 1]) - max(start, bounds[w]))
            if down:
                self.scope_down[k][w] += seconds
                by_cause = self.scope_down_by_cause[k][w]
                for c in range(CAUSES):
                    by_cause[c] += seconds * shares[c]
            else:
                self.scope_degraded[k][w] += seconds
            self.scope_failing[k][w] += error * seconds
            w += 1

    def attribute_down(self, k: int, causes: list[list], seconds: float) -> None:
        share = 1.0 / len(causes) if causes else 1.0
        for record, mode, _ in causes:
            if mode is not None:
                self.attributed_down[k][mode] += share * seconds
            if record is not None:
                record[USER_FACING] = True
                if record[DETECTED] < self.outage_detected[k]:
                    self.outage_detected[k] = record[DETECTED]

    def record_outage(self, k: int, censored_at: float | None) -> None:
        """Records scope k's last outage, ended at outage_end (or still on at `censored_at`).
        One of no length is none; a detection before its start gives a TTD of 0."""
        end = censored_at if censored_at is not None else self.outage_end[k]
        self.outage_end[k] = None
        start, detected = self.outage_start[k], self.outage_detected[k]
        if end is None or end <= start:
            return
        self.scope_outages[k] += 1
        self.scope_longest_outage[k] = max(self.scope_longest_outage[k], end - start)
        self.outages.append((self.trial, k, start, end,
                             max(start, detected) if detected <= end else NAN,
                             censored_at is not None))

    def finish(self, errors: list[float], now: float) -> None:
        for s, error in enumerate(errors):
            self.service_changed(s, error, now)
        for k, error in enumerate(self.scope_error):
            self.close(k, now)
            self.record_outage(k, now if error >= self.m.scopes[k]["down_at"] else None)


class Trial:
    """One trial: a fresh SimPy environment over the model's horizon."""

    def __init__(self, model: Model, rng: random.Random, books: AvailabilityBooks) -> None:
        self.m = model
        self.rng = rng
        self.books = books
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
        self.journey_error = [0.0] * len(model.journeys)
        # Sources age at 1 while active, at the group's dormant factor while on standby.
        self.aging = [1.0] * len(model.sources)
        for (group, member), sources in model.member_sources.items():
            for i in sources if member != 0 else []:
                self.aging[i] = model.services[group]["failover"]["dormant_factor"]
        self.processes: list = [None] * len(model.sources)
        self.waiting = [False] * len(model.sources)  # waiting for its next occurrence

    def run(self) -> int:
        for i in range(len(self.m.sources)):
            self.processes[i] = self.env.process(self.source(i))
        for w in self.m.maintenance:
            self.env.process(self.maintenance(w))
        self.env.run(until=self.m.horizon)
        self.books.finish(self.error, self.m.horizon)
        return self.events

    # Failure sources, crews and maintenance.

    def source(self, i: int):
        src = self.m.sources[i]
        life = src["lifecycle"]
        rng, env, books = self.rng, self.env, self.books
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
        mode, cause_kind = src["failure_mode"], src["cause"]
        ages = src["standby"] is not None  # a failover member's source can change pace
        while True:
            if ages:
                yield from self.age(i, time_to_failure())
            else:
                yield env.timeout(time_to_failure())
            self.events += 1
            target = alternatives[rng.randrange(len(alternatives))]
            detected, by = INF, -1
            for d, (probability, delay) in enumerate(detectors):
                fires, t = rng.random() < probability, delay()
                if fires and t < detected:
                    detected, by = t, d
            reported = report()
            if detected == INF:
                detected, by = reported, len(detectors)  # the customer report
            t_engage = engage()
            t_mitigate = mitigate() if life["mitigation"] else 0.0
            t_repair = repair()
            start = env.now
            record = books.incident(i, mode, start, by)
            cause = [record, mode, cause_kind]
            books.add_cause(target["scopes"], cause, start)
            self.impair(src, target, +1)
            if life["self_heal"] or life["wait"]:
                ends = t_repair if life["self_heal"] else t_mitigate
                if record is not None and detected < ends:
                    record[DETECTED] = start + detected
                    record[ENGAGED] = start + min(ends, detected + t_engage)
                elif record is not None:
                    record[BY] = -1  # it ended before anyone noticed
                yield env.timeout(ends)
                self.events += 1
                self.end_impact(src, target, cause, record)
                if life["wait"]:  # the provider recovered: the repair follows
                    yield from self.with_crew(life["repair_crew"], t_repair)
                if record is not None:
                    record[REPAIRED] = env.now
                continue
            if detected == INF:
                return  # nobody ever notices: the source stays failed
            if record is not None:
                record[DETECTED] = start + detected
            yield env.timeout(detected)
            # The crew that works the incident is paged at detection; a busy member cannot
            # acknowledge, and the one who does mitigates (or repairs) without queueing again.
            first = life["mitigate_crew"] if life["mitigation"] else life["repair_crew"]
            resource = self.crews[first] if first >= 0 else None
            request = resource.request() if resource is not None else None
            if request is not None:
                yield request
            yield env.timeout(t_engage)
            self.events += 1
            if record is not None:
                record[ENGAGED] = env.now
            yield env.timeout(t_mitigate if life["mitigation"] else t_repair)
            self.events += 1
            if request is not None:
                resource.release(request)
            self.end_impact(src, target, cause, record)
            if life["mitigation"]:
                yield from self.with_crew(life["repair_crew"], t_repair)
            if record is not None:
                record[REPAIRED] = env.now

    def age(self, i: int, life: float):
        """Waits until source i has been active for `life` (a waiting standby ages slower)."""
        self.waiting[i] = True
        while True:
            stamp, aging = self.env.now, self.aging[i]
            try:
                yield self.env.timeout(life / aging) if aging > 0.0 else self.env.event()
                break
            except simpy.Interrupt:  # its member became active or went on standby
                life -= (self.env.now - stamp) * aging
        self.waiting[i] = False

    def set_aging(self, i: int, aging: float) -> None:
        if self.aging[i] != aging and self.waiting[i]:
            self.processes[i].interrupt()
        self.aging[i] = aging

    def end_impact(self, src: dict, target: dict, cause: list, record: list | None) -> None:
        """T3: the incident stops impairing its target and stops counting as a cause."""
        if record is not None:
            record[MITIGATED] = self.env.now
        self.books.remove_cause(target["scopes"], cause, self.env.now)
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
        cause = [None, None, MAINTENANCE]
        while True:
            self.events += 1
            self.books.add_cause(window["scopes"], cause, self.env.now)
            self.impair_services(window["services"], True, 1.0, +1)
            yield self.env.timeout(window["duration"])
            self.events += 1
            self.books.remove_cause(window["scopes"], cause, self.env.now)
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
            self.books.service_changed(s, old, self.env.now)
            self.error[s] = new
            if self.m.scope_of_service[s] >= 0:
                self.books.scope_changed(self.m.scope_of_service[s], new, self.env.now)
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
            self.journey_error[j] = error
            self.books.scope_changed(j, error, self.env.now)  # journeys are the first scopes

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
            self.activate(g, position)
            self.mode[g] = "up"
        elif not down and position == self.active[g] and self.mode[g] != "up":
            self.mode[g] = "up"
            self.version[g] += 1
        self.mark(g)

    def activate(self, g: int, member: int) -> None:
        dormant = self.m.services[g]["failover"]["dormant_factor"]
        for i in self.m.member_sources.get((g, self.active[g]), []):
            self.set_aging(i, dormant)
        self.active[g] = member
        for i in self.m.member_sources.get((g, member), []):
            self.set_aging(i, 1.0)

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
            self.activate(g, up[0])
            self.mode[g] = "up"
        else:
            self.mode[g] = "down"
        self.mark(g)
        self.propagate()


def simulate(model: Model, books: type, seed: int, first: int, trials: int) -> tuple[int, list]:
    """Runs trials [first, first + trials); returns the events and every trial's books."""
    events, kept = 0, []
    for t in range(first, first + trials):
        kept.append(books(model, t))
        events += Trial(model, random.Random(seed * 1_000_003 + t), kept[-1]).run()
    return events, kept


def measure(model: Model, books: type, seconds: float, seed: int, smoke: bool, repeats: int,
            trials: int | None = None) -> tuple[dict, list]:
    """Times the trials; returns the figures and the books of the last timed run."""
    def run(trials: int) -> tuple[int, float, list]:
        start = time.perf_counter()
        events, kept = simulate(model, books, seed, 1, trials)
        return events, time.perf_counter() - start, kept

    if trials is None:
        probe = run(1)[1]
        trials = 1 if smoke else max(1, math.ceil(seconds / max(probe, 1e-6)))
    # The machine's speed drifts: the fastest of `repeats` runs of the same trials counts.
    events, elapsed, kept = min((run(trials) for _ in range(1 if smoke else repeats)),
                                key=lambda timed: timed[1])
    return {"trials": trials, "events": events, "seconds": elapsed,
            "trials_per_second": trials / elapsed, "events_per_second": events / elapsed}, kept


def mean_and_error(values: list[float]) -> dict:
    """The mean of per-trial values and its standard error."""
    n = len(values)
    mean = sum(values) / n
    variance = sum((v - mean) ** 2 for v in values) / (n - 1) if n > 1 else 0.0
    return {"mean": mean, "standard_error": math.sqrt(variance / n)}


def summary(model: Model, kept: list[Books]) -> dict:
    """Per-trial means, with their errors, of what the engine's run summary reports per scope
    and per failure mode (check_simpy_agreement.py compares them)."""
    scopes = {}
    for k, scope in enumerate(model.scopes):
        scopes[scope["name"]] = {
            "down": mean_and_error([sum(b.scope_down[k]) for b in kept]),
            "degraded": mean_and_error([sum(b.scope_degraded[k]) for b in kept]),
            "outages": mean_and_error([float(b.scope_outages[k]) for b in kept]),
        }
    incidents = [[0.0] * model.failure_modes for _ in kept]
    for counts, b in zip(incidents, kept):
        for record in b.incidents:
            counts[record[MODE]] += 1.0
    modes = {name: {"incidents": mean_and_error([counts[f] for counts in incidents])}
             for f, name in enumerate(model.failure_mode_names)}
    return {"trials": len(kept), "horizon": model.horizon, "scopes": scopes,
            "failure_modes": modes}


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
    parser.add_argument("--books", choices=["all", "availability"], default="all",
                        help="keep the engine's books (default) or availability alone")
    args = parser.parse_args()
    books = Books if args.books == "all" else AvailabilityBooks
    results = []
    print(f"SimPy {simpy.__version__} on Python {platform.python_version()}, one thread")
    print(f"{'scenario':<8} {'trials':>7} {'seconds':>8} {'trials/s':>10} {'events/trial':>13} "
          f"{'events/s':>10}")
    for item in args.models:
        label, _, path = item.partition("=")
        model = Model(Path(path))
        figures, _ = measure(model, books, args.seconds, args.seed, args.smoke,
                             max(1, args.repeats), args.trials and max(1, args.trials))
        results.append({"label": label, "model": path, "books": args.books, **figures})
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
