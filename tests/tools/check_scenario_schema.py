"""Checks docs/scenario.schema.json against the bundled scenarios, which must all match it.

Usage: check_scenario_schema.py SOURCE_DIR
Editors use the schema for completion and checking, so it must accept every valid scenario
the project ships; a scenario that reliasim accepts but the schema refuses is a bug in one
of them.
"""
import json
import pathlib
import sys

import jsonschema
import yaml


def main() -> int:
    source = pathlib.Path(sys.argv[1])
    schema = json.loads((source / "docs" / "scenario.schema.json").read_text())
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    passed = failed = 0
    # The bundled scenarios, and one with an SLA without credits and fee (breaches only).
    paths = sorted((source / "scenarios").glob("*.yaml")) + [source / "tests" / "data" / "breach-only-sla.yaml"]
    for path in paths:
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text())))
        for error in errors:
            print(f"{path.name}: {error.message} at {list(error.path)}")
        failed += bool(errors)
        passed += not errors
    # credits without fee is refused, as reliasim refuses it.
    sla = yaml.safe_load(paths[-1].read_text())
    sla["slas"][0]["credits"] = [{"below": "99.9%", "credit": "10%"}]
    if validator.is_valid(sla):
        print("breach-only-sla.yaml with credits and no fee: accepted, but reliasim refuses it")
        failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
