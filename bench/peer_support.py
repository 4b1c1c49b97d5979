"""What the peer benchmarks (simpy_peer.py, availsim4_peer.py) share: their command line and
the rule for a machine too busy to time on."""

import argparse
import json
import os
import subprocess
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BUSY_LOAD = 1.3  # one-minute load average above which timing is not fair (a peer uses one core)


def busy() -> bool:
    return os.getloadavg()[0] > BUSY_LOAD


def peer_arguments(doc: str, peer: str, seconds: float) -> argparse.ArgumentParser:
    """--cli, --seconds (each of the peer's runs), --repeats, --json and --smoke."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--cli", type=Path, default=REPO_ROOT / "build" / "cli" / "reliasim")
    parser.add_argument("--seconds", type=float, default=seconds, help=f"length of each {peer} run")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--smoke", action="store_true", help="tiny runs; figures not judged")
    return parser


def time_engine(cli, scenario, trials: int, repeats: int, output) -> tuple[float, dict]:
    """`reliasim run SCENARIO --trials N --threads 1 --format json`, the whole command: its
    best trials per second over `repeats` runs, and the document it wrote."""
    best = 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([cli, "run", str(scenario), "--trials", str(trials), "--threads", "1",
                        "--format", "json", "-o", str(output)], check=True, stdout=subprocess.DEVNULL)
        best = max(best, trials / (time.perf_counter() - start))
    return best, json.loads(Path(output).read_text())
