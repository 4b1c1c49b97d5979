"""Short summaries for people: HTML for notebooks, aligned text for terminals.

Figures read with their units: availability as a percentage, durations in seconds, minutes,
hours or days, money with its currency, each with its interval in brackets. Text from
scenarios follows the engine's rule for people (docs/results.md, "Text from scenarios"): one
line, control characters visible, and markup escaped in HTML.
"""

from __future__ import annotations

import html
import math
from typing import Optional

from . import _core

NONE = "–"
#: (from this many seconds, seconds per unit, unit): a duration reads in the largest that fits.
_DURATION_UNITS = ((2 * 86400, 86400, "d"), (2 * 3600, 3600, "h"), (120, 60, "min"), (0, 1, "s"))


def escape(text) -> str:
    """Text for HTML: markup escaped, one line, controls visible."""
    return _core.html_text(str(text))


def plain(text) -> str:
    """Text for a terminal by the same rule, without HTML's entities."""
    return html.unescape(escape(text))


def number(value: Optional[float]) -> str:
    if value is None or math.isnan(value):
        return NONE
    if abs(value) < 1e-6:  # rounding noise of a sum that is zero
        return "0"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def _estimate(estimate: Optional[dict], show, unit: str) -> str:
    """The estimate with its unit and interval, "4.3 h [3.4, 5.2]", each number by ``show``."""
    if estimate is None or estimate["estimate"] is None:
        return NONE
    text = f"{show(estimate['estimate'])}{unit}"
    lower, upper = estimate["lower"], estimate["upper"]
    if lower is None and upper is None:
        return text
    return f"{text} [{NONE if lower is None else show(lower)}, {NONE if upper is None else show(upper)}]"


def percent(estimate: Optional[dict]) -> str:
    """99.951 % [99.941, 99.961]: enough decimals to show how far the estimate is from 100 %."""
    if estimate is None or estimate["estimate"] is None:
        return NONE
    shortfall = abs(100 - 100 * estimate["estimate"])
    decimals = 1 if shortfall == 0 else min(6, max(1, 1 - math.floor(math.log10(shortfall))))
    return _estimate(estimate, lambda v: f"{100 * v:.{decimals}f}", " %")


def points(estimate: Optional[dict]) -> str:
    """A difference of two fractions, in percentage points."""
    return _estimate(estimate, lambda v: f"{100 * v:+#.3g}", " pp")


def duration(estimate: Optional[dict]) -> str:
    """Seconds in the unit that reads best for the estimate: 42 s, 18.5 min, 4.3 h, 3.2 d."""
    if estimate is None or estimate["estimate"] is None:
        return NONE
    size = abs(estimate["estimate"])
    _, seconds, unit = next(u for u in _DURATION_UNITS if size >= u[0])
    return _estimate(estimate, lambda v: number(v / seconds), f" {unit}")


def money(estimate: Optional[dict], currency: Optional[str]) -> str:
    """An amount with its currency; an SLA without credit schedule has none to show."""
    if not currency:
        return "no credit schedule"
    return _estimate(estimate, number, f" {currency}")


def count(estimate: Optional[dict]) -> str:
    return _estimate(estimate, number, "")


def to_html(title: str, tables: list, names: int = 1) -> str:
    """A title line and tables, every piece of text escaped; the first ``names`` columns are
    names (left-aligned), the others figures (right-aligned), none broken across lines."""
    parts = [f"<div class=\"reliasim\"><p><b>{escape(title)}</b></p>"]
    for header, rows in tables:
        if not rows:
            continue
        parts.append("<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr></thead><tbody>")
        for row in rows:
            cells = [f"<td style=\"text-align:{'left' if i < names else 'right'}; white-space:nowrap\">"
                     f"{escape(cell)}</td>" for i, cell in enumerate(row)]
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</tbody></table>")
    return "".join(parts) + "</div>"


def to_text(title: str, tables: list) -> str:
    """A title line and tables in aligned columns."""
    lines = [plain(title)]
    for header, rows in tables:
        if not rows:
            continue
        cells = [[plain(cell) for cell in line] for line in [header, *rows]]
        widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
        lines.append("")
        for line in cells:
            lines.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
    return "\n".join(lines)
