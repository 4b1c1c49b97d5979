"""Units in every DataFrame: time as Timedelta equal to the engine's seconds, money beside the
currency the scenario names, windows as the scenario's calendar months or as offsets; and the
summaries a notebook and a terminal show."""

import re

import numpy as np
import pandas as pd
import pytest
import yaml

import reliasim
from conftest import SMALL, SOURCE_DIR
from reliasim import _display

PORTFOLIO = SOURCE_DIR / "scenarios" / "sla-portfolio.yaml"
DESIGN_A = SOURCE_DIR / "scenarios" / "design-a.yaml"


def same_time(value, seconds):
    """A Timedelta equals the document's seconds (to the nanosecond the Timedelta keeps)."""
    if seconds is None:
        return pd.isna(value)
    return isinstance(value, pd.Timedelta) and value.total_seconds() == pytest.approx(seconds, abs=1e-6)


def estimate_columns(frame, row, key, estimate):
    return [(frame.loc[row, name], estimate[bound])
            for name, bound in ((key, "estimate"), (f"{key}_lower", "lower"), (f"{key}_upper", "upper"))]


def test_scope_and_service_times_are_the_documents_seconds(web_shop_results):
    document = web_shop_results.summary()
    scopes = web_shop_results.scopes()
    for scope in document["scopes"]:
        for key in ("downtime_per_year", "degraded_per_year", "error_time_per_year", "longest_outage"):
            for value, seconds in estimate_columns(scopes, scope["name"], key, scope[key]):
                assert same_time(value, seconds), key
    services = web_shop_results.service_availability()
    for service in document["services"]:
        for key in ("downtime_per_year", "degraded_per_year"):
            for value, seconds in estimate_columns(services, service["name"], key, service[key]):
                assert same_time(value, seconds), key
    # Fractions and counts stay numbers.
    assert scopes["availability"].dtype == float and scopes["outages_per_year"].dtype == float


def test_failure_mode_sla_and_slo_times_are_the_documents_seconds(web_shop_results):
    document = web_shop_results.summary()
    modes = web_shop_results.failure_modes()
    for i, mode in enumerate(document["failure_modes"]):
        assert same_time(modes.loc[i, "error_time_per_year"], mode["error_time_per_year"]["estimate"])
        for stage in ("ttd", "ttm", "ttr"):
            assert same_time(modes.loc[i, f"{stage}_p90"], mode["times"][stage]["p90"]["estimate"])
    sla = document["slas"][0]
    assert same_time(web_shop_results.slas().loc[sla["name"], "time_to_first_breach_p50"],
                     sla["time_to_first_breach"]["p50"]["estimate"])
    slos = web_shop_results.slos()
    for slo in document["slos"]:
        assert same_time(slos.loc[slo["name"], "budget_per_window"], slo["budget_per_window"]["value"])


def test_fmea_and_analytic_times_are_the_documents_seconds(web_shop, web_shop_results):
    import json

    sheet = json.loads(web_shop_results.fmea_report("json"))
    frame = web_shop_results.fmea()
    for row in sheet["failure_modes"]:
        assert same_time(frame.loc[row["rank"], "ttr_p50"], row["ttr_p50"]["estimate"])
        for bad in row["sla_bad_time"]:
            assert same_time(frame.loc[row["rank"], f"bad_per_year_{bad['sla']}"], bad["bad_per_year"]["estimate"])
    analytic = web_shop.analytic().set_index("scope")
    for scope in web_shop_results.summary(analytic=True)["analytic"]["scopes"]:
        assert same_time(analytic.loc[scope["name"], "downtime_per_year"], scope["downtime_per_year"])


def test_incident_and_outage_times_are_offsets_from_the_start(web_shop_results):
    incidents = web_shop_results.incidents()
    raw = web_shop_results._raw.incidents()  # the engine's seconds
    for column in ("start", "detected", "mitigated", "repaired"):
        assert pd.api.types.is_timedelta64_dtype(incidents[column])
        np.testing.assert_allclose(incidents[column].dt.total_seconds(), raw[column], atol=1e-6)
    assert (incidents["ttr"] == incidents["repaired"] - incidents["start"]).all()
    assert (incidents["start"] < pd.Timedelta(days=365)).all()  # within the one-year horizon
    outages = web_shop_results.outages()
    np.testing.assert_allclose(outages["end"].dt.total_seconds(), web_shop_results._raw.outages()["end"], atol=1e-6)


def test_calendar_windows_are_months_from_the_scenarios_start(web_shop_results, web_shop_path):
    start = yaml.safe_load(web_shop_path.read_text())["start"]
    labels = web_shop_results.window_labels
    assert labels[0] == pd.Period(start, freq="M")
    assert list(labels) == list(pd.period_range(start, periods=12, freq="M"))
    # Each window is as long as its month: a 28-day February.
    assert list(np.diff(web_shop_results.window_bounds)) == [month.days_in_month * 86400 for month in labels]
    assert list(web_shop_results.window_availability()["checkout"].columns) == list(labels)
    windows = web_shop_results.windows()
    checkout = web_shop_results.summary()["scopes"][0]
    assert windows.loc[("checkout", pd.Period(start, freq="M") + 1), "availability"] == \
        checkout["window_availability"][1]["estimate"]
    assert windows.loc[("checkout", labels[11]), "served"] == checkout["window_served"][11]["estimate"]


def test_a_later_start_moves_the_months_and_their_lengths():
    scenario = reliasim.Scenario.from_dict({**SMALL, "start": "2026-11", "horizon": "92d"})
    results = scenario.run(trials=4, seed=1)
    assert list(results.window_labels) == [pd.Period("2026-11", "M"), pd.Period("2026-12", "M"),
                                           pd.Period("2027-01", "M")]
    assert list(np.diff(results.window_bounds) / 86400) == [30, 31, 31]


def test_windows_that_are_not_months_are_offsets_from_the_start():
    scenario = reliasim.Scenario.from_dict({**SMALL, "horizon": "45d", "windows": "30d"})
    expected = pd.IntervalIndex.from_tuples([(pd.Timedelta(0), pd.Timedelta(days=30)),
                                             (pd.Timedelta(days=30), pd.Timedelta(days=45))], closed="left")
    results = scenario.run(trials=4, seed=1)
    assert list(results.window_labels) == list(expected)
    streamed = scenario.run(trials=4, seed=1, streaming=True)
    assert list(streamed.window_labels) == list(expected)
    assert list(streamed.windows().loc["use"].index) == list(expected)
    np.testing.assert_array_equal(streamed.windows()["availability"], results.windows()["availability"])


def test_money_sits_beside_each_slas_own_currency():
    fees = {sla["name"]: sla["fee"]["currency"] for sla in yaml.safe_load(PORTFOLIO.read_text())["slas"]}
    results = reliasim.Scenario.from_file(PORTFOLIO).run(trials=20, seed=1)
    slas = results.slas()
    assert slas["currency"].to_dict() == fees
    assert len(set(fees.values())) > 1  # rows differ: the currency column tells them apart
    # The FMEA worksheet gives each row a credit in each currency, named in the column.
    credits = {name[len("credit_per_year_"):] for name in results.fmea().columns
               if name.startswith("credit_per_year_") and not name.endswith(("_lower", "_upper"))}
    assert credits == set(fees.values())


def test_comparison_frames_have_typed_columns_and_currency():
    design = yaml.safe_load(DESIGN_A.read_text())
    a = reliasim.Scenario.from_file(DESIGN_A)
    comparison = reliasim.compare(a, a, trials=20, seed=1)
    document = comparison.document()
    scopes = comparison.scopes()
    scope = document["scopes"][0]
    row = scopes.loc[scope["name"]]
    for side in ("a", "b", "difference"):
        assert same_time(row[f"downtime_per_year_{side}"], scope["downtime_per_year"][side]["estimate"])
        assert same_time(row[f"longest_outage_{side}_upper"], scope["longest_outage"][side]["upper"])
    assert scopes.loc[scope["name"], "availability_a"] == scope["availability"]["a"]["estimate"]
    slas = comparison.slas()
    assert slas["currency"].to_dict() == {sla["name"]: sla["fee"]["currency"] for sla in design["slas"]}
    assert slas["credit_per_year_a"].dtype == float


def test_sensitivity_frames_have_time_currency_and_each_rows_unit():
    design = yaml.safe_load(DESIGN_A.read_text())
    result = reliasim.Scenario.from_file(DESIGN_A).sensitivity(trials=10, seed=1)
    effects = result.effects()
    document = result.document()
    assert same_time(effects.loc[1, "downtime_high"], document["effects"][0]["downtime_high"]["estimate"])
    assert set(effects["currency"]) == {design["slas"][0]["fee"]["currency"]}
    assert set(effects["unit"]) <= {"s", "1/y", "probability"}


def test_no_credit_schedule_is_none_never_zero():
    result = reliasim.Scenario.from_dict(SMALL).sensitivity(trials=4, seed=1)  # no SLA at all
    assert result.currency is None
    effects = result.effects()
    assert effects["currency"].isna().all()
    assert effects[["credit_low", "credit_high", "credit_low_upper"]].isna().all().all()


def test_display_helpers_write_units():
    interval = lambda e, lo, hi: {"estimate": e, "lower": lo, "upper": hi}  # noqa: E731
    assert _display.percent(interval(0.99951, 0.9994, 0.9996)) == "99.951 % [99.940, 99.960]"
    assert _display.percent(interval(0.5, None, None)) == "50.0 %"
    assert _display.duration(interval(15480, 12600, 18000)) == "4.3 h [3.5, 5]"
    assert _display.duration(interval(90, None, None)) == "90 s"
    assert _display.duration(interval(600, 540, 660)) == "10 min [9, 11]"
    assert _display.duration(interval(3 * 86400, None, None)) == "3 d"
    assert _display.money(interval(4560, 2625, 6495), "EUR") == "4,560 EUR [2,625, 6,495]"
    assert _display.money(None, None) == "no credit schedule"
    assert _display.money(interval(1.37e-14, -832, 832), "USD") == "0 USD [-832, 832]"  # a zero's rounding noise
    assert _display.points(interval(0.001, 0.000962, 0.00104)) == "+0.100 pp [+0.0962, +0.104]"


def test_summaries_show_availability_downtime_and_money_with_units(web_shop_results, web_shop_path):
    document = web_shop_results.summary()
    currency = yaml.safe_load(web_shop_path.read_text())["slas"][0]["fee"]["currency"]
    html, text = web_shop_results._repr_html_(), repr(web_shop_results)
    assert text.startswith("<reliasim.Results> web-shop checkout, 3 zones: 200 trials, seed 3")
    for scope in document["scopes"]:
        for shown in (f"{scope['name']} ({scope['kind']})", _display.percent(scope["availability"]),
                      _display.duration(scope["downtime_per_year"])):
            assert shown in html and shown in text
    sla = document["slas"][0]
    assert _display.money(sla["credit_per_year"], currency) in html
    assert f" {currency} [" in text
    assert "<table>" in html and "\n" not in html


def test_streamed_summary_shows_the_same(web_shop):
    streamed = web_shop.run(trials=50, seed=1, streaming=True)
    assert repr(streamed).startswith("<reliasim.StreamedSummary> web-shop checkout, 3 zones: 50 trials")
    assert "checkout (journey)" in streamed._repr_html_()


def test_comparison_and_sensitivity_summaries():
    a = reliasim.Scenario.from_file(DESIGN_A)
    b = reliasim.Scenario.from_file(SOURCE_DIR / "scenarios" / "design-b.yaml")
    comparison = reliasim.compare(a, b, trials=40, seed=2)
    html = comparison._repr_html_()
    assert _display.escape(comparison.verdict) in html and "beyond noise" in html
    assert repr(comparison).startswith("<reliasim.Comparison> " + comparison.verdict)
    tornado = a.sensitivity(trials=10, seed=1)
    top = tornado.effects().iloc[0]
    for shown in (_display.escape(tornado.best_improvement), _display.escape(top["parameter"]), " min"):
        assert shown in tornado._repr_html_()
    assert repr(tornado).startswith("<reliasim.Sensitivity> " + tornado.best_improvement)


def test_every_duration_column_is_a_timedelta(web_shop_results):
    """No float column is named like a duration: the unit rule holds for every frame."""
    frames = [web_shop_results.scopes(), web_shop_results.service_availability(), web_shop_results.failure_modes(),
              web_shop_results.slas(), web_shop_results.slos(), web_shop_results.incidents(),
              web_shop_results.outages(), web_shop_results.fmea()]
    timed = re.compile(r"^(downtime_per|degraded|error_time|longest_outage|budget_per_window|bad_per_year)"
                       r"|_p[59]0$|^(start|end|detected|engaged|mitigated|repaired|ttd|ttm|ttr)$")
    for frame in frames:
        for name in frame.columns:
            if timed.search(name):
                assert pd.api.types.is_timedelta64_dtype(frame[name]), name


def test_joined_results_keep_their_months(web_shop):
    first = web_shop.run(trials=5, seed=2)
    joined = first.joined(web_shop.run(trials=5, seed=2, first_trial=5))
    assert list(joined.window_labels) == list(first.window_labels)



def test_the_readmes_units_table_names_real_columns(web_shop, web_shop_results):
    """Every column the README's table of units names is in a frame the package returns."""
    readme = (SOURCE_DIR / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("Every DataFrame says its units"):].split("\n\n")[1]
    named = set(re.findall(r"`([a-z][a-z0-9_]*|credit_per_year_[A-Z]{3})`", table))
    frames = [web_shop_results.scopes(), web_shop_results.slas(), web_shop_results.slos(),
              web_shop_results.failure_modes(), web_shop_results.incidents(), web_shop_results.fmea(),
              reliasim.compare(web_shop_results, web_shop_results).slas(),
              reliasim.Scenario.from_dict(SMALL).sensitivity(trials=4, seed=1).effects()]
    columns = set().union(*(frame.columns for frame in frames))
    attributes = {name for name in named if hasattr(web_shop_results, name)}
    assert named - columns - attributes == {"x_lower", "x_upper", "x", "s", "probability"}
