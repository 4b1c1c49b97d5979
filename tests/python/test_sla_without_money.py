"""An SLA without credits and fee: results.slas() says it has no credit schedule, with no money."""

import math

import pandas as pd
import pytest

import reliasim
from conftest import SOURCE_DIR

# Breaches known by construction: 8 of 12 calendar months (the file explains why).
BREACH_ONLY = SOURCE_DIR / "tests" / "data" / "breach-only-sla.yaml"


def test_slas_frame_has_breaches_and_no_money():
    frame = reliasim.Scenario.from_file(BREACH_ONLY).run(trials=20, seed=1).slas()
    row = frame.loc["internal"]
    assert not row["credit_schedule"]
    assert row["currency"] is None
    assert math.isclose(row["breach_probability"], 8 / 12, rel_tol=1e-12)
    for money in ("credit_per_year", "credit_per_window", "var95", "cvar99", "credit_change_plus_minute"):
        assert row[money] is None or math.isnan(row[money]), money


def test_credit_exposure_plot_refuses_an_sla_without_credits():
    results = reliasim.Scenario.from_file(BREACH_ONLY).run(trials=10, seed=1)
    with pytest.raises(ValueError, match="no credit schedule"):
        reliasim.plot.sla_exposure(results)


def test_breaches_fall_in_the_months_the_file_says():
    results = reliasim.Scenario.from_file(BREACH_ONLY).run(trials=20, seed=1)
    # The file sets no start: its months are from the format's default, January 2027. The first
    # breached window is February, which ends 59 days after the start.
    assert results.slas().loc["internal", "time_to_first_breach_p50"] == pd.Timedelta(days=59)
    months = results.windows().loc["use"]
    assert months.loc[pd.Period("2027-01", "M"), "availability"] == 1  # no outage in January
    assert months.loc[pd.Period("2027-02", "M"), "availability"] < 1
    assert "no credit schedule" in results._repr_html_()


def test_comparison_and_sensitivity_show_no_money_for_it():
    scenario = reliasim.Scenario.from_file(BREACH_ONLY)
    comparison = reliasim.compare(scenario, scenario, trials=10, seed=1)
    row = comparison.slas().loc["internal"]
    assert row["currency"] is None and not row["credit_schedule"]
    assert all(row[f"credit_per_year_{side}"] is None for side in ("a", "b", "difference"))
    assert "no credit schedule" in comparison._repr_html_()
    sensitivity = scenario.sensitivity(trials=4, seed=1)
    assert sensitivity.currency is None
    assert sensitivity.effects()["credit_high"].isna().all()
    with pytest.raises(ValueError, match="no SLA has a credit schedule"):
        reliasim.plot.tornado(sensitivity, metric="credit")
