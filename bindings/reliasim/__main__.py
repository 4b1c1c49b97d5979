"""The ``reliasim`` command installed with the package, and ``python -m reliasim``: both run the
command-line program that the package carries (``reliasim/bin/reliasim``), the same program the
C++ build makes, with the same options, output and exit codes (README.md, "Commands")."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys


def executable() -> pathlib.Path:
    """The command-line program inside the installed package."""
    name = "reliasim.exe" if os.name == "nt" else "reliasim"
    return pathlib.Path(__file__).resolve().parent / "bin" / name


def main() -> None:
    program = executable()
    if not program.is_file():
        sys.exit(f"reliasim: the command-line program is missing from this installation ({program}); "
                 "reinstall the package with `pip install reliasim`")
    arguments = ["reliasim", *sys.argv[1:]]
    if os.name == "posix":
        # The program replaces this process: its signals, output and exit code are the user's.
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(program, arguments)
    sys.exit(subprocess.call([str(program), *sys.argv[1:]]))


if __name__ == "__main__":
    main()
