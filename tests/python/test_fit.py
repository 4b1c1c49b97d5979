"""`reliasim fit` and reliasim.fit_durations against independent oracles: scipy.stats' and
lifelines' maximum-likelihood fits (with and without censoring), scipy's Kolmogorov-Smirnov
statistic, and a simulation of the fitted scenario reproducing the data it came from."""

import json
import math
import subprocess

import numpy as np
import pytest
from scipy import optimize, stats

import reliasim
from conftest import CLI, SOURCE_DIR

EXPORT = SOURCE_DIR / "scenarios" / "exports" / "incidents-2025.csv"
PERIOD = ["--since", "2025-01-01", "--until", "2026-01-01"]


def fits(durations, censored=(), **options):
    frame = reliasim.fit_durations(durations, censored, **options)
    return {row.family: row for row in frame.itertuples()}


def tight_fit(dist, data):
    """scipy's own fit with its optimizer run to convergence (its default stops near 1e-4)."""
    def optimizer(func, x0, args=(), disp=0):
        return optimize.fmin(func, x0, args=args, disp=disp, xtol=1e-13, ftol=1e-13,
                             maxiter=100000, maxfun=100000)
    return dist.fit(data, floc=0, optimizer=optimizer)


@pytest.fixture(scope="module")
def samples():
    rng = np.random.default_rng(20261207)
    return {"weibull": stats.weibull_min(1.6, scale=1800).rvs(200, random_state=rng),
            "lognormal": stats.lognorm(0.9, scale=600).rvs(200, random_state=rng),
            "gamma": stats.gamma(2.2, scale=400).rvs(200, random_state=rng),
            "exponential": stats.expon(scale=3600).rvs(200, random_state=rng)}


def test_uncensored_estimates_equal_scipy(samples):
    for name, data in samples.items():
        got = fits(data)
        if name == "exponential":
            loc, scale = stats.expon.fit(data, floc=0)
            assert got["exponential"].mean == pytest.approx(scale, rel=1e-6)
        elif name == "lognormal":
            s, loc, scale = stats.lognorm.fit(data, floc=0)
            assert got["lognormal"].median == pytest.approx(scale, rel=1e-6)
            assert got["lognormal"].sigma == pytest.approx(s, rel=1e-6)
        elif name == "weibull":
            c, loc, scale = tight_fit(stats.weibull_min, data)
            assert got["weibull"].shape == pytest.approx(c, rel=1e-6)
            assert got["weibull"].scale == pytest.approx(scale, rel=1e-6)
        else:
            a, loc, scale = tight_fit(stats.gamma, data)
            assert got["gamma"].shape == pytest.approx(a, rel=1e-6)
            assert got["gamma"].scale == pytest.approx(scale, rel=1e-6)


def censor(data, at):
    return data[data <= at], np.full(int((data > at).sum()), at)


def test_censored_estimates_equal_scipy_and_lifelines(samples):
    """scipy.stats' censored fit, its optimizer run to convergence, agrees to 1e-6. lifelines
    stops its optimizer earlier: its estimates agree to 1e-4, never with a higher likelihood,
    and its standard errors (autograd's exact Hessian) to 1e-3."""
    lifelines = pytest.importorskip("lifelines")
    z = stats.norm.ppf(0.975)

    def log_se(row, name):  # the interval is exp(log estimate +- z se)
        return math.log(getattr(row, name + "_upper") / getattr(row, name + "_lower")) / (2 * z)

    for name, dist in (("weibull", stats.weibull_min), ("lognormal", stats.lognorm),
                       ("exponential", stats.expon)):
        data = samples[name]
        observed, open_ = censor(data, np.quantile(data, 0.8))
        durations = np.concatenate([observed, open_])
        events = np.concatenate([np.ones(len(observed)), np.zeros(len(open_))])
        row = fits(observed, open_)[name]
        *shape, loc, scale = tight_fit(dist, stats.CensoredData(uncensored=observed, right=open_))
        if name == "weibull":
            assert (row.shape, row.scale) == pytest.approx((shape[0], scale), rel=1e-6)
            fitter = lifelines.WeibullFitter().fit(durations, events)
            assert (row.scale, row.shape) == pytest.approx((fitter.lambda_, fitter.rho_), rel=1e-4)
            se = np.sqrt(np.diag(fitter.variance_matrix_))
            assert log_se(row, "scale") == pytest.approx(se[0] / fitter.lambda_, rel=1e-3)
            assert log_se(row, "shape") == pytest.approx(se[1] / fitter.rho_, rel=1e-3)
        elif name == "lognormal":
            assert (row.sigma, row.median) == pytest.approx((shape[0], scale), rel=1e-6)
            fitter = lifelines.LogNormalFitter().fit(durations, events)
            assert (math.log(row.median), row.sigma) == pytest.approx((fitter.mu_, fitter.sigma_), rel=1e-4)
            se = np.sqrt(np.diag(fitter.variance_matrix_))
            assert log_se(row, "median") == pytest.approx(se[0], rel=1e-3)
            assert log_se(row, "sigma") == pytest.approx(se[1] / fitter.sigma_, rel=1e-3)
        else:
            assert row.mean == pytest.approx(scale, rel=1e-6)
            fitter = lifelines.ExponentialFitter().fit(durations, events)
            assert row.mean == pytest.approx(fitter.lambda_, rel=1e-4)
        assert row.log_likelihood >= fitter.log_likelihood_ - 1e-9


def test_censored_gamma_equals_scipy():
    data = stats.gamma(1.7, scale=900).rvs(150, random_state=np.random.default_rng(5))
    observed, open_ = censor(data, 2500.0)
    censored = stats.CensoredData(uncensored=observed, right=open_)
    a, loc, scale = tight_fit(stats.gamma, censored)
    row = fits(observed, open_)["gamma"]
    assert row.shape == pytest.approx(a, rel=1e-6)
    assert row.scale == pytest.approx(scale, rel=1e-6)


def test_kolmogorov_smirnov_equals_scipy_and_bootstrap_rejects_the_wrong_family(samples):
    data = samples["lognormal"]
    got = fits(data, bootstrap=199, seed=3)
    lognormal = got["lognormal"]
    fitted = stats.lognorm(lognormal.sigma, scale=lognormal.median)
    assert lognormal.ks == pytest.approx(stats.kstest(data, fitted.cdf).statistic, rel=1e-9)
    assert got["exponential"].ks_p <= 0.05 and got["exponential"].ad_p <= 0.05
    assert lognormal.ks_p > 0.01 and lognormal.ad_p > 0.01
    assert got["lognormal"].delta_aic == 0.0


def run_cli(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)


def test_cli_and_python_give_the_same_numbers():
    cli = json.loads(run_cli("fit", EXPORT, *PERIOD, "--bootstrap", "49", "--format", "json").stdout)
    report = reliasim.fit_export(EXPORT, since="2025-01-01", until="2026-01-01", bootstrap=49)
    table = report.table()
    for group in cli["groups"]:
        for stage in group["stages"]:
            for family in stage["families"]:
                row = table.query("group == @group['name'] and stage == @stage['stage'] "
                                  "and family == @family['family']").iloc[0]
                assert row.aic == family["aic"]
                assert row.ks_p == family["kolmogorov_smirnov"]["p_value"]
    assert report.to_yaml() == run_cli("fit", EXPORT, *PERIOD, "--bootstrap", "49",
                                       "--format", "yaml").stdout


def test_the_fitted_scenario_reproduces_the_data(tmp_path):
    """Simulated, the scenario `fit` writes has the data's incident rate and TTM median within
    their intervals."""
    scenario = tmp_path / "fitted.yaml"
    fitted = run_cli("fit", EXPORT, *PERIOD, "--one-group", "--bootstrap", "0", "-o", scenario)
    assert fitted.returncode == 0, fitted.stderr
    data = json.loads(run_cli("fit", EXPORT, *PERIOD, "--one-group", "--bootstrap", "0",
                              "--format", "json").stdout)["groups"][0]
    run = run_cli("run", scenario, "--trials", "400", "--format", "json", "-q")
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    rate = results["failure_modes"][0]["incidents_per_year"]["estimate"]
    assert data["rate"]["lower"] <= rate <= data["rate"]["upper"]
    ttm = next(s for s in data["stages"] if s["stage"] == "TTM")["median"]
    simulated = results["incident_times"]["ttm"]["p50"]["estimate"]
    assert ttm["lower"] <= simulated <= ttm["upper"]


def test_bad_exports_name_the_place(tmp_path):
    export = tmp_path / "x.csv"
    export.write_text("started,resolved\n2026-01-01T00:00:00Z,yesterday\n")
    result = run_cli("fit", export)
    assert result.returncode == 1
    assert f"{export}:2:2: error: resolved (column 'resolved'): 'yesterday' is not a time" in result.stderr
    with pytest.raises(reliasim.ScenarioError, match="is not a time"):
        reliasim.fit_export(export)
    assert run_cli("fit", export, "--mapping", "nosuch").returncode == 1
    assert "detected: created_on" in run_cli("fit", "--show-mapping", "pagerduty").stdout


def test_report_frames_and_plot():
    import matplotlib
    matplotlib.use("Agg")
    report = reliasim.fit_export(EXPORT, since="2025-01-01", until="2026-01-01", bootstrap=0,
                                 families=["lognormal", "weibull"])
    groups = report.groups().set_index("group")
    assert list(groups.index) == ["checkout-api", "payments-db", "search"]
    assert groups.loc["search", "incidents"] == 76
    assert set(report.table()["family"]) == {"lognormal", "weibull"}
    sample = report.sample("search", "detect")
    assert len(sample["observed"]) + len(sample["left_censored"]) == 76
    axes = report.plot("search", "detect")
    cdf_line = axes[0].get_lines()[0]  # the Kaplan-Meier steps end at 1: nothing is open
    assert cdf_line.get_ydata()[-1] == pytest.approx(1.0)
    assert "failure_modes:" in report.to_yaml(blocks=True)
    assert "<svg" in report._repr_html_()
