"""reliasim: Monte Carlo FMEA and reliability-risk simulation of production systems.

Load a scenario, run it, and look at the results as pandas DataFrames and NumPy arrays::

    import reliasim
    shop = reliasim.load("web-shop")   # a bundled scenario, or any file: reliasim.load("my.yaml")
    results = shop.run(trials=2000, seed=1)
    results                   # a notebook shows availability in %, downtime in hours, credit in EUR
    results.scopes()          # availability and downtime per journey, with intervals
    results.windows()         # the same per month (pandas.Period) or window
    results.failure_modes()   # the failure modes ranked by the downtime they cause
    results.incidents()       # every incident with its timestamps
    reliasim.compare(design_a, design_b).verdict   # paired on common random numbers
    shop.sensitivity().effects()                   # a tornado: what moves downtime most

No unit is to be guessed: time is ``pandas.Timedelta``, money sits beside its ``currency``,
windows are calendar months (``pandas.Period``) or ``[start, end)`` offsets; the rule is in
:mod:`reliasim.results`. The same scenario, seed and trials give the same numbers as
``reliasim run`` on the command line.
"""

import os
import pathlib

from . import scenarios
from ._core import ScenarioError, __version__
from .analyses import Comparison, Sensitivity, compare
from .fit import FitReport, fit_durations, fit_export
from .replay import HistoryReplay, replay
from .partial import merge
from .results import Results, StreamedSummary
from .scenario import Scenario
from .stress import StressTests

__all__ = ["Comparison", "FitReport", "HistoryReplay", "Results", "Scenario", "ScenarioError", "Sensitivity", "StreamedSummary", "StressTests",
           "__version__", "compare", "fit_durations", "fit_export", "load", "merge", "plot", "replay", "scenarios"]


def load(name_or_path: str | os.PathLike, trust_paths: bool = False) -> Scenario:
    """A scenario file (``"my-system.yaml"``) or a bundled scenario by name (``"web-shop"``; see
    :func:`reliasim.scenarios.names`). A file that exists wins over a bundled name."""
    text = os.fspath(name_or_path)
    if pathlib.Path(text).is_file():
        return Scenario.from_file(text, trust_paths)
    stem = text[: -len(".yaml")] if text.endswith(".yaml") else text
    if stem in scenarios.names():
        return Scenario.from_file(scenarios.path(stem), trust_paths)
    if os.sep in text or pathlib.Path(text).suffix in (".yaml", ".yml", ".json"):
        return Scenario.from_file(text, trust_paths)  # a missing file: its error names it
    return Scenario.from_file(scenarios.path(text), trust_paths)  # or ValueError: the names there are


def __getattr__(name):
    # `reliasim.plot` imports matplotlib only when it is used.
    if name == "plot":
        import importlib

        return importlib.import_module(".plot", __name__)
    raise AttributeError(name)
