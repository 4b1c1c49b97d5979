"""What the package carries: the bundled scenarios, reliasim.load, the command-line program behind
`python -m reliasim` (and the `reliasim` command of an installed wheel), progress without tqdm."""

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

import reliasim
from conftest import SOURCE_DIR

BUNDLED = sorted((SOURCE_DIR / "scenarios").glob("*.yaml"))


def test_every_bundled_scenario_is_in_the_package():
    assert reliasim.scenarios.names() == [file.stem for file in BUNDLED]
    for file in BUNDLED:
        assert reliasim.scenarios.path(file.stem).read_bytes() == file.read_bytes()
        assert reliasim.scenarios.path(file.name) == reliasim.scenarios.path(file.stem)


def test_an_unknown_scenario_name_lists_the_bundled_ones():
    with pytest.raises(ValueError, match=r"no bundled scenario 'webshop' \(did you mean 'web-shop'\?\); "
                                         r"the bundled ones are design-a, design-b, "):
        reliasim.scenarios.path("webshop")
    with pytest.raises(ValueError, match="did you mean 'web-shop'"):
        reliasim.load("webshop")


def test_load_takes_a_bundled_name_or_a_file_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert reliasim.load("web-shop").name == reliasim.Scenario.from_file(SOURCE_DIR / "scenarios" / "web-shop.yaml").name
    # A file that exists wins over a bundled name; a missing file is named in the error.
    (tmp_path / "web-shop.yaml").write_text("scenario: mine\nservices:\n  api: {}\n")
    assert reliasim.load("web-shop.yaml").name == "mine"
    assert reliasim.load("web-shop").name != "mine"
    assert reliasim.load(tmp_path / "web-shop.yaml").name == "mine"
    with pytest.raises(reliasim.ScenarioError, match="missing.yaml"):
        reliasim.load("missing.yaml")


def run_module(*arguments, cwd):
    return subprocess.run([sys.executable, "-m", "reliasim", *arguments], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_python_dash_m_runs_the_command_line_program(tmp_path):
    """Same output and exit codes as the program the C++ build makes (conftest.CLI)."""
    from conftest import CLI

    web_shop = str(reliasim.scenarios.path("web-shop"))
    module = run_module("run", web_shop, "--trials", "20", "--format", "json", cwd=tmp_path)
    program = subprocess.run([CLI, "run", web_shop, "--trials", "20", "--format", "json"], capture_output=True,
                             text=True, timeout=300)
    assert module.returncode == 0 and module.stdout == program.stdout
    (tmp_path / "bad.yaml").write_text("scenario: x\nhorizon: soon\nservices: {a: {}}\n")
    bad = run_module("validate", "bad.yaml", cwd=tmp_path)
    assert bad.returncode == 1
    assert "bad.yaml:2:10: error: horizon: 'soon' is not a duration" in bad.stderr + bad.stdout
    usage = run_module("run", cwd=tmp_path)
    assert usage.returncode == 2 and "file is required" in usage.stderr


@pytest.mark.skipif(not os.environ.get("RELIASIM_INSTALLED"), reason="only for an installed wheel")
def test_the_installed_reliasim_command_is_the_program(tmp_path):
    command = shutil.which("reliasim")
    assert command and pathlib.Path(command).parent == pathlib.Path(sys.executable).parent
    result = subprocess.run([command, "validate", str(reliasim.scenarios.path("web-shop"))], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "OK: web-shop" in result.stdout


def test_progress_works_without_tqdm(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "tqdm", None)  # `import tqdm` now raises ImportError
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    reliasim.load("web-shop").run(trials=40, seed=1, progress=True)
    assert "40/40 trials (100 %)" in capsys.readouterr().err
