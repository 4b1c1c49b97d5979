"""Partial results from Python, scenarios pickled by value, and Dask: trial ranges run apart
(in other processes, on a LocalCluster) merge into the same bits as one streamed run."""

import json
import os
import pickle
import signal
import subprocess
import threading
import time

import pytest

import reliasim
from conftest import CLI

SCENARIO = """scenario: with-csv
services:
  api:
    replicas: {count: 2, min_healthy: 1}
    failure_modes:
      - {name: crash, scope: replica, occurs: {mtbf: 30d}, repair: {self_heal: {empirical: {csv: data/ttr.csv, unit: 1h}}}}
      - {name: bad-deploy, occurs: {rate: 6/y}, repair: {self_heal: {lognormal: {median: 40m, p95: 4h}}}}
journeys:
  use: [api]
slas:
  - {name: gold, journey: use, target: 99.9%, measure: {bad_minutes: {granularity: 1m, min_run: 1m}},
     fee: {monthly: 1000, currency: EUR}, credits: [{below: 99.9%, credit: 10%}, {below: 99%, credit: 25%}]}
"""


def without_run(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "run"}


@pytest.fixture()
def with_csv(tmp_path) -> reliasim.Scenario:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "ttr.csv").write_text("ttr\n0.5\n1\n2\n4\n9\n")
    (tmp_path / "with-csv.yaml").write_text(SCENARIO)
    return reliasim.Scenario.from_file(tmp_path / "with-csv.yaml")


def test_parts_merge_into_the_streamed_run_bit_for_bit(web_shop):
    whole = web_shop.run(trials=3000, seed=4, streaming=True).summary()
    parts = [web_shop.run_partial(900, first_trial=2100, seed=4),
             web_shop.run_partial(1300, first_trial=0, seed=4),
             web_shop.run_partial(800, first_trial=1300, seed=4)]
    merged = reliasim.merge(parts, web_shop)
    assert without_run(merged.summary()) == without_run(whole)
    assert merged.trials == 3000
    assert merged.record["merged_ranges"] == [{"first_trial": 0, "trials": 3000}]
    assert merged.record["inputs"] == whole["run"]["inputs"]
    assert list(merged.scopes().index) == list(web_shop.run(trials=3000, seed=4, streaming=True).scopes().index)


def test_python_parts_and_cli_parts_are_the_same_files(web_shop, web_shop_path, tmp_path):
    path = tmp_path / "part.rsp"
    subprocess.run([CLI, "-q", "run", str(web_shop_path), "--first-trial", "500", "-n", "700",
                    "--seed", "2", "--format", "partial", "-o", str(path)], check=True)
    python_part = web_shop.run_partial(700, first_trial=500, seed=2)
    merged_cli = reliasim.merge([path])
    merged_python = reliasim.merge([python_part])
    assert without_run(merged_cli.summary()) == without_run(merged_python.summary())
    merged = subprocess.run([CLI, "merge", str(path), "--format", "json"], check=True,
                            capture_output=True, text=True).stdout
    assert without_run(json.loads(merged)) == without_run(merged_python.summary())


def test_parts_that_do_not_belong_together_are_refused(web_shop):
    a = web_shop.run_partial(300, first_trial=0, seed=1)
    with pytest.raises(ValueError, match="part 1: trials 200 to 299 are in more than one part"):
        reliasim.merge([a, web_shop.run_partial(300, first_trial=200, seed=1)])
    with pytest.raises(ValueError, match="part 1: its seed is 2"):
        reliasim.merge([a, web_shop.run_partial(300, first_trial=300, seed=2)])
    with pytest.raises(ValueError, match="part 0: it is damaged or truncated"):
        reliasim.merge([a[:-100]])
    with pytest.raises(ValueError, match="not a reliasim partial result"):
        reliasim.merge([b"scenario: x\n"])
    with pytest.raises(ValueError, match="at least one"):
        reliasim.merge([])
    with pytest.raises(ValueError, match="not a file"):
        reliasim.merge([os.path.dirname(__file__)])


def test_a_scenario_pickles_by_value_with_its_files(with_csv, tmp_path):
    shipped = pickle.dumps(with_csv)
    for path in (tmp_path / "data" / "ttr.csv", tmp_path / "with-csv.yaml"):
        path.unlink()  # the copy must not need the originals
    copy = pickle.loads(shipped)
    assert copy._model.hash == with_csv._model.hash
    assert [sha for _, _, sha in copy._model.inputs] == [sha for _, _, sha in with_csv._model.inputs]
    a = copy.run(trials=300, seed=5).summary()
    b = with_csv.run(trials=300, seed=5).summary()
    assert without_run(a) == without_run(b)


def test_a_scenario_from_a_dict_or_text_pickles_too(web_shop):
    data = reliasim.Scenario.read_dict(reliasim.scenarios.path("web-shop"))
    for scenario in (reliasim.Scenario.from_dict(data), reliasim.Scenario.from_yaml(json.dumps(data))):
        copy = pickle.loads(pickle.dumps(scenario))
        assert copy._model.hash == scenario._model.hash


def test_task_ranges_cover_the_trials_once():
    from reliasim.distributed import task_ranges

    assert task_ranges(10, 7, 3) == [(10, 3), (13, 2), (15, 2)]
    assert task_ranges(0, 2, 5) == [(0, 1), (1, 1)]


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_dask_gives_the_local_streamed_run_bit_for_bit(dask_client, with_csv):
    import reliasim.distributed

    seen = []
    summary = reliasim.distributed.simulate(with_csv, trials=9000, client=dask_client, seed=3,
                                            tasks=5, progress=seen.append)
    local = with_csv.run(trials=9000, seed=3, streaming=True).summary()
    assert without_run(summary.summary()) == without_run(local)
    assert summary.record["inputs"] == local["run"]["inputs"]  # the local files, not the workers' copies
    assert seen[-1] == 9000 and len(seen) == 5


def test_dask_runs_any_trial_range_with_any_threads_per_task(dask_client, web_shop):
    import reliasim.distributed

    summary = reliasim.distributed.simulate(web_shop, trials=3000, client=dask_client, seed=6,
                                            first_trial=5000, tasks=3, threads_per_task=2)
    local = reliasim.merge([web_shop.run_partial(3000, first_trial=5000, seed=6, threads=1)])
    assert without_run(summary.summary()) == without_run(local.summary())
    assert summary.record["merged_ranges"] == [{"first_trial": 5000, "trials": 3000}]


def test_a_worker_killed_mid_run_changes_nothing(dask_client, web_shop):
    import reliasim.distributed

    pids = list(dask_client.run(os.getpid).values())
    killer = threading.Timer(0.3, os.kill, (pids[0], signal.SIGKILL))
    killer.start()
    started = time.monotonic()
    summary = reliasim.distributed.simulate(web_shop, trials=24000, client=dask_client, seed=8,
                                            tasks=12)
    killer.join()
    assert time.monotonic() - started > 0.3  # the kill came while tasks were running
    dask_client.wait_for_workers(2, timeout=60)
    assert pids[0] not in dask_client.run(os.getpid).values()  # that worker did die
    local = web_shop.run(trials=24000, seed=8, streaming=True).summary()
    assert without_run(summary.summary()) == without_run(local)


def test_dask_compares_two_designs_with_the_bits_of_a_local_comparison(dask_client):
    import reliasim.distributed
    from conftest import SOURCE_DIR

    a = reliasim.Scenario.from_file(SOURCE_DIR / "scenarios" / "design-a.yaml")
    b = reliasim.Scenario.from_file(SOURCE_DIR / "scenarios" / "design-b.yaml")
    seen = []
    remote = reliasim.distributed.compare(a, b, trials=2500, client=dask_client, seed=4, tasks=3,
                                          progress=seen.append).document()
    local = reliasim.compare(a, b, trials=2500, seed=4).document()
    for document in (remote, local):
        assert document["run_a"]["trials"] == 2500 and document["run_b"]["seed"] == 4
        document.pop("run_a"), document.pop("run_b")
    assert remote == local
    assert seen[-1] == 2 * 2500 and len(seen) == 3


def test_dask_runs_to_precision_with_the_steps_and_bits_of_a_local_run(dask_client, web_shop):
    import reliasim.distributed

    seen = []
    remote = reliasim.distributed.run_to_precision(web_shop, 0.05, client=dask_client, metric="checkout",
                                                   seed=3, progress=seen.append)
    local = web_shop.run_to_precision(0.05, metric="checkout", seed=3, streaming=True)
    assert remote.trials == local.trials > 1000  # several steps
    for key in ("precision_run", "converged", "relative_half_width", "trials"):
        assert remote.record[key] == local.record[key], key
    assert without_run(remote.summary()) == without_run(local.summary())
    assert seen == sorted(seen) and seen[-1] == remote.trials
    with pytest.raises(ValueError, match="valid: checkout, browse"):
        reliasim.distributed.run_to_precision(web_shop, 0.05, client=dask_client, metric="nope")


def test_dask_sensitivity_has_the_bits_of_a_local_one(dask_client, web_shop):
    import reliasim.distributed

    seen = []
    remote = reliasim.distributed.sensitivity(web_shop, trials=300, client=dask_client, seed=2,
                                              scope="browse", tasks=3, progress=seen.append)
    local = web_shop.sensitivity(trials=300, seed=2, scope="browse")
    documents = [remote.document(), local.document()]
    for document in documents:
        assert document["run"]["trials"] == 300 and document["run"]["seed"] == 2
        document.pop("run")
    assert documents[0] == documents[1]
    assert seen[-1] == 300 * web_shop._model.sensitivity_runs() and len(seen) == 3


def test_dask_fmea_is_the_worksheet_of_one_streamed_run(dask_client, web_shop, web_shop_path):
    import reliasim.distributed

    remote = json.loads(reliasim.distributed.fmea(web_shop, trials=1200, client=dask_client, seed=5,
                                                  scope="all", format="json", tasks=3))
    output = subprocess.run([CLI, "-q", "fmea", str(web_shop_path), "--trials", "1200", "--seed", "5",
                             "--scope", "all", "--streaming", "--format", "json"],
                            check=True, capture_output=True, text=True).stdout
    local = json.loads(output)
    assert remote["run"]["trials"] == local["run"]["trials"] == 1200
    remote.pop("run"), local.pop("run")
    assert remote == local
    frame = reliasim.distributed.fmea(web_shop, trials=300, client=dask_client, tasks=2)
    assert list(frame.index[:3]) == [1, 2, 3] and set(frame["scope"]) == {"checkout"}
