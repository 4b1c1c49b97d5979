"""Argument checks made before a call into the engine, so that a wrong argument gets a
sentence saying what is valid rather than a signature dump from the compiled module."""

from __future__ import annotations

import difflib
import math
import numbers
from typing import Iterable

#: The largest value of the engine's unsigned 64-bit counts (seed, trials, first trial).
MAX_COUNT = 2**64 - 1


def whole(name: str, value, minimum: int, maximum: int = MAX_COUNT, note: str = "") -> int:
    """``value`` as an int in [minimum, maximum]; TypeError for anything but a whole number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number (an int), not {type(value).__name__} {value!r}")
    if not minimum <= value <= maximum:
        limit = f"at least {minimum}" if value < minimum and maximum == MAX_COUNT else f"from {minimum} to {maximum}"
        raise ValueError(f"{name} must be {limit}{note}, got {value}")
    return int(value)


def number(name: str, value, low: float, high: float, low_open: bool = False) -> float:
    """``value`` as a float in [low, high] (or (low, high] when ``low_open``)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, not {type(value).__name__} {value!r}")
    above = value > low if low_open else value >= low
    if not (math.isfinite(value) and above and value <= high):
        opening = "(" if low_open else "["
        raise ValueError(f"{name} must be in {opening}{low:g}, {high:g}], got {value!r}")
    return float(value)


def fraction(name: str, value) -> float:
    """A confidence level: strictly between 0 and 1, such as 0.95."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, not {type(value).__name__} {value!r}")
    if not 0 < value < 1:
        raise ValueError(f"{name} must be strictly between 0 and 1, such as 0.95; got {value!r}")
    return float(value)


def choose(what: str, value, valid: Iterable[str]) -> str:
    """``value`` if it is one of ``valid``; else ValueError listing them, with the closest if
    one is close."""
    valid = list(valid)
    if value in valid:
        return value
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a name (a str), not {type(value).__name__} {value!r}; "
                        f"valid: {', '.join(valid)}")
    close = difflib.get_close_matches(value, valid, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ValueError(f"no {what} named {value!r}{hint}; valid: {', '.join(valid)}")
