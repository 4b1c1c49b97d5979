"""Shared fixtures: where the scenarios and the CLI are (set by CTest), and a quick run."""

import os
import pathlib

import pytest

import reliasim

SOURCE_DIR = pathlib.Path(os.environ.get("RELIASIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
CLI = os.environ.get("RELIASIM_CLI", str(SOURCE_DIR / "build" / "cli" / "reliasim"))


@pytest.fixture(scope="session")
def web_shop_path() -> pathlib.Path:
    return SOURCE_DIR / "scenarios" / "web-shop.yaml"


@pytest.fixture(scope="session")
def web_shop(web_shop_path) -> reliasim.Scenario:
    return reliasim.Scenario.from_file(web_shop_path)


@pytest.fixture(scope="session")
def web_shop_results(web_shop) -> reliasim.Results:
    return web_shop.run(trials=200, seed=3)


SMALL = {
    "scenario": "small",
    "horizon": "1y",
    "services": {
        "api": {
            "replicas": {"count": 2, "min_healthy": 1},
            "failure_modes": [
                {"name": "crash", "scope": "replica", "occurs": {"mtbf": "20d"},
                 "repair": {"self_heal": {"exponential": {"mean": "2h"}}}},
            ],
        },
    },
    "journeys": {"use": ["api"]},
}
