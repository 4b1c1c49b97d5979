#!/usr/bin/env python3
"""The engine against AvailSim4, CERN's availability simulator, per trial, on the same model.

AvailSim4 (PyPI `availsim4`, GPL-3.0; this script only calls it) reads a system described
in spreadsheets: components, their failure modes with distributions and repairs, and how
children make up their parents. Both simulators run one model they express exactly:

- series-3: a line of three services in series (AvailSim4: a compound `LINE` with `and`
  children logic over a basic `SERVICE` with COMPONENT_NUMBER 3), each failing after an
  exponential time (MTTF 30 d) and repaired after an exponential time (mean 4 h), starting
  at once, without a crew limit (reliasim: `self_heal`); the failure clock restarts after
  each repair. Horizon one year (8,760 h; AvailSim4's time unit here is the hour).

Outputs compared: the line's mean downtime and outages a trial (AvailSim4's root summary
`downtime_duration`, and the root's entries into FAILED; the engine's journey
`downtime_per_year` and `outages_per_year`). They agree when the difference is within 4
standard errors. AvailSim4 reports means, not per-trial values, so its standard error is
the engine's per-trial standard deviation (from its confidence interval) over the square
root of AvailSim4's trial count: the two simulate the same model. The downtime is also
checked against the closed form: with l = 1/MTTF and m = 1/MTTR, a component that starts
up is down at time t with probability q(t) = l/(l+m) (1 - exp(-(l+m) t)), the line is up
with probability (1 - q(t))^3, and the expected downtime is the integral of 1 - (1 - q(t))^3
over the horizon (144.33 h).

Timing: the engine is `reliasim run FILE --trials N --threads 1 --format json` as a whole
(start-up, summary and JSON included). AvailSim4 is `availsim4core.main.start(...)` in this
process, as its README shows for use from Python: reading the two input workbooks, its Monte
Carlo loop, and writing its results workbook (a fixed cost of 0.15-0.2 s, printed as the
time of a 1-trial run), but not the interpreter's start-up, its imports, or the
per-simulation log lines its command line writes (logging is left unconfigured, so they are
dropped). AvailSim4 runs about `--seconds` long (its trial count is set from runs of 1 and
21 trials), with a different seed each repeat; the engine runs as many trials as it would
in that time at the goal (at least 20,000, at most 400,000). Each the fastest of --repeats
runs. The figure is the engine's trials per second over AvailSim4's. Goal: >= 1000x. When other
processes use the CPU (one-minute load average above 1.3), the goal is "not measured".

Usage: python bench/availsim4_peer.py [--cli PATH] [--seconds 3] [--repeats 3] [--json OUT] [--smoke]
(with a Python that has availsim4: `pip install availsim4`)
"""

import glob
import json
import logging
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

from peer_support import REPO_ROOT, busy, peer_arguments, time_engine

# AvailSim4 logs a warning on import when its optional quasi-Monte Carlo library is missing;
# a handler on the root logger keeps that (and its per-simulation INFO lines) off the output.
logging.getLogger().addHandler(logging.NullHandler())
try:
    import openpyxl
    from availsim4core import main as availsim4
except ImportError as error:  # ctest reports the smoke test as skipped
    print(f"AvailSim4 is not installed ({error}): pip install availsim4")
    sys.exit(77)

HOUR = 3600.0
HORIZON_H = 8760.0  # one year, as the scenario's `1y`
MTTF_H, MTTR_H, COMPONENTS = 30 * 24.0, 4.0, 3
GOAL = 1000.0
MAX_ENGINE_TRIALS = 400_000  # keeps an engine run under about 15 s

SCENARIO = """\
scenario: series-3
horizon: 1y
services:
  a:
    failure_modes:
      - {name: fault, occurs: {mtbf: 30d}, repair: {self_heal: {exponential: {mean: 4h}}}}
  b: {like: a}
  c: {like: a}
journeys: {line: [a, b, c]}
"""

# AvailSim4's system file: one sheet per table, the first row of each the column names.
SYSTEM = {
    "ARCHITECTURE": [
        ("COMPONENT_NAME", "COMPONENT_TYPE", "COMPONENT_NUMBER", "CHILDREN_NAME",
         "CHILDREN_LOGIC", "IN_MRU", "TRIGGER_MRU"),
        ("LINE", "compound", 1, "SERVICE", "and", "none", "none"),
        ("SERVICE", "basic", COMPONENTS, "none", "none", "none", "none"),
    ],
    "FAILURE_MODES": [
        ("FAILURE_MODE_NAME", "FAILURE_LAW", "FAILURE_PARAMETERS", "REPAIR_LAW",
         "REPAIR_PARAMETERS", "TYPE_OF_FAILURE", "HELD_BEFORE_REPAIR", "INSPECTION_NAME",
         "PHASE_NAME", "NEXT_PHASE_IF_FAILURE", "PHASE_CHANGE_TRIGGER", "HELD_AFTER_REPAIR"),
        # exp's parameter is the mean; a detectable failure is repaired at once.
        ("FAULT", "exp", MTTF_H, "exp", MTTR_H, "detectable", "NEVER_HELD", "none", "none",
         "none", "never", "never_held"),
    ],
    "FAILURE_MODE_ASSIGNMENTS": [("COMPONENT_NAME", "FAILURE_MODE_NAME"), ("SERVICE", "FAULT")],
    "PHASES": [("PHASE_NAME", "PHASE_LAW", "PHASE_PARAMETERS", "NEXT_DEFAULT_PHASE",
                "FIRST_PHASE")],
    "MRU": [("MRU_NAME", "MRU_LAW", "MRU_PARAMETERS", "MRU_SCHEDULE",
             "LOWEST_COMMON_ANCESTOR_SCOPE", "TRIGGERING_STATUS")],
    "INSPECTIONS": [("INSPECTION_NAME", "INSPECTION_PERIOD", "INSPECTION_DURATION")],
    "ROOT_CAUSE_ANALYSIS": [("TRIGGERING_COMPONENT_NAME", "TRIGGERED_BY_COMPONENT_STATUS",
                             "TRIGGERED_IN_PHASE")],
    "PHASE_JUMP": [("TRIGGERING_COMPONENT_NAME", "TRIGGERED_BY_COMPONENT_STATUS", "FROM_PHASE",
                    "TO_PHASE")],
}


def simulation_sheet(trials, seed):
    """AvailSim4's simulation file: plain Monte Carlo, `trials` runs over the horizon.
    Simulation i uses seed `seed + i`."""
    return {"SIMULATION": [
        ("SIMULATION_TYPE", "MIN_NUMBER_OF_SIMULATION", "MAX_NUMBER_OF_SIMULATION",
         "CONVERGENCE_MARGIN", "MAX_EXECUTION_TIME", "SEED", "DIAGNOSTICS", "SIMULATION_DURATION"),
        ("MONTE_CARLO", trials, trials, 2, 3600, seed, "SUMMARY", HORIZON_H),
    ]}


def write_workbook(path, sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)


def closed_form_downtime_h():
    """Expected downtime of the line over the horizon, all components up at the start."""
    rate, repair = 1 / MTTF_H, 1 / MTTR_H
    a, s = rate / (rate + repair), rate + repair
    # (1 - q(t))^n = sum_k C(n, k) (1 - a)^(n - k) a^k exp(-k s t)
    uptime = sum(math.comb(COMPONENTS, k) * (1 - a) ** (COMPONENTS - k) * a ** k
                 * (HORIZON_H if k == 0 else -math.expm1(-k * s * HORIZON_H) / (k * s))
                 for k in range(COMPONENTS + 1))
    return HORIZON_H - uptime


def run_availsim4(directory, trials, seed):
    """One AvailSim4 run in `directory`: (seconds, mean downtime h, mean outages a trial)."""
    directory.mkdir(parents=True, exist_ok=True)
    system, simulation = directory / "system.xlsx", directory / "simulation.xlsx"
    output = directory / "out"
    write_workbook(system, SYSTEM)
    write_workbook(simulation, simulation_sheet(trials, seed))
    start = time.perf_counter()
    availsim4.start(path_simulation=str(simulation), path_system=str(system),
                    output_folder=str(output), nb_processes=1)
    seconds = time.perf_counter() - start
    (result,) = glob.glob(str(output / "simulation_result_*.xlsx"))
    book = openpyxl.load_workbook(result, read_only=True)
    header, *rows = book["RESULTS_ROOT_SUMMARY"].iter_rows(values_only=True)
    downtime = float(dict(zip(header, rows[0]))["downtime_duration"])
    header, *rows = book["RESULTS"].iter_rows(values_only=True)
    rows = [dict(zip(header, row)) for row in rows]
    # The root enters FAILED once an outage: while one service is under repair, the root
    # stays UNDER_REPAIR when another fails.
    outages = sum(float(row["_MEAN_OCCURRENCES"]) for row in rows
                  if str(row["component"]).startswith("LINE_") and row["status"] == "FAILED")
    book.close()
    return seconds, downtime, outages


def time_availsim4(directory, seconds, repeats, smoke):
    """Trials per second of AvailSim4 (fastest of `repeats` runs of about `seconds`), its
    trial count a run, the seconds of a 1-trial run, and the mean downtime (h) and outages a
    trial over all runs."""
    # Runs of 1 and 21 trials give the fixed cost (the workbooks) and the cost of a trial,
    # which set the trial count.
    fixed, *_ = run_availsim4(directory / "calibrate-1", 1, 10**6)
    if smoke:
        trials = 10
    else:
        elapsed, *_ = run_availsim4(directory / "calibrate-21", 21, 10**6)
        trials = max(20, int((seconds - fixed) * 20 / max(elapsed - fixed, 1e-3)))
    best, downtimes, outages = 0.0, [], []
    for repeat in range(repeats):
        elapsed, downtime, outage = run_availsim4(directory / f"run{repeat}", trials,
                                                  1 + repeat * trials)
        best = max(best, trials / elapsed)
        downtimes.append(downtime)
        outages.append(outage)
    return best, trials, fixed, statistics.fmean(downtimes), statistics.fmean(outages)


def agreement(engine_doc, engine_trials, as4_trials, as4_downtime_h, as4_outages):
    """(what, engine, AvailSim4, z engine/AvailSim4, closed form or None, z of each against it)."""
    scope = engine_doc["scopes"][0]
    per_year = HOUR * HORIZON_H / engine_doc["horizon_seconds"]  # the horizon is one year
    z_level = statistics.NormalDist().inv_cdf(0.5 + engine_doc.get("confidence", 0.95) / 2)
    checks = []
    for what, key, unit, ours, exact in (
            ("downtime h", "downtime_per_year", HOUR, as4_downtime_h, closed_form_downtime_h()),
            ("outages", "outages_per_year", 1.0, as4_outages, None)):
        interval = scope[key]
        engine = interval["estimate"] / per_year / unit
        engine_error = (interval["upper"] - interval["lower"]) / (2 * z_level) / per_year / unit
        as4_error = engine_error * math.sqrt(engine_trials / as4_trials)
        z = abs(engine - ours) / math.hypot(engine_error, as4_error)
        exact_z = None if exact is None else (abs(engine - exact) / engine_error,
                                              abs(ours - exact) / as4_error)
        checks.append((what, engine, ours, z, exact, exact_z))
    return checks


def main():
    arguments = peer_arguments(__doc__, "AvailSim4", 3.0).parse_args()
    if arguments.smoke:
        arguments.repeats = 1
    busy_at_start = busy()
    print("engine (reliasim run, 1 thread, whole command) against AvailSim4 (availsim4core.main."
          "start), per trial")
    with tempfile.TemporaryDirectory(prefix="availsim4-peer-") as directory:
        directory = Path(directory)
        as4_rate, as4_trials, as4_fixed, downtime, outages = time_availsim4(
            directory, arguments.seconds, arguments.repeats, arguments.smoke)
        # Enough engine trials for a run as long as AvailSim4's at the goal, at least 20000.
        trials = 2000 if arguments.smoke else min(
            MAX_ENGINE_TRIALS, max(20000, int(as4_rate * arguments.seconds * GOAL)))
        scenario = directory / "series-3.yaml"
        scenario.write_text(SCENARIO)
        engine_rate, doc = time_engine(str(arguments.cli), scenario, trials, arguments.repeats,
                                       directory / "out.json")
    ratio = engine_rate / as4_rate
    checks = agreement(doc, trials, as4_trials * arguments.repeats, downtime, outages)
    agrees = all(z <= 4 and (exact_z is None or max(exact_z) <= 4)
                 for *_, z, _, exact_z in checks)
    state = "not judged (smoke)" if arguments.smoke else (
        "not measured (machine busy)" if busy_at_start or busy() else
        ("PASS" if ratio >= GOAL else "MISS"))
    print(f"\n== series-3: AvailSim4 {as4_rate:.1f} trials/s ({as4_trials} trials a run, "
          f"{arguments.repeats} runs; a 1-trial run {as4_fixed:.2f} s), engine "
          f"{engine_rate:.0f} trials/s ({trials} trials)")
    for what, engine, ours, z, exact, exact_z in checks:
        line = (f"  {what:<11} engine {engine:10.4g}  AvailSim4 {ours:10.4g}  "
                f"difference {z:.1f} standard errors")
        if exact is not None:
            line += (f"; closed form {exact:.4g} (engine {exact_z[0]:.1f}, AvailSim4 "
                     f"{exact_z[1]:.1f} standard errors off)")
        print(line)
    print(f"  engine/AvailSim4 per trial {ratio:.0f}x  (goal >= {GOAL:.0f}x)  {state}"
          f"{'' if agrees else '  DISAGREE'}")
    if arguments.json:
        figure = {"model": "series-3", "availsim4_trials_per_second": as4_rate,
                  "availsim4_trials_per_run": as4_trials, "availsim4_one_trial_seconds": as4_fixed,
                  "engine_trials_per_second": engine_rate,
                  "engine_trials": trials, "ratio": ratio, "goal": GOAL, "verdict": state,
                  "agrees": agrees,
                  "checks": [{"what": what, "engine": engine, "availsim4": ours, "z": z,
                              "closed_form": exact,
                              "z_closed_form": None if exact_z is None else list(exact_z)}
                             for what, engine, ours, z, exact, exact_z in checks]}
        arguments.json.write_text(json.dumps({"models": [figure]}, indent=2) + "\n")
    return 0 if agrees else 1


if __name__ == "__main__":
    sys.exit(main())
