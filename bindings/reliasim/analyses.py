"""Analyses over runs: design comparison on common random numbers, and sensitivity.

Their DataFrames follow the units rule of :mod:`reliasim.results`: time as Timedelta, money
beside a ``currency`` column, fractions for shares and probabilities.
"""

from __future__ import annotations

import json
from typing import Callable

from . import _checks, _core, _display
from .results import SECONDS, Results, _flatten, _frame

#: The keys of a compared scope or SLA that are not figures.
_NOT_FIGURES = ("name", "currency", "credit_schedule")


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

    def _figures(self, section: str, index: str):
        """One row per shared scope or SLA; per figure ``f``: ``f_a``, ``f_b`` and
        ``f_difference`` (B - A), each with ``_lower`` and ``_upper``, and
        ``f_distinguishable``. Figures in seconds become Timedelta."""
        rows, times = [], set()
        for item in self._doc[section]:
            row = {index: item["name"]}
            if "currency" in item:
                row["currency"] = item["currency"] if item["credit_schedule"] else None
                row["credit_schedule"] = item["credit_schedule"]
            for figure, values in item.items():
                if figure in _NOT_FIGURES:
                    continue
                values = values or {}  # an SLA without credit schedule has no credit to compare
                for side in ("a", "b", "difference"):
                    row.update(_flatten(f"{figure}_{side}", values.get(side)))
                    if values and values[side]["unit"] in SECONDS:
                        times.add(f"{figure}_{side}")
                row[f"{figure}_distinguishable"] = values.get("distinguishable")
            rows.append(row)
        return _frame(rows, index, times=sorted(times))

    def scopes(self):
        """One row per shared scope: availability, downtime and degraded time a year, outages a
        year, the longest outage, an outage's mean duration and TTD, for A, B and B - A."""
        return self._figures("scopes", "scope")

    def slas(self):
        """One row per shared SLA: breach probability per window, breaches a year and the
        expected credit a year (in the row's ``currency``; None for an SLA without credit
        schedule), for A, B and B - A."""
        return self._figures("slas", "sla")

    def costs(self):
        """Per currency (the index): running cost of each design a month, the extra cost of B a
        year, the credits B saves a year and the net saving a year."""
        rows = []
        for cost in self._doc["costs"]:
            row = {k: cost[k] for k in ("currency", "monthly_cost_a", "monthly_cost_b", "extra_cost_per_year")}
            row.update(_flatten("credits_saved_per_year", cost["credits_saved_per_year"]))
            row.update(_flatten("net_saving_per_year", cost["net_saving_per_year"]))
            rows.append(row)
        return _frame(rows, "currency")

    def report(self, format: str = "table") -> str:
        """The comparison as ``reliasim compare`` writes it: table or json."""
        return self._raw.render(_checks.choose("format", format, ("table", "json")))

    def _overview(self) -> tuple[str, list]:
        """The verdict, then each shared scope's and SLA's figures: A, B, and B - A."""
        rows = []
        for section in ("scopes", "slas"):
            for item in self._doc[section]:
                currency = item.get("currency") if item.get("credit_schedule", True) else None
                for figure, values in item.items():
                    if figure in _NOT_FIGURES:
                        continue
                    if values is None:
                        rows.append([item["name"], figure, *[_display.money(None, None)] * 3, ""])
                        continue
                    rows.append([item["name"], figure, _figure(values["a"], currency),
                                 _figure(values["b"], currency), _figure(values["difference"], currency, True),
                                 "yes" if values["distinguishable"] else "no"])
        header = ["", "figure", f"A: {self._doc['design_a']}", f"B: {self._doc['design_b']}", "B - A",
                  "beyond noise"]
        return self.verdict, [(header, rows)]

    def _repr_html_(self) -> str:
        return _display.to_html(*self._overview(), names=2)

    def __repr__(self) -> str:
        title, tables = self._overview()
        return _display.to_text(f"<reliasim.Comparison> {title}", tables)


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
    def currency(self) -> str | None:
        """The currency of the credit columns; None when no SLA has a credit schedule."""
        return self._doc["currency"] or None

    @property
    def best_improvement(self) -> str:
        """Where an improvement buys the most, in one sentence."""
        return self._doc["best_improvement"]

    def document(self) -> dict:
        """The JSON document ``reliasim sensitivity --format json`` writes."""
        return json.loads(json.dumps(self._doc))

    def effects(self):
        """One row per parameter, largest swing first: its baseline, low and high values (in
        the row's ``unit``: ``s``, ``1/y`` or ``probability``), the change in the scope's
        downtime a year at each setting (``downtime_low``, ``downtime_high``: Timedelta) and
        in the expected SLA credit a year (``credit_low``, ``credit_high``, in ``currency``;
        None when no SLA has a credit schedule), with intervals."""
        rows = []
        for rank, effect in enumerate(self._doc["effects"], start=1):
            row = {"rank": rank, "parameter": f"{effect['owner']}: {effect['quantity']}"}
            row.update({k: effect[k] for k in ("owner", "quantity", "kind", "unit", "baseline", "low_value", "high_value")})
            for key in ("downtime_low", "downtime_high"):
                row.update(_flatten(key, effect[key]))
            row["currency"] = self.currency
            for key in ("credit_low", "credit_high"):
                row.update(_flatten(key, effect[key] if self.currency else None))
            rows.append(row)
        return _frame(rows, "rank", times=("downtime_low", "downtime_high"))

    def report(self, format: str = "table") -> str:
        """The analysis as ``reliasim sensitivity`` writes it: table, csv or json."""
        return self._raw.render(_checks.choose("format", format, ("table", "csv", "json")))

    def _overview(self, top: int = 10) -> tuple[str, list]:
        """The advice, then the ``top`` parameters: baseline, and downtime and credit change."""
        low, high = f"x{self._doc['low_factor']:g}", f"x{self._doc['high_factor']:g}"
        rows = [[f"{e['owner']}: {e['quantity']}", _parameter(e["baseline"], e["unit"]),
                 _display.duration(e["downtime_low"]), _display.duration(e["downtime_high"]),
                 _display.money(e["credit_low"], self.currency), _display.money(e["credit_high"], self.currency)]
                for e in self._doc["effects"][:top]]
        header = ["parameter", "baseline", f"downtime a year, {low}", f"downtime a year, {high}",
                  f"credit a year, {low}", f"credit a year, {high}"]
        return self.best_improvement, [(header, rows)]

    def _repr_html_(self) -> str:
        return _display.to_html(*self._overview())

    def __repr__(self) -> str:
        title, tables = self._overview()
        return _display.to_text(f"<reliasim.Sensitivity> {title}", tables)


def _figure(estimate: dict, currency: str | None, difference: bool = False) -> str:
    """A compared figure in its unit: a percentage (points for a difference), a duration,
    money or a count."""
    unit = estimate["unit"]
    if unit in SECONDS:
        return _display.duration(estimate)
    if unit == "fraction" or unit.startswith("probability"):
        return _display.points(estimate) if difference else _display.percent(estimate)
    if currency and unit.startswith(currency):
        return _display.money(estimate, currency)
    return _display.count(estimate)


def _parameter(value: float, unit: str) -> str:
    """A sensitivity parameter's value for people: a duration, a rate a year, a probability."""
    if unit == "s":
        return _display.duration({"estimate": value, "lower": None, "upper": None})
    if unit == "1/y":
        return f"{_display.number(value)} a year"
    if unit == "probability":
        return _display.percent({"estimate": value, "lower": None, "upper": None})
    return f"{_display.number(value)} {unit}"


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
    ``seed``, batch by batch: memory does not grow with ``trials``) or :class:`Results` of
    runs over the same trials and seed.
    """
    confidence = _checks.fraction("confidence", confidence)
    for name, design in (("a", a), ("b", b)):
        if not isinstance(design, Results) and not hasattr(design, "run"):
            raise TypeError(f"{name} must be a reliasim.Scenario or reliasim.Results, not {type(design).__name__}")
    if not isinstance(a, Results) and not isinstance(b, Results):
        from .scenario import _Progress, _seed, _threads, _trials

        trials, seed, threads = _trials(trials), _seed(seed), _threads(threads)
        command = f"reliasim.compare(a, b, trials={trials}, seed={seed})"
        with _Progress(progress, 2 * trials) as callback:
            raw = a._model.compare(b._model, seed, trials, threads, confidence, callback, command)
        return Comparison(raw)
    a, b = (design if isinstance(design, Results) else
            design.run(trials=trials, seed=seed, threads=threads, progress=progress, credit_attribution=False)
            for design in (a, b))
    return Comparison(_core.compare(a._raw, b._raw, confidence))
