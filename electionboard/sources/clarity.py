"""Clarity ENR ``detail.xml`` (or the ``detail.zip`` around it) to an Election.

The XML is read as a stream of expat events with no tree built, and any
document type declaration is refused before it can declare an entity: results
files never carry one, and refusing them outright leaves no room for entity
expansion ("billion laughs") or external entities, whatever the expat version.

A problem inside one contest (a malformed count, a choice without a key,
figures that contradict each other) keeps that contest as a race marked with
the reason in ``Race.problems``; only a document that is not Clarity results
is refused whole (docs/formats.md).
"""

from __future__ import annotations

import datetime as dt
import io
import lzma
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from xml.parsers import expat

from electionboard.model import (
    MAJORITY,
    Candidate,
    Election,
    InvalidRaceError,
    Measure,
    Precinct,
    Race,
    Rule,
    UnitResult,
    check_race,
    count_from_text,
)
from electionboard.model.parties import known_party, normalise_party
from electionboard.sources.bom import text_head
from electionboard.sources.errors import FeedFormatError
from electionboard.sources.states import STATE_NAMES

MAX_XML_BYTES = 64 * 1024 * 1024
"""The most XML taken out of a ``detail.zip``; more is refused as a bomb."""

_ZIP_MAGIC = b"PK\x03\x04"
_TIME_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
    "AST": -4,
    "CHST": 10,
}
"""Offsets of the US zone abbreviations Clarity writes after its timestamps."""
_SLUG = re.compile(r"[^a-z0-9]+")
_TRAILING_PARTY = re.compile(r"\(([^()]{1,20})\)\s*$")
"""A party in parentheses at the end of a choice's text: "Joe Biden (Dem)"."""
_PASSING_CHOICES = ("yes", "for")
"""Choice texts that pass a question when chosen."""
_SEAT = re.compile(r"^(?P<office>.+?)\s+(?:District|Dist\.?)\s+(?P<number>\w+)\b", re.I)
"""An office with its district: "US House District 1", "State Senate Dist 5"."""
_STATES_BY_NAME = {name.casefold(): postal for postal, name in STATE_NAMES.items()}


def looks_clarity(data: bytes) -> bool:
    """Cheap sniff: an ``<ElectionResult>`` document, or a zip holding XML.

    The XML may be UTF-8 (with or without a byte-order mark) or UTF-16; expat
    reads all of them by itself, so only the sniff needs to know.
    """
    if data.startswith(_ZIP_MAGIC):
        name_length = int.from_bytes(data[26:28], "little")
        return data[30 : 30 + name_length].lower().endswith(b".xml")
    return b"<ElectionResult" in text_head(data)


def parse_clarity(data: bytes) -> Election:
    """Parse a Clarity detail XML document, plain or zipped.

    Raises:
        FeedFormatError: naming the line and element where there is one.
    """
    if data.startswith(_ZIP_MAGIC):
        data = _unzip(data)
    reader = _Reader()
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_entity
    parser.ExternalEntityRefHandler = _refuse_external
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    reader.parser = parser
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise FeedFormatError(
            f"line {error.lineno}: not well-formed XML: {expat.ErrorString(error.code)}"
        ) from None
    except (LookupError, UnicodeError, ValueError) as error:
        raise FeedFormatError(f"cannot read the XML: {error}") from None
    return reader.election()


def _unzip(data: bytes) -> bytes:
    """The XML inside a ``detail.zip``, refusing more than MAX_XML_BYTES."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            chosen = [m for m in members if m.filename.lower() == "detail.xml"]
            if not chosen:
                chosen = [m for m in members if m.filename.lower().endswith(".xml")]
            if len(chosen) != 1:
                raise FeedFormatError("the zip archive holds no single detail.xml")
            if chosen[0].file_size > MAX_XML_BYTES:
                raise FeedFormatError(
                    f"{chosen[0].filename} is larger than {MAX_XML_BYTES:,} bytes"
                )
            with archive.open(chosen[0]) as stream:
                xml = stream.read(MAX_XML_BYTES + 1)
    except (
        zipfile.BadZipFile,
        zlib.error,
        lzma.LZMAError,
        struct.error,
        EOFError,
        OSError,
        ValueError,
        NotImplementedError,
        RuntimeError,
    ) as error:
        raise FeedFormatError(f"corrupt zip archive: {error}") from None
    if len(xml) > MAX_XML_BYTES:
        raise FeedFormatError(f"the XML is larger than {MAX_XML_BYTES:,} bytes")
    return xml


def _refuse_doctype(*_args: object) -> None:
    raise FeedFormatError("a DOCTYPE declaration is not allowed in results XML")


def _refuse_entity(*_args: object) -> None:
    raise FeedFormatError("an ENTITY declaration is not allowed in results XML")


def _refuse_external(*_args: object) -> int:
    raise FeedFormatError("external entities are not allowed in results XML")


@dataclass(slots=True)
class _Turnout:
    """What the turnout section says about one precinct or county."""

    reporting: bool | None
    registered: int | None
    precincts_reported: int | None = None
    precincts_participating: int | None = None


@dataclass(slots=True)
class _Contest:
    key: str
    name: str
    vote_for: int
    line: int
    question: bool = False
    published: bool = True
    """Every choice gave ``totalVotes``; else the units' sums are the totals."""
    precincts_reported: int | None = None
    precincts_participating: int | None = None
    candidates: list[Candidate] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    unit_votes: list[dict[str, int]] = field(default_factory=list)
    units: dict[str, None] = field(default_factory=dict)
    counties: bool = False
    """The units are counties (``<County>`` lines): they also fill ``Race.units``."""
    county_precincts: dict[str, tuple[int | None, int | None]] = field(
        default_factory=dict
    )
    """Per county, (reported, participating) precincts in this contest
    (``<ParticipatingCounties>``), where the file says."""
    type_votes: list[dict[str, int]] = field(default_factory=list)
    """Per choice, its votes by vote type name (each VoteType's own ``votes``)."""
    problem: str | None = None
    """The first problem inside the contest; the rest of it is then skipped."""


class _Reader:
    """Expat handlers that collect a detail.xml document as it streams past."""

    _TEXT_FIELDS = frozenset({"Timestamp", "ElectionName", "ElectionDate", "Region"})

    def __init__(self) -> None:
        self.parser: expat.XMLParserType | None = None
        self._stack: list[str] = []
        self._texts: dict[str, list[str]] = {}
        self._turnout: dict[str, _Turnout] = {}
        self._contest: _Contest | None = None
        self._choice_votes: dict[str, int] | None = None
        self._races: list[Race] = []
        self._race_ids: set[str] = set()

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        """Dispatch on where the element sits: only known paths are read."""
        stack = self._stack
        depth = len(stack)
        if depth == 0 and tag != "ElectionResult":
            raise self._error(f"<{tag}>: expected <ElectionResult>")
        if depth == 1:
            self._start_top(tag, attrs)
        elif depth == 3 and stack[1] in ("VoterTurnout", "ElectionVoterTurnout"):
            self._start_turnout(tag, attrs)
        elif depth >= 2 and stack[1] == "Contest":
            self._start_in_contest(depth, tag, attrs)
        stack.append(tag)

    def _start_in_contest(self, depth: int, tag: str, attrs: dict[str, str]) -> None:
        """A choice, vote type or unit line; a problem marks only this contest."""
        contest = self._contest
        if contest is None or contest.problem is not None:
            return
        stack = self._stack
        try:
            if depth == 2 and tag == "Choice":
                self._start_choice(attrs)
            elif depth == 3 and stack[2] == "Choice" and tag == "VoteType":
                self._add_type_votes(attrs)
            elif depth == 4 and stack[2] == "Choice" and stack[3] == "VoteType":
                self._add_unit_votes(tag, attrs)
            elif depth == 3 and stack[2] == "ParticipatingCounties" and tag == "County":
                self._add_county_precincts(attrs)
        except FeedFormatError as error:
            contest.problem = str(error)
            self._choice_votes = None

    def end(self, tag: str) -> None:
        """Close a contest or choice when its element ends."""
        self._stack.pop()
        depth = len(self._stack)
        if depth == 1 and tag == "Contest":
            self._finish_contest()
        elif depth == 2 and tag == "Choice":
            self._choice_votes = None

    def text(self, data: str) -> None:
        """Collect the text of the few top-level text elements."""
        if len(self._stack) == 2 and self._stack[1] in self._TEXT_FIELDS:
            # Pieces are joined once at the end: a huge text must not go quadratic.
            self._texts.setdefault(self._stack[1], []).append(data)

    def _line(self) -> int:
        return self.parser.CurrentLineNumber if self.parser is not None else 0

    def _error(self, message: str) -> FeedFormatError:
        return FeedFormatError(f"line {self._line()}: {message}")

    def _count(self, tag: str, attrs: dict[str, str], name: str) -> int | None:
        """A whole-number attribute, None when absent; ASCII digits only."""
        value = attrs.get(name)
        if value is None:
            return None
        try:
            return count_from_text(value.strip())
        except ValueError as error:
            raise self._error(f"<{tag}> {name}: {error}, got {value[:40]!r}") from None

    def _start_top(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "Contest":
            self._start_contest(attrs)

    def _start_turnout(self, tag: str, attrs: dict[str, str]) -> None:
        """A precinct's (or, in county-level files, a county's) turnout line."""
        stack = self._stack
        if not (
            (tag == "Precinct" and stack[2] == "Precincts")
            or (tag == "County" and stack[2] == "Counties")
        ):
            return
        name = attrs.get("name")
        if name is None:
            raise self._error(f"<{tag}>: name missing")
        reporting: bool | None = None
        participating = self._count(tag, attrs, "precinctsParticipating")
        reported = self._count(tag, attrs, "precinctsReported")
        if participating is not None and reported is not None:
            reporting = participating > 0 and reported >= participating
        elif "percentReporting" in attrs:
            reporting = self._percent(tag, attrs["percentReporting"]) > 0
        registered = self._count(tag, attrs, "totalVoters")
        # Precinct lines often carry totalVoters="0": no count, not no voters.
        self._turnout[name] = _Turnout(
            reporting, registered or None, reported, participating
        )

    def _percent(self, tag: str, value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if not 0.0 <= number <= 1e6:
            raise self._error(
                f"<{tag}> percentReporting: expected a number, got {value[:40]!r}"
            )
        return number

    def _start_contest(self, attrs: dict[str, str]) -> None:
        key = attrs.get("key")
        if not key:
            raise self._error("<Contest>: key missing")
        contest = _Contest(
            key=key, name=attrs.get("text") or key, vote_for=1, line=self._line()
        )
        self._contest = contest
        contest.question = attrs.get("isQuestion", "").strip().lower() == "true"
        try:
            contest.vote_for = max(1, self._count("Contest", attrs, "voteFor") or 1)
            # The contest's own counts are precincts even where its children
            # are counties (159 counties, 2,656 precincts in Georgia).
            contest.precincts_reported = self._count(
                "Contest", attrs, "precinctsReported"
            )
            contest.precincts_participating = self._count(
                "Contest", attrs, "precinctsParticipating"
            )
        except FeedFormatError as error:
            contest.problem = str(error)

    def _start_choice(self, attrs: dict[str, str]) -> None:
        contest = self._contest
        if contest is None:
            return
        key = attrs.get("key")
        if not key:
            raise self._error(f"contest {contest.key!r}: <Choice>: key missing")
        total = self._count("Choice", attrs, "totalVotes")
        if total is None:
            contest.published = False
        name = attrs.get("text") or key
        contest.candidates.append(
            Candidate(
                id=key,
                name=name,
                party=None if contest.question else _party(attrs.get("party"), name),
                ballot_order=len(contest.candidates) + 1,
            )
        )
        contest.totals.append(total or 0)
        self._choice_votes = {}
        contest.unit_votes.append(self._choice_votes)
        contest.type_votes.append({})

    def _add_type_votes(self, attrs: dict[str, str]) -> None:
        """One vote type's total for the current choice (Election Day, Absentee ...)."""
        contest = self._contest
        if contest is None or not contest.type_votes:
            return
        name = attrs.get("name")
        if name is None:
            raise self._error(f"contest {contest.key!r}: <VoteType>: name missing")
        votes = self._count("VoteType", attrs, "votes")
        if votes is not None:
            by_type = contest.type_votes[-1]
            by_type[name] = by_type.get(name, 0) + votes

    def _add_unit_votes(self, tag: str, attrs: dict[str, str]) -> None:
        """Add one vote type's count for a precinct (or county) to its choice."""
        contest = self._contest
        votes_by_unit = self._choice_votes
        if contest is None or votes_by_unit is None:
            return
        name = attrs.get("name")
        if name is None:
            raise self._error(f"contest {contest.key!r}: <{tag}>: name missing")
        votes = self._count(tag, attrs, "votes") or 0
        votes_by_unit[name] = votes_by_unit.get(name, 0) + votes
        contest.units[name] = None
        if tag == "County":
            contest.counties = True

    def _add_county_precincts(self, attrs: dict[str, str]) -> None:
        """A county's precinct counts in this contest, for its map unit."""
        contest = self._contest
        if contest is None:
            return
        name = attrs.get("name")
        if name is None:
            raise self._error(f"contest {contest.key!r}: <County>: name missing")
        contest.county_precincts[name] = (
            self._count("County", attrs, "precinctsReported"),
            self._count("County", attrs, "precinctsParticipating"),
        )

    def _finish_contest(self) -> None:
        contest = self._contest
        self._contest = None
        if contest is None:
            return
        if contest.key in self._race_ids:
            raise FeedFormatError(
                f"line {contest.line}: contest {contest.key!r}: duplicate key"
            )
        self._race_ids.add(contest.key)
        if contest.problem is not None:
            self._races.append(_broken(contest, contest.problem))
            return
        race = self._race(contest)
        try:
            check_race(race)
        except InvalidRaceError as error:
            race = _broken(contest, f"{error.field}: {error.problem}")
        self._races.append(race)

    def _race(self, contest: _Contest) -> Race:
        """The contest as a race: the published totals are its totals.

        Each choice's ``totalVotes`` is what the county published; tabulation
        flags a total that disagrees with the sum of its vote types.
        """
        precincts = tuple(self._precinct(contest, name) for name in contest.units)
        candidates = tuple(contest.candidates)
        problems: list[str] = []
        if not candidates:
            problems.append("candidates: the contest lists no choices")
        measure = _measure(candidates) if contest.question else None
        if contest.question and candidates and measure is None:
            problems.append("question without a Yes or For choice: read as a contest")
        vote_types = tuple(dict.fromkeys(t for c in contest.type_votes for t in c))
        reported = contest.precincts_reported
        participating = contest.precincts_participating
        if reported is None or participating is None:
            reported = participating = None
        office, seat = _office_and_seat(contest.name)
        return Race(
            id=contest.key,
            name=contest.name,
            rule=Rule(seats=contest.vote_for),
            candidates=candidates,
            precincts=precincts,
            totals=tuple(contest.totals)
            if contest.published or not precincts
            else None,
            precincts_reporting=reported,
            precincts_total=participating,
            measure=measure,
            vote_types=vote_types,
            votes_by_type=tuple(
                tuple(by_type.get(name, 0) for name in vote_types)
                for by_type in contest.type_votes
            )
            if vote_types
            else None,
            problems=tuple(problems),
            office=office,
            seat=seat,
            units=self._units(contest, precincts) if contest.counties else (),
        )

    def _units(
        self, contest: _Contest, counties: tuple[Precinct, ...]
    ) -> tuple[UnitResult, ...]:
        """The contest's counties for a map, matched by name (Clarity has no fips).

        Precinct counts come from the contest's own ``<ParticipatingCounties>``,
        else from the county's turnout line, else are left unknown.
        """
        units = []
        for county in counties:
            counts = contest.county_precincts.get(county.name)
            if counts is None:
                turnout = self._turnout.get(county.name)
                counts = (
                    (turnout.precincts_reported, turnout.precincts_participating)
                    if turnout is not None
                    else (None, None)
                )
            units.append(
                UnitResult(
                    id=county.name,
                    name=county.name,
                    votes=county.votes,
                    precincts_reporting=counts[0],
                    precincts_total=counts[1],
                )
            )
        return tuple(units)

    def _precinct(self, contest: _Contest, name: str) -> Precinct:
        """One unit's votes summed over vote types, with its turnout line."""
        votes = tuple(choice.get(name, 0) for choice in contest.unit_votes)
        turnout = self._turnout.get(name)
        if turnout is None:
            return Precinct(name, name, any(votes), votes)
        reporting = any(votes) if turnout.reporting is None else turnout.reporting
        registered = turnout.registered
        # A count below the votes cast bounds nothing; so does a vote-for-N one.
        if contest.vote_for != 1 or (registered or 0) < sum(votes):
            registered = None
        return Precinct(name, name, reporting, votes, registered)

    def election(self) -> Election:
        """The Election once the whole document has been read."""
        texts = {name: "".join(parts).strip() for name, parts in self._texts.items()}
        updated = _timestamp(texts.get("Timestamp", ""))
        date = _date(texts.get("ElectionDate", ""), "ElectionDate")
        title = texts.get("ElectionName") or "Clarity results"
        region = texts.get("Region")
        slug = _SLUG.sub("-", (region or "").lower()).strip("-")
        state = _state(region)
        races = self._races
        if state is not None:
            races = [replace(race, state=state) for race in races]
        return Election(
            id=f"clarity-{date.isoformat()}" + (f"-{slug}" if slug else ""),
            name=f"{title} - {region}" if region else title,
            date=date,
            updated=updated,
            races=tuple(races),
        )


def _broken(contest: _Contest, problem: str) -> Race:
    """A contest that could not be read: kept, with no figures, and the reason.

    ``merge_elections`` keeps its last good figures under the reason.
    """
    office, seat = _office_and_seat(contest.name)
    return Race(
        id=contest.key,
        name=contest.name,
        rule=Rule(),
        candidates=(),
        problems=(problem,),
        office=office,
        seat=seat,
    )


def _state(region: str | None) -> str | None:
    """The state a state's file is for: its ``<Region>`` as a postal code or name.

    A county's file names the county ("Gwinnett"), which says no state.
    """
    text = (region or "").strip()
    if text.upper() in STATE_NAMES and text.upper() != "US":
        return text.upper()
    return _STATES_BY_NAME.get(text.casefold())


def _office_and_seat(text: str) -> tuple[str, str | None]:
    """The office and district a contest's text names, for the board's filters.

    Clarity gives only the contest's text. Its English half is taken where a
    bilingual text gives two ("US House Dist 4/Distrito del Congreso 4"), and a
    district is split off as the seat ("US House", "District 4"); anything else
    is the office as it stands.
    """
    english = text.partition("/")[0].strip() or text.strip()
    match = _SEAT.match(english)
    if match is None:
        return english, None
    return match["office"].strip(), f"District {match['number']}"


def _party(code: str | None, text: str) -> str | None:
    """The choice's party; Georgia writes ``NP`` and puts "(Rep)" in the text."""
    party = normalise_party(code)
    if party is not None:
        return party
    match = _TRAILING_PARTY.search(text)
    return known_party(match[1]) if match else None


def _measure(choices: tuple[Candidate, ...]) -> Measure | None:
    """Yes (or For) passes a question, by more than half unless known otherwise."""
    for choice in choices:
        if choice.name.strip().casefold() in _PASSING_CHOICES:
            return Measure(passes_with=choice.id, threshold=MAJORITY)
    return None


def _date(text: str, field_name: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%m/%d/%Y").date()
    except ValueError:
        raise FeedFormatError(
            f"{field_name}: expected a date like 5/20/2014, got {text[:40]!r}"
        ) from None


def _timestamp(text: str) -> dt.datetime:
    """``5/20/2014 8:19:21 PM EDT`` as an aware datetime."""
    stamp, _, zone = text.rpartition(" ")
    offset = _TIME_ZONES.get(zone.upper())
    if offset is None:
        raise FeedFormatError(
            f"Timestamp: expected a time with a US zone like "
            f"'5/20/2014 8:19:21 PM EDT', got {text[:60]!r}"
        )
    try:
        naive = dt.datetime.strptime(stamp, "%m/%d/%Y %I:%M:%S %p")
    except ValueError:
        raise FeedFormatError(
            f"Timestamp: expected a time like '5/20/2014 8:19:21 PM EDT', "
            f"got {text[:60]!r}"
        ) from None
    return naive.replace(tzinfo=dt.timezone(dt.timedelta(hours=offset), zone.upper()))
