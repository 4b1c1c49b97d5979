"""The run record in Python: every input file with coreutils' sha256sum digest, and the platform."""

import subprocess

import reliasim


def sha256sum(path) -> str:
    return subprocess.run(["sha256sum", str(path)], check=True, capture_output=True,
                          text=True).stdout.split()[0]


SCENARIO = """scenario: with-csv
services:
  api:
    failure_modes:
      - {name: crash, occurs: {rate: 12/y}, repair: {self_heal: {empirical: {csv: ttr.csv, unit: 1h}}}}
journeys:
  use: [api]
"""


def test_record_lists_the_scenario_and_its_csv_file(tmp_path):
    (tmp_path / "ttr.csv").write_text("ttr\n1\n2\n4\n")
    (tmp_path / "with-csv.yaml").write_text(SCENARIO)
    scenario = reliasim.Scenario.from_file(tmp_path / "with-csv.yaml")
    record = scenario.run(trials=10, seed=1).record
    assert record["scenario_hash"] == "sha256:" + sha256sum(tmp_path / "with-csv.yaml")
    assert record["inputs"] == [
        {"role": "scenario", "file": str(tmp_path / "with-csv.yaml"),
         "sha256": sha256sum(tmp_path / "with-csv.yaml")},
        {"role": "csv", "file": str(tmp_path / "ttr.csv"), "sha256": sha256sum(tmp_path / "ttr.csv")},
    ]


def test_editing_the_csv_file_changes_the_record(tmp_path):
    (tmp_path / "ttr.csv").write_text("ttr\n1\n2\n4\n")
    before = reliasim.Scenario.from_yaml(SCENARIO, base_dir=tmp_path).run(trials=10, seed=1).record
    (tmp_path / "ttr.csv").write_text("ttr\n1\n2\n9\n")
    after = reliasim.Scenario.from_yaml(SCENARIO, base_dir=tmp_path).run(trials=10, seed=1).record
    assert before["inputs"][0] == after["inputs"][0]
    assert after["inputs"][1]["sha256"] == sha256sum(tmp_path / "ttr.csv") != before["inputs"][1]["sha256"]


def test_record_names_the_platform(web_shop_results):
    platform = web_shop_results.record["platform"]
    assert set(platform) == {"os", "arch", "compiler", "build_type"}
    assert all(isinstance(value, str) and value for value in platform.values())
