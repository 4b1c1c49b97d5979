"""Fitting incident durations from real incidents (docs/fit.md).

``fit_export`` reads an incident export (CSV or JSON; canonical column names, a bundled
mapping such as ``"pagerduty"`` or a mapping file) and fits, per group, the incident rate and
each stage of the lifecycle with four families by maximum likelihood, open incidents censored.
``fit_durations`` fits a plain array of durations in seconds.
"""

from __future__ import annotations

import os
from typing import Iterable, Optional, Sequence

import pandas as pd

from . import _core
from ._checks import number, whole

FAMILIES = ("exponential", "lognormal", "weibull", "gamma")
STAGES = ("detect", "engage", "mitigate", "repair", "TTM", "TTR")


def _rows_frame(rows: list) -> pd.DataFrame:
    flat = []
    for row in rows:
        out = {k: v for k, v in row.items() if k != "parameters"}
        for name, interval in row.get("parameters", {}).items():
            out[name] = interval["estimate"]
            out[name + "_lower"] = interval["lower"]
            out[name + "_upper"] = interval["upper"]
        flat.append(out)
    return pd.DataFrame(flat)


def fit_durations(durations: Sequence[float], censored: Iterable[float] = (), *,
                  families: Optional[Sequence[str]] = None, bootstrap: int = 0, seed: int = 1,
                  confidence: float = 0.95) -> pd.DataFrame:
    """Fits durations in seconds (``censored``: durations known only to be at least this long).

    One row per family: its parameters with their intervals (columns ``NAME``, ``NAME_lower``,
    ``NAME_upper``), median and p95, log-likelihood, AIC and its difference to the best, in
    order of AIC, and the KS and AD distances with their p-values from ``bootstrap`` refitted
    samples (NaN with none).
    """
    rows = _core.fit_durations([float(x) for x in durations], [float(x) for x in censored], [],
                               0.0, list(families or ()), whole("bootstrap", bootstrap, 0, 100000),
                               whole("seed", seed, 0, 2**64 - 1), number("confidence", confidence, 0.5, 0.9999))
    return _rows_frame(rows)


class FitReport:
    """The fits of one incident export: tables, plots, and the scenario they describe."""

    def __init__(self, calibration):
        self._calibration = calibration

    def groups(self) -> pd.DataFrame:
        """One row per group: incidents, open ones, and the rate a year with its interval."""
        rows = []
        for g in self._calibration.groups():
            rate = g["rate_per_year"]
            rows.append({"group": g["group"], "incidents": g["incidents"], "open": g["open"],
                         "rate_per_year": rate["estimate"], "rate_lower": rate["lower"],
                         "rate_upper": rate["upper"], "warnings": "; ".join(g["warnings"])})
        return pd.DataFrame(rows)

    def table(self) -> pd.DataFrame:
        """One row per group, stage and family: parameters, AIC, KS and AD with p-values."""
        return _rows_frame(self._calibration.rows())

    def sample(self, group: str, stage: str) -> dict:
        """The stage's durations in seconds: observed, right_censored (open), left_censored."""
        return self._calibration.sample(group, stage)

    def to_yaml(self, blocks: bool = False) -> str:
        """The scenario (or with ``blocks``, only its failure-mode blocks), as `reliasim fit`."""
        return self._calibration.render("yaml", blocks)

    def to_json(self) -> str:
        return self._calibration.render("json")

    def to_html(self) -> str:
        return self._calibration.render("html")

    def __str__(self) -> str:
        return self._calibration.render("table")

    def _repr_html_(self) -> str:
        return self.to_html()

    def plot(self, group: str, stage: str, family: Optional[str] = None, axes=None):
        """The data's Kaplan-Meier curve against the fit, and the QQ plot (matplotlib)."""
        import matplotlib.pyplot as plt
        import numpy as np

        if family is None:
            best = self.table().query("group == @group and stage == @stage and best")
            if best.empty:
                raise KeyError(f"no fit for group {group!r}, stage {stage!r}")
            family = best["family"].iloc[0]
        times, below, at = self._calibration.kaplan_meier(group, stage)
        if axes is None:
            _, axes = plt.subplots(1, 2, figsize=(10, 4))
        minutes = np.asarray(times) / 60.0
        axes[0].step(minutes, at, where="post", label="data (Kaplan-Meier)")
        grid = np.geomspace(max(minutes.min(), 1e-3), minutes.max(), 200)
        axes[0].plot(grid, self._calibration.cdf(group, stage, family, list(grid * 60.0)),
                     label=f"fitted {family}")
        axes[0].set_xscale("log")
        axes[0].set_xlabel("duration (minutes)")
        axes[0].set_ylabel("share ended")
        axes[0].legend()
        positions = [(b + a) / 2 for b, a in zip(below, at)]
        fitted = np.asarray(self._calibration.quantile(group, stage, family, positions)) / 60.0
        axes[1].loglog(fitted, minutes, "o", markersize=3, label="data")
        lo, hi = min(fitted.min(), minutes.min()), max(fitted.max(), minutes.max())
        axes[1].plot([lo, hi], [lo, hi], "--", label="y = x")
        axes[1].set_xlabel(f"fitted {family} quantile (minutes)")
        axes[1].set_ylabel("data (minutes)")
        axes[1].legend()
        axes[0].set_title(f"{group} {stage}")
        return axes


def fit_export(path, *, mapping: Optional[str] = None, columns: Optional[dict] = None,
               group_by: Optional[Sequence[str]] = None, one_group: bool = False,
               utc_offset: Optional[str] = None, since: Optional[str] = None,
               until: Optional[str] = None, resolution: float = 1.0,
               families: Optional[Sequence[str]] = None, bootstrap: int = 999, seed: int = 1,
               confidence: float = 0.95) -> FitReport:
    """Fits an incident export as ``reliasim fit`` does; the same arguments, the same numbers.

    ``resolution`` is in seconds. ``columns`` maps fields to the export's columns ({"resolved": "Closed At"}); ``group_by``
    lists fields or columns. Raises ScenarioError naming the file, line and field of a problem.
    """
    pairs = [f"{field}={column}" for field, column in (columns or {}).items()]
    if isinstance(group_by, str):
        group_by = [group_by]
    calibration = _core.fit_export(os.fspath(path), mapping or "", pairs, list(group_by or ()),
                                   bool(one_group), utc_offset or "", since or "", until or "",
                                   number("resolution", resolution, 0.001, 86400.0),
                                   list(families or ()), whole("bootstrap", bootstrap, 0, 100000),
                                   whole("seed", seed, 0, 2**64 - 1), number("confidence", confidence, 0.5, 0.9999))
    return FitReport(calibration)
