"""Results: NumPy views without copies, DataFrames, incidents, joining trial ranges."""

import numpy as np
import pandas as pd
import pytest

import reliasim


def test_arrays_are_read_only_views_with_documented_shapes(web_shop_results):
    r = web_shop_results
    down = r.scope_down
    assert down.shape == (200, 2, 12)
    assert not down.flags.writeable
    assert np.shares_memory(down, r.scope_down)  # the same buffer each time, no copy
    assert r.scope_down_by_cause.shape == (200, 2, 12, 4)
    np.testing.assert_allclose(r.scope_down_by_cause.sum(axis=3), down, rtol=1e-9, atol=1e-6)
    assert r.service_down.shape == (200, 9)
    assert (r.weights == 1).all()


def test_views_outlive_the_results_object(web_shop):
    down = web_shop.run(trials=10, seed=1).scope_down
    assert down.sum() >= 0  # the view keeps the results alive


def test_scopes_frame_matches_the_arrays(web_shop_results):
    frame = web_shop_results.scopes()
    per_trial = 1 - web_shop_results.scope_down[:, 0, :].sum(axis=1) / (365 * 86400)
    assert frame.loc["checkout", "availability"] == pytest.approx(per_trial.mean(), rel=1e-12)
    assert frame.loc["checkout", "availability_lower"] < frame.loc["checkout", "availability"]


def test_scopes_frame_has_degraded_and_error_time(web_shop_results):
    r = web_shop_results
    frame = r.scopes()
    for s, name in enumerate(r.scope_names):  # a horizon of one year: per trial is per year
        down = r.scope_down[:, s, :].sum(axis=1)
        degraded = r.scope_degraded[:, s, :].sum(axis=1)
        error = r.scope_error[:, s, :].sum(axis=1)
        assert frame.loc[name, "degraded_per_year"] / pd.Timedelta(seconds=1) == pytest.approx(degraded.mean(), rel=1e-12)
        assert frame.loc[name, "error_time_per_year"] / pd.Timedelta(seconds=1) == pytest.approx(error.mean(), rel=1e-12)
        lower, upper = frame.loc[name, "error_time_per_year_lower"], frame.loc[name, "error_time_per_year_upper"]
        assert lower < pd.Timedelta(seconds=error.mean()) < upper
        # A down second fails every request (down_at 100 %), a degraded one a share of them.
        assert (error >= down - 1e-6).all() and (error <= down + degraded + 1e-6).all()
        assert frame.loc[name, "degraded_per_year"] > pd.Timedelta(0)


def test_services_frame_has_degraded_time(web_shop_results):
    r = web_shop_results
    frame = r.service_availability()
    assert list(frame.index) == list(r.services)
    degraded = r.service_degraded.mean(axis=0)
    np.testing.assert_allclose(frame["degraded_per_year"].dt.total_seconds(), degraded, rtol=1e-12)
    assert frame.loc["payments-provider", "degraded_per_year"] > pd.Timedelta(0)  # its provider-slow mode
    assert frame.loc["orders-db", "degraded_per_year"] == pd.Timedelta(0)  # its members fail only by going down
    assert (frame["availability_lower"] <= frame["availability"]).all()


def test_incidents_frame(web_shop_results):
    incidents = web_shop_results.incidents()
    summary = web_shop_results.summary()
    assert len(incidents) == summary["incidents"]
    assert set(incidents["detected_by"].cat.categories) == set(reliasim.results.DETECTED_BY)
    repaired = incidents.dropna(subset=["ttr", "ttm"])
    assert (repaired["ttr"] >= repaired["ttm"]).all()
    modes = web_shop_results.failure_modes()
    assert modes["error_time_per_year"].is_monotonic_decreasing
    assert modes["downtime_share"].sum() == pytest.approx(1.0)
    assert modes["error_share"].sum() == pytest.approx(1.0)
    # A mode's error time is at least its downtime: down time counts in full.
    assert (modes["error_time_per_year"] >= modes["downtime_per_year"] - pd.Timedelta(microseconds=1)).all()
    # The checkout bad deploy degrades rather than takes down: first by error time.
    assert (modes.iloc[0]["service"], modes.iloc[0]["name"]) == ("checkout-api", "bad-deploy")


def test_slas_and_outages(web_shop_results):
    slas = web_shop_results.slas()
    assert list(slas.index) == ["enterprise-checkout"]
    assert 0 <= slas.loc["enterprise-checkout", "breach_probability"] <= 1
    outages = web_shop_results.outages()
    assert set(outages["scope_name"].unique()) <= {"checkout", "browse"}
    assert (outages["end"] >= outages["start"]).all()


def test_slo_budgets_match_the_spent_array(web_shop_results):
    slos = web_shop_results.slos()
    assert list(slos.index) == ["checkout-availability", "browse-availability"]
    spent = web_shop_results.slo_spent  # [trial, step of every SLO], seconds
    bounds = np.array(web_shop_results.slo_window_bounds[0])
    steps, span = len(bounds) - 1, web_shop_results.slo_span[0]
    assert span == 30  # checkout's SLO is 30d-rolling: it slides a day at a time
    # Every window of 30 consecutive days, from the per-day spent seconds.
    windows = np.lib.stride_tricks.sliding_window_view(spent[:, :steps], span, axis=1).sum(axis=2)
    budget = (1 - slos.loc["checkout-availability", "target"]) * (bounds[span:] - bounds[:-span])
    share = (windows / budget).mean()
    assert abs(share - slos.loc["checkout-availability", "budget_spent"]) < 1e-9
    exhausted = (windows >= budget).mean()
    assert abs(exhausted - slos.loc["checkout-availability", "exhausted_probability"]) < 1e-9


def test_joined_ranges_equal_one_run(web_shop):
    whole = web_shop.run(trials=40, seed=8)
    joined = web_shop.run(trials=15, seed=8).joined(web_shop.run(trials=25, seed=8, first_trial=15))
    assert (joined.scope_down == whole.scope_down).all()
    assert joined.summary()["scopes"] == whole.summary()["scopes"]


def test_threads_do_not_change_results(web_shop):
    one = web_shop.run(trials=50, seed=4, threads=1)
    two = web_shop.run(trials=50, seed=4, threads=2)
    assert (one.scope_down == two.scope_down).all()
    assert one.incidents().equals(two.incidents())


def test_html_repr_and_table(web_shop_results):
    assert "<table" in web_shop_results._repr_html_()
    assert "checkout (journey)" in web_shop_results.table()


def test_precision_run_reports_convergence(web_shop):
    r = web_shop.run_to_precision(0.5, metric="checkout", max_trials=5000)
    assert r.record["precision_run"] and r.record["converged"]
    assert r.record["relative_half_width"] <= 0.5
    with pytest.raises(ValueError, match="valid: checkout, browse"):
        web_shop.run_to_precision(0.5, metric="nope")


def test_a_streamed_precision_run_makes_the_same_trials_with_the_same_means(web_shop):
    whole = web_shop.run_to_precision(0.05, metric="checkout", seed=3)
    streamed = web_shop.run_to_precision(0.05, metric="checkout", seed=3, streaming=True)
    assert isinstance(streamed, reliasim.StreamedSummary)
    assert whole.record["trials"] > 1000  # several steps, several batches in them
    for key in ("trials", "converged", "relative_half_width"):
        assert streamed.record[key] == whole.record[key], key
    assert "streaming=True" in streamed.record["command"]
    columns = ["availability", "availability_lower", "downtime_per_year"]
    pd.testing.assert_frame_equal(streamed.scopes()[columns], whole.scopes()[columns])


def test_fmea_worksheet_from_python(web_shop_results):
    sheet = web_shop_results.fmea()
    assert list(sheet.index[:3]) == [1, 2, 3]
    assert sheet["budget_burn"].is_monotonic_decreasing  # the default ranking
    assert set(sheet["scope"]) == {"checkout"}
    assert set(sheet["action_priority"]) <= {"H", "M", "L"}
    assert ((sheet["rpn"] == sheet["severity"] * sheet["occurrence"] * sheet["detection"])).all()
    html = web_shop_results.fmea_report("html")
    assert html.lstrip().lower().startswith("<!doctype html>")
    with pytest.raises(ValueError, match="valid: json, table, csv"):
        web_shop_results.fmea_report("pdf")


def test_fmea_needs_credit_attribution(web_shop):
    results = web_shop.run(trials=10, seed=1, credit_attribution=False)
    with pytest.raises(ValueError, match="sla_attribution"):
        results.fmea()


# The web shop's runbooks, as scenarios/web-shop.yaml writes them (the standby copies the
# primary's failure modes).
RUNBOOKS = {("edge-lb", "tls-cert-expiry"), ("catalog-api", "thread-pool-exhaustion"),
            ("orders-db-primary", "disk-full"), ("orders-db-standby", "disk-full")}


def test_fmea_scope_ranking_and_runbook(web_shop_results):
    r = web_shop_results
    browse = r.fmea(scope="browse")
    assert set(browse["scope"]) == {"browse"}
    assert {(row.service, row.name) for row in browse.itertuples() if row.runbook} == RUNBOOKS
    # Thread-pool exhaustion takes the catalogue down: browse loses time, checkout none.
    pool = browse[browse["name"] == "thread-pool-exhaustion"].iloc[0]
    assert pool["downtime_per_year"] > pd.Timedelta(0)
    checkout = r.fmea()
    assert checkout[checkout["name"] == "thread-pool-exhaustion"].iloc[0]["downtime_per_year"] == pd.Timedelta(0)

    everything = r.fmea(scope="all")
    assert set(everything["scope"]) == {"checkout", "browse"}
    assert everything["budget_burn"].is_monotonic_decreasing
    assert {(row.service, row.name) for row in everything.itertuples()} == {
        (row.service, row.name) for row in checkout.itertuples()}
    by_downtime = r.fmea(rank_by="downtime")
    assert by_downtime["downtime_per_year"].is_monotonic_decreasing
    # Checkout's strictest budget is its SLO's: the SLO column is the budget burn itself.
    np.testing.assert_array_equal(checkout["budget_burn_checkout-availability"], checkout["budget_burn"])
    with pytest.raises(ValueError, match="valid: all, checkout, browse"):
        r.fmea(scope="nope")
    with pytest.raises(ValueError, match="valid: budget, downtime"):
        r.fmea(rank_by="rpn")


def test_attributed_arrays_split_the_scope_totals(web_shop_results):
    r = web_shop_results
    assert r.attributed_error.shape == r.attributed_degraded.shape == (200, 2, 16)
    # Shares of the scope's totals: what no failure mode caused (maintenance, the soft cache)
    # is left out, so the modes sum to at most the totals.
    assert (r.attributed_error.sum(axis=2) <= r.scope_error.sum(axis=2) + 1e-6).all()
    assert (r.attributed_degraded.sum(axis=2) <= r.scope_degraded.sum(axis=2) + 1e-6).all()
    assert (r.attributed_error >= 0).all()
    assert r.attributed_degraded.sum() > 0


def test_monthly_plot_draws_requests_served_beside_availability(web_shop_results):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import reliasim.plot

    r = web_shop_results
    ax = reliasim.plot.monthly_availability(r, target=0.9995)
    available, served = ax.get_lines()[:2]
    lengths = np.diff(np.asarray(r.window_bounds))
    np.testing.assert_allclose(available.get_ydata(), np.median(100 * (1 - r.scope_down[:, 0, :] / lengths), axis=0))
    np.testing.assert_allclose(served.get_ydata(), np.median(100 * (1 - r.scope_error[:, 0, :] / lengths), axis=0))
    assert (served.get_ydata() < available.get_ydata()).all()  # checkout is degraded every month
    assert "requests served" in served.get_label()


def test_a_streamed_fmea_worksheet_is_the_clis(web_shop, web_shop_path):
    import json
    import subprocess

    from conftest import CLI

    python = json.loads(web_shop.fmea(trials=1500, seed=4, scope="all", rank_by="credit", format="json"))
    output = subprocess.run([CLI, "-q", "fmea", str(web_shop_path), "--trials", "1500", "--seed", "4",
                             "--scope", "all", "--rank-by", "credit", "--streaming", "--format", "json"],
                            check=True, capture_output=True, text=True).stdout
    cli = json.loads(output)
    assert python["run"]["trials"] == cli["run"]["trials"] == 1500
    python.pop("run"), cli.pop("run")
    assert python == cli
    frame = web_shop.fmea(trials=200)
    assert list(frame.index[:3]) == [1, 2, 3] and set(frame["scope"]) == {"checkout"}
    with pytest.raises(ValueError, match="valid: budget, downtime"):
        web_shop.fmea(trials=200, rank_by="rpn")
