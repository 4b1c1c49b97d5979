"""Loading scenarios from files, YAML text and dicts; errors that carry their place."""

import copy

import pandas as pd
import pytest

import reliasim
from conftest import SMALL


def test_from_file_describes_the_model(web_shop):
    assert web_shop.name == "web-shop checkout, 3 zones"
    assert "9 services" in web_shop.describe()
    assert web_shop.horizon == pytest.approx(365 * 86400)


def test_from_dict_and_from_yaml_agree():
    import yaml

    from_dict = reliasim.Scenario.from_dict(SMALL).run(trials=20, seed=5)
    from_yaml = reliasim.Scenario.from_yaml(yaml.safe_dump(SMALL)).run(trials=20, seed=5)
    assert (from_dict.scope_down == from_yaml.scope_down).all()


def test_errors_carry_file_line_column_and_every_problem():
    text = "scenario: x\nservices:\n  a:\n    depends_on: [nowhere]\n    replicas: {count: 1, min_healthy: 3}\n"
    with pytest.raises(reliasim.ScenarioError) as caught:
        reliasim.Scenario.from_yaml(text, name="bad.yaml")
    diagnostics = caught.value.diagnostics
    assert len(diagnostics) == 2
    assert diagnostics[0][:3] == ("bad.yaml", 4, 18)
    assert "unknown service 'nowhere'" in diagnostics[0][3]
    assert "bad.yaml:5:" in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_dict_errors_name_the_key():
    broken = copy.deepcopy(SMALL)
    broken["services"]["api"]["failure_modes"][0]["ocurs"] = broken["services"]["api"]["failure_modes"][0].pop("occurs")
    with pytest.raises(reliasim.ScenarioError, match="did you mean 'occurs'"):
        reliasim.Scenario.from_dict(broken)


@pytest.mark.parametrize(
    "text",
    ["", "\x00\x01binary", "[" * 10000, "a: &a [1]\nb: *a\n" * 3, "scenario: x\nhorizon: .nan\nservices: {}\n",
     "scenario: x\nservices:\n  a: {replicas: {count: 1e308}}\n"],
)
def test_hostile_input_raises_never_crashes(text):
    with pytest.raises(reliasim.ScenarioError):
        reliasim.Scenario.from_yaml(text)


def test_parameters_change_without_files():
    base = reliasim.Scenario.from_dict(SMALL)
    worse = base.with_changes(lambda d: d["services"]["api"]["failure_modes"][0]["occurs"].update(mtbf="5d"))
    down = lambda s: s.run(trials=100, seed=1).scope_down.sum()
    assert down(worse) > down(base)


def test_with_changes_works_however_the_scenario_was_loaded(tmp_path):
    """A file's or a YAML text's scenario changes too, and still reads its CSV files from its
    folder: repairs of exactly 5 min from the CSV, then 1 h after the change."""
    (tmp_path / "ttr.csv").write_text("ttr\n5m\n")
    text = ("scenario: s\nservices:\n  api:\n    failure_modes:\n      - {name: a, occurs: {rate: 12/y}, "
            "repair: {manual: {empirical: {csv: ttr.csv}}}}\n")
    (tmp_path / "s.yaml").write_text(text)
    set_repair = lambda d: d["services"]["api"]["failure_modes"][0].update(repair={"manual": "1h"})
    for scenario in (reliasim.Scenario.from_file(tmp_path / "s.yaml"),
                     reliasim.Scenario.from_yaml(text, base_dir=tmp_path)):
        repairs = lambda s: set(s.run(trials=10, seed=1).incidents()["ttr"].dt.round("1ms"))
        assert repairs(scenario) == {pd.Timedelta(minutes=5)}
        assert repairs(scenario.with_changes(lambda d: None)) == {pd.Timedelta(minutes=5)}
        assert repairs(scenario.with_changes(set_repair)) == {pd.Timedelta(hours=1)}


def test_read_dict_round_trips(web_shop_path):
    data = reliasim.Scenario.read_dict(web_shop_path)
    assert reliasim.Scenario.from_dict(data, base_dir=web_shop_path.parent).name == "web-shop checkout, 3 zones"


def test_analytic_frame(web_shop):
    frame = web_shop.analytic()
    assert list(frame["scope"]) == ["checkout", "browse"]
    assert ((frame["availability"] > 0.99) & (frame["availability"] < 1)).all()
    # Lognormal durations: no exact Markov chain, the structure function's approximation.
    assert (frame["method"] == "structure function").all() and not frame["exact"].any()
    # Nor an exact transient solution: the note says why, the values are missing.
    assert frame["mttf"].isna().all() and frame["outages_in_horizon"].isna().all()
    assert frame["transient_note"].str.contains("not Markovian|maintenance").all()
    assert web_shop.analytic_reliability().empty


TWO_STATE = """
scenario: two-state
horizon: 2d
services:
  api:
    failure_modes:
      - {name: crash, occurs: {rate: 1/d}, repair: {self_heal: {exponential: {mean: 6h}}}}
journeys: {checkout: [api]}
"""


def test_analytic_over_the_horizon_is_the_two_state_closed_form():
    import numpy as np

    scenario = reliasim.Scenario.from_yaml(TWO_STATE)
    row = scenario.analytic().set_index("scope").loc["checkout"]
    lam, mu = 1.0, 4.0  # per day
    assert row["mttf"] / pd.Timedelta(days=1) == pytest.approx(1 / lam, rel=1e-9)
    assert row["outage_in_horizon_probability"] == pytest.approx(1 - np.exp(-2 * lam), rel=1e-9)
    curve = scenario.analytic_reliability()
    days = curve["time"] / pd.Timedelta(days=1)
    expected = mu / (lam + mu) + lam / (lam + mu) * np.exp(-(lam + mu) * days)
    assert np.allclose(curve["availability"], expected, rtol=1e-9)
    assert np.allclose(curve["reliability"], np.exp(-lam * days), rtol=1e-9)
    assert np.allclose(curve["unreliability"], 1 - curve["reliability"])


def test_files_outside_the_scenario_folder_need_trust_paths(tmp_path):
    """A scenario reads CSV files under its own folder only; trust_paths=True allows any."""
    (tmp_path / "team").mkdir()
    (tmp_path / "shared.csv").write_text("ttr\n5m\n1h\n")
    text = ("scenario: s\nservices:\n  api:\n    failure_modes:\n"
            "      - {name: a, occurs: {rate: 1/y}, repair: {manual: {empirical: {csv: ../shared.csv}}}}\n")
    scenario_file = tmp_path / "team" / "s.yaml"
    scenario_file.write_text(text)
    for load in (lambda **kw: reliasim.Scenario.from_file(scenario_file, **kw),
                 lambda **kw: reliasim.Scenario.from_yaml(text, base_dir=tmp_path / "team", **kw)):
        with pytest.raises(reliasim.ScenarioError, match="leads outside the scenario's folder"):
            load()
        trusted = load(trust_paths=True)
        # The CSV's two samples, 5 min and 1 h, are the repair times: one or the other.
        repairs = trusted.run(trials=20, seed=1).incidents()["ttr"].dropna()
        assert set(repairs.dt.round("1ms")) <= {pd.Timedelta(minutes=5), pd.Timedelta(hours=1)}
        assert len(repairs) > 0
