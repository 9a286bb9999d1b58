"""Frozen snapshot types: what a feed says about an election at one moment.

Votes are stored as tuples aligned with the race's candidate order rather than
as dicts, so a statewide feed decodes and tabulates without per-row dict churn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import NamedTuple, overload

from electionboard.model.rcv import RankedChoice


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name on the ballot; ``withdrawn`` candidates stay on it and keep votes."""

    id: str
    name: str
    party: str | None = None
    ballot_order: int = 0
    incumbent: bool = False
    withdrawn: bool = False
    missing_from_feed: bool = False
    """The feed stopped listing this candidate; we keep its last figures."""
    electoral_votes_won: int | None = None
    """Electoral votes this candidate has won (AP ``electWon``), where given."""


class Precinct(NamedTuple):
    """A reporting unit; ``votes`` is aligned with ``Race.candidates``.

    A named tuple rather than a frozen dataclass: a statewide feed builds
    25,000 of these per poll, and a tuple is made in a third of the time
    (no per-field ``object.__setattr__``). Change one with ``_replace``.
    """

    id: str
    name: str
    reporting: bool
    votes: tuple[int, ...]
    registered_voters: int | None = None


@dataclass(frozen=True, slots=True)
class UnitResult:
    """One county's (or town's) share of a race, for maps.

    ``votes`` is aligned with ``Race.candidates``. ``fips`` is the county's
    five-digit code where the feed gives one; a town carries its county's code,
    so towns roll up into counties. The race's own totals never come from
    here: units inform the map only.
    """

    id: str
    name: str
    votes: tuple[int, ...]
    fips: str | None = None
    precincts_reporting: int | None = None
    precincts_total: int | None = None


class LazyUnits(Sequence[UnitResult]):
    """A race's county units, made on first read.

    Most polls never draw a map, and a national answer has ten thousand
    units: a feed hands over how to make them and pays only when a map asks.
    The maker runs at most once; if it fails, the race has no units (the
    maker reports why), never a broken snapshot.
    """

    __slots__ = ("_make", "_units")

    def __init__(self, make: Callable[[], tuple[UnitResult, ...]]) -> None:
        self._make: Callable[[], tuple[UnitResult, ...]] | None = make
        self._units: tuple[UnitResult, ...] | None = None

    def _made(self) -> tuple[UnitResult, ...]:
        if self._units is None:
            make, self._make = self._make, None
            self._units = make() if make is not None else ()
        return self._units

    @overload
    def __getitem__(self, index: int) -> UnitResult: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[UnitResult, ...]: ...
    def __getitem__(self, index: int | slice) -> UnitResult | tuple[UnitResult, ...]:
        """Sequence: a unit, or a slice of them."""
        return self._made()[index]

    def __len__(self) -> int:
        """Sequence: how many units."""
        return len(self._made())

    def __iter__(self) -> Iterator[UnitResult]:
        """Sequence: the units in the feed's order."""
        return iter(self._made())

    def __eq__(self, other: object) -> bool:
        """Equal to another sequence of the same units."""
        if isinstance(other, LazyUnits | tuple):
            return self._made() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        """Hashed as the tuple of its units."""
        return hash(self._made())

    def __repr__(self) -> str:
        """Unmade units say so rather than being made for a repr."""
        if self._units is None:
            return "LazyUnits(<not read yet>)"
        return f"LazyUnits({self._units!r})"


@dataclass(frozen=True, slots=True)
class Threshold:
    """An exact share of the vote, and whether reaching it exactly is enough.

    Kept as a Fraction so "more than 30%" or "at least 3/5" is decided with
    integers: 600 of 1,000 meets at-least-3/5 and 300 of 1,000 does not meet
    more-than-3/10, with no float rounding either way.
    """

    share: Fraction
    at_least: bool = False
    """True: reaching the share exactly is enough; False: it must be exceeded."""

    def __post_init__(self) -> None:
        if not 0 < self.share <= 1:
            raise ValueError(
                f"a threshold is a share above 0 and at most 1, got {self.share}"
            )

    def met(self, votes: int, total: int) -> bool:
        """Whether ``votes`` of ``total`` reach this threshold (never with no votes)."""
        if total <= 0:
            return False
        scaled = votes * self.share.denominator
        needed = self.share.numerator * total
        return scaled >= needed if self.at_least else scaled > needed

    @property
    def text(self) -> str:
        """The share as a fraction string: ``"1/2"``, ``"3/5"``, ``"1"``."""
        return str(self.share)

    def fewest(self, total: int) -> int:
        """The fewest votes of ``total`` that meet the threshold."""
        scaled = self.share * total
        floor = scaled.numerator // scaled.denominator
        if self.at_least:
            return floor if floor == scaled else floor + 1
        return floor + 1

    def describe(self) -> str:
        """``"more than 50%"`` / ``"at least 60%"``, for the board's words."""
        comparison = "at least" if self.at_least else "more than"
        return f"{comparison} {percent_text(self.share)}"


MAJORITY = Threshold(Fraction(1, 2), at_least=False)
"""More than half: what ``majority_wins`` stands for."""


def percent_text(share: Fraction) -> str:
    """A share as a percentage, exact where it can be: ``"60%"``, ``"66.7%"``."""
    percent = share * 100
    if percent.denominator == 1:
        return f"{percent.numerator}%"
    return f"{float(percent):.1f}%"


class RuleError(ValueError):
    """A rule that says two things at once (both seats and advance, say)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """How many candidates finish inside the cutoff, and what that means.

    A contest either *elects* ``seats`` here (vote for N: one for a single-seat
    general, four for a bench of judges) or *advances* ``advance`` to a later
    round (a top-two primary); exactly one of the two is set. The clinch math
    is the same top-N arithmetic for both; only the words and the outcome
    (won against advances) differ.

    ``Rule()`` is a single seat. ``Rule(advance=1)`` also means a single seat:
    that is what ``advance: 1`` has always meant in native documents ("MOST
    VOTES WINS"), so it is read as ``seats=1``.

    ``outright`` is a threshold that ends the race at once (a majority in the
    Los Angeles primary; more than 30% in a North Carolina primary), else the
    top ``advance`` go on to the runoff. ``majority_wins=True`` is shorthand
    for ``outright=MAJORITY``; after construction ``majority_wins`` is True
    exactly when the threshold is more than 1/2.
    """

    seats: int | None = None
    advance: int | None = None
    majority_wins: bool = False
    outright: Threshold | None = None

    def __post_init__(self) -> None:
        if self.seats is not None and self.advance is not None:
            raise RuleError("a race either elects seats or advances places, not both")
        if self.advance == 1 or (self.seats is None and self.advance is None):
            object.__setattr__(self, "seats", 1)
            object.__setattr__(self, "advance", None)
        if self.majority_wins:
            if self.outright not in (None, MAJORITY):
                raise RuleError("majority_wins and another outright threshold")
            object.__setattr__(self, "outright", MAJORITY)
        object.__setattr__(self, "majority_wins", self.outright == MAJORITY)
        if self.outright is not None and (self.seats or 1) > 1:
            raise RuleError("an outright threshold needs one seat or an advance rule")

    @property
    def places(self) -> int:
        """N: the places inside the cutoff, seats or advancing alike."""
        if self.seats is not None:
            return self.seats
        assert self.advance is not None
        return self.advance

    @property
    def elects(self) -> bool:
        """Whether finishing inside the cutoff elects (won) rather than advances."""
        return self.seats is not None

    def describe(self) -> str:
        """The rule in words, for the board's header."""
        places = self.places
        word = _PLACE_WORDS.get(places, str(places))
        if self.outright is not None:
            if self.outright == MAJORITY:
                outright = "Majority wins outright"
            else:
                outright = f"{self.outright.describe().capitalize()} wins outright"
            if places == 1:
                return outright
            return f"{outright}; else top {word} to runoff"
        if self.seats == 1:
            return "Most votes wins"
        if self.seats is not None:
            return f"Vote for {places}; {word} elected"
        return f"Top {word} advance to the general election"


_PLACE_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}


@dataclass(frozen=True, slots=True)
class Measure:
    """A ballot measure: which choice passes it, and what share that needs.

    The race's candidates are the measure's choices (Yes/No, For/Against, or
    named options). It passes once ``passes_with``'s share of all votes on the
    measure cannot fall below ``threshold`` whatever the outstanding vote does,
    and fails once it cannot reach it.
    """

    passes_with: str
    """The id of the choice (one of the race's candidates) that passes it."""
    threshold: Threshold = MAJORITY


class CallOutcome(StrEnum):
    """What a call declares."""

    WON = "won"
    ADVANCE = "advance"
    TOO_CLOSE = "too_close"


@dataclass(frozen=True, slots=True)
class Call:
    """A race call made by the feed's decision desk or by our own."""

    outcome: CallOutcome
    candidate_ids: tuple[str, ...]
    by: str
    at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Race:
    """One contest. Either ``precincts`` or ``totals`` carries the votes."""

    id: str
    name: str
    rule: Rule
    candidates: tuple[Candidate, ...]
    precincts: Sequence[Precinct] = ()
    """A tuple, or a ``PrecinctTable`` where a feed gives thousands."""
    totals: tuple[int, ...] | None = None
    precincts_reporting: int | None = None
    precincts_total: int | None = None
    final: bool = False
    registered_voters: int | None = None
    remaining_ballots: int | None = None
    call: Call | None = None
    missing_from_feed: bool = False
    """The feed stopped listing this race; we keep its last snapshot."""
    measure: Measure | None = None
    """Set for a ballot measure: the candidates are then its choices."""
    uncontested: bool = False
    """The feed says nobody runs against the field (one candidate also is)."""
    expected_votes: int | None = None
    """An estimate of the race's total vote. Informs words; never bounds math."""
    expected_share_counted: float | None = None
    """The feed's own estimate of the vote counted, 0-100 (AP ``eevp``).

    Only an estimate: it informs the words, never the clinch math. When a feed
    gives ``expected_votes`` instead, tabulation derives the share from it.
    """
    problems: tuple[str, ...] = ()
    """What is wrong inside this race, in words for the desk and ``summary``.

    A race with a problem is kept (with its last good figures when it had
    some) while every other race in the document applies.
    """
    electoral_votes: int | None = None
    """Electoral votes at stake (AP ``electTotal``), for balance of power."""
    vote_types: tuple[str, ...] = ()
    """Vote type names (Election Day, Early, Absentee ...), where a feed gives them."""
    votes_by_type: tuple[tuple[int, ...], ...] | None = None
    """Per candidate (aligned with ``candidates``), votes per ``vote_types`` entry.

    The published total (``totals``) stays the total; a disagreement with the
    sum of the types is reported by tabulation as a problem.
    """
    ranked_choice: RankedChoice | None = None
    """Set for a ranked-choice race: the votes are then its first choices."""
    office: str | None = None
    """The office as the feed names it ("U.S. Senate", "Mayor"), for filters."""
    state: str | None = None
    """The state's postal code ("FL"), where the feed says, for filters and maps."""
    seat: str | None = None
    """The seat within the office ("District 2"), where the feed says."""
    units: Sequence[UnitResult] = field(default=(), compare=False)
    """County (or town) results where the feed gives them, for maps: a tuple,
    or ``LazyUnits`` made when a map first reads them. Left out of equality:
    units sum to the race's own figures, which equality compares."""

    @property
    def is_ranked_choice(self) -> bool:
        """Whether this race is decided by ranked-choice rounds."""
        return self.ranked_choice is not None

    @property
    def is_measure(self) -> bool:
        """Whether this race is a ballot measure rather than a candidate race."""
        return self.measure is not None

    def candidate_index(self, candidate_id: str) -> int:
        """Position of a candidate in this race's vote tuples."""
        for index, candidate in enumerate(self.candidates):
            if candidate.id == candidate_id:
                return index
        raise KeyError(candidate_id)


@dataclass(frozen=True, slots=True)
class Election:
    """A whole feed document: every race as of ``updated``."""

    id: str
    name: str
    date: dt.date
    updated: dt.datetime
    races: tuple[Race, ...] = field(default_factory=tuple)
    test: bool = False
    time_zone: str | None = None
    """The IANA name of the election's zone ("America/Los_Angeles"), where the
    feed says; every time on air and on the desk is shown in it."""

    def race(self, race_id: str) -> Race:
        """The race with this id."""
        for race in self.races:
            if race.id == race_id:
                return race
        raise KeyError(race_id)
