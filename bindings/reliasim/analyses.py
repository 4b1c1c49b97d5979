"""Analyses over runs: design comparison on common random numbers, and sensitivity."""

from __future__ import annotations

import json
from typing import Callable

from . import _core
from .results import Results, _escape, _flatten, _frame, _html_table


class Comparison:
    """Design B against design A, paired trial by trial (``reliasim compare``).

    Every figure has A's and B's estimate, the paired difference B - A with its interval,
    and whether that difference is distinguishable from noise (its interval excludes 0).
    """

    def __init__(self, raw: _core.ComparisonRun):
        self._raw = raw
        self._doc = json.loads(raw.render("json"))

    @property
    def verdict(self) -> str:
        """One line: does B differ from A beyond the noise, and does it pay for itself."""
        return self._doc["verdict"]

    def document(self) -> dict:
        """The JSON document ``reliasim compare --format json`` writes."""
        return json.loads(json.dumps(self._doc))

    def _figures(self, section: str):
        rows = []
        for item in self._doc[section]:
            for figure, values in item.items():
                if not isinstance(values, dict):
                    continue
                row = {section[:-1]: item["name"], "figure": figure, "unit": values["a"]["unit"]}
                for side in ("a", "b", "difference"):
                    row.update(_flatten(side, values[side]))
                row["distinguishable"] = values["distinguishable"]
                rows.append(row)
        return _frame(rows)

    def scopes(self):
        """One row per shared scope and figure: a, b, difference with intervals."""
        return self._figures("scopes")

    def slas(self):
        """One row per shared SLA and figure: breach probability, breaches and credit."""
        return self._figures("slas")

    def costs(self):
        """Per currency: running cost of each design, credits B saves, and the net saving."""
        rows = []
        for cost in self._doc["costs"]:
            row = {k: cost[k] for k in ("currency", "monthly_cost_a", "monthly_cost_b", "extra_cost_per_year")}
            row.update(_flatten("credits_saved_per_year", cost["credits_saved_per_year"]))
            row.update(_flatten("net_saving_per_year", cost["net_saving_per_year"]))
            rows.append(row)
        return _frame(rows, "currency")

    def report(self, format: str = "table") -> str:
        """The comparison as ``reliasim compare`` writes it: table or json."""
        return self._raw.render(format)

    def _repr_html_(self) -> str:
        return f"<p><b>{_escape(self.verdict)}</b></p>" + _html_table(self.scopes(), lambda v: f"{v:.6g}")

    def __repr__(self) -> str:
        return self.report()


class Sensitivity:
    """Parameters ranked by their effect on a scope's downtime and on SLA credit
    (``reliasim sensitivity``): the data behind a tornado chart."""

    def __init__(self, raw: _core.SensitivityRun):
        self._raw = raw
        self._doc = json.loads(raw.render("json"))

    @property
    def scope(self) -> str:
        return self._doc["scope"]

    @property
    def best_improvement(self) -> str:
        """Where an improvement buys the most, in one sentence."""
        return self._doc["best_improvement"]

    def document(self) -> dict:
        """The JSON document ``reliasim sensitivity --format json`` writes."""
        return json.loads(json.dumps(self._doc))

    def effects(self):
        """One row per parameter, largest swing first: baseline, low and high values, and the
        change in downtime (seconds a year) and credit (a year) each brings, with intervals."""
        rows = []
        for rank, effect in enumerate(self._doc["effects"], start=1):
            row = {"rank": rank, "parameter": f"{effect['owner']}: {effect['quantity']}"}
            row.update({k: effect[k] for k in ("owner", "quantity", "kind", "unit", "baseline", "low_value", "high_value")})
            for key in ("downtime_low", "downtime_high", "credit_low", "credit_high"):
                row.update(_flatten(key, effect[key]))
            rows.append(row)
        return _frame(rows, "rank")

    def report(self, format: str = "table") -> str:
        """The analysis as ``reliasim sensitivity`` writes it: table, csv or json."""
        return self._raw.render(format)

    def _repr_html_(self) -> str:
        frame = self.effects()[["parameter", "downtime_low", "downtime_high", "credit_low", "credit_high"]]
        return f"<p>{_escape(self.best_improvement)}</p>" + _html_table(frame.head(20), lambda v: f"{v:.4g}")

    def __repr__(self) -> str:
        return self.report()


def compare(
    a,
    b,
    trials: int = 2000,
    seed: int = 1,
    threads: int = 0,
    confidence: float = 0.95,
    progress: bool | Callable[[int], None] = False,
) -> Comparison:
    """Compares design ``b`` with design ``a`` on common random numbers.

    ``a`` and ``b`` are :class:`Scenario` objects (both are run with the same ``trials`` and
    ``seed``) or :class:`Results` of runs over the same trials and seed.
    """
    if not isinstance(a, Results):
        a = a.run(trials=trials, seed=seed, threads=threads, progress=progress, credit_attribution=False)
    if not isinstance(b, Results):
        b = b.run(trials=trials, seed=seed, threads=threads, progress=progress, credit_attribution=False)
    return Comparison(_core.compare(a._raw, b._raw, confidence))
