"""Results of a run: DataFrames for people, NumPy arrays for analysis.

Every DataFrame the package returns (here, and :class:`~reliasim.Comparison` and
:class:`~reliasim.Sensitivity`) follows one rule for units, so that none is to be guessed:

- **Time is a** ``pandas.Timedelta`` **column**: durations (``longest_outage``, ``ttd_p50``,
  ``time_to_first_breach_p50``, an SLO's ``budget_per_window``) and time per year
  (``downtime_per_year`` is the downtime of an average year). Incident and outage times
  (``start``, ``detected``, ...) are offsets from the start of the horizon. For plain numbers:
  ``frame["downtime_per_year"] / pd.Timedelta(minutes=1)`` or ``.dt.total_seconds()``.
- **Money is a number in the currency of the row's** ``currency`` **column**; a figure that
  does not exist, such as the credit of an SLA without credit schedule, is None or NaN, never
  0. The FMEA worksheet, whose every row has a credit in each currency its SLAs pay in, names
  the currency in the column instead: ``credit_per_year_EUR``.
- Availability, probabilities, shares and budget burn are fractions (1 is 100 %); counts say
  what they count per: ``incidents_per_year``, ``outages_per_window``.
- **Windows** are labelled as calendar months, ``pandas.Period`` (``Period('2027-01', 'M')``),
  when the scenario's windows are calendar months, and otherwise as ``pandas.Interval`` of
  Timedelta offsets ``[start, end)`` from the start of the horizon (``window_labels``).
- An estimate ``x`` has its interval in ``x_lower`` and ``x_upper``, of the same type.
- Where a column's unit differs from row to row (a sensitivity parameter's value: a duration,
  a rate or a probability), a ``unit`` column beside it names each row's unit.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import numpy as np

from . import _checks, _core, _display

#: How an incident was detected, by the code in ``incidents()["detected_by"]``.
DETECTED_BY = ("alert", "canary", "probe", "customer", "none")
#: The formats and rankings of an FMEA worksheet (docs/fmea.md).
FMEA_FORMATS = ("json", "table", "csv", "markdown", "html")
FMEA_RANKINGS = ("budget", "downtime", "bad-minutes", "credit")
#: Causes of downtime, the last axis of ``scope_down_by_cause``.
CAUSES = ("internal", "third_party", "customer", "maintenance")
#: The units of the engine's documents that are seconds: these figures become Timedelta.
SECONDS = ("s", "s/y")
#: The outage lengths scopes() gives P(an outage longer than ...) for, by their seconds.
_OUTAGE_LENGTHS = {300: "5min", 1800: "30min", 3600: "1h", 14400: "4h", 86400: "1d"}

#: Stages of an incident, timed from its start: detected, mitigated, repaired.
STAGES = {"ttd": "detected", "ttm": "mitigated", "ttr": "repaired"}


def window_labels(start, bounds):
    """Labels of the windows between ``bounds`` (seconds from the start of the horizon):
    months from ``start`` (a monthly ``pandas.Period``) or, when ``start`` is None,
    ``[start, end)`` intervals of Timedelta offsets."""
    import pandas as pd

    if start is not None:
        return pd.period_range(start, periods=len(bounds) - 1, freq="M", name="window")
    return pd.IntervalIndex.from_breaks(pd.to_timedelta(np.asarray(bounds), unit="s"), closed="left",
                                        name="window")


class SummaryFrames:
    """DataFrames of a run's summary (the JSON result document): scopes, failure modes,
    SLAs, SLOs and windows, at ``confidence`` (None: the run's default), and the summary a
    notebook or ``repr`` shows. Subclasses give ``summary(confidence)`` and ``_windows`` (the
    window labels)."""

    _windows: Any

    def summary(self, confidence: float | None = None) -> dict:
        raise NotImplementedError

    @property
    def window_labels(self):
        """The scenario's windows, in order: a ``PeriodIndex`` of months for calendar-month
        windows, otherwise an ``IntervalIndex`` of ``[start, end)`` Timedelta offsets."""
        return self._windows

    def scopes(self, confidence: float | None = None):
        """Availability, downtime, degraded time, error time (time a year weighted by the share
        of requests failing: what SLOs spend), outages per year, the longest outage (the mean of
        each trial's longest) and outages per window, per journey (and SLA scope); then the
        chance of at least one outage within one trial's horizon
        (``outage_in_horizon_probability``, with its interval) and of one longer than 5 min,
        30 min, 1 h, 4 h and 1 day (``outage_longer_than_5min_probability``, ...); the outages
        expected within the horizon (``outages_in_horizon``), the mean time to the first outage
        (``mttf``: NaT when some trials had none; ``restricted_mttf``, the mean of the first
        outage or the horizon, whichever comes first, is then a lower bound) and the B10 and B1
        lives (``b10``, ``b1``: when 10 % and 1 % of trials had their first outage; NaT where
        that lies beyond the horizon)."""
        rows = []
        for scope in self.summary(confidence)["scopes"]:
            row = {"scope": scope["name"], "kind": scope["kind"]}
            for key in ("availability", "downtime_per_year", "degraded_per_year", "error_time_per_year",
                        "outages_per_year", "longest_outage", "outages_per_window",
                        "outage_in_horizon_probability", "outages_in_horizon", "mttf", "restricted_mttf"):
                row.update(_flatten(key, scope[key]))
            for longer in scope["longer_outage_probability"]:
                label = _OUTAGE_LENGTHS[longer["longer_than_seconds"]]
                row[f"outage_longer_than_{label}_probability"] = longer["probability"]["estimate"]
            row["time_to_first_outage_p50"] = scope["time_to_first_outage"]["p50"]["estimate"]
            for life in scope["b_lives"]:
                row.update(_flatten(f"b{round(100 * life['fraction'])}", life["time"]))
            rows.append(row)
        return _frame(rows, "scope", times=("downtime_per_year", "degraded_per_year", "error_time_per_year",
                                            "longest_outage", "time_to_first_outage_p50", "mttf",
                                            "restricted_mttf", "b1", "b10"))

    def reliability(self, confidence: float | None = None):
        """R(t), the reliability of each journey (and SLA scope): P(no outage in [0, t]) at a
        tenth of the horizon, two tenths, ..., the whole, with its interval (``probability``);
        the unreliability F(t) = 1 - R(t) (``unreliability``) and the point availability A(t),
        P(up at t) (``availability``), each with its interval. One row per scope and time (a
        Timedelta from the start of the horizon)."""
        rows = []
        for scope in self.summary(confidence)["scopes"]:
            for point, up in zip(scope["reliability"], scope["point_availability"]):
                row = {"scope": scope["name"], "time": point["time_seconds"]}
                row.update(_flatten("probability", point["probability"]))
                row.update(_flatten("unreliability", point["unreliability"]))
                row.update(_flatten("availability", up["probability"]))
                rows.append(row)
        return _frame(rows, times=("time",))

    def service_availability(self, confidence: float | None = None):
        """Availability, downtime and degraded time (a year) per service, with intervals."""
        rows = []
        for service in self.summary(confidence)["services"]:
            row = {"service": service["name"]}
            for key in ("availability", "downtime_per_year", "degraded_per_year"):
                row.update(_flatten(key, service[key]))
            rows.append(row)
        return _frame(rows, "service", times=("downtime_per_year", "degraded_per_year"))

    def failure_modes(self, confidence: float | None = None):
        """Failure modes ranked by the error time they cause in the first journey (down time in
        full, degraded time by the share of requests failing), with their downtime beside it and
        the medians and 90th percentiles of TTD, TTM and TTR."""
        rows = []
        for mode in self.summary(confidence)["failure_modes"]:
            row = {k: mode[k] for k in ("service", "name", "cause", "effect", "common_cause", "error_share",
                                        "downtime_share")}
            row.update(_flatten("incidents_per_year", mode["incidents_per_year"]))
            row.update(_flatten("failures_in_horizon", mode["failures_in_horizon"]))
            row.update(_flatten("repairs_in_horizon", mode["repairs_in_horizon"]))
            row.update(_flatten("error_time_per_year", mode["error_time_per_year"]))
            row.update(_flatten("downtime_per_year", mode["downtime_per_year"]))
            for stage in STAGES:
                row[f"{stage}_p50"] = mode["times"][stage]["p50"]["estimate"]
                row[f"{stage}_p90"] = mode["times"][stage]["p90"]["estimate"]
            rows.append(row)
        stages = [f"{stage}_{q}" for stage in STAGES for q in ("p50", "p90")]
        return _frame(rows, times=("error_time_per_year", "downtime_per_year", *stages))

    def slas(self, confidence: float | None = None):
        """SLA exposure: breach probability per window, expected credit per year and per
        window, VaR / CVaR of the annual credit at 95 % and 99 %, and the median time to the
        first breach. Money is in the row's ``currency``.

        An SLA written without ``credits`` and ``fee`` has ``credit_schedule`` False, and its
        ``currency`` and every money column are None (not 0)."""
        rows = []
        for sla in self.summary(confidence)["slas"]:
            paid = sla["credit_schedule"]
            row = {"sla": sla["name"], "currency": sla["currency"] if paid else None, "credit_schedule": paid}
            for key in ("breach_probability", "breaches_per_year", "credit_per_year", "credit_per_window"):
                row.update(_flatten(key, sla[key]))
            tail = sla["annual_credit_tail"] or {}
            row.update({key: tail.get(key) for key in ("var95", "cvar95", "var99", "cvar99", "var999", "cvar999")})
            row.update(_flatten("breach_in_horizon_probability", sla["breach_in_horizon_probability"]))
            row["time_to_first_breach_p50"] = sla["time_to_first_breach"]["p50"]["estimate"]
            for side in ("plus", "minus"):
                change = (sla["credit_change_per_minute"] or {}).get(side)
                row.update(_flatten(f"credit_change_{side}_minute", change))
            rows.append(row)
        return _frame(rows, "sla", times=("time_to_first_breach_p50",))

    def portfolios(self, confidence: float | None = None):
        """Every SLA with a credit schedule in one currency taken together, trial by trial (the
        contracts share incidents): the expected total credit per year and the joint VaR / CVaR
        of the total annual credit, beside the contracts' own VaR 99 % added up. One row per
        currency; money is in the row's ``currency``."""
        rows = []
        for portfolio in self.summary(confidence)["portfolios"]:
            row = {"currency": portfolio["currency"], "contracts": list(portfolio["contracts"])}
            row.update(_flatten("credit_per_year", portfolio["credit_per_year"]))
            tail = portfolio["annual_credit_tail"]
            row.update({key: tail[key] for key in ("var95", "cvar95", "var99", "cvar99", "var999", "cvar999")})
            row["sum_of_contract_var99"] = portfolio["sum_of_contract_var99"]
            rows.append(row)
        return _frame(rows, "currency")

    def slos(self, confidence: float | None = None):
        """SLO error budgets: the budget per window ((1 - target) x window), the share of it
        spent on average, and P(budget exhausted) per window."""
        rows = []
        for slo in self.summary(confidence)["slos"]:
            row = {"slo": slo["name"], "scope": slo["scope"], "target": slo["target"],
                   "budget_per_window": slo["budget_per_window"]["value"]}
            for key in ("budget_spent", "exhausted_probability", "exhausted_per_year"):
                row.update(_flatten(key, slo[key]))
            rows.append(row)
        return _frame(rows, "slo", times=("budget_per_window",))

    def windows(self, confidence: float | None = None):
        """Availability and the share of requests served (1 - error time / window: what an SLO
        spends) of each scope in each window, the mean over trials with intervals, indexed by
        scope and window (see :attr:`window_labels`)."""
        import pandas as pd

        rows = []
        for scope in self.summary(confidence)["scopes"]:
            for window, available, served in zip(self._windows, scope["window_availability"], scope["window_served"]):
                row = {"scope": scope["name"], "window": window}
                row.update(_flatten("availability", available))
                row.update(_flatten("served", served))
                rows.append(row)
        return pd.DataFrame(rows).set_index(["scope", "window"])

    def _overview(self) -> tuple[str, list]:
        """The title and tables of :meth:`_repr_html_` and ``repr``: scopes, SLAs, SLOs."""
        doc = self.summary()
        title = (f"{doc['scenario']['name']}: {doc['run']['trials']:,} trials, seed {doc['run']['seed']}, "
                 f"{100 * doc['confidence']:g} % intervals")
        scopes = [[f"{s['name']} ({s['kind']})", _display.percent(s["availability"]),
                   _display.duration(s["downtime_per_year"]), _display.count(s["outages_per_year"])]
                  for s in doc["scopes"]]
        slas = [_sla_overview(sla) for sla in doc["slas"]]
        slos = [[s["name"], f"{100 * s['target']:g} %", _display.percent(s["budget_spent"]),
                 _display.percent(s["exhausted_probability"])] for s in doc["slos"]]
        return title, [
            (["scope", "availability", "downtime a year", "outages a year"], scopes),
            (["SLA", "P(breach) a window", "expected credit a year", "VaR 99 % a year"], slas),
            (["SLO", "target", "budget spent a window", "P(budget exhausted) a window"], slos),
        ]

    def _repr_html_(self) -> str:
        return _display.to_html(*self._overview())

    def __repr__(self) -> str:
        title, tables = self._overview()
        return _display.to_text(f"<reliasim.{type(self).__name__}> {title}", tables)


def _sla_overview(sla: dict) -> list[str]:
    """An SLA's row for people: P(breach), expected credit and VaR 99 % with the currency."""
    currency = sla["currency"] if sla["credit_schedule"] else None
    var99 = {"estimate": (sla["annual_credit_tail"] or {}).get("var99"), "lower": None, "upper": None}
    return [sla["name"], _display.percent(sla["breach_probability"]), _display.money(sla["credit_per_year"], currency),
            _display.money(var99, currency)]


class Results(SummaryFrames):
    """The results of :meth:`Scenario.run`.

    Per-trial arrays are read-only NumPy views without copies (``scope_down`` is
    ``[trial, scope, window]`` in seconds, and so on; see docs/results.md). Summaries come
    as pandas DataFrames with interval columns and units by the module's rule;
    ``summary()`` is the same document as ``reliasim run --format json``.
    """

    def __init__(self, raw: _core.Results, start=None):
        self._raw = raw
        self._start = start  # the first calendar month, or None when windows are not months
        self._windows = window_labels(start, raw.window_bounds)

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
        confidence = 0.95 if confidence is None else _checks.fraction("confidence", confidence)
        return _summary(self._raw, confidence, analytic)

    def rare_event(self, confidence: float = 0.95) -> dict | None:
        """For an importance-sampling run (``Scenario.run(rare_event=...)``): the biases, how
        they were chosen, P(an outage of the biased scope within the horizon) with its
        interval, the relative error, effective sample size, largest weight share and
        warnings (empty when the estimate can be trusted; docs/rare-events.md). None for a
        plain run."""
        return self.summary(confidence)["rare_event"]

    def table(self, confidence: float = 0.95, analytic: bool = False) -> str:
        """The report ``reliasim run`` prints."""
        return self._raw.table(_checks.fraction("confidence", confidence), analytic)

    def fmea(self, confidence: float = 0.95, scope: str = "", rank_by: str = "budget"):
        """The FMEA worksheet as a DataFrame, ranked by simulated risk (docs/fmea.md): the scope
        each row is measured in, the runbook mark, incidents, user-facing downtime and its share,
        degraded time, error-budget burn, SLA credit a year in each currency the SLAs pay in
        (``credit_per_year_<currency>``), the bad time each SLA counts (``bad_per_year_<sla>``),
        each SLO's budget burn (``budget_burn_<slo>``), TTD/TTR medians, S/O/D scores, RPN,
        Action Priority and importance measures.

        ``scope`` is a journey, a service an SLA or SLO names, or ``"all"`` (one row per failure
        mode and scope it affects); empty means the first journey. ``rank_by`` is ``"budget"``
        (the default), ``"downtime"``, ``"bad-minutes"`` or ``"credit"``. Unknown names raise
        ValueError listing the valid ones."""
        return fmea_frame(json.loads(self.fmea_report("json", confidence, scope, rank_by)))

    def fmea_report(self, format: str = "html", confidence: float = 0.95, scope: str = "",
                    rank_by: str = "budget") -> str:
        """The FMEA worksheet as ``reliasim fmea`` writes it: html, markdown, csv, table or json;
        ``scope`` and ``rank_by`` as in :meth:`fmea`."""
        _checks.choose("format", format, FMEA_FORMATS)
        if scope != "":
            _checks.choose("scope", scope, ["all", *self.scope_names])
        _checks.choose("ranking", rank_by, FMEA_RANKINGS)
        return self._raw.fmea(format, _checks.fraction("confidence", confidence), scope, rank_by)

    def report(self, path=None, sensitivity=None, confidence: float = 0.95) -> str:
        """The HTML report ``reliasim run --format html`` writes: one self-contained page with
        charts. Pass a :meth:`Scenario.sensitivity` result to include its tornado. With
        ``path`` the page is also written there (whole or not at all). The FMEA section needs
        a run made with ``credit_attribution=True`` (the default) when the scenario has SLAs.
        """
        html = _core.report_html(self._raw, None if sensitivity is None else sensitivity._raw,
                                 _checks.fraction("confidence", confidence))
        if path is not None:
            _write_whole(path, html)
        return html

    def incidents(self):
        """Every incident: trial, failure mode, T0..T4 (``start``, ``detected``, ``engaged``,
        ``mitigated``, ``repaired``: Timedelta offsets from the start of the horizon, NaT for
        a stage never reached), how it was detected, whether it was user-facing, and its TTD,
        TTM and TTR."""
        import pandas as pd

        columns = self._raw.incidents()
        modes = self._raw.failure_modes
        labels = [f"{m['service'] or 'common-cause'}/{m['name']}" for m in modes]
        frame = pd.DataFrame(columns)
        frame.insert(1, "mode", pd.Categorical.from_codes(frame["failure_mode"], categories=labels))
        frame["detected_by"] = pd.Categorical.from_codes(frame["detected_by"], categories=list(DETECTED_BY))
        frame = _frame(frame, times=("start", "detected", "engaged", "mitigated", "repaired"))
        for stage, end in STAGES.items():
            frame[stage] = frame[end] - frame["start"]
        return frame

    def outages(self):
        """User-facing incidents per scope: ``start``, ``end`` and first detection
        (``detected``) as Timedelta offsets from the start of the horizon, and whether the
        horizon cut the outage short (``censored``)."""
        import pandas as pd

        frame = pd.DataFrame(self._raw.outages())
        frame.insert(1, "scope_name", pd.Categorical.from_codes(frame["scope"], categories=self.scope_names))
        return _frame(frame, times=("start", "end", "detected"))

    def window_availability(self):
        """Availability of each scope in each window, per trial: a [trial x window] frame per
        scope, whose columns are :attr:`window_labels`."""
        import pandas as pd

        lengths = np.diff(np.asarray(self._raw.window_bounds))
        down = self._raw.scope_down
        return {name: pd.DataFrame(1.0 - down[:, s, :] / lengths, columns=self._windows)
                for s, name in enumerate(self.scope_names)}

    def joined(self, other: "Results") -> "Results":
        """These results and those of the directly following trial range, as one run."""
        return Results(self._raw.joined(other._raw), self._start)


class StreamedSummary(SummaryFrames):
    """The summary of a streamed run (:meth:`Scenario.run` with ``streaming=True``): the
    same DataFrames and documents as :class:`Results`, without per-trial arrays or incidents
    (unless asked for: ``keep_incidents=N``), which were dropped batch by batch. Quantiles are
    exact to within 1 %."""

    def __init__(self, raw: _core.SummaryRun, confidence: float | None = None, windows=None):
        """``confidence`` and ``windows`` (labels) None take them from the summary's own
        document (a merge of partial results, with no scenario at hand)."""
        self._raw = raw
        self._doc = json.loads(raw.render("json"))
        self._confidence = confidence if confidence is not None else self._doc["confidence"]
        self._windows = windows if windows is not None else self._document_windows()

    def _document_windows(self):
        windows = self._doc["windows"]
        start = None
        if windows["kind"] == "calendar-month":
            import pandas as pd

            start = pd.Period(windows["start"], freq="M")
        return window_labels(start, windows["boundaries_seconds"])

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

    def incidents(self):
        """The incidents the run kept (``keep_incidents=N``: the first N in trial order), as
        :meth:`Results.incidents` gives them: trial, failure mode, T0..T4 as Timedelta
        offsets (NaT for a stage never reached), how each was detected, whether it was
        user-facing, and its TTD, TTM and TTR."""
        import pandas as pd

        records = self._doc["incident_records"]
        if records is None:
            raise ValueError("this run kept no incidents: run(streaming=True, keep_incidents=N)")
        times = ("start", "detected", "engaged", "mitigated", "repaired")
        frame = pd.DataFrame(records, columns=["trial", "failure_mode", *times, "detected_by", "user_facing"])
        frame = frame.rename(columns={"failure_mode": "mode"})
        frame["trial"] = frame["trial"].astype("uint64")
        frame["mode"] = frame["mode"].astype("category")
        frame["detected_by"] = pd.Categorical(frame["detected_by"], categories=list(DETECTED_BY))
        for column in times:
            frame[column] = pd.to_timedelta(frame[column].astype(float), unit="s")
        for stage, end in STAGES.items():
            frame[stage] = frame[end] - frame["start"]
        return frame


_ARRAYS = {
    "scope_down", "scope_degraded", "scope_error", "scope_down_by_cause", "scope_outages",
    "scope_longest_outage", "scope_first_outage", "scope_down_at", "attributed_down", "attributed_degraded", "attributed_error", "service_down", "service_degraded", "sla_uptime",
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


_LARGEST_TIMEDELTA_SECONDS = 9.2e9


def _frame(rows, index: str | None = None, times=()):
    """Rows (or a frame) as a DataFrame whose columns named in ``times``, and their intervals,
    turn from seconds into Timedelta."""
    import pandas as pd

    frame = pd.DataFrame(rows)
    for name in times:
        for column in (name, f"{name}_lower", f"{name}_upper"):
            if column in frame:
                seconds = pd.to_numeric(frame[column], errors="coerce").astype(float)
                # Beyond Timedelta's range (about 292 years) a time is NaT, never an error.
                seconds = seconds.where(seconds.abs() < _LARGEST_TIMEDELTA_SECONDS)
                frame[column] = pd.to_timedelta(seconds, unit="s")
    return frame.set_index(index) if index and not frame.empty else frame


def fmea_frame(sheet: dict):
    """An FMEA worksheet's JSON document (``reliasim fmea --format json``) as the DataFrame
    :meth:`Results.fmea` gives."""
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
    slas = [bad["sla"] for bad in sheet["failure_modes"][0]["sla_bad_time"]] if sheet["failure_modes"] else []
    times = ["downtime_per_year", "degraded_per_year", "ttd_p50", "ttr_p50", *(f"bad_per_year_{sla}" for sla in slas)]
    return _frame(rows, "rank", times=times)
