"""Checks that `reliasim fit --format json` and `reliasim replay --format json` match
docs/fit.schema.json and docs/replay.schema.json.

Usage: check_fit_replay_schemas.py RELIASIM_BINARY SOURCE_DIR
Fits the bundled export grouped, as one group and with one family (a stage without a fit on
too few durations included), and replays the bundled history against every bundled scenario
that can place it, with and without a simulation beside it.
"""
import pathlib
import sys

from check_results_schema import check_documents


def main() -> int:
    binary, source = sys.argv[1], pathlib.Path(sys.argv[2])
    exports = source / "scenarios" / "exports"
    export = str(exports / "incidents-2025.csv")
    fits = [[binary, "fit", export, "--format", "json", "--bootstrap", "9", *extra]
            for extra in ([], ["--one-group"], ["--families", "gamma", "--group-by", "severity"])]
    history, shop = str(exports / "web-shop-history-2025.csv"), str(source / "scenarios" / "web-shop.yaml")
    replays = [[binary, "replay", history, shop, "--format", "json", *extra]
               for extra in (["--no-simulation"], ["--trials", "50"])]
    return (check_documents(source / "docs" / "fit.schema.json", fits)
            or check_documents(source / "docs" / "replay.schema.json", replays))


if __name__ == "__main__":
    sys.exit(main())
