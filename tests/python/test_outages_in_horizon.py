"""The chance of an outage within one trial's horizon, against the run's own per-trial arrays."""

import numpy as np
import pandas as pd
import pytest


def test_outage_chances_are_the_shares_of_trials(web_shop_results):
    r = web_shop_results
    frame = r.scopes()
    for s, (name, row) in enumerate(frame.iterrows()):
        outages = r.scope_outages[:, s]
        longest = r.scope_longest_outage[:, s]
        assert row["outage_in_horizon_probability"] == pytest.approx(np.mean(outages > 0))
        assert row["outage_in_horizon_probability_lower"] <= row["outage_in_horizon_probability"]
        assert row["outage_longer_than_1h_probability"] == pytest.approx(np.mean(longest > 3600))
        assert row["outage_longer_than_1d_probability"] == pytest.approx(np.mean(longest > 86400))


def test_reliability_is_the_share_of_trials_without_an_outage_so_far(web_shop_results):
    r = web_shop_results
    frame = r.reliability()
    names = list(r.scopes().index)
    for s, name in enumerate(names):
        rows = frame[frame["scope"] == name]
        assert len(rows) == 10
        had = r.scope_outages[:, s] > 0
        first = r.scope_first_outage[:, s]
        for _, row in rows.iterrows():
            t = row["time"].total_seconds()
            assert row["probability"] == pytest.approx(np.mean(~had | (first > t)))
        assert rows["time"].iloc[-1].total_seconds() == pytest.approx(r.horizon)
    median = r.scopes()["time_to_first_outage_p50"]
    assert median.iloc[0] == pd.Timedelta(seconds=float(np.median(r.scope_first_outage[r.scope_outages[:, 0] > 0, 0])))


def test_unreliability_and_point_availability_are_shares_of_trials(web_shop_results):
    r = web_shop_results
    frame = r.reliability()
    for s, name in enumerate(r.scopes().index):
        rows = frame[frame["scope"] == name]
        assert np.allclose(rows["unreliability"], 1 - rows["probability"])
        up = r.scope_down_at[:, s, :] == 0
        assert np.allclose(rows["availability"], up.mean(axis=0))
        assert (rows["availability_lower"] <= rows["availability"]).all()


VOTING = """
scenario: 2-of-3 never repaired
horizon: {horizon}
services:
  db:
    replicas: {{count: 3, min_healthy: 2}}
    failure_modes:
      - {{name: disk, scope: replica, occurs: {{rate: 1/y}}, repair: none}}
journeys: {{reads: [db]}}
"""


def test_non_repairable_voting_system_mttf_and_b10_match_closed_forms():
    import reliasim

    year = pd.Timedelta(days=365)
    results = reliasim.Scenario.from_yaml(VOTING.format(horizon="30y")).run(trials=3000, seed=5)
    row = results.scopes(confidence=0.999).loc["reads"]
    # MTTF of 2-of-3 with rate l: 1/(3l) + 1/(2l) = 5 / (6 l).
    assert row["mttf_lower"] <= 5 / 6 * year <= row["mttf_upper"]
    # B10: R(t) = 3 e^-2lt - 2 e^-3lt = 0.9, solved by bisection.
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if 3 * np.exp(-2 * mid) - 2 * np.exp(-3 * mid) > 0.9 else (lo, mid)
    assert row["b10_lower"] <= lo * year <= row["b10_upper"]
    modes = results.failure_modes()
    assert modes["repairs_in_horizon"].iloc[0] == 0


def test_a_censored_mttf_is_missing_and_its_restricted_mean_is_a_lower_bound():
    import reliasim

    results = reliasim.Scenario.from_yaml(VOTING.format(horizon="1y")).run(trials=500, seed=5)
    row = results.scopes().loc["reads"]
    assert pd.isna(row["mttf"])
    assert row["restricted_mttf"] < pd.Timedelta(days=365)
