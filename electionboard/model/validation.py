"""Checks that a race is internally consistent before anything trusts it.

Parsers and the operator desk both call these, so a bad feed and a bad entry
are rejected by the same rules with the same words.
"""

from __future__ import annotations

from collections.abc import Iterable

from electionboard.model.election import Election, Precinct, Race


class InvalidRaceError(ValueError):
    """A race breaks a rule; the message names the race and the field."""

    def __init__(self, race_id: str, field: str, problem: str) -> None:
        super().__init__(f"race {race_id!r}: {field}: {problem}")
        self.race_id = race_id
        self.field = field
        self.problem = problem


def _first_duplicate(ids: Iterable[str]) -> str | None:
    listed = list(ids)
    if len(set(listed)) == len(listed):
        return None
    seen: set[str] = set()
    for item in listed:
        if item in seen:
            return item
        seen.add(item)
    return None


def check_votes(values: Iterable[int]) -> str | None:
    """Why these vote counts are unusable, or None when they are fine."""
    for value in values:
        if type(value) is not int:
            return f"votes must be whole numbers, got {value!r}"
        if value < 0:
            return f"votes cannot be negative, got {value}"
    return None


def check_precinct(race: Race, precinct: Precinct) -> None:
    """Raise when a precinct's votes are malformed or exceed its voters."""
    where = f"precincts[{precinct.id}]"
    if len(precinct.votes) != len(race.candidates):
        raise InvalidRaceError(race.id, where, "votes do not match the candidates")
    if precinct.votes and min(precinct.votes) < 0:
        raise InvalidRaceError(
            race.id,
            f"{where}.votes",
            f"votes cannot be negative, got {min(precinct.votes)}",
        )
    registered = precinct.registered_voters
    if registered is not None:
        if registered < 0:
            raise InvalidRaceError(
                race.id, f"{where}.registered_voters", "cannot be negative"
            )
        cast = sum(precinct.votes)
        if cast > registered:
            raise InvalidRaceError(
                race.id,
                f"{where}.votes",
                f"{cast:,} votes but only {registered:,} registered voters",
            )


def check_race(race: Race, *, counts_checked: bool = False) -> None:
    """Raise InvalidRaceError for the first problem found in ``race``.

    Args:
        race: the race to check.
        counts_checked: the caller's decoder already guaranteed that every
            precinct's votes are non-negative whole numbers, one per
            candidate; only the registered-voter cap is left to check.
    """
    if race.rule.advance < 1:
        raise InvalidRaceError(race.id, "advance", "must be at least 1")
    duplicate = _first_duplicate(c.id for c in race.candidates)
    if duplicate is not None:
        raise InvalidRaceError(race.id, "candidates", f"duplicate id {duplicate!r}")
    duplicate = _first_duplicate(p.id for p in race.precincts)
    if duplicate is not None:
        raise InvalidRaceError(race.id, "precincts", f"duplicate id {duplicate!r}")
    if counts_checked:
        for precinct in race.precincts:
            registered = precinct.registered_voters
            if registered is not None and sum(precinct.votes) > registered:
                check_precinct(race, precinct)
    else:
        for precinct in race.precincts:
            check_precinct(race, precinct)
    if race.totals is not None:
        if len(race.totals) != len(race.candidates):
            raise InvalidRaceError(race.id, "totals", "do not match the candidates")
        problem = check_votes(race.totals)
        if problem:
            raise InvalidRaceError(race.id, "totals", problem)
    for name in ("registered_voters", "remaining_ballots"):
        value = getattr(race, name)
        if value is not None and value < 0:
            raise InvalidRaceError(race.id, name, "cannot be negative")
    if (
        race.precincts_reporting is not None
        and race.precincts_total is not None
        and race.precincts_reporting > race.precincts_total
    ):
        raise InvalidRaceError(
            race.id, "precincts_reporting", "more precincts reporting than exist"
        )
    if race.call is not None:
        known = {c.id for c in race.candidates}
        for candidate_id in race.call.candidate_ids:
            if candidate_id not in known:
                raise InvalidRaceError(
                    race.id, "call.candidates", f"unknown candidate {candidate_id!r}"
                )


def check_election(election: Election) -> None:
    """Raise for duplicate race ids or the first invalid race."""
    duplicate = _first_duplicate(r.id for r in election.races)
    if duplicate is not None:
        raise InvalidRaceError(duplicate, "id", "duplicate race id")
    for race in election.races:
        check_race(race)
