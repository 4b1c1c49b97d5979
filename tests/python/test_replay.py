"""reliasim.replay: the same numbers as `reliasim replay`, DataFrames with units, and odds from a
run of the same scenario (checked against the run's own per-trial credits)."""

import json
import subprocess

import numpy as np
import pandas as pd
import pytest

import reliasim
from conftest import CLI, SOURCE_DIR

HISTORY = SOURCE_DIR / "scenarios" / "exports" / "web-shop-history-2025.csv"


def test_python_equals_the_command(web_shop_path):
    cli = json.loads(subprocess.run([CLI, "replay", str(HISTORY), str(web_shop_path), "--no-simulation",
                                     "--format", "json"], capture_output=True, text=True, check=True).stdout)
    replayed = reliasim.replay(HISTORY, reliasim.Scenario.from_file(web_shop_path))
    windows = replayed.windows()
    gold = windows[windows.sla == "enterprise-checkout"]
    assert list(gold.uptime) == [w["uptime"] for w in cli["slas"][0]["windows"]]
    assert list(gold.credit) == [w["credit"] for w in cli["slas"][0]["windows"]]
    # February 2025: orders-db down 02:05-05:20, 195 bad minutes of a 28-day month.
    february = gold[gold.start == pd.Timestamp("2025-02-01", tz="UTC")].iloc[0]
    assert february.bad == pd.Timedelta(minutes=195)
    assert february.uptime == pytest.approx(1 - 195 / (28 * 1440), rel=1e-12)
    assert february.breached and february.credit == pytest.approx(12000.0)
    assert replayed.odds() is None
    assert "<svg" in replayed._repr_html_()
    assert set(replayed.slos().slo) == {"checkout-availability", "browse-availability"}


def test_odds_from_a_run_of_the_scenario(web_shop):
    results = web_shop.run(trials=300, seed=5)
    odds = reliasim.replay(HISTORY, web_shop, results=results).odds()
    assert odds["currencies"] == ["EUR"] and odds["trials"] == 300
    history = odds["history_credit_per_year"][0]
    # The run's own per-trial credits (one SLA, [trial, window]), a year each (horizon 1y): the
    # share of trials at least as costly.
    assert results.sla_names == ["enterprise-checkout"]
    credits = results.sla_credit.sum(axis=1)
    assert odds["credit_at_least"][0] == pytest.approx(np.mean(credits >= history * (1 - 1e-12)))


def test_results_of_another_scenario_are_refused(web_shop):
    other = reliasim.load("sla-portfolio").run(trials=20)
    with pytest.raises(ValueError, match="another scenario"):
        reliasim.replay(HISTORY, web_shop, results=other)


def test_unknown_scope_names_the_line(tmp_path, web_shop):
    history = tmp_path / "h.csv"
    history.write_text("service,started,resolved\npayments-gw,2025-01-01T00:00:00Z,2025-01-01T01:00:00Z\n")
    with pytest.raises(reliasim.ScenarioError, match="h.csv:2:1: error: service 'payments-gw' is not in the scenario"):
        reliasim.replay(history, web_shop)
