"""SLA portfolios in Python: every contract in one currency together, checked against the run's
own per-trial credits totalled here."""

import numpy as np
import pytest

import reliasim


@pytest.fixture(scope="module")
def portfolio_run():
    return reliasim.load("sla-portfolio").run(trials=300, seed=2)


def test_each_currency_totals_its_contracts_trial_by_trial(portfolio_run):
    r = portfolio_run
    slas = r.slas()
    frame = r.portfolios()
    per_year = 365 * 86400 / r.horizon
    windows = [len(bounds) - 1 for bounds in r.sla_window_bounds]
    first = np.concatenate([[0], np.cumsum(windows)])
    for currency, row in frame.iterrows():
        names = list(slas.index[slas["currency"] == currency])
        assert row["contracts"] == names
        totals = np.zeros(r.trials)
        for name in names:
            k = list(slas.index).index(name)
            totals += r.sla_credit[:, first[k]:first[k + 1]].sum(axis=1) * per_year
        assert row["credit_per_year"] == pytest.approx(totals.mean())
        # VaR: the smallest total that at least 99 % of trials do not exceed.
        ranked = np.sort(totals)
        assert row["var99"] == pytest.approx(ranked[int(np.ceil(0.99 * r.trials)) - 1])
        assert row["sum_of_contract_var99"] == pytest.approx(slas.loc[names, "var99"].sum())
    assert len(frame.loc["USD", "contracts"]) == 3
