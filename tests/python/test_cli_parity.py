"""Python and the CLI give the same numbers for the same scenario, seed and trials."""

import json
import subprocess

from conftest import CLI


def test_same_document_as_the_cli(web_shop, web_shop_path):
    output = subprocess.run(
        [CLI, "run", str(web_shop_path), "--trials", "120", "--seed", "11", "--format", "json"],
        check=True, capture_output=True, text=True,
    ).stdout
    cli = json.loads(output)
    python = web_shop.run(trials=120, seed=11).summary()
    for document in (cli, python):
        document["run"].pop("command")
    assert python == cli
