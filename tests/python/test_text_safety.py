"""Text from scenarios in Python: DataFrames keep the exact text (data); every HTML view
neutralises it as the engine's reports do (docs/results.md, "Text from scenarios")."""

import pytest

import reliasim
from conftest import SOURCE_DIR
from reliasim import _display

RLO = "\u202e"
TAIL = "\r\nVerdict: forged" + RLO + "\t"


@pytest.fixture(scope="module")
def hostile():
    return reliasim.Scenario.from_file(SOURCE_DIR / "tests" / "data" / "hostile-text.yaml").run(trials=20, seed=1)


def test_dataframes_keep_the_exact_text(hostile):
    assert hostile.failure_modes()["cause"].iloc[0] == "disk full\r\nVerdict: forged" + RLO + "gnp.exe\tcause"
    assert hostile.fmea()["effect"].iloc[0] == "errors" + TAIL + "effect"
    assert hostile.slas()["currency"].iloc[0] == "EUR" + TAIL


def test_html_views_show_no_raw_bidirectional_control_or_line_break(hostile):
    for html in (hostile.report(), hostile.fmea_report("html"), hostile._repr_html_()):
        assert RLO not in html
        assert "\nVerdict: forged" not in html
    table = _display.to_html("<i>title</i>", [(["head<"], [["<b>x</b>" + TAIL, "a" + RLO]])])
    assert RLO not in table and "\t" not in table and "<b>x" not in table and "<i>" not in table
    assert "&lt;b&gt;x&lt;/b&gt;\\r\\nVerdict: forged\\u202E" in table
    assert "a\\u202E" in table and "head&lt;" in table


def test_text_views_keep_one_line_per_row(hostile):
    text = repr(hostile)
    assert RLO not in text and "\nVerdict: forged" not in text
    assert "EUR\\r\\nVerdict: forged\\u202E" in text  # the currency, visible as written


def test_a_comparison_in_a_notebook_shows_no_raw_bidirectional_control(hostile):
    comparison = reliasim.compare(hostile, hostile)
    assert RLO not in comparison._repr_html_() and RLO not in repr(comparison)
