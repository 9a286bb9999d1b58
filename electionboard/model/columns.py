"""A race's precinct figures column by column, made once per poll and shared.

On a statewide night a poll's races hold 25,000 precincts and 176,000 figures.
Tabulation sums each candidate's column, counts the reporting precincts and
sums registered voters; reconciliation compares every figure with the last
poll's. Each of those was its own pass over the precincts on the poll worker,
where every pass competes with the glide for the GIL. ``ColumnsMemo`` lets the
worker transpose each precincts tuple once: the tabulation reads the columns,
the reconciliation compares them with the old snapshot's, which the previous
poll already made.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import truth

from electionboard.model.election import Precinct


@dataclass(frozen=True, slots=True)
class PrecinctColumns:
    """What tabulation and reconciliation read from one precincts tuple."""

    precincts: tuple[Precinct, ...]
    """The tuple these were made from: held, so its id names it while kept."""
    ids: tuple[str, ...]
    votes: tuple[tuple[int, ...], ...]
    """Per candidate, every precinct's figure; as many columns as the shortest
    precinct has figures (what ``zip`` gives, and what the sums always were)."""
    aligned: bool
    """Every precinct has exactly ``len(votes)`` figures."""
    totals: tuple[int, ...]
    """The sum of each column."""
    reporting: int
    """How many precincts report."""
    registered: int | None
    """The precincts' registered voters summed; None when one gives none."""


def precinct_columns(precincts: tuple[Precinct, ...]) -> PrecinctColumns:
    """The columns of a non-empty precincts tuple."""
    ids, _names, reporting, figures, registered = zip(*precincts, strict=True)
    votes = tuple(zip(*figures, strict=False))
    # Each precinct has at least len(votes) figures, so the counts add up to
    # len(votes) apiece exactly when no precinct has more.
    aligned = sum(map(len, figures)) == len(votes) * len(precincts)
    return PrecinctColumns(
        precincts,
        ids,
        votes,
        aligned,
        tuple(map(sum, votes)),
        sum(map(truth, reporting)),
        None if None in registered else sum(registered),
    )


class ColumnsMemo:
    """Columns of the precincts tuples of this poll and the one before.

    Keyed by the tuple's identity: a snapshot is immutable, so columns made
    for a tuple stay right for as long as the tuple lives, and each entry
    holds its tuple so the id is not reused meanwhile. Only the poll worker
    may use one (it is not locked); two generations are kept, so the next
    poll's reconciliation finds the old snapshot's columns made.
    """

    __slots__ = ("_before", "_now", "_turned")

    def __init__(self) -> None:
        self._now: dict[int, PrecinctColumns] = {}
        self._before: dict[int, PrecinctColumns] = {}
        self._turned = False

    def columns(self, precincts: tuple[Precinct, ...]) -> PrecinctColumns:
        """The columns of a non-empty ``precincts``, made on first ask."""
        key = id(precincts)
        made = self._now.get(key)
        if made is not None and made.precincts is precincts:
            return made
        made = self._before.get(key)
        if made is None or made.precincts is not precincts:
            made = precinct_columns(precincts)
        self._now[key] = made  # a tuple the next poll keeps stays made
        return made

    def next_poll(self) -> None:
        """A poll's tabulation starts: forget the tuples of two polls ago."""
        self._before, self._now = self._now, {}
        self._turned = True

    def digested(self) -> None:
        """A poll's reconciliation ended; turn over if no tabulation did."""
        if not self._turned:
            self._before, self._now = self._now, {}
        self._turned = False
