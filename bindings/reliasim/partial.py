"""Partial results (docs/partial-results.md): trial ranges run apart, merged bit for bit."""

from __future__ import annotations

import os
from typing import Iterable

from . import _core
from .results import StreamedSummary

#: Larger files are refused before they are read, as ``reliasim merge`` does.
MAX_PART_BYTES = _core.max_partial_bytes


def merge(parts: Iterable[bytes | str | os.PathLike], scenario=None,
          command: str = "reliasim.merge(...)") -> StreamedSummary:
    """The summary of one streamed run over the trials of all ``parts``: partial results as
    bytes (:meth:`Scenario.run_partial`) or as files (``reliasim run --format partial``), in
    any order, of disjoint trial ranges of the same scenario and seed.

    The result is the same bits as ``scenario.run(trials, seed, streaming=True)`` over the
    same trials. Parts that do not belong together raise ValueError naming the part. With
    ``scenario`` (the one the parts were run from), the record names its files rather than
    the workers' copies."""
    data, names = [], []
    for k, part in enumerate(parts):
        if isinstance(part, (bytes, bytearray, memoryview)):
            data.append(bytes(part))
            names.append(f"part {k}")
            continue
        path = os.fspath(part)
        if not os.path.isfile(path):
            raise ValueError(f"{path}: not a file; give partial results (bytes or files)")
        if os.path.getsize(path) > MAX_PART_BYTES:
            raise ValueError(f"{path}: larger than a partial result can be ({MAX_PART_BYTES} bytes)")
        with open(path, "rb") as file:
            data.append(file.read())
        names.append(path)
    if not data:
        raise ValueError("merge needs at least one partial result")
    model = None if scenario is None else scenario._model
    raw = _core.merge_partials(data, names, command, model)
    return StreamedSummary(raw)
