"""A race's county results for the map: who leads each county, by how much.

Feeds report units: counties (AP, with a FIPS code; Clarity, by name only)
or towns that carry their county's code (Maine, Massachusetts). Units roll up
into the state's counties here, by code first, then by name. A unit that
matches no county is listed for the desk with the reason, never dropped
silently: a county shown as not reporting when its votes are in would mislead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from electionboard.model.election import Race, UnitResult
from electionboard.model.us_states import UsState, us_state


@dataclass(frozen=True, slots=True)
class CountyResult:
    """One county's votes, summed over its units.

    ``votes`` is aligned with the race's candidates. ``leader`` is None while
    the county has no votes or its first place is tied; ``margin_points`` is
    then None too (no votes) or 0.0 (a tie).
    """

    fips: str
    name: str
    votes: tuple[int, ...]
    leader: str | None
    margin_points: float | None
    precincts_reporting: int | None
    precincts_total: int | None
    units: int
    """How many of the feed's units rolled up into this county."""

    @property
    def total_votes(self) -> int:
        """Every vote counted in the county."""
        return sum(self.votes)

    @property
    def not_reporting(self) -> bool:
        """No votes and no precinct in: nothing to colour yet."""
        return self.total_votes == 0 and not self.precincts_reporting

    @property
    def tied(self) -> bool:
        """Votes are in and two or more share first place."""
        return self.total_votes > 0 and self.leader is None

    @property
    def counted(self) -> float | None:
        """The share of precincts in, 0 to 1, where the feed says."""
        if self.precincts_total is None or self.precincts_reporting is None:
            return None
        if self.precincts_total <= 0:
            return None
        return min(1.0, self.precincts_reporting / self.precincts_total)


@dataclass(frozen=True, slots=True)
class UnmatchedUnit:
    """A unit no county took, and why, for the desk."""

    unit: UnitResult
    reason: str


@dataclass(frozen=True, slots=True)
class CountyResults:
    """Every county of the state (in the shapes' order) and what did not match."""

    state: UsState
    counties: Mapping[str, CountyResult]
    unmatched: tuple[UnmatchedUnit, ...]

    def leading_counts(self) -> dict[str, int]:
        """How many counties each candidate leads (only those leading any)."""
        counts: dict[str, int] = {}
        for county in self.counties.values():
            if county.leader is not None:
                counts[county.leader] = counts.get(county.leader, 0) + 1
        return counts


_DROPPED_WORDS = frozenset({"county", "parish"})
_PUNCTUATION = re.compile(r"[^\w\s]")


def county_key(name: str) -> str:
    """A county's name reduced so feed and shapes spellings meet.

    Case, spaces, punctuation and the words "County" and "Parish" are
    ignored, and "Saint" is "St": "ST. LUCIE COUNTY", "Saint Lucie" and
    "St Lucie" are one key, as are "DeKalb" and "De Kalb".
    """
    words = _PUNCTUATION.sub(" ", name.casefold()).split()
    kept = ["st" if word == "saint" else word for word in words]
    return "".join(word for word in kept if word not in _DROPPED_WORDS)


def leader_and_margin(
    votes: Sequence[int], ids: Sequence[str]
) -> tuple[str | None, float | None]:
    """The candidate first in ``votes`` and the lead in points over second.

    No votes: (None, None). Two or more tied for first: (None, 0.0).
    """
    total = sum(votes)
    if total <= 0 or not votes:
        return None, None
    order = sorted(range(len(votes)), key=lambda i: -votes[i])
    first = votes[order[0]]
    second = votes[order[1]] if len(order) > 1 else 0
    if first == second:
        return None, 0.0
    return ids[order[0]], (first - second) * 100 / total


def _summed(values: Iterable[int | None]) -> int | None:
    """The sum, or None when any unit does not say."""
    total = 0
    for value in values:
        if value is None:
            return None
        total += value
    return total


def _match(
    units: Iterable[UnitResult],
    state: UsState,
    county_names: Mapping[str, str],
    width: int,
) -> tuple[dict[str, list[UnitResult]], list[UnmatchedUnit]]:
    """Each county's units, and every unit that found no county."""
    by_key: dict[str, list[str]] = {}
    for fips, name in county_names.items():
        by_key.setdefault(county_key(name), []).append(fips)
    matched: dict[str, list[UnitResult]] = {fips: [] for fips in county_names}
    unmatched: list[UnmatchedUnit] = []
    for unit in units:
        if len(unit.votes) != width:
            unmatched.append(
                UnmatchedUnit(
                    unit,
                    f"votes for {len(unit.votes)} candidates; the race has {width}",
                )
            )
            continue
        fips = (unit.fips or "").strip()
        if fips in matched:
            matched[fips].append(unit)
            continue
        if fips and fips[:2] != state.fips:
            unmatched.append(UnmatchedUnit(unit, f"FIPS {fips} is not in {state.name}"))
            continue
        found = by_key.get(county_key(unit.name), [])
        if len(found) == 1:
            matched[found[0]].append(unit)
            continue
        if len(found) > 1:
            reason = f"the name {unit.name!r} fits {len(found)} counties"
        elif fips:
            reason = f"no {state.name} county has FIPS {fips} or the name {unit.name!r}"
        else:
            reason = f"no {state.name} county is named {unit.name!r}"
        unmatched.append(UnmatchedUnit(unit, reason))
    return matched, unmatched


def county_results(
    race: Race, state_fips_or_postal: str, county_names: Mapping[str, str]
) -> CountyResults:
    """Roll the race's units up into the state's counties.

    ``county_names`` is every county the map draws (FIPS code to name, in
    drawing order); each gets a result, not reporting when no unit matched.

    Raises:
        KeyError: the state code names no state.
    """
    state = us_state(state_fips_or_postal)
    ids = [candidate.id for candidate in race.candidates]
    matched, unmatched = _match(race.units, state, county_names, len(ids))
    counties: dict[str, CountyResult] = {}
    for fips, units in matched.items():
        votes = tuple(sum(unit.votes[i] for unit in units) for i in range(len(ids)))
        leader, margin = leader_and_margin(votes, ids)
        counties[fips] = CountyResult(
            fips=fips,
            name=county_names[fips],
            votes=votes,
            leader=leader,
            margin_points=margin,
            precincts_reporting=_summed(u.precincts_reporting for u in units)
            if units
            else None,
            precincts_total=_summed(u.precincts_total for u in units)
            if units
            else None,
            units=len(units),
        )
    return CountyResults(state=state, counties=counties, unmatched=tuple(unmatched))
