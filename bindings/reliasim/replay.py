"""A real incident history against a scenario's contracts (docs/replay.md).

``replay(history, scenario)`` measures the scenario's SLAs and SLOs on the incidents of an
export, by the rules a simulated trial is measured by; with ``results=`` (a run of the same
scenario) it also says how often a simulated year is as bad.
"""

from __future__ import annotations

import os
from typing import Optional

import pandas as pd

from . import _core


def _utc(seconds) -> pd.Series:
    return pd.to_datetime(pd.Series(seconds, dtype="float64"), unit="s", utc=True)


class HistoryReplay:
    """What a history meant under the contracts: SLA windows, SLO budgets, and the odds."""

    def __init__(self, raw: _core.ReplayRun):
        self._raw = raw

    def windows(self) -> pd.DataFrame:
        """One row per SLA window: uptime as the SLA measures it, the time it counts and the bad
        time (Timedelta), whether it was breached, and the credit with its currency."""
        frame = pd.DataFrame(self._raw.windows(), columns=["sla", "customer", "start", "end", "uptime",
                                                           "counted", "bad", "breached", "credit", "currency"])
        frame["start"], frame["end"] = _utc(frame["start"]), _utc(frame["end"])
        for column in ("counted", "bad"):
            frame[column] = pd.to_timedelta(frame[column], unit="s")
        return frame

    def slos(self) -> pd.DataFrame:
        """One row per SLO window (a rolling window per day it starts): the share of its error
        budget the history spent."""
        frame = pd.DataFrame(self._raw.slos(), columns=["slo", "start", "budget_spent"])
        frame["start"] = _utc(frame["start"])
        return frame

    def odds(self) -> Optional[dict]:
        """With ``results``: per currency the history's credits a year and the share of simulated
        years costing at least as much; per SLA the share with as many breached windows."""
        return self._raw.odds()

    def to_json(self) -> str:
        return self._raw.render("json")

    def to_html(self) -> str:
        return self._raw.render("html")

    def to_csv(self) -> str:
        return self._raw.render("csv")

    def __str__(self) -> str:
        return self._raw.render("table")

    def _repr_html_(self) -> str:
        return self.to_html()


def replay(history, scenario, *, results=None, mapping: Optional[str] = None,
           columns: Optional[dict] = None, utc_offset: Optional[str] = None,
           since: Optional[str] = None, until: Optional[str] = None) -> HistoryReplay:
    """Replays an incident export against ``scenario`` (a Scenario, a file or a bundled name),
    as ``reliasim replay`` does; ``results``, a run of the same scenario, sets it beside the
    simulated years. Raises ScenarioError naming the line of an incident the scenario cannot
    place."""
    from . import load
    from .scenario import Scenario

    if not isinstance(scenario, Scenario):
        scenario = load(scenario)
    pairs = [f"{field}={column}" for field, column in (columns or {}).items()]
    raw = _core.replay(os.fspath(history), scenario._model, mapping or "", pairs, utc_offset or "",
                       since or "", until or "", None if results is None else results._raw)
    return HistoryReplay(raw)
