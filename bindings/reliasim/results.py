"""Results of a run: DataFrames for people, NumPy arrays for analysis."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import numpy as np

from . import _core

#: How an incident was detected, by the code in ``incidents()["detected_by"]``.
DETECTED_BY = ("alert", "canary", "probe", "customer", "none")
#: Causes of downtime, the last axis of ``scope_down_by_cause``.
CAUSES = ("internal", "third_party", "customer", "maintenance")


class SummaryFrames:
    """DataFrames of a run's summary (the JSON result document): scopes, failure modes,
    SLAs and SLOs, at ``confidence`` (None: the run's default). Subclasses give
    ``summary(confidence)``."""

    def summary(self, confidence: float | None = None) -> dict:
        raise NotImplementedError

    def scopes(self, confidence: float | None = None):
        """Availability, downtime, degraded time, error time (seconds a year weighted by the
        share of requests failing: what SLOs spend) and outages per journey (and SLA scope),
        with intervals."""
        rows = []
        for scope in self.summary(confidence)["scopes"]:
            row = {"scope": scope["name"], "kind": scope["kind"]}
            for key in ("availability", "downtime_per_year", "degraded_per_year", "error_time_per_year",
                        "outages_per_year", "longest_outage", "outages_per_window"):
                row.update(_flatten(key, scope[key]))
            rows.append(row)
        return _frame(rows, "scope")

    def service_availability(self, confidence: float | None = None):
        """Availability, downtime and degraded time (seconds a year) per service, with intervals."""
        rows = []
        for service in self.summary(confidence)["services"]:
            row = {"service": service["name"]}
            for key in ("availability", "downtime_per_year", "degraded_per_year"):
                row.update(_flatten(key, service[key]))
            rows.append(row)
        return _frame(rows, "service")

    def failure_modes(self, confidence: float | None = None):
        """Failure modes ranked by the error time they cause in the first journey (down time in
        full, degraded time by the share of requests failing), with their downtime beside it."""
        rows = []
        for mode in self.summary(confidence)["failure_modes"]:
            row = {k: mode[k] for k in ("service", "name", "cause", "effect", "common_cause", "error_share",
                                        "downtime_share")}
            row.update(_flatten("incidents_per_year", mode["incidents_per_year"]))
            row.update(_flatten("error_time_per_year", mode["error_time_per_year"]))
            row.update(_flatten("downtime_per_year", mode["downtime_per_year"]))
            for stage in ("ttd", "ttm", "ttr"):
                row[f"{stage}_p50"] = mode["times"][stage]["p50"]["estimate"]
                row[f"{stage}_p90"] = mode["times"][stage]["p90"]["estimate"]
            rows.append(row)
        return _frame(rows)

    def slas(self, confidence: float | None = None):
        """SLA exposure: breach probability per window, expected credit per year and per
        window, and VaR / CVaR of the annual credit at 95 % and 99 %.

        An SLA written without ``credits`` and ``fee`` has ``credit_schedule`` False, its
        currency reads "no credit schedule" and every money column is None (not 0)."""
        rows = []
        for sla in self.summary(confidence)["slas"]:
            paid = sla["credit_schedule"]
            row = {"sla": sla["name"], "currency": sla["currency"] if paid else "no credit schedule",
                   "credit_schedule": paid}
            for key in ("breach_probability", "breaches_per_year", "credit_per_year", "credit_per_window"):
                row.update(_flatten(key, sla[key]))
            tail = sla["annual_credit_tail"] or {}
            row.update({key: tail.get(key) for key in ("var95", "cvar95", "var99", "cvar99")})
            row.update(_flatten("breach_in_horizon_probability", sla["breach_in_horizon_probability"]))
            row["time_to_first_breach_p50"] = sla["time_to_first_breach"]["p50"]["estimate"]
            for side in ("plus", "minus"):
                change = (sla["credit_change_per_minute"] or {}).get(side)
                row.update(_flatten(f"credit_change_{side}_minute", change))
            rows.append(row)
        return _frame(rows, "sla")

    def slos(self, confidence: float | None = None):
        """SLO error budgets: the budget per window ((1 - target) x window, seconds), the share
        of it spent on average, and P(budget exhausted) per window."""
        rows = []
        for slo in self.summary(confidence)["slos"]:
            row = {"slo": slo["name"], "scope": slo["scope"], "target": slo["target"],
                   "budget_per_window": slo["budget_per_window"]["value"]}
            for key in ("budget_spent", "exhausted_probability", "exhausted_per_year"):
                row.update(_flatten(key, slo[key]))
            rows.append(row)
        return _frame(rows, "slo")


class Results(SummaryFrames):
    """The results of :meth:`Scenario.run`.

    Per-trial arrays are read-only NumPy views without copies (``scope_down`` is
    ``[trial, scope, window]`` in seconds, and so on; see docs/results.md). Summaries come
    as pandas DataFrames with interval columns; ``summary()`` is the same document as
    ``reliasim run --format json``.
    """

    def __init__(self, raw: _core.Results):
        self._raw = raw

    # Arrays (no copies) -------------------------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        if name in _ARRAYS:
            return getattr(self._raw, name)
        raise AttributeError(name)

    @property
    def trials(self) -> int:
        return self._raw.trials

    @property
    def record(self) -> dict:
        """The run record: engine version, scenario file and hash, every input file with its
        SHA-256 (``inputs``), the platform and build (``platform``), seed, trials, command."""
        return self._raw.record

    @property
    def scope_names(self) -> list[str]:
        """Journeys, then the services SLAs or SLOs name: the second axis of scope arrays."""
        return [name for name, _ in self._raw.scopes]

    @property
    def sla_names(self) -> list[str]:
        return list(self._raw.slas)

    def summary(self, confidence: float | None = 0.95, analytic: bool = False) -> dict:
        """The JSON result document as a dict (docs/results.schema.json)."""
        return _summary(self._raw, 0.95 if confidence is None else confidence, analytic)

    def table(self, confidence: float = 0.95, analytic: bool = False) -> str:
        """The report ``reliasim run`` prints."""
        return self._raw.table(confidence, analytic)

    def fmea(self, confidence: float = 0.95, scope: str = "", rank_by: str = "budget"):
        """The FMEA worksheet as a DataFrame, ranked by simulated risk (docs/fmea.md): the scope
        each row is measured in, the runbook mark, incidents, user-facing downtime and its share,
        degraded time, error-budget burn, SLA credit, the bad time each SLA counts
        (``bad_per_year_<sla>``, s/y), each SLO's budget burn (``budget_burn_<slo>``), TTD/TTR
        medians, S/O/D scores, RPN, Action Priority and importance measures.

        ``scope`` is a journey, a service an SLA or SLO names, or ``"all"`` (one row per failure
        mode and scope it affects); empty means the first journey. ``rank_by`` is ``"budget"``
        (the default), ``"downtime"``, ``"bad-minutes"`` or ``"credit"``. Unknown names raise
        ValueError."""
        import pandas as pd

        sheet = json.loads(self._raw.fmea("json", confidence, scope, rank_by))
        rows = []
        for row in sheet["failure_modes"]:
            flat = {k: row[k] for k in ("rank", "scope", "service", "name", "cause", "effect", "common_cause",
                                        "runbook", "downtime_share", "detection_probability", "severity",
                                        "occurrence", "detection", "rpn", "action_priority")}
            for key in ("incidents_per_year", "downtime_per_year", "degraded_per_year", "budget_burn"):
                flat.update(_flatten(key, row[key]))
            for credit in row["credit_per_year"]:
                flat.update(_flatten(f"credit_per_year_{credit['currency']}", credit["amount"]))
            for bad in row["sla_bad_time"]:
                flat.update(_flatten(f"bad_per_year_{bad['sla']}", bad["bad_per_year"]))
            for burn in row["slo_burn"]:
                flat.update(_flatten(f"budget_burn_{burn['slo']}", burn["burn"]))
            flat["ttd_p50"] = row["ttd_p50"]["estimate"]
            flat["ttr_p50"] = row["ttr_p50"]["estimate"]
            flat.update(row["importance"])
            rows.append(flat)
        return pd.DataFrame(rows).set_index("rank")

    def fmea_report(self, format: str = "html", confidence: float = 0.95, scope: str = "",
                    rank_by: str = "budget") -> str:
        """The FMEA worksheet as ``reliasim fmea`` writes it: html, markdown, csv, table or json;
        ``scope`` and ``rank_by`` as in :meth:`fmea`."""
        return self._raw.fmea(format, confidence, scope, rank_by)

    def report(self, path=None, sensitivity=None, confidence: float = 0.95) -> str:
        """The HTML report ``reliasim run --format html`` writes: one self-contained page with
        charts. Pass a :meth:`Scenario.sensitivity` result to include its tornado. With
        ``path`` the page is also written there (whole or not at all). The FMEA section needs
        a run made with ``credit_attribution=True`` (the default) when the scenario has SLAs.
        """
        html = _core.report_html(self._raw, None if sensitivity is None else sensitivity._raw, confidence)
        if path is not None:
            _write_whole(path, html)
        return html

    def incidents(self):
        """Every incident: trial, failure mode, T0..T4 in seconds, detection, user-facing."""
        import pandas as pd

        columns = self._raw.incidents()
        modes = self._raw.failure_modes
        labels = [f"{m['service'] or 'common-cause'}/{m['name']}" for m in modes]
        frame = pd.DataFrame(columns)
        frame.insert(1, "mode", pd.Categorical.from_codes(frame["failure_mode"], categories=labels))
        frame["detected_by"] = pd.Categorical.from_codes(frame["detected_by"], categories=list(DETECTED_BY))
        for stage, (end, begin) in {"ttd": ("detected", "start"), "ttm": ("mitigated", "start"), "ttr": ("repaired", "start")}.items():
            frame[stage] = frame[end] - frame[begin]
        return frame

    def outages(self):
        """User-facing incidents per scope: start, end, first detection, censored at the horizon."""
        import pandas as pd

        frame = pd.DataFrame(self._raw.outages())
        frame.insert(1, "scope_name", pd.Categorical.from_codes(frame["scope"], categories=self.scope_names))
        return frame

    def window_availability(self):
        """Availability of each scope in each window, per trial: a [trial x window] frame per scope."""
        import pandas as pd

        bounds = np.asarray(self._raw.window_bounds)
        lengths = np.diff(bounds)
        down = self._raw.scope_down
        return {
            name: pd.DataFrame(1.0 - down[:, s, :] / lengths, columns=[f"window {w + 1}" for w in range(len(lengths))])
            for s, name in enumerate(self.scope_names)
        }

    def joined(self, other: "Results") -> "Results":
        """These results and those of the directly following trial range, as one run."""
        return Results(self._raw.joined(other._raw))

    def _repr_html_(self) -> str:
        return _html_table(self.scopes(), lambda v: f"{v:.6g}")

    def __repr__(self) -> str:
        return self.table()


class StreamedSummary(SummaryFrames):
    """The summary of a streamed run (:meth:`Scenario.run` with ``streaming=True``): the
    same DataFrames and documents as :class:`Results`, without per-trial arrays or incidents,
    which were dropped batch by batch. Quantiles are exact to within 1 %."""

    def __init__(self, raw: _core.SummaryRun, confidence: float):
        self._raw = raw
        self._confidence = confidence
        self._doc = json.loads(raw.render("json"))

    @property
    def trials(self) -> int:
        return self._doc["run"]["trials"]

    @property
    def record(self) -> dict:
        return dict(self._doc["run"])

    def summary(self, confidence: float | None = None) -> dict:
        """The JSON result document as a dict, at the confidence the run was made with."""
        if confidence is not None and confidence != self._confidence:
            raise ValueError(f"a streamed run is summarised once, at confidence {self._confidence}")
        return json.loads(json.dumps(self._doc))

    def table(self) -> str:
        """The report ``reliasim run --streaming`` prints."""
        return self._raw.render("table")

    def _repr_html_(self) -> str:
        return _html_table(self.scopes(self._confidence), lambda v: f"{v:.6g}")

    def __repr__(self) -> str:
        return self.table()


_ARRAYS = {
    "scope_down", "scope_degraded", "scope_error", "scope_down_by_cause", "scope_outages",
    "scope_longest_outage", "attributed_down", "attributed_degraded", "attributed_error", "service_down", "service_degraded", "sla_uptime",
    "sla_credit", "slo_spent", "slo_window_bounds", "slo_span", "slos", "weights", "window_bounds", "sla_window_bounds", "services", "events",
    "seed", "first_trial", "horizon",
}


@lru_cache(maxsize=16)
def _summary_text(raw: _core.Results, confidence: float, analytic: bool) -> str:
    return raw.summary_json(confidence, analytic)


def _summary(raw: _core.Results, confidence: float, analytic: bool) -> dict:
    return json.loads(_summary_text(raw, confidence, analytic))


def _write_whole(path, text: str) -> None:
    """Writes ``text`` to a temporary file beside ``path`` and renames it: never half a file."""
    import os
    import tempfile

    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".reliasim-", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _flatten(key: str, estimate: dict | None) -> dict:
    """An estimate's three columns; all None where the document has null (no such figure)."""
    if estimate is None:
        return {key: None, f"{key}_lower": None, f"{key}_upper": None}
    return {key: estimate["estimate"], f"{key}_lower": estimate["lower"], f"{key}_upper": estimate["upper"]}


def _frame(rows: list, index: str | None = None):
    import pandas as pd

    frame = pd.DataFrame(rows)
    return frame.set_index(index) if index and not frame.empty else frame


def _escape(text: str) -> str:
    """Text for HTML by the engine's rule: markup escaped, one line, bidirectional controls
    visible (docs/results.md, "Text from scenarios")."""
    return _core.html_text(text)


def _html_table(frame, float_format) -> str:
    """A DataFrame as an HTML table whose text cells, index and headers follow :func:`_escape`;
    the frame itself keeps the exact text."""

    def text(value):
        return _escape(value) if isinstance(value, str) else value

    from pandas.api.types import is_numeric_dtype

    shown = frame.copy()
    shown.index = shown.index.map(text)
    shown.columns = shown.columns.map(text)
    for name in shown.columns:
        if not is_numeric_dtype(shown[name]):
            shown[name] = shown[name].map(text)
    return shown.to_html(float_format=float_format, escape=False)
