"""Checks that `reliasim run --format json` output matches docs/results.schema.json.

Usage: check_results_schema.py RELIASIM_BINARY SOURCE_DIR
Runs every bundled scenario (plain, with --analytic, --streaming and importance sampling), and
a scenario with an SLA without money (tests/data), merges two partial results of each bundled
scenario (reliasim merge), and validates each document against the schema; exits non-zero with
the first violation.
"""
import json
import pathlib
import subprocess
import sys
import tempfile

import jsonschema


def check_documents(schema_path: pathlib.Path, commands: list) -> int:
    """Runs each command and validates the JSON it prints against the schema at schema_path.

    Returns the exit code: 1 after printing the first violation, else 0."""
    schema = json.loads(schema_path.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for command in commands:
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        errors = sorted(validator.iter_errors(json.loads(output)), key=lambda e: list(e.path))
        if errors:
            print(f"{' '.join(command)}: {errors[0].message} at {list(errors[0].path)}")
            return 1
    print(f"{len(commands)} passed, 0 failed")
    return 0


def main() -> int:
    binary, source = sys.argv[1], pathlib.Path(sys.argv[2])
    commands = [
        [binary, "run", str(scenario), "--trials", "20", "--format", "json", *extra]
        for scenario in sorted((source / "scenarios").glob("*.yaml"))
        for extra in ([], ["--analytic"], ["--streaming"], ["--keep-incidents", "25"])
    ]
    # An SLA without a credit schedule: its money figures are null.
    breach_only = source / "tests" / "data" / "breach-only-sla.yaml"
    commands += [[binary, "run", str(breach_only), "--trials", "20", "--format", "json", *extra]
                 for extra in ([], ["--streaming"])]
    # Importance sampling: given biases on every scenario, and the pilots' choice on one.
    commands += [[binary, "run", str(scenario), "--trials", "20", "--format", "json",
                  "--rare-event-bias", "2,10"]
                 for scenario in sorted((source / "scenarios").glob("*.yaml"))]
    commands.append([binary, "run", str(source / "scenarios" / "web-shop.yaml"), "--trials", "200",
                     "--format", "json", "--rare-event", "is"])
    with tempfile.TemporaryDirectory() as parts:
        for scenario in sorted((source / "scenarios").glob("*.yaml")):
            files = []
            for first in (0, 40):  # a gap between the ranges: merged_ranges lists both
                files.append(str(pathlib.Path(parts) / f"{scenario.stem}-{first}.rsp"))
                subprocess.run([binary, "-q", "run", str(scenario), "--first-trial", str(first),
                                "--trials", "10", "--format", "partial", "-o", files[-1]],
                               check=True)
            commands.append([binary, "merge", *files, "--format", "json"])
        return check_documents(source / "docs" / "results.schema.json", commands)


if __name__ == "__main__":
    sys.exit(main())
