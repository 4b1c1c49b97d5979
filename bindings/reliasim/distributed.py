"""Runs on a Dask cluster (docs/partial-results.md, Dask): the trial range is split into
tasks, each worker runs the C++ engine on its range (the GIL released) and returns a partial
result, and the parts are merged in trial order: the summary equals a local streamed run with
the same seed and trials, bit for bit, whatever the cluster, the task count or a worker that
died and had its task run again.

    from dask.distributed import Client
    import reliasim, reliasim.distributed

    client = Client("scheduler:8786")          # or LocalCluster(), dask-jobqueue, dask-kubernetes
    shop = reliasim.load("web-shop")
    summary = reliasim.distributed.simulate(shop, trials=10_000_000, client=client)
    comparison = reliasim.distributed.compare(design_a, design_b, trials=1_000_000, client=client)

The scenario travels to the workers by value (its text and the files it reads), so no shared
filesystem is needed.
"""

from __future__ import annotations

import json
import math
from typing import Callable

from . import _checks, _core
from .analyses import Comparison, Sensitivity
from .partial import merge
from .results import StreamedSummary, fmea_frame
from .scenario import _check_fmea_view, _Progress

#: No task runs fewer trials than this (the per-task overhead stays small beside the work),
#: unless the whole run is smaller.
MIN_TASK_TRIALS = 2000
#: Tasks per worker thread by default: enough to balance uneven workers, few enough that
#: the scheduler's overhead per task stays negligible.
TASKS_PER_THREAD = 4


def task_ranges(first_trial: int, trials: int, tasks: int) -> list[tuple[int, int]]:
    """``trials`` trials from ``first_trial`` cut into ``tasks`` consecutive ranges of sizes
    differing by at most one, as ``(first, count)``."""
    tasks = max(1, min(tasks, trials))
    size, extra = divmod(trials, tasks)
    ranges, first = [], first_trial
    for k in range(tasks):
        count = size + (1 if k < extra else 0)
        ranges.append((first, count))
        first += count
    return ranges


def _run_range(scenario, seed: int, first: int, count: int, threads: int) -> bytes:
    return scenario.run_partial(count, first_trial=first, seed=seed, threads=threads)


def _compare_range(a, b, seed: int, first: int, count: int, threads: int, confidence: float) -> bytes:
    return a._model.compare_partial(b._model, seed, first, count, threads, confidence)


def _fmea_range(scenario, seed: int, first: int, count: int, threads: int) -> bytes:
    return scenario._model.fmea_partial(seed, first, count, threads)


def _sensitivity_range(scenario, seed: int, first: int, count: int, threads: int, low: float,
                       high: float, scope: str) -> bytes:
    return scenario._model.sensitivity_partial(seed, first, count, threads, low, high, scope)


def _checked(trials, seed, threads_per_task, retries) -> tuple[int, int, int, int]:
    """The settings every distributed run takes, checked."""
    return (_checks.whole("trials", trials, 2), _checks.whole("seed", seed, 0),
            _checks.whole("threads_per_task", threads_per_task, 1, 1024),
            _checks.whole("retries", retries, 0, 100))


def _task_count(client, trials: int, tasks: int | None) -> int:
    if tasks is None:
        threads = sum(client.nthreads().values()) or 1
        tasks = min(TASKS_PER_THREAD * threads, max(1, math.ceil(trials / MIN_TASK_TRIALS)))
    return _checks.whole("tasks", tasks, 1)


def _run_tasks(client, run, leading: list, ranges: list, extra: tuple, retries: int,
               progress, total: int, per_trial: int = 1) -> list:
    """``run(*leading, first, count, *extra)`` for each range on the cluster; the results in
    range order. Progress counts ``per_trial`` for each trial of a finished task; Ctrl-C
    (KeyboardInterrupt) or a failure cancels the tasks still pending."""
    from dask.distributed import as_completed

    futures = [client.submit(run, *leading, first, count, *extra, retries=retries, pure=False)
               for first, count in ranges]
    counts = {future.key: count for future, (_, count) in zip(futures, ranges)}
    try:
        with _Progress(progress, total) as callback:
            done = 0
            for future in as_completed(futures):
                future.result()  # raises the task's error here
                done += per_trial * counts[future.key]
                if callback is not None:
                    callback(done)
        return client.gather(futures)
    except BaseException:
        client.cancel(futures)
        raise


def _ship(client, *scenarios):
    # Keys of their own (hash=False): a second run of the same trials must not share keys with
    # the first while the scheduler is still releasing them.
    return [client.scatter(scenario, broadcast=True, hash=False) for scenario in scenarios]


def simulate(scenario, trials: int, client, seed: int = 1, first_trial: int = 0,
             tasks: int | None = None, threads_per_task: int = 1, retries: int = 2,
             progress: bool | Callable[[int], None] = False) -> StreamedSummary:
    """Simulates ``trials`` trials of ``scenario`` on the workers of ``client`` (a
    ``dask.distributed.Client``) and returns their merged summary.

    ``tasks`` defaults to four per worker thread, each of at least 2000 trials;
    ``threads_per_task`` engine threads run each task (1 suits one task per worker thread).
    A task whose worker dies is run again, up to ``retries`` times, with the same result.
    ``progress=True`` shows a bar, a callable receives the trials done; Ctrl-C
    (KeyboardInterrupt) cancels the tasks still pending."""
    trials, seed, threads_per_task, retries = _checked(trials, seed, threads_per_task, retries)
    first_trial = _checks.whole("first_trial", first_trial, 0)
    ranges = task_ranges(first_trial, trials, _task_count(client, trials, tasks))
    parts = _run_tasks(client, _run_range, [*_ship(client, scenario), seed], ranges,
                       (threads_per_task,), retries, progress, trials)
    command = (f"reliasim.distributed.simulate(trials={trials}, seed={seed}, "
               f"first_trial={first_trial}, tasks={len(ranges)})")
    return merge(parts, scenario, command)


def compare(a, b, trials: int, client, seed: int = 1, tasks: int | None = None,
            threads_per_task: int = 1, retries: int = 2, confidence: float = 0.95,
            progress: bool | Callable[[int], None] = False) -> Comparison:
    """Compares design ``b`` with design ``a`` on common random numbers, as
    :func:`reliasim.compare` does with two scenarios, on the workers of ``client``: each task
    runs both designs over its trial range and returns the comparison's sums, which merge
    exactly. The result equals ``reliasim.compare(a, b, trials, seed)``, bit for bit.
    ``tasks``, ``threads_per_task``, ``retries`` and ``progress`` (both designs' trials) are as
    for :func:`simulate`."""
    trials, seed, threads_per_task, retries = _checked(trials, seed, threads_per_task, retries)
    confidence = _checks.fraction("confidence", confidence)
    ranges = task_ranges(0, trials, _task_count(client, trials, tasks))
    parts = _run_tasks(client, _compare_range, [*_ship(client, a, b), seed], ranges,
                       (threads_per_task, confidence), retries, progress, 2 * trials, per_trial=2)
    command = f"reliasim.distributed.compare(a, b, trials={trials}, seed={seed}, tasks={len(ranges)})"
    return Comparison(_core.merge_comparisons(parts, a._model, b._model, command))


def run_to_precision(scenario, relative_half_width: float, client, metric: str = "", seed: int = 1,
                     min_trials: int = 200, max_trials: int = 1_000_000, tasks: int | None = None,
                     threads_per_task: int = 1, retries: int = 2,
                     progress: bool | Callable[[int], None] = False) -> StreamedSummary:
    """Adds trials on the workers of ``client`` until the 95 % half-width of ``metric`` (as
    :meth:`Scenario.run_to_precision`) is below ``relative_half_width`` of its mean, or
    ``max_trials`` is reached: each step's trials are split into tasks, and the merged parts
    decide the next step. The steps are those of a local run, so the result equals
    ``scenario.run_to_precision(..., streaming=True)``, bit for bit; ``record["converged"]``
    says whether the target was met. ``progress`` counts up to ``max_trials``."""
    relative_half_width = _checks.number("relative_half_width", relative_half_width, 0, 1, low_open=True)
    seed = _checks.whole("seed", seed, 0)
    min_trials = _checks.whole("min_trials", min_trials, 2)
    max_trials = _checks.whole("max_trials", max_trials, min_trials, note=" (min_trials)")
    threads_per_task = _checks.whole("threads_per_task", threads_per_task, 1, 1024)
    retries = _checks.whole("retries", retries, 0, 100)
    if metric != "":
        _checks.choose("journey, scope or SLA", metric,
                       scenario._scope_names() + list(scenario._model.sla_names))
    elif not scenario._scope_names():
        raise ValueError("a precision run on Dask watches a journey, an SLA scope or an SLA: "
                         "this scenario has none")
    leading = [*_ship(client, scenario), seed]
    merged, have, step = [], 0, min_trials  # merged: the steps so far as one part (exact)
    with _Progress(progress, max_trials) as callback:
        while True:
            ranges = task_ranges(have, step, _task_count(client, step, tasks))
            before = have
            step_progress = None if callback is None else (lambda done, at=before: callback(at + done))
            parts = merged + _run_tasks(client, _run_range, leading, ranges, (threads_per_task,),
                                        retries, step_progress, step)
            have += step
            # Each step merges into the steps before it once: a long run does not merge every
            # part again at every step.
            merged = [_core.merge_partials_to_bytes(parts, [f"part {k}" for k in range(len(parts))])]
            reached = _core.partials_half_width(merged, ["steps"], scenario._model, metric)
            converged = reached <= relative_half_width
            if converged or have >= max_trials:
                break
            step = _core.precision_step(have, reached, relative_half_width, min_trials, max_trials)
    command = (f"reliasim.distributed.run_to_precision(relative_half_width={relative_half_width}, "
               f"metric={metric!r}, seed={seed}, max_trials={max_trials})")
    raw = _core.merge_partials(merged, ["steps"], command, scenario._model, converged, reached)
    return StreamedSummary(raw)


def sensitivity(scenario, trials: int, client, seed: int = 1, low: float = 0.5, high: float = 2.0,
                scope: str = "", tasks: int | None = None, threads_per_task: int = 1,
                retries: int = 2, progress: bool | Callable[[int], None] = False) -> Sensitivity:
    """:meth:`Scenario.sensitivity` on the workers of ``client``: each task runs every setting
    (the baseline, and each parameter times ``low`` and ``high``) over its trial range and
    returns the paired differences' sums, which merge exactly: the result equals
    ``scenario.sensitivity(trials, seed, low, high, scope)``, bit for bit. ``progress`` counts
    every setting's trials."""
    trials, seed, threads_per_task, retries = _checked(trials, seed, threads_per_task, retries)
    low = _checks.number("low", low, 1e-3, 1e3)
    high = _checks.number("high", high, 1e-3, 1e3)
    if scope != "":
        _checks.choose("journey or SLA service", scope, scenario._scope_names())
    runs = scenario._model.sensitivity_runs()
    ranges = task_ranges(0, trials, _task_count(client, trials, tasks))
    parts = _run_tasks(client, _sensitivity_range, [*_ship(client, scenario), seed], ranges,
                       (threads_per_task, low, high, scope), retries, progress, runs * trials,
                       per_trial=runs)
    command = (f"reliasim.distributed.sensitivity(trials={trials}, seed={seed}, low={low}, "
               f"high={high}, scope={scope!r}, tasks={len(ranges)})")
    return Sensitivity(_core.merge_sensitivity(parts, scenario._model, command))


def fmea(scenario, trials: int, client, seed: int = 1, scope: str = "", rank_by: str = "budget",
         format: str | None = None, confidence: float = 0.95, tasks: int | None = None,
         threads_per_task: int = 1, retries: int = 2, progress: bool | Callable[[int], None] = False):
    """The FMEA worksheet of ``trials`` trials simulated on the workers of ``client``: each task
    adds its range to a worksheet (as ``reliasim fmea --streaming`` does) and returns its sums,
    which merge exactly, so the worksheet is that of one streamed run over all the trials. A
    DataFrame as :meth:`Results.fmea` gives, or with ``format`` (json, table, csv, markdown,
    html) the document ``reliasim fmea`` writes. ``scope`` and ``rank_by`` as for
    :meth:`Results.fmea`."""
    trials, seed, threads_per_task, retries = _checked(trials, seed, threads_per_task, retries)
    confidence = _check_fmea_view(scenario, scope, rank_by, format, confidence)
    ranges = task_ranges(0, trials, _task_count(client, trials, tasks))
    parts = _run_tasks(client, _fmea_range, [*_ship(client, scenario), seed], ranges,
                       (threads_per_task,), retries, progress, trials)
    command = (f"reliasim.distributed.fmea(trials={trials}, seed={seed}, scope={scope!r}, "
               f"rank_by={rank_by!r}, tasks={len(ranges)})")
    document = _core.merge_fmea(parts, scenario._model, scope, rank_by, confidence, format or "json", command)
    return document if format is not None else fmea_frame(json.loads(document))
