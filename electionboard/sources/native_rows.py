"""One race's precinct rows, decoded apart with a decoder made for its candidates.

The native parser decodes the document with each race's ``precincts`` left as
raw bytes, then decodes them here race by race. That keeps every C call short
(the GUI thread waits for the GIL while msgspec decodes; one decode of a whole
statewide document held it for 25 ms) and lets a race's votes decode straight
into a struct whose fields are that race's candidate ids, in ballot order, so
aligning a row is one C call instead of a dict lookup per candidate.

Rows read with the race's decoder are kept as columns (``PrecinctTable``):
each candidate's figures in one array, and ``Precinct`` rows made only where
something reads rows, which tabulation and reconciliation do not.

The fast decoder refuses what the plain one would (``WirePrecinct``) and more
(a candidate the race does not list). Anything it refuses is decoded again
with the plain decoder, so the race is read, and its problems worded, exactly
as before; a row the plain decoder refuses too is a malformed feed, which the
caller words from the whole document (``RowsRefused``).
"""

# No ``from __future__ import annotations``: msgspec would then evaluate the
# generic ``_Row``'s string annotations again for every decoder it makes
# (0.21 ms a race on the first poll instead of 0.09 ms).

import functools
from array import array
from collections.abc import Sequence
from operator import attrgetter, gt
from typing import Any, Generic, NamedTuple, TypeVar

import msgspec

from electionboard.model import MAX_CANDIDATES, Precinct
from electionboard.model.precinct_table import PrecinctTable
from electionboard.sources.native_precincts import (
    NO_PRECINCTS,
    Aligner,
    Count,
    PrecinctFacts,
    WirePrecinct,
    build_precincts,
    first_duplicate,
)

DECODER_CACHE_SIZE = 1_024
"""Candidate lists whose decoders are kept between polls (about 5 KB each):
more than a statewide night lists (150), so a poll makes none after the
second (``rows_decoder``). Once full, a list not yet seen is read the plain
way: a feed with more lists than this would otherwise evict and make decoders
on every poll, each costing more than it saves."""

_PLAIN = msgspec.json.Decoder(list[WirePrecinct])
_astuple = msgspec.structs.astuple


_Votes = TypeVar("_Votes")


class _Row(msgspec.Struct, Generic[_Votes], frozen=True, gc=False):
    """A precinct row as ``WirePrecinct`` reads it, but for its votes' type.

    Generic, so a race's decoder makes one class (its votes), not two.
    """

    id: str
    reporting: bool
    votes: _Votes
    name: str | None = None
    registered_voters: Count | None = None


class RowsRefused(Exception):
    """A race's rows are not what the feed format allows (a malformed feed)."""


class _Fast(NamedTuple):
    """Rows decoded with the race's own decoder: votes already in ballot order."""

    rows: list[_Row[Any]]


class _Plain(NamedTuple):
    """Rows decoded as the feed spells them: votes as ``{candidate id: votes}``."""

    rows: list[WirePrecinct]


Rows = _Fast | _Plain
"""A race's decoded precinct rows, not yet checked against its candidates."""


def plain_rows(rows: list[WirePrecinct]) -> Rows:
    """Rows some other decoder already read as the feed spells them."""
    return _Plain(rows)


def decode_rows(raw: msgspec.Raw, ids: tuple[str, ...]) -> Rows:
    """Decode one race's ``precincts`` array for candidates ``ids``.

    Raises:
        RowsRefused: the plain decoder refuses the rows too.
    """
    decoder = rows_decoder(ids)
    if decoder is not None:
        try:
            return _Fast(decoder.decode(raw))
        except (msgspec.MsgspecError, RecursionError):
            pass  # Read again below: the plain reading names the problem.
    try:
        return _Plain(_PLAIN.decode(raw))
    except (msgspec.MsgspecError, RecursionError, UnicodeDecodeError) as error:
        raise RowsRefused(str(error)) from None


_RowsDecoder = msgspec.json.Decoder[list[_Row[Any]]]
_decoders: dict[tuple[str, ...], _RowsDecoder | None] = {}
_seen_once: set[tuple[str, ...]] = set()


def rows_decoder(ids: tuple[str, ...]) -> _RowsDecoder | None:
    """The decoder for a race listing ``ids``, made once, or None.

    None where the race is read the plain way: the first time a list is
    seen (making a decoder costs more than it saves on one poll, so the
    night's first poll reads the plain way and the second makes them), and
    see ``DECODER_CACHE_SIZE`` and ``_made_decoder``. Two pool threads may
    both make one; either serves.
    """
    try:
        return _decoders[ids]
    except KeyError:
        pass
    if len(_decoders) >= DECODER_CACHE_SIZE:
        return None
    if ids not in _seen_once:
        if len(_seen_once) >= DECODER_CACHE_SIZE:
            _seen_once.clear()
        _seen_once.add(ids)
        return None
    _seen_once.discard(ids)
    decoder = _decoders[ids] = _made_decoder(ids)
    return decoder


def forget_decoders() -> None:
    """Drop every decoder made, as a fresh process starts: for benchmarks."""
    _decoders.clear()
    _seen_once.clear()


def _made_decoder(ids: tuple[str, ...]) -> _RowsDecoder | None:
    """The decoder for a race listing ``ids``, or None where there is none.

    None when the ids repeat (the race is refused anyway), when there are
    more than a race may list, or when msgspec cannot name a field so (a
    quote, a backslash or a control character in an id): such a race is
    read the plain way.
    """
    if len(set(ids)) != len(ids) or len(ids) > MAX_CANDIDATES:
        return None
    names = [f"c{n}" for n in range(len(ids))]
    try:
        votes = msgspec.defstruct(
            "Votes",
            [(name, Count, 0) for name in names],
            rename=dict(zip(names, ids, strict=True)),
            forbid_unknown_fields=True,
            frozen=True,
            gc=False,
        )
    except ValueError:
        return None
    return msgspec.json.Decoder(list[_Row[votes]])  # type: ignore[valid-type]


def build_rows(rows: Rows, align: Aligner) -> tuple[Sequence[Precinct], PrecinctFacts]:
    """The race's precincts, votes in candidate order, and what they hold.

    Rows read with the race's own decoder become a ``PrecinctTable``; rows
    read the plain way (the night's first poll) a tuple of ``Precinct``.

    Raises:
        InvalidRaceError: a row names a candidate the race does not list.
    """
    if isinstance(rows, _Plain):
        return build_precincts(rows.rows, align)
    return _table(rows.rows)


_ROW_ID = attrgetter("id")
_ROW_NAME = attrgetter("name")
_ROW_REPORTING = attrgetter("reporting")
_ROW_VOTES = attrgetter("votes")
_ROW_REGISTERED = attrgetter("registered_voters")
_column = functools.partial(array, "Q")
"""Counts are whole numbers from 0 to ``MAX_VOTES``: each fits a "Q"."""


def _table(rows: list[_Row[Any]]) -> tuple[Sequence[Precinct], PrecinctFacts]:
    """``build_precincts`` for rows whose votes are already aligned structs.

    Column by column, in C-level passes: no bytecode runs per row, except
    where a row gives no name or some rows give registered voters and some
    do not.
    """
    if not rows:
        return (), NO_PRECINCTS
    ids = tuple(map(_ROW_ID, rows))
    names = tuple(map(_ROW_NAME, rows))
    if None in names:
        names = tuple([i if n is None else n for i, n in zip(ids, names, strict=True)])
    aligned = list(map(_astuple, map(_ROW_VOTES, rows)))
    cast = list(map(sum, aligned))
    registered = tuple(map(_ROW_REGISTERED, rows))
    table = PrecinctTable(
        ids,
        names,
        bytes(map(_ROW_REPORTING, rows)),
        tuple(map(_column, zip(*aligned, strict=True))),
        registered,
    )
    duplicate = None
    if len(set(ids)) != len(ids):
        duplicate = first_duplicate(ids)
    return table, PrecinctFacts(duplicate, _over(table, cast, registered), sum(cast))


def _over(
    table: PrecinctTable, cast: list[int], registered: tuple[int | None, ...]
) -> Precinct | None:
    """The first precinct with more votes than registered voters, or None."""
    if None not in registered:
        over = list(map(gt, cast, registered))  # type: ignore[arg-type]
        return table[over.index(True)] if True in over else None
    for index, (votes, voters) in enumerate(zip(cast, registered, strict=True)):
        if voters is not None and votes > voters:
            return table[index]
    return None
