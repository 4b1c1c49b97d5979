"""What the peer benchmarks (simpy_peer.py, availsim4_peer.py) share: their command line and
the rule for a machine too busy to time on."""

import argparse
import os
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
