"""Stress tests (``reliasim stress``, docs/stress.md): scripted incidents injected on top of the
random history, each test against the baseline on common random numbers."""

from __future__ import annotations

import json

from . import _checks, _core, _display
from .analyses import Comparison


class StressTests:
    """What each stress test adds to the baseline: every figure under stress beside the
    baseline's, with the paired difference and its interval (A: baseline, B: stressed)."""

    def __init__(self, raw: _core.StressRun):
        self._raw = raw
        self._doc = json.loads(raw.render("json"))

    @property
    def tests(self) -> list[str]:
        """The tests run, in order; incidents given as ``inject`` form the last, "(inject)"."""
        return list(self._raw.tests)

    def verdicts(self) -> dict[str, str]:
        """One line per test: what it adds to downtime and to each contract's credits."""
        return {test["name"]: test["comparison"]["verdict"] for test in self._doc["tests"]}

    def comparison(self, test: str) -> Comparison:
        """The test against the baseline as a :class:`Comparison` (its ``scopes()`` and
        ``slas()`` DataFrames: ``_a`` baseline, ``_b`` stressed, ``_difference`` the change)."""
        _checks.choose("stress test", test, self.tests)
        return Comparison(self._raw.comparison(self.tests.index(test)))

    def _frame(self, method: str):
        import pandas as pd

        frames = [getattr(self.comparison(t), method)().assign(test=t) for t in self.tests]
        frame = pd.concat(frames)
        return frame.set_index("test", append=True).reorder_levels([1, 0])

    def scopes(self):
        """Per test and scope (the index): the figures of :meth:`Comparison.scopes`."""
        return self._frame("scopes")

    def slas(self):
        """Per test and SLA (the index): breach probability per window, breaches a year and
        the expected credit a year, baseline, stressed and the difference."""
        return self._frame("slas")

    def document(self) -> dict:
        """The JSON document ``reliasim stress --format json`` writes."""
        return json.loads(json.dumps(self._doc))

    def report(self, format: str = "table") -> str:
        """The report as ``reliasim stress`` writes it: table, json or html."""
        return self._raw.render(_checks.choose("format", format, ("table", "json", "html")))

    def _overview(self) -> tuple[str, list]:
        rows = [[test["name"], "; ".join(i["incident"] for i in test["injections"]),
                 test["comparison"]["verdict"]] for test in self._doc["tests"]]
        title = f"Stress tests of {self._doc['scenario']} ({self._doc['trials']} trials, seed {self._doc['seed']})"
        return title, [(["test", "incidents", "adds"], rows)]

    def _repr_html_(self) -> str:
        return _display.to_html(*self._overview(), names=1)

    def __repr__(self) -> str:
        title, tables = self._overview()
        return _display.to_text(f"<reliasim.StressTests> {title}", tables)
