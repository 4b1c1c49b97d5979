"""Writes scenarios/exports/incidents-2025.csv: a synthetic incident export, one year of three
services, drawn from known distributions so that `reliasim fit` can be checked against them
(docs/fit.md, Worked example). Deterministic: the same file every time.

    python3 tests/tools/make_incident_export.py scenarios/exports/incidents-2025.csv
"""

import csv
import datetime as dt
import math
import random
import sys

# The truth the fit should recover: incidents a year and each stage's distribution.
SERVICES = {
    "checkout-api": {"rate": 36, "ttd": ("lognormal", 240, 0.9), "tta": ("weibull", 1.4, 420),
                     "mitigate": ("gamma", 1.8, 900), "repair": ("lognormal", 7200, 1.0)},
    "payments-db": {"rate": 12, "ttd": ("lognormal", 120, 0.7), "tta": ("weibull", 1.2, 300),
                    "mitigate": ("gamma", 2.5, 1500), "repair": ("lognormal", 14400, 0.8)},
    "search": {"rate": 60, "ttd": ("lognormal", 600, 1.1), "tta": ("weibull", 1.1, 900),
               "mitigate": ("gamma", 1.2, 1200), "repair": ("lognormal", 3600, 1.2)},
}
START = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
END = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)  # when the export was taken


def draw(rng, spec):
    family, a, b = spec
    if family == "lognormal":  # median, sigma
        return a * math.exp(b * rng.gauss(0.0, 1.0))
    if family == "weibull":  # shape, scale
        return rng.weibullvariate(b, a)
    return rng.gammavariate(a, b)  # shape, scale


def stamp(time):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ") if time < END else ""


def main(path):
    rng = random.Random(2025)
    rows = []
    for service, truth in SERVICES.items():
        t = START
        while True:
            t += dt.timedelta(days=rng.expovariate(truth["rate"] / 365.25))
            if t >= END:
                break
            times = [t]
            for stage in ("ttd", "tta", "mitigate", "repair"):
                times.append(times[-1] + dt.timedelta(seconds=draw(rng, truth[stage])))
            severity = "SEV1" if rng.random() < 0.2 else "SEV2"
            rows.append([service, severity] + [stamp(x) for x in times])
    rows.sort(key=lambda row: row[2])
    with open(path, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "service", "severity", "started", "detected", "acknowledged",
                         "mitigated", "resolved"])
        for number, row in enumerate(rows, 1):
            writer.writerow([f"INC-{number}"] + row)


if __name__ == "__main__":
    main(sys.argv[1])
