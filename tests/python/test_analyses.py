"""compare() and Scenario.sensitivity(): DataFrames, the same numbers as the CLI, and known
answers (a design against itself, a parameter with no effect)."""

import json
import subprocess

import pandas as pd
import pytest

import reliasim
from conftest import CLI, SMALL, SOURCE_DIR

DESIGN_A = SOURCE_DIR / "scenarios" / "design-a.yaml"
DESIGN_B = SOURCE_DIR / "scenarios" / "design-b.yaml"


def cli_json(*arguments):
    output = subprocess.run([CLI, *map(str, arguments), "--format", "json"], check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output)


def without_commands(document):
    for key in ("run", "run_a", "run_b"):
        if key in document:
            document[key].pop("command")
    return document


def test_compare_matches_the_cli():
    a, b = reliasim.Scenario.from_file(DESIGN_A), reliasim.Scenario.from_file(DESIGN_B)
    python = reliasim.compare(a, b, trials=150, seed=2)
    cli = cli_json("compare", DESIGN_A, DESIGN_B, "--trials", 150, "--seed", 2)
    assert without_commands(python.document()) == without_commands(cli)
    assert python.verdict.startswith("B has less api-requests downtime than A")
    row = python.scopes().loc["api-requests"]
    assert row["downtime_per_year_difference"] < pd.Timedelta(0)
    assert row["downtime_per_year_difference_upper"] < pd.Timedelta(0)
    assert row["downtime_per_year_distinguishable"]
    assert list(python.costs().index) == ["USD"]


def test_compare_of_scenarios_runs_in_batches_with_the_bits_of_whole_runs():
    # 2,100 trials span three batches; the comparison of two whole runs must be the same.
    a, b = reliasim.Scenario.from_file(DESIGN_A), reliasim.Scenario.from_file(DESIGN_B)
    seen = []
    batched = reliasim.compare(a, b, trials=2100, seed=4, progress=seen.append).document()
    whole = reliasim.compare(a.run(trials=2100, seed=4), b.run(trials=2100, seed=4)).document()
    for document in (batched, whole):
        document.pop("run_a"), document.pop("run_b")
    assert batched == whole
    assert seen[-1] == 2 * 2100 and seen == sorted(seen)


def test_a_design_against_itself_shows_no_difference(web_shop_results, web_shop):
    comparison = reliasim.compare(web_shop_results, web_shop.run(trials=200, seed=3))
    scopes = comparison.scopes()
    for name in scopes.filter(like="_difference").columns:
        zero = pd.Timedelta(0) if pd.api.types.is_timedelta64_dtype(scopes[name]) else 0
        assert (scopes[name] == zero).all(), name
    assert not scopes.filter(like="_distinguishable").any().any()
    assert comparison.verdict.startswith("No difference")


def test_compare_refuses_unpaired_runs(web_shop):
    with pytest.raises(ValueError, match="same trials with the same seed"):
        reliasim.compare(web_shop.run(trials=50, seed=1), web_shop.run(trials=50, seed=2))


def test_sensitivity_matches_the_cli_and_ranks_a_parameter_without_effect_last():
    data = json.loads(json.dumps(SMALL))
    data["services"]["island"] = {"failure_modes": [
        {"name": "crash", "occurs": {"mtbf": "30d"}, "repair": {"self_heal": {"exponential": {"mean": "1h"}}}}]}
    scenario = reliasim.Scenario.from_dict(data)
    result = scenario.sensitivity(trials=100, seed=4)
    effects = result.effects()
    assert list(effects["owner"].iloc[-2:]) == ["island/crash", "island/crash"]
    assert (effects[["downtime_low", "downtime_high"]].iloc[-2:] == pd.Timedelta(0)).all().all()
    assert effects["owner"].iloc[0] == "api/crash"

    cli = cli_json("sensitivity", DESIGN_A, "--trials", 40, "--seed", 4)
    python = reliasim.Scenario.from_file(DESIGN_A).sensitivity(trials=40, seed=4)
    assert without_commands(python.document()) == without_commands(cli)
    assert "buys the most" in python.best_improvement
    assert python.report("csv").startswith("# run: reliasim ")


def test_tornado_plot():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import reliasim.plot

    result = reliasim.Scenario.from_file(DESIGN_A).sensitivity(trials=30, seed=1)
    ax = reliasim.plot.tornado(result, top=5)
    assert len(ax.patches) == 10  # a low and a high bar per parameter
    assert "downtime" in ax.get_xlabel()
    with pytest.raises(ValueError):
        reliasim.plot.tornado(result, metric="latency")


def test_html_report_from_python(tmp_path, web_shop, web_shop_results):
    tornado = web_shop.sensitivity(trials=20, seed=3)
    path = tmp_path / "report.html"
    html = web_shop_results.report(path, sensitivity=tornado)
    assert path.read_text(encoding="utf-8") == html
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    for section in ("summary", "availability", "downtime", "reliability", "incident-times", "sla-exposure", "fmea", "sensitivity"):
        assert f'id="{section}"' in html
    assert "<script" not in html
    assert not list(tmp_path.glob("*.part"))
    without = web_shop_results.report()
    assert 'id="sensitivity"' not in without
