"""Plots of a run's results with matplotlib (an optional dependency: pip install matplotlib).

Each function draws on ``ax`` (a new figure when omitted) and returns the axes.
"""

from __future__ import annotations

import numpy as np

from .results import Results

SECONDS_PER_YEAR = 365 * 86400


def _axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(7, 3.5))
    return ax


def _scope_index(results: Results, scope: str | None) -> int:
    names = results.scope_names
    return 0 if scope is None else names.index(scope)


def downtime_distribution(results: Results, scope: str | None = None, ax=None):
    """Histogram of downtime per year (minutes) over the trials, with mean and p95."""
    ax = _axes(ax)
    s = _scope_index(results, scope)
    minutes = results.scope_down[:, s, :].sum(axis=1) / 60 * SECONDS_PER_YEAR / results.horizon
    ax.hist(minutes, bins=50, color="#4477aa")
    for value, label, style in ((minutes.mean(), "mean", "-"), (np.percentile(minutes, 95), "p95", "--")):
        ax.axvline(value, color="black", linestyle=style, label=f"{label} {value:.0f} min")
    ax.set_xlabel("downtime per year (minutes)")
    ax.set_ylabel("trials")
    ax.set_title(f"Downtime of {results.scope_names[s]}")
    ax.legend()
    return ax


def monthly_availability(results: Results, scope: str | None = None, target: float | None = None, ax=None):
    """Availability (not down) and the share of requests served (1 - error time / window: what
    an SLO spends) in each window: the median trial and the 5-95 % band of each, with a target
    line. Read an SLO's target against requests served."""
    ax = _axes(ax)
    s = _scope_index(results, scope)
    lengths = np.diff(np.asarray(results.window_bounds))
    windows = np.arange(1, lengths.size + 1)
    for spent, color, label in ((results.scope_down, "#4477aa", "availability (not down)"),
                                (results.scope_error, "#aa3377", "requests served (what SLOs count)")):
        share = 100 * (1 - spent[:, s, :] / lengths)
        low, median, high = np.percentile(share, [5, 50, 95], axis=0)
        ax.fill_between(windows, low, high, alpha=0.3, color=color)
        ax.plot(windows, median, marker="o", color=color, label=f"{label}, median trial and 5-95 %")
    if target is not None:
        ax.axhline(100 * target, color="#cc3311", linestyle="--", label=f"target {100 * target:g} %")
    ax.set_xlabel("window")
    ax.set_ylabel("available / served (%)")
    ax.set_title(f"Availability and requests served per window, {results.scope_names[s]}")
    ax.legend()
    return ax


def incident_times(results: Results, stage: str = "ttm", ax=None):
    """Histogram of an incident stage's duration (ttd, ttm or ttr) in minutes, log scale."""
    ax = _axes(ax)
    minutes = results.incidents()[stage].dropna().to_numpy() / 60
    minutes = minutes[minutes > 0]
    bins = np.logspace(np.log10(max(minutes.min(), 0.1)), np.log10(minutes.max()), 40)
    ax.hist(minutes, bins=bins, color="#228833")
    ax.set_xscale("log")
    ax.set_xlabel(f"{stage.upper()} (minutes, log scale)")
    ax.set_ylabel("incidents")
    ax.set_title(f"{stage.upper()} over all incidents")
    return ax


def sla_exposure(results: Results, sla: str | None = None, ax=None):
    """Annual credit exceedance curve: P(annual credit > x), with VaR 95 % and 99 %.

    Raises ValueError for an SLA without credits and fee: it has no credit schedule to plot."""
    index = 0 if sla is None else results.sla_names.index(sla)
    if not results.summary()["slas"][index]["credit_schedule"]:
        raise ValueError(f"SLA {results.sla_names[index]!r} has no credit schedule (no credits and fee): "
                         "there is no credit to plot; results.slas() has its breach probability")
    ax = _axes(ax)
    counts = [len(b) - 1 for b in results.sla_window_bounds]
    start = sum(counts[:index])
    annual = results.sla_credit[:, start : start + counts[index]].sum(axis=1) * SECONDS_PER_YEAR / results.horizon
    values = np.sort(annual)
    exceed = 1 - np.arange(1, len(values) + 1) / len(values)
    ax.step(values, exceed, where="post", color="#aa3377")
    for level in (0.95, 0.99):
        var = np.quantile(annual, level)
        ax.axvline(var, linestyle="--", color="gray", label=f"VaR {level:.0%}: {var:,.0f}")
    ax.set_yscale("log")
    ax.set_xlabel("credit per year")
    ax.set_ylabel("P(credit > x)")
    ax.set_title(f"SLA exposure, {results.sla_names[index]}")
    ax.legend()
    return ax


def tornado(sensitivity, metric: str = "downtime", top: int = 15, ax=None):
    """Tornado chart of a :meth:`Scenario.sensitivity` analysis: for the ``top`` parameters
    with the largest swing, the change in ``metric`` ("downtime", minutes a year, or
    "credit", a year) when each is set low and high, with its interval."""
    if metric not in ("downtime", "credit"):
        raise ValueError(f"metric must be 'downtime' or 'credit', not {metric!r}")
    frame = sensitivity.effects().head(top).iloc[::-1]
    scale = 1 / 60 if metric == "downtime" else 1.0
    ax = _axes(ax)
    positions = np.arange(len(frame))
    for side, colour in (("low", "tab:green"), ("high", "tab:red")):
        values = frame[f"{metric}_{side}"].to_numpy() * scale
        errors = np.abs(np.vstack([values - frame[f"{metric}_{side}_lower"].to_numpy() * scale,
                                   frame[f"{metric}_{side}_upper"].to_numpy() * scale - values]))
        factor = sensitivity.document()[f"{side}_factor"]
        ax.barh(positions, values, color=colour, alpha=0.7, label=f"x{factor:g}", xerr=errors, capsize=2)
    ax.set_yticks(positions, frame["parameter"])
    ax.axvline(0, color="black", linewidth=0.8)
    unit = "min/y" if metric == "downtime" else "per year"
    ax.set_xlabel(f"change in {sensitivity.scope + ' downtime' if metric == 'downtime' else 'SLA credit'} ({unit})")
    ax.set_title("Sensitivity (tornado)")
    ax.legend()
    return ax
