#!/usr/bin/env python3
"""Checks that the SimPy reference simulates the engine's model: the same scenario, run by
`reliasim run` and by simpy_reference.py with its books, must give the same means within
their statistical error. Each scope's down time, degraded time and outages per year, and each
failure mode's incidents per year, are compared; a difference beyond 4 standard errors of the
difference fails.

The two draw different random numbers, so they agree only in distribution. Both run with
fixed seeds, so the check gives the same answer every time.

Usage: check_simpy_agreement.py --cli RELIASIM --scenario SCENARIO.yaml --model MODEL.json
       [--trials 400] [--engine-trials 4000]
Exits with 77 (CTest's "skipped") when SimPy is not installed.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import simpy_reference  # noqa: E402  (exits with 77 without SimPy)

SECONDS_PER_YEAR = 365.0 * 86400.0  # the run summary's year (analysis/summary.hpp)
Z_95 = 1.959963984540054  # the engine's intervals are 95 % intervals
TOLERANCE = 4.0  # standard errors of the difference


def per_year(mean: float, standard_error: float, years: float) -> dict:
    return {"mean": mean / years, "standard_error": standard_error / years}


def engine_figures(cli: str, scenario: str, trials: int) -> dict:
    """The engine's per-year means, with standard errors from their 95 % intervals."""
    run = subprocess.run([cli, "run", scenario, "--trials", str(trials), "--seed", "1",
                          "--format", "json"], check=True, capture_output=True, text=True)
    document = json.loads(run.stdout)

    def figure(interval: dict) -> dict:  # already per year
        return {"mean": interval["estimate"],
                "standard_error": (interval["upper"] - interval["lower"]) / (2 * Z_95)}

    figures = {}
    for scope in document["scopes"]:
        for name, key in (("down", "downtime_per_year"), ("degraded", "degraded_per_year"),
                          ("outages", "outages_per_year")):
            figures[f"{scope['name']} {name}"] = figure(scope[key])
    for mode in document["failure_modes"]:
        figures[f"{mode['service']}/{mode['name']} incidents"] = figure(mode["incidents_per_year"])
    return figures


def simpy_figures(model_file: Path, trials: int) -> dict:
    """The SimPy reference's per-year means and standard errors."""
    model = simpy_reference.Model(model_file)
    _, kept = simpy_reference.simulate(model, simpy_reference.Books, 1, 1, trials)
    summary = simpy_reference.summary(model, kept)
    years = model.horizon / SECONDS_PER_YEAR
    figures = {}
    for group in ("scopes", "failure_modes"):
        for label, values in summary[group].items():
            for name, value in values.items():
                figures[f"{label} {name}"] = per_year(value["mean"], value["standard_error"],
                                                      years)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True, help="the reliasim executable")
    parser.add_argument("--scenario", required=True)
    parser.add_argument("--model", type=Path, required=True,
                        help="the scenario's model, as `reliasim_bench --export` writes it")
    parser.add_argument("--trials", type=int, default=400, help="SimPy trials")
    parser.add_argument("--engine-trials", type=int, default=4000)
    args = parser.parse_args()
    engine = engine_figures(args.cli, args.scenario, args.engine_trials)
    reference = simpy_figures(args.model, args.trials)
    if set(engine) != set(reference):
        print(f"the two report different figures: {sorted(set(engine) ^ set(reference))}",
              file=sys.stderr)
        return 1
    failed = 0
    print(f"{'per year':<44} {'engine':>12} {'SimPy':>12} {'difference / error':>19}")
    for name, theirs in reference.items():
        ours = engine[name]
        error = math.hypot(ours["standard_error"], theirs["standard_error"])
        z = (ours["mean"] - theirs["mean"]) / error if error > 0 else 0.0
        verdict = "ok" if abs(z) <= TOLERANCE else "DIFFERENT"
        failed += verdict != "ok"
        print(f"{name:<44} {ours['mean']:>12.2f} {theirs['mean']:>12.2f} {z:>12.2f} {verdict}")
    if failed:
        print(f"{failed} figures differ by more than {TOLERANCE} standard errors", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
