"""The hot loop of a native statewide parse: wire precincts to model precincts.

A statewide feed has 25,000 precinct rows. Each step here is one C-level
``map`` over a column (ids, names, votes, ...), so the common case runs no
Python bytecode per row. The checks ``check_race`` would make in a second pass
over the rows (an id listed twice, more votes than registered voters, the
race's vote sum) are read from the same columns as ``PrecinctFacts`` and raised
by ``check_built`` in ``check_race``'s own order, with its words.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from operator import attrgetter, itemgetter
from typing import Annotated, NamedTuple

import msgspec

from electionboard.model import (
    MAX_VOTES,
    InvalidRaceError,
    Precinct,
    Race,
    check_race,
)
from electionboard.model.makers import positional_maker
from electionboard.model.validation import MAX_RACE_VOTES, check_precinct

Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_VOTES)]
"""A count in a precinct row, bounded where the model bounds it."""


class WirePrecinct(msgspec.Struct, frozen=True, gc=False):
    """One precinct row as the feed spells it."""

    id: str
    reporting: bool
    votes: dict[str, Count]
    name: str | None = None
    registered_voters: Count | None = None


class PrecinctFacts(NamedTuple):
    """What ``check_race`` would find by walking the precincts again."""

    duplicate: str | None
    """The first id listed a second time, if any."""
    over_registered: Precinct | None
    """The first precinct with more votes than registered voters, if any."""
    votes: int
    """Every vote in every precinct."""


NO_PRECINCTS = PrecinctFacts(None, None, 0)

_ID = attrgetter("id")
_NAME = attrgetter("name")
_REPORTING = attrgetter("reporting")
_VOTES = attrgetter("votes")
_REGISTERED = attrgetter("registered_voters")
_new_tuple = tuple.__new__


class Aligner:
    """Turns ``{candidate id: votes}`` into a tuple in candidate order, fast.

    The common case (every candidate listed once) is one C-level itemgetter
    call; anything else takes the slow path that names the problem.
    """

    def __init__(self, race_id: str, ids: list[str]) -> None:
        self._race_id = race_id
        self._ids = ids
        self._known = frozenset(ids)
        self._count = len(ids)
        self._get: Callable[[dict[str, int]], tuple[int, ...]]
        self.count = len(ids)
        """How many candidates: a votes mapping of another size is no fast case."""
        self.many: Callable[[dict[str, int]], tuple[int, ...]] | None = None
        """The C-level getter when there are two or more candidates (it then
        returns a tuple); None otherwise."""
        if len(ids) > 1:
            self._get = self.many = itemgetter(*ids)
        elif ids:
            getter = itemgetter(ids[0])
            self._get = lambda votes: (getter(votes),)
        else:
            self._get = lambda _votes: ()

    def __call__(
        self,
        votes: dict[str, int],
        precinct_id: str | None,
        *,
        field: str = "precincts",
    ) -> tuple[int, ...]:
        if len(votes) == self._count:
            try:
                return tuple(self._get(votes))
            except KeyError:
                pass
        unknown = sorted(set(votes) - self._known)
        if unknown:
            where = "totals" if precinct_id is None else f"{field}[{precinct_id}].votes"
            raise InvalidRaceError(
                self._race_id, where, f"unknown candidate {unknown[0]!r}"
            )
        return tuple(votes.get(candidate_id, 0) for candidate_id in self._ids)


def build_precincts(
    wires: list[WirePrecinct], align: Aligner
) -> tuple[tuple[Precinct, ...], PrecinctFacts]:
    """The race's precincts, votes in candidate order, and what they hold.

    One pass over the rows: each is read once while it is in the cache (a
    pass per column was slower, memory bound). The common row (every
    candidate listed once) is one C-level itemgetter call, a sum and a tuple
    build; anything else goes through ``align``, which names the problem.
    Rows with no votes yet (every precinct before it reports) share one
    tuple of zeros: one object the collector scans instead of thousands.

    Raises:
        InvalidRaceError: a row names a candidate the race does not list.
    """
    get = align.many
    count = align.count
    made: list[Precinct] = []
    append = made.append
    seen: set[str] = set()
    see = seen.add
    over: Precinct | None = None
    total = 0
    nothing = (0,) * count
    for p in wires:
        votes = p.votes
        if get is not None and len(votes) == count:
            try:
                aligned = get(votes)
            except KeyError:
                aligned = align(votes, p.id)
        else:
            aligned = align(votes, p.id)
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


def first_duplicate(ids: Iterable[str]) -> str | None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            return item
        seen.add(item)
    return None


def check_built(race: Race, facts: PrecinctFacts) -> None:
    """``check_race(race, counts_checked=True)`` without walking the precincts.

    ``check_race`` checks the rule and candidates, then the precincts, then
    everything else. The rule and candidates are checked by ``check_race`` on
    a copy holding only them (the native parser sets nothing else it checks
    on a candidate); the precincts from ``facts``, in ``check_race``'s order
    and words; the rest by ``check_race`` on a copy without precincts, whose
    vote sum is then only its totals (none: a precinct race has no totals).
    Where the facts hold no problem, that last copy alone decides, for its
    first problem is then the race's own.

    Raises:
        InvalidRaceError: the first problem ``check_race`` would report.
    """
    if not race.precincts:
        check_race(race, counts_checked=True)
        return
    without = _without_precincts(race)
    clean = facts.duplicate is None and facts.over_registered is None
    if clean and facts.votes <= MAX_RACE_VOTES:
        # No precinct problem: the copy's first problem is the race's.
        check_race(without, counts_checked=True)
        return
    check_race(Race(race.id, race.name, race.rule, race.candidates))
    if facts.duplicate is not None:
        raise InvalidRaceError(
            race.id, "precincts", f"duplicate id {facts.duplicate!r}"
        )
    if facts.over_registered is not None:
        check_precinct(race, facts.over_registered)
    if facts.votes > MAX_RACE_VOTES:
        raise InvalidRaceError(
            race.id, "votes", f"more than {MAX_RACE_VOTES:,} votes in all"
        )
    check_race(without, counts_checked=True)


_RACE_FIELDS = tuple(field.name for field in dataclasses.fields(Race))
_make_race = positional_maker(Race)


def _without_precincts(race: Race) -> Race:
    """``dataclasses.replace(race, precincts=())``, in a fifth of the time."""
    return _make_race(
        *[() if name == "precincts" else getattr(race, name) for name in _RACE_FIELDS]
    )
