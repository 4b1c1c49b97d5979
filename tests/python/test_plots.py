"""Plots people can read: no overlapping tick labels, legends outside the data, units on the
axes (minutes, the SLA's currency), log scales where the tail matters."""

import itertools

import pytest
import yaml

import reliasim
from conftest import SMALL

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import reliasim.plot  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


LONG = "payments-provider-in-the-eu-west-region"
LONG_NAMES = {
    "scenario": "long names",
    "services": {
        **SMALL["services"],
        LONG: {"failure_modes": [{"name": "provider-outage-across-all-zones", "occurs": {"mtbf": "30d"},
                                  "repair": {"self_heal": {"exponential": {"mean": "3h"}}}}]},
    },
    "journeys": {"checkout": ["api", LONG]},
    "slas": [{"name": "gold", "journey": "checkout", "target": "99.9%",
              "measure": {"bad_minutes": {"granularity": "1m"}}, "credits": [{"below": "99.9%", "credit": "10%"}], "fee": {"monthly": 1000, "currency": "CHF"}}],
}


@pytest.fixture(scope="module")
def tornado_data():
    return reliasim.Scenario.from_dict(LONG_NAMES).sensitivity(trials=20, seed=1)


def drawn(ax):
    ax.figure.canvas.draw()
    return ax.figure.canvas.get_renderer()


def overlapping(axis, renderer) -> list:
    """Pairs of tick labels on ``axis`` whose boxes overlap, among those drawn (in its view)."""
    low, high = sorted(axis.get_view_interval())
    boxes = [(tick.label1.get_text(), tick.label1.get_window_extent(renderer)) for tick in axis.get_major_ticks()
             if tick.label1.get_visible() and tick.label1.get_text() and low <= tick.get_loc() <= high]
    return [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2) if box_a.overlaps(box_b)]


def assert_readable(ax):
    """Tick labels apart from each other; the legend, if any, outside the data and in the figure."""
    renderer = drawn(ax)
    assert overlapping(ax.xaxis, renderer) == []
    assert overlapping(ax.yaxis, renderer) == []
    legend = ax.get_legend()
    if legend is not None:
        box = legend.get_window_extent(renderer)
        assert not box.overlaps(ax.get_window_extent(renderer))
        figure = ax.figure.bbox
        assert figure.x0 <= box.x0 and box.x1 <= figure.x1 + 1 and figure.y0 <= box.y0 and box.y1 <= figure.y1 + 1


def test_downtime_distribution(web_shop_results):
    ax = reliasim.plot.downtime_distribution(web_shop_results, "browse")
    assert ax.get_xlabel() == "downtime per year (minutes)"
    assert_readable(ax)


def test_monthly_availability_is_on_the_scenarios_months(web_shop_results, web_shop_path):
    ax = reliasim.plot.monthly_availability(web_shop_results, target=0.999)
    assert ax.get_xlabel() == "calendar month"
    assert_readable(ax)
    # The first point is in the scenario's first month.
    start = yaml.safe_load(web_shop_path.read_text())["start"]
    first = matplotlib.dates.num2date(ax.get_lines()[0].get_xdata(orig=False)[0])
    assert first.strftime("%Y-%m") == start
    assert "e" not in ax.yaxis.get_offset_text().get_text()  # percentages written out, no offset


def test_windows_that_are_not_months_are_placed_in_days():
    results = reliasim.Scenario.from_dict({**SMALL, "horizon": "90d", "windows": "30d"}).run(trials=10, seed=1)
    ax = reliasim.plot.monthly_availability(results)
    assert list(ax.get_lines()[0].get_xdata()) == [15, 45, 75]  # the windows' middles, in days
    assert "days from the start" in ax.get_xlabel()
    assert_readable(ax)


def test_incident_times_on_log_scales(web_shop_results):
    ax = reliasim.plot.incident_times(web_shop_results, "ttr")
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert ax.get_xlabel() == "TTR (minutes, log scale)"
    assert_readable(ax)


def test_sla_exposure_is_in_the_slas_currency_on_a_log_scale(web_shop_results, web_shop_path):
    currency = yaml.safe_load(web_shop_path.read_text())["slas"][0]["fee"]["currency"]
    ax = reliasim.plot.sla_exposure(web_shop_results)
    assert ax.get_xlabel() == f"credit per year ({currency})"
    assert ax.get_yscale() == "log"
    assert all(currency in text.get_text() for text in ax.get_legend().get_texts())
    assert_readable(ax)


def test_tornado_shortens_long_names_and_labels_units(tornado_data):
    ax = reliasim.plot.tornado(tornado_data)
    labels = [label.get_text() for label in ax.get_yticklabels()]
    effects = tornado_data.effects().iloc[::-1]
    assert len(labels) == len(effects) and all(len(label) <= reliasim.plot.LABEL_LENGTH for label in labels)
    for label, owner, quantity in zip(labels, effects["owner"], effects["quantity"]):
        assert label.endswith(f": {quantity}")  # the quantity stays whole
        if owner.startswith(LONG):
            assert label.startswith(LONG[:10]) and "…" in label and "zones: " in label
    assert ax.get_xlabel() == "change in checkout downtime (minutes a year)"
    assert_readable(ax)
    credit = reliasim.plot.tornado(tornado_data, metric="credit")
    assert credit.get_xlabel() == "change in SLA credit (CHF a year)"
    assert_readable(credit)


def test_short_names_keep_their_start_and_end():
    name = "payments-provider/provider-outage-in-the-eu-region"
    short = reliasim.plot._short(name, 20)
    assert len(short) == 20 and short.startswith("payments-p") and short.endswith("eu-region") and "…" in short
    assert reliasim.plot._short("api/crash", 20) == "api/crash"
