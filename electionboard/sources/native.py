"""The native ``electionboard/1`` JSON feed: bytes to a validated Election.

msgspec decodes straight into typed wire structs (unknown keys are skipped
without building dicts for them); a second pass turns those into the model's
frozen snapshots with vote tuples aligned to candidate order.

The document is decoded with each race's precincts left as raw bytes, which
are then decoded race by race (sources/native_rows.py): no single C call holds
the GIL for long, and each race's votes decode in candidate order. Whatever
that path does not accept as it stands (a malformed feed, a duplicate race
id) is parsed again the whole-document way, so a refused feed is refused with
the same words as ever.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Annotated, Literal

import msgspec

from electionboard.model import (
    MAX_VOTES,
    Call,
    CallOutcome,
    Candidate,
    Election,
    InvalidRaceError,
    Measure,
    Precinct,
    Race,
    RankedChoice,
    Rule,
    RuleError,
    Threshold,
    UnitResult,
    check_race,
)
from electionboard.model.makers import positional_maker
from electionboard.model.pacing import pause_point
from electionboard.model.parties import normalise_party
from electionboard.sources.bom import text_head, without_bom
from electionboard.sources.errors import FeedFormatError
from electionboard.sources.jsondecode import decode, gc_paused, worded
from electionboard.sources.native_precincts import (
    NO_PRECINCTS,
    Aligner,
    PrecinctFacts,
    WirePrecinct,
    check_built,
)
from electionboard.sources.native_rcv import ranked_choice
from electionboard.sources.native_rows import (
    Rows,
    RowsRefused,
    build_rows,
    decode_rows,
    plain_rows,
)

FORMAT_ID = "electionboard/1"

_Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_VOTES)]
"""Every count, bounded where the model bounds it (docs/feed-format.md)."""
_Places = Annotated[int, msgspec.Meta(ge=1, le=MAX_VOTES)]
_Share = Annotated[str, msgspec.Meta(pattern=r"^[0-9]{1,9}(/[0-9]{1,9})?$")]
"""A share as an exact fraction string: ``"1/2"``, ``"3/5"``, ``"1"``."""
_Fips = Annotated[str, msgspec.Meta(pattern=r"^[0-9]{5}$")]
"""A county's five-digit FIPS code, state and county together: ``"06037"``."""
_POSTAL = re.compile(r"^[A-Z]{2}$")


class _Candidate(msgspec.Struct, frozen=True, gc=False):
    id: str
    name: str
    party: str | None = None
    ballot_order: int | None = None
    incumbent: bool = False
    withdrawn: bool = False


class _Unit(msgspec.Struct, frozen=True, gc=False):
    id: str
    name: str
    votes: dict[str, _Count]
    fips: _Fips | None = None
    precincts_reporting: _Count | None = None
    precincts_total: _Count | None = None


class _Call(msgspec.Struct, frozen=True, gc=False):
    outcome: Literal["won", "advance"]
    candidates: list[str]
    by: str
    at: dt.datetime | None = None


class _Outright(msgspec.Struct, frozen=True, gc=False):
    share: _Share
    at_least: bool = False


class _Measure(msgspec.Struct, frozen=True, gc=False):
    passes_with: str
    threshold: _Share = "1/2"
    at_least: bool = False


class _RaceFields(msgspec.Struct, frozen=True, gc=False):
    """A race's fields but its precincts, which the two readings decode apart."""

    id: str
    name: str
    candidates: list[_Candidate]
    seats: _Places | None = None
    advance: _Places | None = None
    majority_wins: bool = False
    outright: _Outright | None = None
    uncontested: bool = False
    expected_votes: _Count | None = None
    measure: _Measure | None = None
    final: bool = False
    registered_voters: _Count | None = None
    remaining_ballots: _Count | None = None
    totals: dict[str, _Count] | None = None
    precincts_reporting: _Count | None = None
    precincts_total: _Count | None = None
    call: _Call | None = None
    office: str | None = None
    state: str | None = None
    seat: str | None = None
    units: msgspec.Raw = msgspec.Raw()
    """County (or town) results for maps, decoded apart so a bad unit is a
    problem on this race only; empty (or ``null``) when the race gives none."""
    rcv: msgspec.Raw = msgspec.Raw()
    """A ranked-choice race's rules and published rounds (sources/native_rcv.py),
    decoded apart so a bad block is a problem on this race only; empty (or
    ``null``) when the race is not ranked-choice."""

    @property
    def ranked(self) -> bool:
        """Whether the race carries an ``rcv`` block."""
        return bytes(self.rcv) not in (b"", b"null")


class _Race(_RaceFields, frozen=True, gc=False):
    """A race decoded whole, precinct rows and all: the reference reading."""

    precincts: list[WirePrecinct] | None = None


class _LazyRace(_RaceFields, frozen=True, gc=False):
    """A race with its precinct rows left as bytes, for ``decode_rows``."""

    precincts: msgspec.Raw = msgspec.Raw()
    """Empty (or ``null``) when the race gives none."""


class _ElectionInfo(msgspec.Struct, frozen=True, gc=False):
    id: str
    name: str
    date: dt.date
    test: bool = False
    time_zone: str | None = None


class _Document(msgspec.Struct, frozen=True, gc=False):
    format: str
    election: _ElectionInfo
    updated: dt.datetime
    races: list[_Race]


class _LazyDocument(msgspec.Struct, frozen=True, gc=False):
    format: str
    election: _ElectionInfo
    updated: dt.datetime
    races: list[_LazyRace]


_NULL = msgspec.Raw(b"null")
_make_candidate = positional_maker(Candidate)
"""``Candidate(id, name, party, ballot_order, incumbent, withdrawn,
missing_from_feed, electoral_votes_won)`` without its ``__init__``."""
_DECODER = msgspec.json.Decoder(_Document)
_LAZY = msgspec.json.Decoder(_LazyDocument)
_UNITS = msgspec.json.Decoder(list[_Unit])
_UNIT_PATH = re.compile(r"^(?P<problem>.*) - at `\$(?P<path>.*)`$")
_RACE_PATH = re.compile(
    r"^(?P<problem>.*) - at `\$\.races\[(?P<index>\d+)\]\.?(?P<path>.*)`$"
)


def looks_native(data: bytes) -> bool:
    """Cheap sniff used by format detection."""
    return b'"electionboard/1"' in text_head(data)


class RaceMemo:
    """One feed's races as last read, each with the wire it was read from.

    A native feed sends every race on every poll, and on a live night most
    have not moved since the last one. A race whose wire (every field, its
    precinct rows' bytes and all) is the same as last time is the very
    ``Race`` read then: reading is a function of those bytes alone, and races
    are immutable. Reused, it costs no decode, and the standings made for that
    object last poll are reused too (``LiveResults.tabulate_election``).

    One memo per source, used by one poll at a time (the source's worker).
    It holds the last answer's races and wires: the document's bytes stay
    alive with them until the next answer replaces them.
    """

    __slots__ = ("_races",)

    def __init__(self) -> None:
        self._races: dict[str, tuple[_LazyRace, Race]] = {}

    def last_read(self) -> dict[str, tuple[_LazyRace, Race]]:
        """The last answer's races by id, each with its wire."""
        return self._races

    def remember(self, read: dict[str, tuple[_LazyRace, Race]]) -> None:
        """Hold this answer's races in place of the last one's."""
        self._races = read


def parse_native(data: bytes, *, memo: RaceMemo | None = None) -> Election:
    """Parse and validate a native feed document.

    With ``memo``, each race unchanged since the answer it last read is that
    answer's own ``Race``, and the memo then holds this answer's races.

    Raises:
        FeedFormatError: naming the field (and the race, where there is one).
    """
    with gc_paused():
        try:
            return _parse_by_race(data, memo)
        except _Unsure:
            return _parse_whole(data)


class _Unsure(Exception):
    """The race-by-race reading met what only the whole reading words right."""


def _parse_by_race(data: bytes, memo: RaceMemo | None = None) -> Election:
    """The fast reading: each race's precincts decoded apart, in short calls.

    Raises:
        _Unsure: the feed is refused, or may be: a refusal must name the first
            problem in the document, which the whole reading finds.
    """
    try:
        document = _LAZY.decode(without_bom(data))
    except (msgspec.MsgspecError, RecursionError, UnicodeDecodeError):
        raise _Unsure from None
    if document.format != FORMAT_ID or document.updated.tzinfo is None:
        raise _Unsure
    races = []
    seen: set[str] = set()
    known = memo.last_read() if memo is not None else {}
    read: dict[str, tuple[_LazyRace, Race]] = {}
    for wire in document.races:
        pause_point()  # a frame being painted goes first (model/pacing.py)
        if wire.id in seen:
            raise _Unsure
        seen.add(wire.id)
        last = known.get(wire.id)
        # Not a byte of it changed: the race read last time.
        unchanged = last is not None and last[0] == wire
        race = last[1] if last is not None and unchanged else _read_race(wire)
        read[wire.id] = (wire, race)
        races.append(race)
    if memo is not None:
        memo.remember(read)
    return _election(document, races)


def _read_race(wire: _LazyRace) -> Race:
    """One race of the fast reading, its rows decoded apart.

    Raises:
        _Unsure: as ``_parse_by_race``.
    """
    raw = wire.precincts
    rows = None
    if raw and raw != _NULL:
        try:
            rows = decode_rows(raw, tuple([c.id for c in wire.candidates]))
        except RowsRefused:
            raise _Unsure from None
    try:
        return _checked(wire, rows)
    except FeedFormatError:
        raise _Unsure from None


def _parse_whole(data: bytes) -> Election:
    """The reference reading: the whole document in one decode."""
    document = decode(_DECODER, data, _describe)
    if document.format != FORMAT_ID:
        raise FeedFormatError(
            f"format: expected {FORMAT_ID!r}, got {document.format!r}"
        )
    if document.updated.tzinfo is None:
        raise FeedFormatError("updated: the time needs a UTC offset")
    races = []
    seen: set[str] = set()
    for wire in document.races:
        if wire.id in seen:
            raise FeedFormatError(f"race {wire.id!r}: id: duplicate race id")
        seen.add(wire.id)
        races.append(_checked(wire, _given_rows(wire)))
    return _election(document, races)


def _checked(wire: _RaceFields, rows: Rows | None) -> Race:
    """The race built and checked, or kept with its problem."""
    try:
        race, facts = _build_race(wire, rows)
        check_built(race, facts)
    except InvalidRaceError as error:
        # One race's own contradiction keeps that race, marked, while
        # every other race applies (docs/feed-format.md).
        return _kept_with_problem(wire, error)
    return race


def _given_rows(wire: _Race) -> Rows | None:
    return None if wire.precincts is None else plain_rows(wire.precincts)


def _election(document: _Document | _LazyDocument, races: list[Race]) -> Election:
    info = document.election
    return Election(
        id=info.id,
        name=info.name,
        date=info.date,
        updated=document.updated,
        races=tuple(races),
        test=info.test,
        time_zone=info.time_zone or None,
    )


def _describe(message: str, data: bytes) -> str:
    """Name the race by id and the field by path in a validation message."""
    match = _RACE_PATH.match(message)
    if match is None:
        return message
    problem = match["problem"].replace(
        "Expected `int` >= 0", "expected a whole number >= 0"
    )
    path = match["path"] or "race"
    try:
        race_id = msgspec.json.decode(data)["races"][int(match["index"])]["id"]
    except (
        msgspec.DecodeError,
        KeyError,
        IndexError,
        TypeError,
        RecursionError,
        UnicodeDecodeError,
    ):
        race_id = f"#{int(match['index']) + 1}"
    return f"race {race_id!r}: {path}: {problem}"


def _share(race_id: str, field: str, text: str, *, at_least: bool) -> Threshold:
    """A threshold from its fraction string; the pattern is already checked."""
    numerator, _, denominator = text.partition("/")
    if int(denominator or "1") == 0:
        raise InvalidRaceError(race_id, field, f"{text!r} divides by zero")
    share = Fraction(int(numerator), int(denominator or "1"))
    if not 0 < share <= 1:
        raise InvalidRaceError(
            race_id, field, f"{text!r} is not a share above 0 and at most 1"
        )
    return Threshold(share, at_least)


def _rule(wire: _RaceFields) -> Rule:
    outright = None
    if wire.outright is not None:
        outright = _share(
            wire.id,
            "outright.share",
            wire.outright.share,
            at_least=wire.outright.at_least,
        )
    try:
        return Rule(
            seats=wire.seats,
            advance=wire.advance,
            majority_wins=wire.majority_wins,
            outright=outright,
        )
    except RuleError as error:
        raise InvalidRaceError(wire.id, "rule", str(error)) from None


def _measure(wire: _RaceFields) -> Measure | None:
    if wire.measure is None:
        return None
    threshold = _share(
        wire.id,
        "measure.threshold",
        wire.measure.threshold,
        at_least=wire.measure.at_least,
    )
    return Measure(wire.measure.passes_with, threshold)


def _kept_with_problem(wire: _RaceFields, error: InvalidRaceError) -> Race:
    """The race with its problem and no figures, so it stays on the desk."""
    problem = f"{error.field}: {error.problem}"
    try:
        rule = _rule(wire)
    except InvalidRaceError:
        rule = Rule()
    candidates = _candidates(wire)
    kept = Race(
        id=wire.id,
        name=wire.name,
        rule=rule,
        candidates=candidates,
        uncontested=wire.uncontested,
        problems=(problem,),
        ranked_choice=RankedChoice() if wire.ranked else None,
        office=wire.office or None,
        state=wire.state if _POSTAL.match(wire.state or "") else None,
        seat=wire.seat or None,
    )
    try:
        check_race(kept)
    except InvalidRaceError:
        kept = Race(
            wire.id,
            wire.name,
            rule,
            (),
            problems=(problem,),
            ranked_choice=kept.ranked_choice,
            office=kept.office,
            state=kept.state,
            seat=kept.seat,
        )
    return kept


def _candidates(wire: _RaceFields) -> tuple[Candidate, ...]:
    return tuple(
        [
            _make_candidate(
                c.id,
                c.name,
                normalise_party(c.party),
                c.ballot_order if c.ballot_order is not None else n,
                c.incumbent,
                c.withdrawn,
                False,
                None,
            )
            for n, c in enumerate(wire.candidates, start=1)
        ]
    )


def _race(wire: _Race) -> tuple[Race, PrecinctFacts]:
    """The race as the whole reading gives it, and what its precincts hold.

    Raises:
        InvalidRaceError: as ``_build_race``.
    """
    return _build_race(wire, _given_rows(wire))


def _build_race(wire: _RaceFields, rows: Rows | None) -> tuple[Race, PrecinctFacts]:
    """The race as the feed gives it, and what its precincts hold.

    ``rows`` are its precinct rows, decoded but not yet checked; None when the
    race gives no precincts.

    Raises:
        InvalidRaceError: the first problem found while building it, in the
            order the fields are read.
    """
    candidates = _candidates(wire)
    ids = [c.id for c in candidates]
    if len(set(ids)) != len(ids):
        raise InvalidRaceError(wire.id, "candidates", "duplicate candidate id")
    if (rows is None) == (wire.totals is None):
        raise InvalidRaceError(
            wire.id, "precincts/totals", "give exactly one of precincts or totals"
        )
    precincts: Sequence[Precinct] = ()
    totals: tuple[int, ...] | None = None
    align = Aligner(wire.id, ids)
    facts = NO_PRECINCTS
    if rows is not None:
        precincts, facts = build_rows(rows, align)
    if wire.totals is not None:
        totals = align(wire.totals, None)
    call = None
    if wire.call is not None:
        call = Call(
            outcome=CallOutcome(wire.call.outcome),
            candidate_ids=tuple(wire.call.candidates),
            by=wire.call.by,
            at=wire.call.at,
        )
    rule = _rule(wire)
    rcv = None
    if wire.ranked:
        if rule.places != 1 or not rule.elects:
            raise InvalidRaceError(
                wire.id, "rcv", "a ranked-choice race elects one: no seats or advance"
            )
        rcv = ranked_choice(wire.id, wire.rcv, ids)
    if wire.state is not None and not _POSTAL.match(wire.state):
        raise InvalidRaceError(
            wire.id, "state", f"expected a postal code like 'CA', got {wire.state!r}"
        )
    race = Race(
        id=wire.id,
        name=wire.name,
        rule=rule,
        candidates=candidates,
        precincts=precincts,
        totals=totals,
        precincts_reporting=wire.precincts_reporting,
        precincts_total=wire.precincts_total,
        final=wire.final,
        registered_voters=wire.registered_voters,
        remaining_ballots=wire.remaining_ballots,
        call=call,
        measure=_measure(wire),
        uncontested=wire.uncontested,
        expected_votes=wire.expected_votes,
        ranked_choice=rcv,
        office=wire.office or None,
        state=wire.state,
        seat=wire.seat or None,
        units=_units(wire, align),
    )
    return race, facts


def _units(wire: _RaceFields, align: Aligner) -> tuple[UnitResult, ...]:
    """The race's ``units``; anything wrong in them is a problem on this race."""
    raw = bytes(wire.units)
    if raw in (b"", b"null"):
        return ()
    try:
        units = _UNITS.decode(raw)
    except msgspec.ValidationError as error:
        message = worded(str(error)).replace(
            "Expected `int` >= 0", "expected a whole number >= 0"
        )
        match = _UNIT_PATH.match(message)
        if match is None:
            raise InvalidRaceError(wire.id, "units", message) from None
        raise InvalidRaceError(
            wire.id, f"units{match['path']}", match["problem"]
        ) from None
    results = []
    seen: set[str] = set()
    for unit in units:
        if unit.id in seen:
            raise InvalidRaceError(wire.id, "units", f"duplicate id {unit.id!r}")
        seen.add(unit.id)
        reporting, total = unit.precincts_reporting, unit.precincts_total
        if reporting is not None and total is not None and reporting > total:
            raise InvalidRaceError(
                wire.id,
                f"units[{unit.id}]",
                f"{reporting:,} precincts reporting of {total:,}",
            )
        results.append(
            UnitResult(
                id=unit.id,
                name=unit.name,
                votes=align(unit.votes, unit.id, field="units"),
                fips=unit.fips,
                precincts_reporting=reporting,
                precincts_total=total,
            )
        )
    return tuple(results)
