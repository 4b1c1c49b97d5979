"""Errors as clear as the command line's: wrong names list the valid ones (and the closest),
wrong arguments say what is valid before the engine is called, and a dict's errors name the
key path."""

import copy
import datetime

import numpy as np
import pytest
import yaml

import reliasim
from conftest import SMALL

pytestmark = pytest.mark.filterwarnings("error")  # no warning stands in for an error


@pytest.fixture(scope="module")
def shop_yaml(web_shop_path):
    return yaml.safe_load(web_shop_path.read_text())


@pytest.fixture(scope="module")
def scope_names(shop_yaml):
    """The journeys, then the services the SLAs and SLOs name (the web shop's name journeys only)."""
    named = [item["service"] for item in shop_yaml["slas"] + shop_yaml["slos"] if "service" in item]
    return list(shop_yaml["journeys"]) + named


def valid(names):
    return "valid: " + ", ".join(names) + "$"


def test_a_wrong_scope_lists_the_scenarios_scopes(web_shop, web_shop_results, scope_names, shop_yaml):
    with pytest.raises(ValueError, match=r"^no scope named 'nope'; " + valid(["all", *scope_names])):
        web_shop_results.fmea(scope="nope")
    with pytest.raises(ValueError, match=r"^no scope named 'chekout' \(did you mean 'checkout'\?\); "):
        web_shop_results.fmea_report("csv", scope="chekout")
    with pytest.raises(ValueError, match=r"^no journey or SLA service named 'nope'; " + valid(scope_names)):
        web_shop.sensitivity(trials=2, scope="nope")
    slas = [sla["name"] for sla in shop_yaml["slas"]]
    with pytest.raises(ValueError, match=r"^no journey, scope or SLA named 'enterprise' \(did you mean "
                                         r"'enterprise-checkout'\?\); " + valid(scope_names + slas)):
        web_shop.run_to_precision(metric="enterprise")


def test_a_wrong_ranking_or_format_lists_the_valid_ones(web_shop_results):
    with pytest.raises(ValueError, match=r"no ranking named 'rpn'; valid: budget, downtime, bad-minutes, credit$"):
        web_shop_results.fmea(rank_by="rpn")
    with pytest.raises(ValueError, match=r"no format named 'htm' \(did you mean 'html'\?\)"):
        web_shop_results.fmea_report("htm")


def test_plot_helpers_check_their_names(web_shop_results, scope_names, shop_yaml):
    plot = reliasim.plot
    for draw in (plot.downtime_distribution, plot.monthly_availability):
        with pytest.raises(ValueError, match=r"^no scope named 'nope'; " + valid(scope_names)):
            draw(web_shop_results, "nope")
    slas = [sla["name"] for sla in shop_yaml["slas"]]
    with pytest.raises(ValueError, match=r"did you mean 'enterprise-checkout'\?\); " + valid(slas)):
        plot.sla_exposure(web_shop_results, sla="enterprise")
    stages = valid(["ttd", "ttm", "ttr"])
    with pytest.raises(ValueError, match=r"^no stage named 'tta' \(did you mean 'ttr'\?\); " + stages):
        plot.incident_times(web_shop_results, "tta")


class NoEngine:
    """Stands in for the compiled model: a check that reaches it has come too late."""

    def __getattr__(self, name):
        raise AssertionError(f"the engine was called ({name}) with an argument Python should refuse")


@pytest.fixture
def unrunnable(web_shop):
    scenario = reliasim.Scenario.from_dict(SMALL)
    scenario._model = NoEngine()
    return scenario


@pytest.mark.parametrize("arguments, error, message", [
    ({"seed": -1}, ValueError, "seed must be at least 0, got -1"),
    ({"seed": 2**64}, ValueError, "seed must be from 0 to 18446744073709551615, got 18446744073709551616"),
    ({"trials": 1}, ValueError, "trials must be at least 2, got 1"),
    ({"trials": 2.5}, TypeError, "trials must be a whole number (an int), not float 2.5"),
    ({"trials": "10"}, TypeError, "trials must be a whole number (an int), not str '10'"),
    ({"trials": True}, TypeError, "trials must be a whole number (an int), not bool True"),
    ({"threads": -3}, ValueError, "threads must be from 0 to 1024 (0 uses all cores), got -3"),
    ({"first_trial": -1}, ValueError, "first_trial must be at least 0, got -1"),
    ({"confidence": 1.5}, ValueError, "confidence must be strictly between 0 and 1, such as 0.95; got 1.5"),
    ({"streaming": True, "batch": 0}, ValueError, "batch must be at least 1, got 0"),
])
def test_run_arguments_are_checked_before_the_engine(unrunnable, arguments, error, message):
    with pytest.raises(error) as caught:
        unrunnable.run(**arguments)
    assert str(caught.value) == message


@pytest.mark.parametrize("call, error, message", [
    (lambda s: s.sensitivity(low=0), ValueError, "low must be in [0.001, 1000], got 0"),
    (lambda s: s.sensitivity(high=float("nan")), ValueError, "high must be in [0.001, 1000], got nan"),
    (lambda s: s.sensitivity(trials=1), ValueError, "trials must be at least 2, got 1"),
    (lambda s: s.run_to_precision(0), ValueError, "relative_half_width must be in (0, 1], got 0"),
    (lambda s: s.run_to_precision(min_trials=500, max_trials=100), ValueError,
     "max_trials must be at least 500 (min_trials), got 100"),
    (lambda s: s.run_to_precision(seed=-2), ValueError, "seed must be at least 0, got -2"),
    (lambda s: reliasim.compare(s, s, confidence=1.5), ValueError,
     "confidence must be strictly between 0 and 1, such as 0.95; got 1.5"),
    (lambda s: reliasim.compare(s, "design-b.yaml"), TypeError,
     "b must be a reliasim.Scenario or reliasim.Results, not str"),
])
def test_analysis_arguments_are_checked_before_the_engine(unrunnable, call, error, message):
    with pytest.raises(error) as caught:
        call(unrunnable)
    assert str(caught.value) == message


def test_results_check_their_confidence(web_shop_results):
    for call in (lambda: web_shop_results.summary(1.5), lambda: web_shop_results.scopes(0),
                 lambda: web_shop_results.fmea(confidence=2), lambda: web_shop_results.table(-1)):
        with pytest.raises(ValueError, match="confidence must be strictly between 0 and 1"):
            call()


def broken_small():
    return copy.deepcopy(SMALL)


def test_dict_errors_lead_with_the_key_path():
    data = broken_small()
    mode = data["services"]["api"]["failure_modes"][0]
    mode["ocurs"] = mode.pop("occurs")
    with pytest.raises(reliasim.ScenarioError) as caught:
        reliasim.Scenario.from_dict(data)
    message = str(caught.value)
    assert message == "<dict>: error: services.api.failure_modes[0]: unknown key 'ocurs'; did you mean 'occurs'?"
    assert ":1:" not in message  # no line and column of a text the user never wrote
    (file, line, column, text), = caught.value.diagnostics  # kept, as the loader gave them
    assert file == "<dict>" and "ocurs" in text


def test_a_message_without_a_path_gets_the_key_path_it_came_from():
    data = broken_small()
    data["journeys"]["use"] = ["api", "nowhere"]
    with pytest.raises(reliasim.ScenarioError) as caught:
        reliasim.Scenario.from_dict(data)
    assert str(caught.value).startswith("<dict>: error: journeys.use[1]: ")
    assert "'nowhere'" in str(caught.value)


def test_with_changes_errors_name_the_key_path_and_the_scenario(web_shop, web_shop_path):
    def break_replicas(d):
        d["services"]["edge-lb"]["replicas"]["count"] = 0

    with pytest.raises(reliasim.ScenarioError) as caught:
        web_shop.with_changes(break_replicas)
    assert str(caught.value).startswith(f"{web_shop_path}: error: services.edge-lb.replicas.count: ")


@pytest.mark.parametrize("value, error, message", [
    ({1, 2}, TypeError, "services.api.replicas.count: a set ({1, 2}) has no place in a scenario"),
    (datetime.date(2027, 1, 1), TypeError, "services.api.replicas.count: a date (datetime.date(2027, 1, 1))"),
    (float("nan"), ValueError, "services.api.replicas.count: nan is not a number a scenario can hold"),
    (float("inf"), ValueError, "services.api.replicas.count: inf is not a number a scenario can hold"),
])
def test_values_no_scenario_holds_are_named_by_key_path(value, error, message):
    data = broken_small()
    data["services"]["api"]["replicas"]["count"] = value
    with pytest.raises(error) as caught:
        reliasim.Scenario.from_dict(data)
    assert str(caught.value).startswith(message)


def test_a_dict_takes_numpy_numbers_and_tuples():
    data = broken_small()
    data["services"]["api"]["replicas"] = {"count": np.int64(2), "min_healthy": np.int32(1)}
    data["journeys"]["use"] = ("api",)
    same = reliasim.Scenario.from_dict(SMALL).run(trials=5, seed=1)
    assert (reliasim.Scenario.from_dict(data).run(trials=5, seed=1).scope_down == same.scope_down).all()


def test_a_scenario_dict_must_be_a_mapping():
    with pytest.raises(TypeError, match="a scenario is a dict of the YAML format's keys, not list"):
        reliasim.Scenario.from_dict([SMALL])
