"""Type stubs of the compiled module (registration only; use the `reliasim` package)."""

from typing import Any, Callable, Optional

import numpy as np

__version__: str

class ScenarioError(ValueError):
    diagnostics: list[tuple[str, int, int, str]]

class Model:
    @property
    def name(self) -> str: ...
    @property
    def file(self) -> str: ...
    @property
    def hash(self) -> str: ...
    @property
    def horizon(self) -> float: ...
    def describe(self) -> str: ...
    def run(self, seed: int, trials: int, first_trial: int, threads: int, keep_incidents: bool,
            credit_attribution: bool, progress: Optional[Callable[[int], None]], command: str) -> Results: ...
    def run_to_precision(self, seed: int, relative_half_width: float, metric: str, min_trials: int,
                         max_trials: int, threads: int, progress: Optional[Callable[[int], None]],
                         command: str) -> Results: ...
    def analytic(self) -> list[dict[str, Any]]: ...
    def run_streaming(self, seed: int, trials: int, threads: int, batch: int, confidence: float,
                      progress: Optional[Callable[[int], None]], command: str) -> SummaryRun: ...
    def sensitivity_runs(self) -> int: ...
    def sensitivity(self, seed: int, trials: int, threads: int, low: float, high: float, scope: str,
                    progress: Optional[Callable[[int], None]], command: str) -> SensitivityRun: ...

class Results:
    trials: int
    seed: int
    first_trial: int
    horizon: float
    events: int
    scopes: list[tuple[str, str]]
    services: list[str]
    slas: list[str]
    failure_modes: list[dict[str, Any]]
    window_bounds: list[float]
    sla_window_bounds: list[list[float]]
    slos: list[str]
    slo_window_bounds: list[list[float]]
    slo_spent: np.ndarray
    slo_span: list[int]
    record: dict[str, Any]
    scope_down: np.ndarray
    scope_degraded: np.ndarray
    scope_error: np.ndarray
    scope_down_by_cause: np.ndarray
    scope_outages: np.ndarray
    scope_longest_outage: np.ndarray
    attributed_down: np.ndarray
    attributed_degraded: np.ndarray
    attributed_error: np.ndarray
    service_down: np.ndarray
    service_degraded: np.ndarray
    sla_uptime: np.ndarray
    sla_credit: np.ndarray
    weights: np.ndarray
    def incidents(self) -> dict[str, np.ndarray]: ...
    def outages(self) -> dict[str, np.ndarray]: ...
    def summary_json(self, confidence: float = ..., analytic: bool = ...) -> str: ...
    def table(self, confidence: float = ..., analytic: bool = ...) -> str: ...
    def joined(self, other: Results) -> Results: ...
    def fmea(self, format: str, confidence: float = ..., scope: str = ..., rank_by: str = ...) -> str: ...

class SummaryRun:
    def render(self, format: str) -> str: ...

class ComparisonRun:
    def render(self, format: str) -> str: ...

class SensitivityRun:
    def render(self, format: str) -> str: ...

def compare(a: Results, b: Results, confidence: float) -> ComparisonRun: ...
def report_html(results: Results, sensitivity: Optional[SensitivityRun], confidence: float) -> str: ...
def html_text(text: str) -> str: ...
def load_text(text: str, name: str, base_dir: str, trust_paths: bool = False) -> Model: ...
def load_file(path: str, trust_paths: bool = False) -> Model: ...
