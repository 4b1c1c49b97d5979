"""Scenario.stress: the same report as `reliasim stress`, DataFrames per test, and the figures a
6-hour outage in a 28-day February must add (worked out by hand, as in docs/stress.md)."""

import json
import subprocess

import pandas as pd
import pytest

import reliasim
from conftest import CLI

QUIET = """scenario: quiet
horizon: 1y
start: 2027-01
services:
  api: {failure_modes: [{name: crash, occurs: {rate: 1e-9/y}, repair: {self_heal: 1h}}]}
journeys:
  shop: [api]
slas:
  - name: gold
    journey: shop
    target: 99.9%
    window: calendar-month
    measure: {bad_minutes: {granularity: 1m}}
    credits: [{below: 99.9%, credit: 10%}, {below: 99%, credit: 25%}]
    fee: {monthly: 1000, currency: EUR}
stress:
  feb:
    inject: [{failure: api/crash, at: "2027-02-10T08:00Z", duration: 6h}]
"""


def test_a_bad_february_day_adds_its_hours_and_its_tier():
    scenario = reliasim.Scenario.from_yaml(QUIET)
    stress = scenario.stress(tests=["feb"], inject=["api/crash at 2027-03-01 for 9h"], trials=20)
    assert stress.tests == ["feb", "(inject)"]
    slas = stress.slas()
    # 6 h of February's 672 h: 99.107 % (10 % of 1000 EUR); 9 h of March's 744 h: 98.79 % (25 %).
    assert slas.loc[("feb", "gold"), "credit_per_year_difference"] == pytest.approx(100.0)
    assert slas.loc[("(inject)", "gold"), "credit_per_year_difference"] == pytest.approx(250.0)
    assert slas.loc[("feb", "gold"), "credit_per_year_a"] == 0.0
    scopes = stress.scopes()
    added = scopes.loc[("feb", "shop"), "downtime_per_year_difference"]
    assert added / pd.Timedelta(seconds=1) == pytest.approx(6 * 3600)
    assert "gold credits +100 EUR a year" in stress.verdicts()["feb"]
    assert stress.comparison("(inject)").scopes().loc["shop", "outages_per_year_difference"] == pytest.approx(1.0)
    assert "<h2>Stress test feb</h2>" in stress.report("html")
    assert "feb" in stress._repr_html_()


def test_python_equals_the_command(web_shop_path):
    cli = json.loads(subprocess.run([CLI, "stress", str(web_shop_path), "--trials", "200", "--seed", "5",
                                     "--format", "json"], capture_output=True, text=True, check=True).stdout)
    ours = reliasim.Scenario.from_file(web_shop_path).stress(trials=200, seed=5).document()
    assert [t["comparison"] for t in ours["tests"]] == [t["comparison"] for t in cli["tests"]]
    assert [t["injections"] for t in ours["tests"]] == [t["injections"] for t in cli["tests"]]


def test_bad_requests_say_what_is_valid():
    scenario = reliasim.Scenario.from_yaml(QUIET)
    with pytest.raises(ValueError, match="did you mean 'feb'"):
        scenario.stress(tests=["fe"])
    with pytest.raises(ValueError, match="not within the horizon"):
        scenario.stress(inject=["api/crash at 2029-01 for 1h"])
    with pytest.raises(ValueError, match="names no failure mode"):
        scenario.stress(inject=["db/crash at 2027-01 for 1h"])
    with pytest.raises(ValueError, match="no stress tests"):
        reliasim.Scenario.from_yaml(QUIET.split("stress:")[0]).stress()
