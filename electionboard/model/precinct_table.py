"""A race's precincts kept as columns: the read most polls need, at its cost.

A statewide poll lists 25,000 precincts. Kept as a ``Precinct`` and a votes
tuple each, they are 50,000 objects that the cyclic collector traverses once
after every parse: 9-10 ms, set by cache misses on their 300,000 fields, more
than the tabulation of the whole poll. Freeing them costs again, and
tabulation transposes their votes back into columns anyway. A table keeps
each candidate's figures in one ``array`` (which the collector never
traverses) and the precincts' ids and names in two tuples, and makes the
``Precinct`` rows once, only when something reads rows: the desk's precinct
list, an operator's entries overlaid, a correction notice.

A table is a ``Sequence[Precinct]`` equal to the tuple of its rows, and
hashed as that tuple, so a race holding one is the same race as one holding
the tuple. Rows are made at most once per table; two threads reading at once
may both make them, and either serves.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import repeat
from typing import TypeAlias, overload

from electionboard.model.election import Precinct

_new_tuple = tuple.__new__

VotesColumn: TypeAlias = "array[int]"
"""One candidate's figures, precinct by precinct: an ``array("Q")``."""


class PrecinctTable(Sequence[Precinct]):
    """Precinct figures column by column; ``Precinct`` rows made on first read."""

    __slots__ = ("_ids", "_names", "_registered", "_reporting", "_rows", "_votes")

    def __init__(
        self,
        ids: tuple[str, ...],
        names: tuple[str, ...],
        reporting: bytes,
        votes: tuple[VotesColumn, ...],
        registered: tuple[int | None, ...],
    ) -> None:
        """Columns of one length each; ``votes`` one per candidate, in order.

        ``reporting`` holds 1 for a precinct that reports, else 0.
        """
        count = len(ids)
        lengths = {len(names), len(reporting), len(registered), *map(len, votes)}
        if lengths - {count}:
            raise ValueError("a precinct table's columns differ in length")
        self._ids = ids
        self._names = names
        self._reporting = reporting
        self._votes = votes
        self._registered = registered
        self._rows: tuple[Precinct, ...] | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        """The precincts' ids, in the feed's order."""
        return self._ids

    @property
    def rows_made(self) -> bool:
        """Whether the ``Precinct`` rows were made (each is, once, on first read)."""
        return self._rows is not None

    @property
    def votes(self) -> tuple[VotesColumn, ...]:
        """Each candidate's figures, one column per candidate."""
        return self._votes

    def totals(self) -> tuple[int, ...]:
        """Each candidate's votes summed over the precincts."""
        return tuple(map(sum, self._votes))

    def reporting_count(self) -> int:
        """How many precincts report."""
        return self._reporting.count(1)

    def registered_sum(self) -> int | None:
        """The precincts' registered voters summed; None when one gives none."""
        registered = self._registered
        return None if None in registered else sum(registered)  # type: ignore[arg-type]

    def _made(self) -> tuple[Precinct, ...]:
        rows = self._rows
        if rows is None:
            count = len(self._ids)
            votes = zip(*self._votes, strict=True) if self._votes else repeat((), count)
            fields = zip(
                self._ids,
                self._names,
                map(bool, self._reporting),
                votes,
                self._registered,
                strict=True,
            )
            rows = self._rows = tuple(map(_new_tuple, repeat(Precinct), fields))
        return rows

    @overload
    def __getitem__(self, index: int) -> Precinct: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Precinct, ...]: ...
    def __getitem__(self, index: int | slice) -> Precinct | tuple[Precinct, ...]:
        """Sequence: a precinct (made alone until the rows are), or a slice."""
        if isinstance(index, slice) or self._rows is not None:
            return self._made()[index]
        return Precinct(
            self._ids[index],
            self._names[index],
            bool(self._reporting[index]),
            tuple([column[index] for column in self._votes]),
            self._registered[index],
        )

    def __len__(self) -> int:
        """Sequence: how many precincts (no rows are made to count them)."""
        return len(self._ids)

    def __iter__(self) -> Iterator[Precinct]:
        """Sequence: the precincts in the feed's order."""
        return iter(self._made())

    def __eq__(self, other: object) -> bool:
        """Equal to any table or tuple of the same precincts."""
        if isinstance(other, PrecinctTable):
            if not self._ids and not other._ids:
                return True
            if self._rows is None or other._rows is None:
                return (
                    self._ids == other._ids
                    and self._names == other._names
                    and self._reporting == other._reporting
                    and self._votes == other._votes
                    and self._registered == other._registered
                )
            return self._rows == other._rows
        if isinstance(other, tuple):
            return len(other) == len(self._ids) and self._made() == other
        return NotImplemented

    def __hash__(self) -> int:
        """Hashed as the tuple of its precincts, which it equals."""
        return hash(self._made())

    def __repr__(self) -> str:
        """Short: a table may hold tens of thousands of precincts."""
        return f"PrecinctTable({len(self._ids)} precincts, {len(self._votes)} columns)"
