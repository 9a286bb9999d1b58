"""A race's precinct figures read once per poll, for tabulation and reconciliation.

On a statewide night a poll's races hold 25,000 precincts and 176,000 figures.
Tabulation sums each candidate's column, counts the reporting precincts and
sums registered voters; reconciliation compares every figure with the last
poll's. Each of those was its own pass over the precincts on the poll worker,
where every pass competes with the glide for the GIL. ``ColumnsMemo`` lets the
worker read each precincts tuple once for each: the tabulation takes the sums
(``PrecinctColumns``), the reconciliation packs the figures into one integer
(``PackedFigures``) and compares that with the old snapshot's, which the
previous poll already packed.

Few objects are kept (five a race): each one kept brings the next automatic
collection nearer, and that rescans the snapshot just parsed.
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter, truth

from electionboard.model.election import Precinct
from electionboard.model.precinct_table import PrecinctTable


@dataclass(frozen=True, slots=True)
class PrecinctColumns:
    """What tabulation reads from one precincts tuple."""

    precincts: Sequence[Precinct]
    """The precincts these were made from (``tabulate`` checks they are the
    race's): a tuple, or a ``PrecinctTable``."""
    totals: tuple[int, ...]
    """The sum of each candidate's column: as many as the shortest precinct
    has figures (what ``zip`` gives, and what the sums always were)."""
    reporting: int
    """How many precincts report."""
    registered: int | None
    """The precincts' registered voters summed; None when one gives none."""


@dataclass(frozen=True, slots=True)
class PackedFigures:
    """What reconciliation compares of one precincts tuple."""

    ids: tuple[str, ...]
    width: int
    """Columns: as many as the shortest precinct has figures."""
    aligned: bool
    """Every precinct has exactly ``width`` figures."""
    packed: int | None
    """Every figure, column after column, as the 64-bit fields of one integer
    (``no_figure_fell``); None when a figure does not fit one. Eight bytes a
    figure: 1.4 MB for a statewide poll."""


_ID = itemgetter(Precinct._fields.index("id"))
_REPORTING = itemgetter(Precinct._fields.index("reporting"))
_VOTES = itemgetter(Precinct._fields.index("votes"))
_REGISTERED = itemgetter(Precinct._fields.index("registered_voters"))
"""A precinct's fields by position: C-level passes, no bytecode a precinct."""


_Columns = tuple[list[tuple[int, ...]], bool]
"""The vote columns, and whether every precinct has exactly that many."""


def _vote_columns(precincts: tuple[Precinct, ...]) -> _Columns:
    try:
        # ``strict`` checks every precinct's length in C, on the way.
        return list(zip(*map(_VOTES, precincts), strict=True)), True
    except ValueError:  # a short or long precinct: as many as the shortest
        return list(zip(*map(_VOTES, precincts), strict=False)), False


def precinct_columns(precincts: Sequence[Precinct]) -> PrecinctColumns:
    """The sums of non-empty precincts."""
    if isinstance(precincts, PrecinctTable):
        return _table_sums(precincts)
    rows = _as_tuple(precincts)
    votes, _aligned = _vote_columns(rows)
    return _sums(rows, votes)


def read_precincts(
    precincts: Sequence[Precinct],
) -> tuple[PrecinctColumns, PackedFigures]:
    """The sums and the packed figures of non-empty precincts at once.

    One transposition of the votes serves both: made twice, it was a tenth of
    the poll worker's tabulation and reconciliation of a statewide poll. A
    table's votes are columns already.
    """
    if isinstance(precincts, PrecinctTable):
        return _table_sums(precincts), _table_figures(precincts)
    rows = _as_tuple(precincts)
    columns = _vote_columns(rows)
    return _sums(rows, columns[0]), _figures(rows, columns)


def _as_tuple(precincts: Sequence[Precinct]) -> tuple[Precinct, ...]:
    return precincts if isinstance(precincts, tuple) else tuple(precincts)


def _table_sums(table: PrecinctTable) -> PrecinctColumns:
    return PrecinctColumns(
        table, table.totals(), table.reporting_count(), table.registered_sum()
    )


def _table_figures(table: PrecinctTable) -> PackedFigures:
    # Every precinct of a table has one figure per column, by construction,
    # each an unsigned 64-bit field of its column already.
    packed = int.from_bytes(b"".join(table.votes), "little")
    return PackedFigures(table.ids, len(table.votes), True, packed)


def _sums(
    precincts: tuple[Precinct, ...], votes: list[tuple[int, ...]]
) -> PrecinctColumns:
    registered = list(map(_REGISTERED, precincts))
    return PrecinctColumns(
        precincts,
        tuple(map(sum, votes)),
        sum(map(truth, map(_REPORTING, precincts))),
        None if None in registered else sum(registered),
    )


def packed_figures(precincts: Sequence[Precinct]) -> PackedFigures:
    """The packed figures of non-empty precincts.

    Where the tabulation reads the tuple first, ``read_precincts`` makes
    these with its sums; the vote columns themselves are never kept for
    later: kept, they were eight more GC-tracked objects a race, and the
    collections they brought cost the worker more than zipping again.
    """
    if isinstance(precincts, PrecinctTable):
        return _table_figures(precincts)
    rows = _as_tuple(precincts)
    return _figures(rows, _vote_columns(rows))


def _figures(precincts: tuple[Precinct, ...], columns: _Columns) -> PackedFigures:
    votes, aligned = columns
    return PackedFigures(
        tuple(map(_ID, precincts)), len(votes), aligned, _packed(votes)
    )


def _packed(votes: Sequence[Sequence[int]]) -> int | None:
    """The columns' figures as consecutive little-endian 64-bit fields."""
    try:
        # ``array`` converts a tuple in C, a few nanoseconds a figure.
        raw = b"".join([array("Q", column) for column in votes])
    except (OverflowError, TypeError):  # negative, huge, or not an integer
        return None
    return int.from_bytes(raw, "little")


@functools.lru_cache(maxsize=256)
def _top_bits(cells: int) -> int:
    """``cells`` 64-bit fields with only their top bit set.

    Kept by size: a race's figures keep their count from poll to poll.
    """
    return int.from_bytes(b"\0\0\0\0\0\0\0\x80" * cells, "little")


def no_figure_fell(before: PackedFigures, now: PackedFigures) -> bool | None:
    """Whether no figure of ``now`` is below the one at its place in ``before``.

    None when the packed figures cannot answer (one did not fit, or the two
    hold different numbers of figures): compare the figures themselves.
    Both must be aligned and list the same precincts and candidates in order.

    The 176,000 figures of a statewide poll, compared one by one, cost the
    worker some twenty milliseconds; as two integers, a few microseconds a
    race: with every figure below 2**63, ``(now + top bits) - before`` keeps
    a field's top bit exactly where that field's new figure is not below the
    old, and no field borrows from the next.
    """
    old, new = before.packed, now.packed
    if old is None or new is None:
        return None
    cells = now.width * len(now.ids)
    if cells != before.width * len(before.ids):
        return None
    top = _top_bits(cells)
    if (old | new) & top:
        return None  # a figure of 2**63 or more: no room for the top bit
    return ((new | top) - old) & top == top


class _Entry:
    """One precincts tuple's columns: the sums, and the packed figures."""

    __slots__ = ("columns", "figures", "precincts")

    def __init__(self, precincts: Sequence[Precinct]) -> None:
        self.precincts = precincts  # held, so its id names it while kept
        self.columns: PrecinctColumns | None = None
        self.figures: PackedFigures | None = None


class ColumnsMemo:
    """Columns of the precincts tuples of this poll and the one before.

    Keyed by the tuple's identity: a snapshot is immutable, so columns made
    for a tuple stay right for as long as the tuple lives, and each entry
    holds its tuple so the id is not reused meanwhile. Only the poll worker
    may use one (it is not locked); two generations are kept, so the next
    poll's reconciliation finds the old snapshot's figures packed.

    Where a look-up says ``current=False`` the tuple is the old snapshot's:
    it is read, never kept, as keeping it would hold that snapshot's
    precincts a poll longer, to be freed all at once in ``next_poll`` rather
    than race by race where the worker drops a retired snapshot
    (``live._drop_in_slices``).
    """

    __slots__ = ("_before", "_now", "_turned")

    def __init__(self) -> None:
        self._now: dict[int, _Entry] = {}
        self._before: dict[int, _Entry] = {}
        self._turned = False

    def _entry(self, precincts: Sequence[Precinct], *, current: bool) -> _Entry:
        key = id(precincts)
        entry = self._now.get(key)
        if entry is not None and entry.precincts is precincts:
            return entry
        entry = self._before.get(key)
        if entry is None or entry.precincts is not precincts:
            entry = _Entry(precincts)
        if current:
            self._now[key] = entry  # a tuple the next poll keeps stays made
        return entry

    def columns(self, precincts: Sequence[Precinct]) -> PrecinctColumns:
        """The sums of this poll's non-empty ``precincts``, made on first ask."""
        entry = self._entry(precincts, current=True)
        if entry.columns is None:
            if entry.figures is None:
                # The reconciliation after this tabulation asks for the
                # figures of every tuple it compares: made now, they cost
                # no second pass over the votes.
                entry.columns, entry.figures = read_precincts(precincts)
            else:
                entry.columns = precinct_columns(precincts)
        return entry.columns

    def figures(
        self, precincts: Sequence[Precinct], *, current: bool = True
    ) -> PackedFigures:
        """The packed figures of a non-empty ``precincts``, made on first ask."""
        entry = self._entry(precincts, current=current)
        if entry.figures is None:
            entry.figures = packed_figures(precincts)
        return entry.figures

    def next_poll(self) -> None:
        """A poll's tabulation starts: forget the tuples of two polls ago."""
        self._before, self._now = self._now, {}
        self._turned = True

    def digested(self) -> None:
        """A poll's reconciliation ended; turn over if no tabulation did."""
        if not self._turned:
            self._before, self._now = self._now, {}
        self._turned = False
