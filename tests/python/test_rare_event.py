"""Importance sampling from Python (docs/rare-events.md): the rare outage of a triple-redundant
database against the exact transient answer, the weights as NumPy, the weighted figures
recomputed from the per-trial arrays, and the arguments that are refused."""

import numpy as np
import pandas as pd
import pytest

import reliasim

TRIPLE = """
scenario: triple
horizon: 1y
crews: {ops: {size: 1}}
defaults: {crew: ops}
services:
  db:
    replicas: {count: 3, min_healthy: 1}
    failure_modes:
      - {name: disk, scope: replica, occurs: {mtbf: 1y}, repair: {manual: {exponential: {mean: 4h}}}}
journeys: {reads: [db]}
"""


@pytest.fixture(scope="module")
def triple():
    return reliasim.Scenario.from_yaml(TRIPLE)


@pytest.fixture(scope="module")
def biased(triple):
    return triple.run(trials=20000, seed=3, rare_event="is", rare_event_scope="reads")


def test_holds_the_exact_probability_with_its_diagnostics(triple, biased):
    analytic = triple.analytic().iloc[0]
    exact = analytic["outage_in_horizon_probability"]
    assert analytic["mttf_years"] > 1000  # beyond what a Timedelta holds: NaT there
    assert analytic["mttf"] is pd.NaT
    assert 5e-7 < exact < 3e-6
    rare = biased.rare_event(confidence=0.999)
    assert rare["scope"] == "reads"
    assert rare["reliable"] and rare["warnings"] == []
    p = rare["outage_probability"]
    assert p["lower"] <= exact <= p["upper"]
    assert rare["plain_trials_needed"] > 100 * biased.trials
    assert "cross-entropy" in rare["chosen_by"]


def test_weighted_figures_are_weighted_means_of_the_trials(biased):
    w = biased.weights
    assert w.shape == (biased.trials,)
    assert not np.all(w == 1.0)
    had = biased.scope_outages[:, 0] > 0
    row = biased.scopes().iloc[0]
    assert row["outage_in_horizon_probability"] == pytest.approx(np.mean(w * had), rel=1e-12)
    down = biased.scope_down[:, 0, :].sum(axis=1)
    unavailability = np.mean(w * down) / biased.horizon
    assert 1 - row["availability"] == pytest.approx(unavailability, rel=1e-9)


def test_same_seed_same_weights_for_any_thread_count(triple, biased):
    again = triple.run(trials=20000, seed=3, threads=1, rare_event="is")
    assert np.array_equal(again.weights, biased.weights)


def test_given_biases_skip_the_pilots(triple):
    r = triple.run(trials=500, rare_event_bias=(1.5, 300))
    rare = r.rare_event()
    assert rare["biases"] == [1.5, 300.0, 300.0, 300.0]
    assert rare["chosen_by"] == "given"
    assert triple.run(trials=500).rare_event() is None


def test_bad_arguments_are_refused_before_the_engine_runs(triple):
    with pytest.raises(ValueError, match="rare_event"):
        triple.run(trials=100, rare_event="sometimes")
    with pytest.raises(ValueError, match="rare_event_bias"):
        triple.run(trials=100, rare_event_bias=(0.5, 2))
    with pytest.raises(ValueError, match="streaming"):
        triple.run(trials=100, rare_event="is", streaming=True)
    with pytest.raises(ValueError, match="valid: reads"):
        triple.run(trials=100, rare_event="is", rare_event_scope="writes")


def test_common_outages_fall_back_to_plain_runs_with_a_warning():
    common = reliasim.Scenario.from_yaml(TRIPLE.replace("mtbf: 1y", "mtbf: 2d"))
    with pytest.warns(UserWarning, match="not rare, plain Monte Carlo"):
        r = common.run(trials=200, rare_event="auto")
    assert r.rare_event() is None
    assert np.all(r.weights == 1.0)


def test_the_fmea_of_a_weighted_run_is_weighted(triple, biased):
    worksheet = biased.fmea()
    modes = biased.failure_modes()
    row = worksheet.iloc[0]
    assert row["incidents_per_year"] == pytest.approx(modes["incidents_per_year"].iloc[0], rel=1e-12)
    assert row["downtime_per_year"] == modes["downtime_per_year"].iloc[0]
    # Replicas fail about 3 times a year whatever the biasing: the weights undo it.
    assert 2.5 < row["incidents_per_year"] < 3.5


def test_the_report_of_a_weighted_run_is_refused(biased):
    with pytest.raises(ValueError, match="not weighted"):
        biased.report()
