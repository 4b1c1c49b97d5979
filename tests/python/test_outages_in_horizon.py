"""The chance of an outage within one trial's horizon, against the run's own per-trial arrays."""

import numpy as np
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
