"""The bundled example scenarios, installed with the package::

    reliasim.scenarios.names()            # ['design-a', 'design-b', 'payments-platform', ...]
    reliasim.scenarios.path("web-shop")   # the YAML file, to read or copy and edit
    reliasim.load("web-shop")             # the scenario, ready to run

The files are the repository's ``scenarios/*.yaml``, copied here when the package is built.
"""

from __future__ import annotations

import difflib
import pathlib

_FOLDER = pathlib.Path(__file__).resolve().parent


def names() -> list[str]:
    """The bundled scenarios' names, sorted."""
    return sorted(file.stem for file in _FOLDER.glob("*.yaml"))


def path(name: str) -> pathlib.Path:
    """The file of the bundled scenario ``name`` (``"web-shop"``, ``"web-shop.yaml"`` too)."""
    stem = name[: -len(".yaml")] if name.endswith(".yaml") else name
    file = _FOLDER / f"{stem}.yaml"
    if stem in names():
        return file
    close = difflib.get_close_matches(stem, names(), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ValueError(f"no bundled scenario {name!r}{hint}; the bundled ones are {', '.join(names())}")
