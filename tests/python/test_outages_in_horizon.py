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
