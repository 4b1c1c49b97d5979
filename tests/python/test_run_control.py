"""Runs release the GIL, report progress, and stop on Ctrl-C within a second."""

import os
import signal
import threading
import time

import pandas as pd
import pytest

import reliasim
from conftest import SMALL


def test_progress_callback_sees_every_trial(web_shop):
    seen = []
    web_shop.run(trials=3000, seed=1, progress=seen.append)
    assert seen and seen[-1] == 3000
    assert seen == sorted(seen)


def test_a_failing_progress_callback_stops_the_run(web_shop):
    def explode(done):
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        web_shop.run(trials=20000, seed=1, progress=explode)


def test_gil_is_released_during_a_run(web_shop):
    ticks = []
    running = threading.Event()

    def count():
        running.set()
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.001)

    stop = threading.Event()
    thread = threading.Thread(target=count)
    thread.start()
    running.wait()
    before = len(ticks)
    web_shop.run(trials=4000, seed=1, threads=1)
    stop.set()
    thread.join()
    assert len(ticks) - before > 20


def test_ctrl_c_stops_a_long_run_within_a_second():
    # A century of hourly failures per trial: each trial takes a good fraction of a second.
    busy = reliasim.Scenario.from_dict({**SMALL, "horizon": "100y"}).with_changes(
        lambda d: d["services"]["api"]["failure_modes"][0]["occurs"].update(mtbf="1h"))
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        busy.run(trials=1000, seed=1, keep_incidents=False)
    assert time.monotonic() - started < 1.5


def test_a_run_too_large_for_memory_is_refused_before_it_starts(web_shop):
    with pytest.raises(ValueError, match=r"needs about .*more than half of this machine.*run\(\.\.\., streaming=True\)"):
        web_shop.run(trials=1_000_000_000_000)


def test_streaming_run_matches_the_cli_and_keeps_no_arrays(web_shop, web_shop_path):
    import json
    import subprocess

    from conftest import CLI

    streamed = web_shop.run(trials=300, seed=5, streaming=True, batch=64)
    assert isinstance(streamed, reliasim.StreamedSummary)
    assert not hasattr(streamed, "scope_down")
    output = subprocess.run([CLI, "run", str(web_shop_path), "--trials", "300", "--seed", "5", "--streaming",
                             "--format", "json"], check=True, capture_output=True, text=True).stdout
    cli = json.loads(output)
    python = streamed.summary()
    for document in (cli, python):
        document["run"].pop("command")
    # Means are the same bits in any batching; quantiles are binned in both.
    assert python["scopes"][0]["availability"] == cli["scopes"][0]["availability"]
    assert python["slas"] == cli["slas"]
    assert list(streamed.scopes().index) == ["checkout", "browse"]
    whole = web_shop.run(trials=300, seed=5)
    assert streamed.scopes()["downtime_per_year"].tolist() == whole.scopes()["downtime_per_year"].tolist()
    with pytest.raises(ValueError, match="summarised once"):
        streamed.summary(0.9)


def test_a_streamed_run_keeps_the_first_incidents_asked_for(web_shop, web_shop_path):
    import json
    import subprocess

    from conftest import CLI

    # Batches of 64 trials: the first 40 incidents lie in several of them.
    streamed = web_shop.run(trials=300, seed=5, streaming=True, batch=64, keep_incidents=40)
    whole = web_shop.run(trials=300, seed=5).incidents().head(40).reset_index(drop=True)
    kept = streamed.incidents()
    assert len(kept) == 40
    columns = ["trial", "start", "detected", "engaged", "mitigated", "repaired", "user_facing", "ttd", "ttm", "ttr"]
    pd.testing.assert_frame_equal(kept[columns], whole[columns])
    assert list(kept["mode"].astype(str)) == list(whole["mode"].astype(str))
    assert list(kept["detected_by"].astype(str)) == list(whole["detected_by"].astype(str))
    # The CLI's JSON holds the same records, streamed or not.
    for extra in ([], ["--streaming"]):
        output = subprocess.run([CLI, "-q", "run", str(web_shop_path), "--trials", "300", "--seed", "5",
                                 "--keep-incidents", "40", "--format", "json", *extra],
                                check=True, capture_output=True, text=True).stdout
        assert json.loads(output)["incident_records"] == streamed.summary()["incident_records"]
    with pytest.raises(ValueError, match="kept no incidents"):
        web_shop.run(trials=50, streaming=True).incidents()
