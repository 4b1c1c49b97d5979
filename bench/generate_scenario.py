#!/usr/bin/env python3
"""Writes a synthetic reliasim scenario of about N services for the benchmarks.

The layout is fixed by N alone (no randomness), so the same N always gives the same file:

- edge load balancers, API services, three tiers of backends, caches, failover database
  groups (primary + warm standby), and external providers;
- replicated services spread over three zones with k-of-n (`min_healthy`);
- hard dependencies down the tiers, soft dependencies on caches, APIs on externals;
- one crew per team of 25 services, data on-call crews, an unlimited automation crew;
- a zone-outage common cause, a config-push common cause, monthly maintenance;
- journeys (edge + API), one SLO and one SLA.

Usage: generate_scenario.py --services 200 --out build/bench/medium.yaml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ZONES = ["zone-a", "zone-b", "zone-c"]
TEAM_SIZE = 25  # services per platform crew


class Layout:
    """Service names per role, derived from the requested total."""

    def __init__(self, total: int) -> None:
        total = max(total, 12)
        self.edges = [f"edge-{i}" for i in range(max(1, total // 100))]
        self.externals = [f"provider-{i}" for i in range(max(1, total // 50))]
        self.caches = [f"cache-{i}" for i in range(max(1, total // 25))]
        groups = max(2, total // 60)
        self.groups = [f"db-{i}" for i in range(groups)]
        fixed = len(self.edges) + len(self.externals) + len(self.caches) + 3 * groups
        rest = max(5, total - fixed)
        apis = max(2, rest * 3 // 10)
        self.apis = [f"api-{i}" for i in range(apis)]
        backends = rest - apis
        per_tier = max(1, backends // 3)
        self.tiers = [
            [f"svc-t{t}-{i}" for i in range(per_tier if t < 2 else backends - 2 * per_tier)]
            for t in range(3)
        ]

    def count(self) -> int:
        return (len(self.edges) + len(self.externals) + len(self.caches) + 3 * len(self.groups)
                + len(self.apis) + sum(len(t) for t in self.tiers))


def pick(names: list[str], i: int, k: int = 1) -> list[str]:
    """k distinct names chosen deterministically for index i (consecutive from a spread start)."""
    if not names:
        return []
    start = i * 7 % len(names)
    return [names[(start + j) % len(names)] for j in range(min(k, len(names)))]


def distinct(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def replicas(count: int, min_healthy: int) -> str:
    return f"{{count: {count}, zones: [{', '.join(ZONES)}], min_healthy: {min_healthy}}}"


def depends(hard: list[str], soft: list[tuple[str, float]]) -> list[str]:
    items = list(hard) + [f"{{service: {s}, soft: true, degrade: {d}}}" for s, d in soft]
    return [f"    depends_on: [{', '.join(items)}]"] if items else []


def app_modes(i: int) -> list[str]:
    modes = [
        "      - {name: replica-crash, scope: replica, occurs: {mtbf: 90d},",
        "         repair: {self_heal: {lognormal: {median: 3m, p95: 10m}}}}",
        "      - {name: bad-deploy, occurs: {per_deploy: 0.03}, impact: {degrade: 0.5},",
        "         mitigate: {rollback: {lognormal: {median: 10m, p95: 40m}}}}",
        "      - {name: resource-exhaustion, occurs: {rate: 2/y}, runbook: true}",
    ]
    if i % 3 == 0:
        modes += [
            "      - {name: memory-leak, scope: replica, occurs: {weibull: {shape: 1.5, scale: 30d}},",
            "         repair: {self_heal: {fixed: 2m}}}",
        ]
    return modes


def app_service(name: str, i: int, crew: str, count: int, k: int, deps: list[str]) -> list[str]:
    return [
        f"  {name}:",
        f"    replicas: {replicas(count, k)}",
        *deps,
        "    deploys: 5/w",
        f"    crew: {crew}",
        "    failure_modes:",
        *app_modes(i),
    ]


def data_services(layout: Layout) -> list[str]:
    out: list[str] = []
    for g, group in enumerate(layout.groups):
        crew = f"data-oncall-{g // 10}"
        primary_zone, standby_zone = ZONES[g % 3], ZONES[(g + 1) % 3]
        out += [
            f"  {group}:",
            f"    any_of: [{group}-primary, {group}-standby]",
            "    failover: {delay: {lognormal: {median: 40s, p95: 3m}}, success: 0.97,",
            "               manual: {lognormal: {median: 20m, p95: 1h}}}",
            "    standby: {mode: warm, dormant_failure_factor: 0.3}",
            f"  {group}-primary:",
            f"    replicas: {{count: 1, zones: [{primary_zone}]}}",
            f"    crew: {crew}",
            "    failure_modes:",
            "      - {name: disk-full, occurs: {rate: 1/y},",
            f"         mitigate: {{manual: {{lognormal: {{median: 40m, p95: 3h}}}}, by: {crew}}}}}",
            "      - {name: host-failure, occurs: {mtbf: 2y},",
            f"         repair: {{manual: {{gamma: {{shape: 2, mean: 3h}}}}, by: {crew}}}}}",
            f"  {group}-standby:",
            f"    replicas: {{count: 1, zones: [{standby_zone}]}}",
            f"    like: {group}-primary",
            f"    crew: {crew}",
        ]
    return out


def other_services(layout: Layout) -> list[str]:
    out: list[str] = []
    for name in layout.edges:
        out += [
            f"  {name}:",
            f"    replicas: {replicas(3, 1)}",
            "    failure_modes:",
            "      - {name: node-crash, scope: replica, occurs: {mtbf: 120d},",
            "         repair: {self_heal: {lognormal: {median: 3m, p95: 10m}}}}",
            "      - {name: cert-expiry, occurs: {rate: 0.2/y},",
            "         detect: {probe: {probability: 1.0, delay: 2m}}}",
        ]
    for name in layout.caches:
        out += [
            f"  {name}:",
            f"    replicas: {replicas(3, 2)}",
            "    crew: automation",
            "    failure_modes:",
            "      - {name: eviction-storm, occurs: {rate: 6/y},",
            "         repair: {self_heal: {lognormal: {median: 10m, p95: 1h}}}}",
        ]
    for name in layout.externals:
        out += [
            f"  {name}:",
            "    external: true",
            "    failure_modes:",
            "      - {name: outage, occurs: {rate: 4/y},",
            "         mitigate: {wait: {lognormal: {median: 25m, p95: 3h}}}}",
            "      - {name: slow, occurs: {rate: 12/y}, impact: {degrade: 0.15},",
            "         mitigate: {wait: {lognormal: {median: 15m, p95: 1h}}}}",
        ]
    return out


def app_services(layout: Layout) -> list[str]:
    out: list[str] = []
    index = 0

    def crew() -> str:
        return f"team-{index // TEAM_SIZE}"

    for t, tier in enumerate(layout.tiers):
        below = layout.tiers[t + 1] if t < 2 else layout.groups
        for i, name in enumerate(tier):
            hard = pick(below, i, 2 if t == 0 else 1)
            soft = [(c, 0.2) for c in pick(layout.caches, i)]
            out += app_service(name, i, crew(), 3, 2, depends(hard, soft))
            index += 1
    for i, name in enumerate(layout.apis):
        hard = pick(layout.tiers[0], i, 2)
        if i % 4 == 0:  # every fourth API calls a provider
            hard = distinct(hard + pick(layout.externals, i))
        soft = [(c, 0.05) for c in pick(layout.caches, i + 1)]
        out += app_service(name, i, crew(), 5 if i % 2 else 3, 3 if i % 2 else 2, depends(hard, soft))
        index += 1
    return out


def header(layout: Layout, name: str) -> list[str]:
    return [
        "# Generated by bench/generate_scenario.py: a synthetic workload for the benchmarks.",
        f"scenario: {name}",
        f"description: synthetic {layout.count()}-service workload for reliasim_bench",
        "horizon: 1y",
        "start: 2027-01",
        "windows: calendar-month",
        f"zones: [{', '.join(ZONES)}]",
        "defaults:",
        "  detect:",
        "    alert: {probability: 0.9, delay: {lognormal: {median: 3m, p95: 15m}}}",
        "    fallback: {customer_report: {lognormal: {median: 45m, p95: 4h}}}",
        "  engage: {lognormal: {median: 5m, p95: 25m}}",
        "  mitigate: {manual: {lognormal: {median: 30m, p95: 3h}}}",
        "  repair: {manual: {lognormal: {mean: 2.5h, stddev: 5h}}}",
        "  crew: team-0",
    ]


def crews(layout: Layout) -> list[str]:
    apps = len(layout.apis) + sum(len(t) for t in layout.tiers)
    out = ["crews:"]
    out += [f"  team-{i}: {{size: 2}}" for i in range((apps + TEAM_SIZE - 1) // TEAM_SIZE)]
    out += [f"  data-oncall-{i}: {{size: 1}}" for i in range((len(layout.groups) + 9) // 10)]
    out.append("  automation: {size: unlimited}")
    return out


def tail(layout: Layout) -> list[str]:
    journeys = [(f"journey-{k}", [layout.edges[k % len(layout.edges)], api])
                for k, api in enumerate(pick(layout.apis, 1, max(2, min(20, layout.count() // 100))))]
    pushed = distinct(layout.edges[:1] + layout.apis[:3])
    return [
        "common_causes:",
        "  - name: zone-outage",
        "    hits: {zone: any}",
        "    occurs: {rate: 0.5/y}",
        "    mitigate: {wait: {lognormal: {median: 1h, p95: 6h}}}",
        "  - name: bad-config-push",
        f"    hits: {{services: [{', '.join(pushed)}]}}",
        "    occurs: {rate: 1/y}",
        "    detect: {alert: {probability: 1.0, delay: 3m}}",
        "    mitigate: {rollback: {lognormal: {median: 15m, p95: 1h}}}",
        "maintenance:",
        f"  - {{services: [{', '.join(g + '-primary' for g in layout.groups[:3])}], every: 1mo,",
        "     duration: 20m, offset: 3d, excluded_from_sla: true}",
        "journeys:",
        *[f"  {name}: [{', '.join(services)}]" for name, services in journeys],
        "slos:",
        f"  - {{name: {journeys[1][0]}-availability, journey: {journeys[1][0]}, target: 99.9%}}",
        "slas:",
        f"  - name: {journeys[0][0]}-enterprise",
        "    customer: enterprise tier",
        f"    journey: {journeys[0][0]}",
        "    target: 99.9%",
        "    measure: {bad_minutes: {granularity: 1m, min_run: 1m}}",
        "    credits: [{below: 99.9%, credit: 10%}, {below: 99.0%, credit: 25%}]",
        "    fee: {monthly: 120000, currency: EUR}",
        "    exclusions: [maintenance, third_party]",
    ]


def generate(total: int, name: str) -> str:
    layout = Layout(total)
    lines = header(layout, name) + ["services:"]
    lines += other_services(layout) + data_services(layout) + app_services(layout)
    lines += crews(layout) + tail(layout)
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, required=True, help="about this many services")
    parser.add_argument("--out", type=Path, required=True, help="the YAML file to write")
    parser.add_argument("--name", default=None, help="the scenario name (default: synthetic-N)")
    args = parser.parse_args()
    if args.services < 1:
        parser.error("--services must be at least 1")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = generate(args.services, args.name or f"synthetic-{args.services}")
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {Layout(args.services).count()} services, {len(text)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
