"""Scenarios: loaded from a file, a YAML string or a Python dict, validated and compiled."""

from __future__ import annotations

import bisect
import copy
import json
import math
import numbers
import os
import sys
from typing import Any, Callable, Mapping

from . import _checks, _core
from .analyses import Sensitivity
from .results import FMEA_FORMATS, FMEA_RANKINGS, Results, StreamedSummary, fmea_frame, window_labels

class Scenario:
    """A validated scenario, ready to run.

    Build one with :meth:`from_file`, :meth:`from_yaml` or :meth:`from_dict`. Invalid input
    raises :class:`reliasim.ScenarioError`, whose ``diagnostics`` attribute lists every
    problem as ``(file, line, column, message)``; a dict's errors are told by key path.
    Arguments are checked before the engine runs: a wrong value or name raises ValueError
    (or TypeError for a wrong type) saying what is valid.
    """

    def __init__(self, model: _core.Model, source: Callable[[], dict], base_dir: str = ".",
                 trust_paths: bool = False, text: Callable[[], str] | None = None):
        self._model = model
        self._source = source  # the scenario as a dict, read again for with_changes
        self._base_dir = base_dir
        self._trust_paths = trust_paths
        self._text = text  # the exact text loaded, for pickling by value

    @classmethod
    def from_file(cls, path: str | os.PathLike, trust_paths: bool = False) -> "Scenario":
        """Loads a YAML or JSON scenario file.

        The CSV files it names must lie under its folder unless ``trust_paths`` is true
        (docs/scenario-format.md, "Files a scenario reads")."""
        path = os.fspath(path)
        return cls(_core.load_file(path, trust_paths), lambda: Scenario.read_dict(path),
                   os.path.dirname(os.path.abspath(path)), trust_paths, lambda: _read_text(path))

    @classmethod
    def from_yaml(cls, text: str, name: str = "<string>", base_dir: str | os.PathLike = ".",
                  trust_paths: bool = False) -> "Scenario":
        """Loads a scenario from YAML (or JSON) text; ``base_dir`` resolves CSV file names, which
        must lie under it unless ``trust_paths`` is true."""
        base_dir = os.fspath(base_dir)
        return cls(_core.load_text(text, name, base_dir, trust_paths), lambda: _yaml_dict(text), base_dir,
                   trust_paths, lambda: text)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], name: str = "<dict>", base_dir: str | os.PathLike = ".",
                  trust_paths: bool = False) -> "Scenario":
        """Loads a scenario from a dict shaped like the YAML format (docs/scenario-format.md).

        Errors name the key path (``services.api.failure_modes[0].occurs``) rather than a place
        in a file; a value no scenario can hold (a set, a date, NaN) raises TypeError or
        ValueError naming its key path."""
        if not isinstance(data, Mapping):
            raise TypeError(f"a scenario is a dict of the YAML format's keys, not {type(data).__name__}")
        text = _DictText(data)
        base_dir = os.fspath(base_dir)
        try:
            model = _core.load_text(text.text, name, base_dir, trust_paths)
        except _core.ScenarioError as error:
            raise text.error(error, name) from None
        kept = copy.deepcopy(dict(data))
        return cls(model, lambda: copy.deepcopy(kept), base_dir, trust_paths, lambda: text.text)

    @staticmethod
    def read_dict(path: str | os.PathLike) -> dict:
        """Reads a scenario file into a dict to change and pass to :meth:`from_dict`."""
        with open(path, encoding="utf-8") as file:
            return _yaml_dict(file.read())

    def with_changes(self, change: Callable[[dict], None]) -> "Scenario":
        """A new scenario from this one's dict after ``change(d)`` edits it in place, however this
        one was loaded. Files it names are read from the same folder as before."""
        data = self._source()
        change(data)
        return Scenario.from_dict(data, self._model.file, self._base_dir, self._trust_paths)

    @property
    def name(self) -> str:
        """The scenario's name (its ``scenario:`` line)."""
        return self._model.name

    @property
    def horizon(self) -> float:
        """Length of one trial, in seconds."""
        return self._model.horizon

    def describe(self) -> str:
        """A one-line summary: services, replicas, failure modes, crews, journeys, SLAs."""
        return self._model.describe()

    @property
    def _start(self):
        """The first month of the horizon (a monthly ``pandas.Period``) when the scenario's
        windows are calendar months, else None: what labels per-window results."""
        import pandas as pd

        month = self._model.start_month
        return None if month is None else pd.Period(month, freq="M")

    def _scope_names(self) -> list[str]:
        return list(self._model.scope_names)

    def run(
        self,
        trials: int = 2000,
        seed: int = 1,
        threads: int = 0,
        first_trial: int = 0,
        keep_incidents: bool | int = True,
        progress: bool | Callable[[int], None] = False,
        credit_attribution: bool = True,
        streaming: bool = False,
        batch: int = 2000,
        confidence: float = 0.95,
        rare_event: str = "off",
        rare_event_scope: str = "",
        rare_event_bias: tuple[float, ...] | None = None,
    ) -> Results | StreamedSummary:
        """Simulates ``trials`` independent histories over the horizon.

        The GIL is released while the engine runs; Ctrl-C (KeyboardInterrupt) stops it
        within a second. ``progress=True`` shows a bar (tqdm) in notebooks and terminals; a
        callable receives the number of trials done. Runs over disjoint trial ranges
        (``first_trial``) can be joined with :meth:`Results.joined`. ``credit_attribution``
        records which failure modes cause each SLA credit, for :meth:`Results.fmea` (it adds
        an array of trials x SLA windows x failure modes; turn it off for huge runs).

        ``streaming=True`` keeps memory bounded for any trial count: batches of ``batch``
        trials are summarised (at ``confidence``) and dropped, and a :class:`StreamedSummary`
        comes back, with the same DataFrames but no per-trial arrays. Its incidents are
        dropped too, unless ``keep_incidents=N`` (a number, not True) keeps the records of the
        first N in trial order for :meth:`StreamedSummary.incidents`.

        ``rare_event="is"`` (or ``"auto"``: only where pilot runs show it pays) estimates rare
        outages of ``rare_event_scope`` (default: the first journey) by importance sampling
        (docs/rare-events.md): every trial gets a likelihood-ratio weight (``weights`` array),
        every summary figure is weighted, and :meth:`Results.rare_event` gives the biases and
        the diagnostics. ``rare_event_bias=(b0, b1, b2, b3)``, the failure clocks' speed-ups with
        0, 1, 2, 3 or more incidents open (as a run reports them), skips the pilots.
        """
        trials, seed, threads = _trials(trials), _seed(seed), _threads(threads)
        first_trial = _checks.whole("first_trial", first_trial, 0)
        batch = _checks.whole("batch", batch, 1)
        confidence = _checks.fraction("confidence", confidence)
        rare = _checks.choose("rare_event", rare_event, ("off", "auto", "is"))
        bias = [] if rare_event_bias is None else [float(b) for b in rare_event_bias]
        if streaming and (rare != "off" or bias):
            raise ValueError("rare_event cannot be combined with streaming=True yet")
        if streaming:
            if first_trial != 0:
                raise ValueError("a streamed run starts at trial 0")
            keep = 0 if isinstance(keep_incidents, bool) else _checks.whole(
                "keep_incidents", keep_incidents, 0, 1_000_000)
            command = f"reliasim.Scenario.run(trials={trials}, seed={seed}, streaming=True)"
            with _Progress(progress, trials) as callback:
                raw = self._model.run_streaming(seed, trials, threads, batch, confidence, callback, command,
                                                keep)
            return StreamedSummary(raw, confidence, window_labels(self._start, self._model.window_bounds))
        command = f"reliasim.Scenario.run(trials={trials}, seed={seed}, first_trial={first_trial}"
        if rare != "off" or bias:
            command += f", rare_event={rare!r}, rare_event_scope={rare_event_scope!r}"
            command += f", rare_event_bias={tuple(bias)!r}" if bias else ""
        command += ")"
        with _Progress(progress, trials) as callback:
            raw = self._model.run(seed, trials, first_trial, threads, bool(keep_incidents),
                                  bool(credit_attribution), callback, command, rare,
                                  str(rare_event_scope), bias)
        return Results(raw, self._start)

    def run_partial(self, trials: int, first_trial: int = 0, seed: int = 1, threads: int = 0,
                    progress: bool | Callable[[int], None] = False) -> bytes:
        """Trials ``[first_trial, first_trial + trials)`` as a partial result: the bytes of the
        file ``reliasim run --format partial`` writes (docs/partial-results.md).
        :func:`reliasim.merge` combines partial results of disjoint ranges, from any machines,
        into the summary of one streamed run over all their trials, bit for bit."""
        trials, seed, threads = _trials(trials), _seed(seed), _threads(threads)
        first_trial = _checks.whole("first_trial", first_trial, 0)
        command = (f"reliasim.Scenario.run_partial(trials={trials}, first_trial={first_trial}, "
                   f"seed={seed})")
        with _Progress(progress, trials) as callback:
            return self._model.run_partial(seed, first_trial, trials, threads, callback, command)

    def run_to_precision(
        self,
        relative_half_width: float = 0.05,
        metric: str = "",
        seed: int = 1,
        min_trials: int = 200,
        max_trials: int = 1_000_000,
        threads: int = 0,
        progress: bool | Callable[[int], None] = False,
        streaming: bool = False,
        confidence: float = 0.95,
    ) -> Results | StreamedSummary:
        """Adds trials until the 95 % half-width of ``metric`` (a journey's downtime or an
        SLA's credit, by name; the first journey by default) is below ``relative_half_width``
        of its mean, or ``max_trials`` is reached. ``results.record["converged"]`` says which.

        ``streaming=True`` keeps memory bounded, as for :meth:`run`: the same trials are run
        and summarised (at ``confidence``) batch by batch, and a :class:`StreamedSummary`
        comes back, with the same means.
        """
        relative_half_width = _checks.number("relative_half_width", relative_half_width, 0, 1, low_open=True)
        seed, threads = _seed(seed), _threads(threads)
        min_trials = _checks.whole("min_trials", min_trials, 2)
        max_trials = _checks.whole("max_trials", max_trials, min_trials, note=" (min_trials)")
        if metric != "":
            _checks.choose("journey, scope or SLA", metric, self._scope_names() + list(self._model.sla_names))
        command = (
            f"reliasim.Scenario.run_to_precision(relative_half_width={relative_half_width}, "
            f"metric={metric!r}, seed={seed}, max_trials={max_trials})"
        )
        if streaming:
            confidence = _checks.fraction("confidence", confidence)
            command = command[:-1] + ", streaming=True)"
            with _Progress(progress, max_trials) as callback:
                raw = self._model.run_to_precision_streaming(
                    seed, relative_half_width, metric, min_trials, max_trials, threads, confidence,
                    callback, command)
            return StreamedSummary(raw, confidence, window_labels(self._start, self._model.window_bounds))
        with _Progress(progress, max_trials) as callback:
            raw = self._model.run_to_precision(
                seed, relative_half_width, metric, min_trials, max_trials, threads, callback, command
            )
        return Results(raw, self._start)

    def fmea(self, trials: int = 2000, seed: int = 1, threads: int = 0, scope: str = "",
             rank_by: str = "budget", format: str | None = None, confidence: float = 0.95):
        """The FMEA worksheet of ``trials`` trials streamed in batches (memory for one batch,
        whatever ``trials``), as ``reliasim fmea --streaming`` builds it: a DataFrame as
        :meth:`Results.fmea` gives, or with ``format`` (json, table, csv, markdown, html) the
        document ``reliasim fmea`` writes. ``scope`` and ``rank_by`` as for :meth:`Results.fmea`."""
        trials, seed, threads = _trials(trials), _seed(seed), _threads(threads)
        confidence = _check_fmea_view(self, scope, rank_by, format, confidence)
        command = f"reliasim.Scenario.fmea(trials={trials}, seed={seed}, scope={scope!r}, rank_by={rank_by!r})"
        part = self._model.fmea_partial(seed, 0, trials, threads)
        document = _core.merge_fmea([part], self._model, scope, rank_by, confidence, format or "json", command)
        return document if format is not None else fmea_frame(json.loads(document))

    def sensitivity(
        self,
        trials: int = 2000,
        seed: int = 1,
        low: float = 0.5,
        high: float = 2.0,
        scope: str = "",
        threads: int = 0,
        progress: bool | Callable[[int], None] = False,
    ) -> "Sensitivity":
        """Varies each rate, duration and probability (times ``low`` and ``high``) on common
        random numbers and ranks them by their effect on ``scope``'s downtime (the first
        journey by default) and on the expected SLA credit: the data of a tornado chart.
        """
        trials, seed, threads = _trials(trials), _seed(seed), _threads(threads)
        low = _checks.number("low", low, 1e-3, 1e3)
        high = _checks.number("high", high, 1e-3, 1e3)
        if scope != "":
            _checks.choose("journey or SLA service", scope, self._scope_names())
        command = f"reliasim.Scenario.sensitivity(trials={trials}, seed={seed}, low={low}, high={high}, scope={scope!r})"
        total = trials * self._model.sensitivity_runs()
        with _Progress(progress, total) as callback:
            raw = self._model.sensitivity(seed, trials, threads, low, high, scope, callback, command)
        return Sensitivity(raw)

    def stress(
        self,
        tests: list[str] | None = None,
        inject: list[str] | None = None,
        trials: int = 2000,
        seed: int = 1,
        threads: int = 0,
        confidence: float = 0.95,
        progress: bool | Callable[[int], None] = False,
    ) -> "StressTests":
        """Runs stress tests (docs/stress.md) against the baseline on common random numbers:
        ``tests`` names tests of the scenario's ``stress:`` section (all of them by default,
        unless ``inject`` is given); ``inject`` lists incidents as ``"FAILURE at TIME for
        DURATION [on TARGET]"``, e.g. ``"zone-outage at 2027-02 for 6h"``, run as one more test.
        """
        from .stress import StressTests

        trials, seed, threads = _trials(trials), _seed(seed), _threads(threads)
        confidence = _checks.fraction("confidence", confidence)
        names = _core.stress_test_names(self._model)
        tests = [_checks.choose("stress test", t, names) for t in (tests or [])]
        inject = [str(text) for text in (inject or [])]
        command = f"reliasim.Scenario.stress(tests={tests!r}, inject={inject!r}, trials={trials}, seed={seed})"
        # The baseline, the chosen tests (all when none is named and nothing is injected), the injected one.
        runs = 1 + (len(tests) if tests or inject else len(names)) + (1 if inject else 0)
        with _Progress(progress, runs * trials) as callback:
            raw = _core.stress(self._model, tests, inject, seed, trials, threads, confidence, callback, command)
        return StressTests(raw)

    def analytic(self):
        """The analytic values of each scope, as a DataFrame (docs/analytic.md): the long-run
        ``availability`` and ``downtime_per_year`` (Timedelta), whether they are ``exact`` and
        the ``method``; then, exact over the horizon when the model is Markovian (else None,
        and ``transient_note`` says why): ``outage_in_horizon_probability``,
        ``availability_at_end`` (A at the horizon), ``outages_in_horizon``, ``mttf`` (the mean
        time to the first outage; NaT when it may never come) and the ``b1`` and ``b10`` lives
        (NaT beyond the horizon), Timedelta. A very reliable scope's MTTF can exceed what a
        Timedelta holds (about 292 years): ``mttf_years`` gives it in years of 365 days."""
        from .results import _frame

        rows = self._model.analytic()
        for row in rows:
            mttf = row.get("mttf")
            row["mttf_years"] = None if mttf is None else mttf / (365 * 86400)
        return _frame(rows, times=("downtime_per_year", "mttf", "b1", "b10"))

    def analytic_reliability(self):
        """The exact R(t) (``reliability``), F(t) = 1 - R(t) (``unreliability``) and A(t)
        (``availability``) of each scope at a tenth of the horizon, two tenths, ..., the whole,
        from the transient solution of the model's Markov chain: one row per scope and ``time``
        (Timedelta), the same times as ``Results.reliability()``. Empty when the model is not
        Markovian (``analytic()["transient_note"]`` says why)."""
        from .results import _frame

        return _frame(self._model.analytic_reliability(), times=("time",))

    def __repr__(self) -> str:
        return f"<reliasim.Scenario {self.name!r}: {self.describe()}>"

    def __reduce__(self):
        """Pickled by value (Dask, multiprocessing): the exact text loaded and the bytes of every
        file it reads, so that a worker without the same filesystem loads the same scenario,
        with the same hashes (docs/partial-results.md, From Python)."""
        return (_scenario_from_payload, (self._payload(),))

    def _payload(self) -> dict:
        if self._text is None:
            raise TypeError("this scenario was not loaded from a file, text or dict: it cannot be shipped")
        text = self._text()
        files = {}
        for _, path, _ in self._model.inputs[1:]:
            relative = os.path.relpath(path, self._base_dir)
            if os.path.isabs(relative) or relative.split(os.sep)[0] == os.pardir:
                raise ValueError(f"{path} lies outside the scenario's folder ({self._base_dir}): "
                                 "only files under it are shipped with the scenario")
            with open(path, "rb") as file:
                files[relative] = file.read()
        return {"text": text, "name": self._model.file, "files": files,
                "trust_paths": self._trust_paths, "inputs": [sha for _, _, sha in self._model.inputs]}


def _read_text(path: str) -> str:
    with open(path, "rb") as file:
        return file.read().decode("utf-8")


_shipped_folders: list[str] = []


def _scenario_from_payload(payload: dict) -> Scenario:
    """A scenario unpickled: its files written to a folder of this process's own (removed at
    exit), then loaded from the same text; the hashes must match what was pickled."""
    import atexit
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="reliasim-scenario-")
    if not _shipped_folders:
        atexit.register(lambda: [shutil.rmtree(f, ignore_errors=True) for f in _shipped_folders])
    _shipped_folders.append(folder)
    for relative, data in payload["files"].items():
        target = os.path.join(folder, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as file:
            file.write(data)
    text = payload["text"]
    model = _core.load_text(text, payload["name"], folder, payload["trust_paths"])
    if [sha for _, _, sha in model.inputs] != payload["inputs"]:
        raise ValueError(f"{payload['name']}: the shipped scenario loads with other hashes than the original")
    return Scenario(model, lambda: _yaml_dict(text), folder, payload["trust_paths"], lambda: text)


def _check_fmea_view(scenario: Scenario, scope: str, rank_by: str, format: str | None,
                     confidence: float) -> float:
    """Checks an FMEA worksheet's scope, ranking, format and confidence; the confidence."""
    if scope != "":
        _checks.choose("scope", scope, ["all", *scenario._scope_names()])
    _checks.choose("ranking", rank_by, FMEA_RANKINGS)
    if format is not None:
        _checks.choose("format", format, FMEA_FORMATS)
    return _checks.fraction("confidence", confidence)


def _trials(trials) -> int:
    return _checks.whole("trials", trials, 2)


def _seed(seed) -> int:
    return _checks.whole("seed", seed, 0)


def _threads(threads) -> int:
    return _checks.whole("threads", threads, 0, 1024, note=" (0 uses all cores)")


class _DictText:
    """A scenario dict as one line of JSON that remembers the key path written at each
    column: the loader places its errors by line and column, which mean nothing to someone
    who wrote a dict, while the key path does."""

    def __init__(self, data: Mapping[str, Any]):
        self._parts: list[str] = []
        self._size = 0
        self._places: list[tuple[int, str]] = []  # (column where a value or key starts, its path)
        self._value(data, "")
        self.text = "".join(self._parts)

    def path_at(self, column: int) -> str:
        """The key path of what starts at or before ``column`` (1-based), "" at the top."""
        starts = [start for start, _ in self._places]
        place = bisect.bisect_right(starts, column - 1) - 1
        return self._places[place][1] if place >= 0 else ""

    def error(self, error: _core.ScenarioError, name: str) -> _core.ScenarioError:
        """``error`` told by key path: "<dict>: error: services.api.replicas.count: ...".
        Problems in the files the dict names keep their file, line and column."""
        lines = []
        for file, line, column, message in error.diagnostics:
            if file != name:
                lines.append(f"{file}:{line}:{column}: error: {message}")
                continue
            path = self.path_at(column)
            head, colon, _ = message.partition(": ")
            told = colon and (" " not in head or head == "top level")  # the message starts with a path
            lines.append(f"{name}: error: {message if told or not path else f'{path}: {message}'}")
        located = _core.ScenarioError("\n".join(lines))
        located.diagnostics = error.diagnostics
        return located

    def _put(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)

    def _value(self, value, path: str) -> None:
        self._places.append((self._size, path))
        if isinstance(value, Mapping):
            self._put("{")
            for i, (key, item) in enumerate(value.items()):
                if isinstance(key, bool) or not isinstance(key, (str, int)):
                    raise TypeError(f"{path or 'top level'}: the key {key!r} is not text; scenario keys are strings")
                inner = f"{path}.{key}" if path else str(key)
                self._put("," if i else "")
                self._places.append((self._size, inner))
                self._put(json.dumps(str(key)) + ":")
                self._value(item, inner)
            self._put("}")
        elif isinstance(value, (list, tuple)):
            self._put("[")
            for i, item in enumerate(value):
                self._put("," if i else "")
                self._value(item, f"{path}[{i}]")
            self._put("]")
        elif value is None or isinstance(value, (str, bool)):
            self._put(json.dumps(value))
        elif isinstance(value, numbers.Integral):
            self._put(str(int(value)))
        elif isinstance(value, numbers.Real) and math.isfinite(value):
            self._put(json.dumps(float(value)))
        elif isinstance(value, numbers.Real):
            raise ValueError(f"{path or 'top level'}: {value!r} is not a number a scenario can hold; "
                             "write a finite number")
        else:
            raise TypeError(f"{path or 'top level'}: a {type(value).__name__} ({value!r}) has no place in a "
                            "scenario; write text (such as '5m' or '2027-01'), a number, true or false, "
                            "a list or a dict")


def _yaml_dict(text: str) -> dict:
    import yaml

    return yaml.safe_load(text)


class _Progress:
    """A progress callback for the engine: a tqdm bar, a user's function, or nothing."""

    def __init__(self, progress: bool | Callable[[int], None], total: int):
        self._bar = None
        self._callback = None
        if callable(progress):
            self._callback = progress
        elif progress:
            try:
                from tqdm.auto import tqdm
            except ImportError:  # tqdm is a dependency, but a trimmed environment may lack it
                tqdm = _TextBar
            self._bar = tqdm(total=total, unit="trial")
            self._callback = self._advance

    def _advance(self, done: int) -> None:
        self._bar.update(done - self._bar.n)

    def __enter__(self):
        return self._callback

    def __exit__(self, *exc_info):
        if self._bar is not None:
            self._bar.close()
        return False


class _TextBar:
    """The few tqdm methods _Progress uses, as one line on standard error."""

    def __init__(self, total: int, unit: str):
        self.n = 0
        self._total = max(total, 1)
        self._unit = unit

    def update(self, step: int) -> None:
        self.n += step
        print(f"\r{self.n}/{self._total} {self._unit}s ({100 * self.n / self._total:.0f} %)", end="",
              file=sys.stderr, flush=True)

    def close(self) -> None:
        print(file=sys.stderr, flush=True)
