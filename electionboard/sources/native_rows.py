"""One race's precinct rows, decoded apart with a decoder made for its candidates.

The native parser decodes the document with each race's ``precincts`` left as
raw bytes, then decodes them here race by race. That keeps every C call short
(the GUI thread waits for the GIL while msgspec decodes; one decode of a whole
statewide document held it for 25 ms) and lets a race's votes decode straight
into a struct whose fields are that race's candidate ids, in ballot order, so
aligning a row is one C call instead of a dict lookup per candidate.

The fast decoder refuses what the plain one would (``WirePrecinct``) and more
(a candidate the race does not list). Anything it refuses is decoded again
with the plain decoder, so the race is read, and its problems worded, exactly
as before; a row the plain decoder refuses too is a malformed feed, which the
caller words from the whole document (``RowsRefused``).
"""

# No ``from __future__ import annotations``: msgspec would then evaluate the
# generic ``_Row``'s string annotations again for every decoder it makes
# (0.21 ms a race on the first poll instead of 0.09 ms).

from collections.abc import Callable
from typing import Any, Generic, NamedTuple, TypeVar

import msgspec

from electionboard.model import MAX_CANDIDATES, Precinct
from electionboard.sources.native_precincts import (
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
_new_tuple = tuple.__new__
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


def build_rows(
    rows: Rows, align: Aligner
) -> tuple[tuple[Precinct, ...], PrecinctFacts]:
    """The race's precincts, votes in candidate order, and what they hold.

    Raises:
        InvalidRaceError: a row names a candidate the race does not list.
    """
    if isinstance(rows, _Plain):
        return build_precincts(rows.rows, align)
    return _build_fast(rows.rows, align.count)


def _build_fast(
    rows: list[_Row[Any]], count: int
) -> tuple[tuple[Precinct, ...], PrecinctFacts]:
    """``build_precincts`` for rows whose votes are already aligned structs."""
    made: list[Precinct] = []
    append = made.append
    seen: set[str] = set()
    see = seen.add
    over: Precinct | None = None
    total = 0
    nothing = (0,) * count
    astuple: Callable[[Any], tuple[int, ...]] = _astuple
    for p in rows:
        aligned = astuple(p.votes)
        cast = sum(aligned)
        if cast:
            total += cast
        else:
            aligned = nothing
        name = p.name
        registered = p.registered_voters
        precinct = _new_tuple(
            Precinct,
            (p.id, p.id if name is None else name, p.reporting, aligned, registered),
        )
        append(precinct)
        see(p.id)
        if registered is not None and cast > registered and over is None:
            over = precinct
    duplicate = None
    if len(seen) != len(made):
        duplicate = first_duplicate(p.id for p in made)
    return tuple(made), PrecinctFacts(duplicate, over, total)
