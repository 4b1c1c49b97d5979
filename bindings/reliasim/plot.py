"""Plots of a run's results with matplotlib (an optional dependency: pip install matplotlib).

Each function draws on ``ax`` (a new figure with constrained layout when omitted) and returns
the axes. Axes say their units (minutes, the currency); legends sit outside the plotting area,
so they never cover data; long names are shortened with an ellipsis; tails that matter
(incident durations, SLA credit) are drawn on log scales.
"""

from __future__ import annotations

import numpy as np

from . import _checks
from .results import STAGES, Results

SECONDS_PER_YEAR = 365 * 86400
#: Longest name a label shows whole; longer ones keep their start and end.
LABEL_LENGTH = 40


def _axes(ax, height: float = 3.5):
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(8, height), layout="constrained")
    return ax


def _legend(ax) -> None:
    """The legend right of the axes, outside the data."""
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0, fontsize="small")


def _short(name: str, length: int = LABEL_LENGTH) -> str:
    """``name`` at most ``length`` characters: its start and end around an ellipsis."""
    if len(name) <= length:
        return name
    tail = (length - 1) // 2
    return f"{name[:length - 1 - tail]}…{name[-tail:]}"


def _scope_index(results: Results, scope: str | None) -> int:
    return 0 if scope is None else results.scope_names.index(_checks.choose("scope", scope, results.scope_names))


def downtime_distribution(results: Results, scope: str | None = None, ax=None):
    """Histogram of downtime per year (minutes) over the trials, with mean and p95."""
    ax = _axes(ax)
    s = _scope_index(results, scope)
    minutes = results.scope_down[:, s, :].sum(axis=1) / 60 * SECONDS_PER_YEAR / results.horizon
    ax.hist(minutes, bins=50, color="#4477aa")
    for value, label, style in ((minutes.mean(), "mean", "-"), (np.percentile(minutes, 95), "p95", "--")):
        ax.axvline(value, color="black", linestyle=style, label=f"{label} {value:,.0f} min")
    ax.set_xlabel("downtime per year (minutes)")
    ax.set_ylabel("trials")
    ax.set_title(f"Downtime of {_short(results.scope_names[s])}")
    _legend(ax)
    return ax


def monthly_availability(results: Results, scope: str | None = None, target: float | None = None, ax=None):
    """Availability (not down) and the share of requests served (1 - error time / window: what
    an SLO spends) in each window: the median trial and the 5-95 % band of each, with a target
    line. Read an SLO's target against requests served.

    Calendar-month windows are placed on a date axis at their months; other windows at their
    middle, in days from the start of the horizon."""
    import pandas as pd

    ax = _axes(ax)
    s = _scope_index(results, scope)
    bounds = np.asarray(results.window_bounds)
    lengths = np.diff(bounds)
    labels = results.window_labels
    if isinstance(labels, pd.PeriodIndex):  # calendar months: a date axis with short month names
        import matplotlib.dates as mdates

        middles = labels.to_timestamp() + (labels.to_timestamp(how="end") - labels.to_timestamp()) / 2
        x = middles.to_pydatetime()
        locator = mdates.AutoDateLocator(maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.set_xlabel("calendar month")
    else:
        x = (bounds[:-1] + lengths / 2) / 86400
        ax.set_xlabel("window middle (days from the start of the horizon)")
    for spent, color, label in ((results.scope_down, "#4477aa", "available (not down)"),
                                (results.scope_error, "#aa3377", "requests served (SLOs count these)")):
        share = 100 * (1 - spent[:, s, :] / lengths)
        low, median, high = np.percentile(share, [5, 50, 95], axis=0)
        ax.fill_between(x, low, high, alpha=0.3, color=color)
        ax.plot(x, median, marker="o", color=color, label=label)
    if target is not None:
        ax.axhline(100 * target, color="#cc3311", linestyle="--", label=f"target {100 * target:g} %")
    ax.ticklabel_format(axis="y", useOffset=False)  # 99.9995, not an offset of +9.9999e1
    ax.set_ylabel("% of the window\n(median trial, 5-95 % band)")
    ax.set_title(f"Availability per window, {_short(results.scope_names[s])}")
    _legend(ax)
    return ax


def incident_times(results: Results, stage: str = "ttm", ax=None):
    """Histogram of an incident stage's duration (ttd, ttm or ttr) in minutes, both axes on log
    scales: the rare long incidents are the tail that matters."""
    stage = _checks.choose("stage", stage, list(STAGES))
    ax = _axes(ax)
    minutes = results.incidents()[stage].dropna().dt.total_seconds().to_numpy() / 60
    minutes = minutes[minutes > 0]
    bins = np.logspace(np.log10(max(minutes.min(), 0.1)), np.log10(minutes.max()), 40)
    ax.hist(minutes, bins=bins, color="#228833")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(f"{stage.upper()} (minutes, log scale)")
    ax.set_ylabel("incidents (log scale)")
    ax.set_title(f"{stage.upper()} over all incidents")
    return ax


def sla_exposure(results: Results, sla: str | None = None, ax=None):
    """Annual credit exceedance curve: P(annual credit > x), on a log scale, with VaR 95 % and
    99 %; the credit axis is in the SLA's currency.

    Raises ValueError for an SLA without credits and fee: it has no credit schedule to plot."""
    index = 0 if sla is None else results.sla_names.index(_checks.choose("SLA", sla, results.sla_names))
    document = results.summary()["slas"][index]
    if not document["credit_schedule"]:
        raise ValueError(f"SLA {results.sla_names[index]!r} has no credit schedule (no credits and fee): "
                         "there is no credit to plot; results.slas() has its breach probability")
    currency = document["currency"]
    ax = _axes(ax)
    counts = [len(b) - 1 for b in results.sla_window_bounds]
    start = sum(counts[:index])
    annual = results.sla_credit[:, start : start + counts[index]].sum(axis=1) * SECONDS_PER_YEAR / results.horizon
    values = np.sort(annual)
    exceed = 1 - np.arange(1, len(values) + 1) / len(values)
    ax.step(values, exceed, where="post", color="#aa3377")
    for level, style in ((0.95, "--"), (0.99, ":")):
        var = np.quantile(annual, level)
        ax.axvline(var, linestyle=style, color="black", label=f"VaR {level:.0%}: {var:,.0f} {currency}")
    ax.set_yscale("log")
    ax.set_xlabel(f"credit per year ({currency})")
    ax.set_ylabel("P(credit > x), log scale")
    ax.set_title(f"SLA exposure, {_short(results.sla_names[index])}")
    _legend(ax)
    return ax


def tornado(sensitivity, metric: str = "downtime", top: int = 15, ax=None):
    """Tornado chart of a :meth:`Scenario.sensitivity` analysis: for the ``top`` parameters
    with the largest swing, the change in ``metric`` ("downtime", minutes a year, or
    "credit", in the SLAs' currency a year) when each is set low and high, with its interval."""
    metric = _checks.choose("metric", metric, ("downtime", "credit"))
    top = _checks.whole("top", top, 1)
    if metric == "credit" and sensitivity.currency is None:
        raise ValueError("no SLA has a credit schedule: there is no credit to plot; use metric='downtime'")
    frame = sensitivity.effects().head(top).iloc[::-1]
    ax = _axes(ax, height=1.2 + 0.3 * len(frame))
    positions = np.arange(len(frame))
    for side, colour in (("low", "tab:green"), ("high", "tab:red")):
        columns = [frame[f"{metric}_{side}{bound}"] for bound in ("", "_lower", "_upper")]
        if metric == "downtime":
            columns = [column.dt.total_seconds() / 60 for column in columns]
        values, lower, upper = (column.to_numpy(dtype=float) for column in columns)
        factor = sensitivity.document()[f"{side}_factor"]
        ax.barh(positions, values, color=colour, alpha=0.7, label=f"x{factor:g}",
                xerr=np.abs(np.vstack([values - lower, upper - values])), capsize=2)
    # The quantity is kept whole; a long owner (service/failure mode) keeps its start and end.
    labels = [f"{_short(owner, max(12, LABEL_LENGTH - len(quantity) - 2))}: {quantity}"
              for owner, quantity in zip(frame["owner"], frame["quantity"])]
    ax.set_yticks(positions, labels)
    ax.axvline(0, color="black", linewidth=0.8)
    if metric == "downtime":
        ax.set_xlabel(f"change in {_short(sensitivity.scope)} downtime (minutes a year)")
    else:
        ax.set_xlabel(f"change in SLA credit ({sensitivity.currency} a year)")
    ax.set_title("Sensitivity (tornado)")
    _legend(ax)
    return ax
