"""CSV that a spreadsheet opens as text, never runs: the one writer we use.

OWASP's guidance on CSV injection: a text cell that begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a single quote in front, and
every cell is quoted (inner quotes doubled). A race id, a precinct, an
operator's name or a note such as ``-5`` comes from outside, so every text
cell is checked; numbers we write (ids, counts) are never negative and are
written as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def formula_safe(value: object) -> object:
    """``value``, with a leading ``'`` when it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class SafeCsvWriter:
    """``csv.writer`` that quotes every cell and defuses formulas in text."""

    def __init__(self, stream: _Writable) -> None:
        self._writer = csv.writer(stream, quoting=csv.QUOTE_ALL)

    def writerow(self, row: Iterable[object]) -> None:
        """Write one row, every cell made safe."""
        self._writer.writerow([formula_safe(cell) for cell in row])
