"""An SLA without credits and fee: results.slas() says it has no credit schedule, with no money."""

import math

import pytest

import reliasim
from conftest import SOURCE_DIR

# Breaches known by construction: 8 of 12 calendar months (the file explains why).
BREACH_ONLY = SOURCE_DIR / "tests" / "data" / "breach-only-sla.yaml"


def test_slas_frame_has_breaches_and_no_money():
    frame = reliasim.Scenario.from_file(BREACH_ONLY).run(trials=20, seed=1).slas()
    row = frame.loc["internal"]
    assert not row["credit_schedule"]
    assert row["currency"] == "no credit schedule"
    assert math.isclose(row["breach_probability"], 8 / 12, rel_tol=1e-12)
    for money in ("credit_per_year", "credit_per_window", "var95", "cvar99", "credit_change_plus_minute"):
        assert row[money] is None or math.isnan(row[money]), money


def test_credit_exposure_plot_refuses_an_sla_without_credits():
    results = reliasim.Scenario.from_file(BREACH_ONLY).run(trials=10, seed=1)
    with pytest.raises(ValueError, match="no credit schedule"):
        reliasim.plot.sla_exposure(results)
