"""Scenarios: loaded from a file, a YAML string or a Python dict, validated and compiled."""

from __future__ import annotations

import copy
import json
import os
import sys
from typing import Any, Callable, Mapping, Optional

from . import _core
from .analyses import Sensitivity
from .results import Results, StreamedSummary


class Scenario:
    """A validated scenario, ready to run.

    Build one with :meth:`from_file`, :meth:`from_yaml` or :meth:`from_dict`. Invalid input
    raises :class:`reliasim.ScenarioError`, whose ``diagnostics`` attribute lists every
    problem as ``(file, line, column, message)``.
    """

    def __init__(self, model: _core.Model, source: Callable[[], dict], base_dir: str = ".",
                 trust_paths: bool = False):
        self._model = model
        self._source = source  # the scenario as a dict, read again for with_changes
        self._base_dir = base_dir
        self._trust_paths = trust_paths

    @classmethod
    def from_file(cls, path: str | os.PathLike, trust_paths: bool = False) -> "Scenario":
        """Loads a YAML or JSON scenario file.

        The CSV files it names must lie under its folder unless ``trust_paths`` is true
        (docs/scenario-format.md, "Files a scenario reads")."""
        path = os.fspath(path)
        return cls(_core.load_file(path, trust_paths), lambda: Scenario.read_dict(path),
                   os.path.dirname(os.path.abspath(path)), trust_paths)

    @classmethod
    def from_yaml(cls, text: str, name: str = "<string>", base_dir: str | os.PathLike = ".",
                  trust_paths: bool = False) -> "Scenario":
        """Loads a scenario from YAML (or JSON) text; ``base_dir`` resolves CSV file names, which
        must lie under it unless ``trust_paths`` is true."""
        base_dir = os.fspath(base_dir)
        return cls(_core.load_text(text, name, base_dir, trust_paths), lambda: _yaml_dict(text), base_dir,
                   trust_paths)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], name: str = "<dict>", base_dir: str | os.PathLike = ".",
                  trust_paths: bool = False) -> "Scenario":
        """Loads a scenario from a dict shaped like the YAML format (docs/scenario-format.md)."""
        text = json.dumps(data, allow_nan=True)
        base_dir = os.fspath(base_dir)
        kept = copy.deepcopy(dict(data))
        return cls(_core.load_text(text, name, base_dir, trust_paths), lambda: copy.deepcopy(kept), base_dir,
                   trust_paths)

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

    def run(
        self,
        trials: int = 2000,
        seed: int = 1,
        threads: int = 0,
        first_trial: int = 0,
        keep_incidents: bool = True,
        progress: bool | Callable[[int], None] = False,
        credit_attribution: bool = True,
        streaming: bool = False,
        batch: int = 2000,
        confidence: float = 0.95,
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
        comes back, with the same DataFrames but no per-trial arrays or incidents.
        """
        if trials < 2:
            raise ValueError(f"trials must be at least 2, got {trials}")
        if streaming:
            if first_trial != 0:
                raise ValueError("a streamed run starts at trial 0")
            command = f"reliasim.Scenario.run(trials={trials}, seed={seed}, streaming=True)"
            with _Progress(progress, trials) as callback:
                raw = self._model.run_streaming(seed, trials, threads, batch, confidence, callback, command)
            return StreamedSummary(raw, confidence)
        command = f"reliasim.Scenario.run(trials={trials}, seed={seed}, first_trial={first_trial})"
        with _Progress(progress, trials) as callback:
            raw = self._model.run(seed, trials, first_trial, threads, keep_incidents, credit_attribution,
                                  callback, command)
        return Results(raw)

    def run_to_precision(
        self,
        relative_half_width: float = 0.05,
        metric: str = "",
        seed: int = 1,
        min_trials: int = 200,
        max_trials: int = 1_000_000,
        threads: int = 0,
        progress: bool | Callable[[int], None] = False,
    ) -> Results:
        """Adds trials until the 95 % half-width of ``metric`` (a journey's downtime or an
        SLA's credit, by name; the first journey by default) is below ``relative_half_width``
        of its mean, or ``max_trials`` is reached. ``results.record["converged"]`` says which.
        """
        command = (
            f"reliasim.Scenario.run_to_precision(relative_half_width={relative_half_width}, "
            f"metric={metric!r}, seed={seed}, max_trials={max_trials})"
        )
        with _Progress(progress, max_trials) as callback:
            raw = self._model.run_to_precision(
                seed, relative_half_width, metric, min_trials, max_trials, threads, callback, command
            )
        return Results(raw)

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
        if trials < 2:
            raise ValueError(f"trials must be at least 2, got {trials}")
        command = f"reliasim.Scenario.sensitivity(trials={trials}, seed={seed}, low={low}, high={high}, scope={scope!r})"
        total = trials * self._model.sensitivity_runs()
        with _Progress(progress, total) as callback:
            raw = self._model.sensitivity(seed, trials, threads, low, high, scope, callback, command)
        return Sensitivity(raw)

    def analytic(self):
        """The analytic long-run availability of each scope, as a DataFrame (see README)."""
        import pandas as pd

        return pd.DataFrame(self._model.analytic())

    def __repr__(self) -> str:
        return f"<reliasim.Scenario {self.name!r}: {self.describe()}>"


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
