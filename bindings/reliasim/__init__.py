"""reliasim: Monte Carlo FMEA and reliability-risk simulation of production systems.

Load a scenario, run it, and look at the results as pandas DataFrames and NumPy arrays::

    import reliasim
    shop = reliasim.Scenario.from_file("scenarios/web-shop.yaml")
    results = shop.run(trials=2000, seed=1)
    results.scopes()          # availability and downtime per journey, with intervals
    results.failure_modes()   # the failure modes ranked by the downtime they cause
    results.incidents()       # every incident with its timestamps
    reliasim.compare(design_a, design_b).verdict   # paired on common random numbers
    shop.sensitivity().effects()                   # a tornado: what moves downtime most

The same scenario, seed and trials give the same numbers as ``reliasim run`` on the command
line.
"""

from ._core import ScenarioError, __version__
from .analyses import Comparison, Sensitivity, compare
from .results import Results, StreamedSummary
from .scenario import Scenario

__all__ = ["Comparison", "Results", "Scenario", "ScenarioError", "Sensitivity", "StreamedSummary", "__version__", "compare", "plot"]


def __getattr__(name):
    # `reliasim.plot` imports matplotlib only when it is used.
    if name == "plot":
        import importlib

        return importlib.import_module(".plot", __name__)
    raise AttributeError(name)
