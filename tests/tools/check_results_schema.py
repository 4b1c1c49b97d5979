"""Checks that `reliasim run --format json` output matches docs/results.schema.json.

Usage: check_results_schema.py RELIASIM_BINARY SOURCE_DIR
Runs every bundled scenario (plain, and with --analytic and --streaming) and validates each
document against the schema; exits non-zero with the first violation.
"""
import json
import pathlib
import subprocess
import sys

import jsonschema


def main() -> int:
    binary, source = sys.argv[1], pathlib.Path(sys.argv[2])
    schema = json.loads((source / "docs" / "results.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    checked = 0
    for scenario in sorted((source / "scenarios").glob("*.yaml")):
        for extra in ([], ["--analytic"], ["--streaming"]):
            command = [binary, "run", str(scenario), "--trials", "20", "--format", "json", *extra]
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            errors = sorted(validator.iter_errors(json.loads(output)), key=lambda e: list(e.path))
            if errors:
                print(f"{' '.join(command)}: {errors[0].message} at {list(errors[0].path)}")
                return 1
            checked += 1
    print(f"{checked} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
