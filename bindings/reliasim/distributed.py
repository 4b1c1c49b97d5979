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

The scenario travels to the workers by value (its text and the files it reads), so no shared
filesystem is needed.
"""

from __future__ import annotations

import math
from typing import Callable

from . import _checks
from .partial import merge
from .results import StreamedSummary
from .scenario import _Progress

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
    from dask.distributed import as_completed

    trials = _checks.whole("trials", trials, 2)
    seed = _checks.whole("seed", seed, 0)
    first_trial = _checks.whole("first_trial", first_trial, 0)
    threads_per_task = _checks.whole("threads_per_task", threads_per_task, 1, 1024)
    retries = _checks.whole("retries", retries, 0, 100)
    if tasks is None:
        threads = sum(client.nthreads().values()) or 1
        tasks = min(TASKS_PER_THREAD * threads, max(1, math.ceil(trials / MIN_TASK_TRIALS)))
    tasks = _checks.whole("tasks", tasks, 1)
    ranges = task_ranges(first_trial, trials, tasks)
    # Keys of their own (hash=False, pure=False): a second run of the same trials must not
    # share keys with the first while the scheduler is still releasing them.
    shipped = client.scatter(scenario, broadcast=True, hash=False)
    futures = [client.submit(_run_range, shipped, seed, first, count, threads_per_task,
                             retries=retries, pure=False)
               for first, count in ranges]
    counts = {future.key: count for future, (_, count) in zip(futures, ranges)}
    try:
        with _Progress(progress, trials) as callback:
            done = 0
            for future in as_completed(futures):
                future.result()  # raises the task's error here
                done += counts[future.key]
                if callback is not None:
                    callback(done)
        parts = client.gather(futures)
    except BaseException:
        client.cancel(futures)
        raise
    command = (f"reliasim.distributed.simulate(trials={trials}, seed={seed}, "
               f"first_trial={first_trial}, tasks={len(ranges)})")
    return merge(parts, scenario, command)
