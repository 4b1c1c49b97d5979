"""Checks that `reliasim fmea --format json` output matches docs/fmea.schema.json.

Usage: check_fmea_schema.py RELIASIM_BINARY SOURCE_DIR
Runs every bundled scenario (plain, with --streaming, on a bands file, with --precision and
over every scope)
and validates each document against the schema; exits non-zero with the first violation.
"""
import pathlib
import subprocess
import sys
import tempfile

from check_results_schema import check_documents


def main() -> int:
    binary, source = sys.argv[1], pathlib.Path(sys.argv[2])
    with tempfile.TemporaryDirectory() as folder:
        bands = pathlib.Path(folder) / "bands.yaml"
        subprocess.run([binary, "fmea", "--print-bands", "-o", str(bands)], check=True)
        variants = (
            ["--trials", "50"],
            ["--trials", "50", "--streaming"],
            ["--trials", "50", "--bands", str(bands)],
            ["--precision", "0.5", "--max-trials", "50"],
            ["--trials", "50", "--scope", "all"],
            ["--trials", "50", "--scope", "all", "--rank-by", "bad-minutes", "--streaming"],
        )
        commands = [
            [binary, "fmea", str(scenario), "--format", "json", *variant]
            for scenario in sorted((source / "scenarios").glob("*.yaml"))
            for variant in variants
        ]
        # An SLA without a credit schedule: no credit column at all.
        breach_only = source / "tests" / "data" / "breach-only-sla.yaml"
        commands.append([binary, "fmea", str(breach_only), "--format", "json", "--trials", "20"])
        return check_documents(source / "docs" / "fmea.schema.json", commands)


if __name__ == "__main__":
    sys.exit(main())
