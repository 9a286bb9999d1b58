"""Races kept with a problem: their last good figures stay, marked with why."""

from __future__ import annotations

from dataclasses import replace

from electionboard.model.election import Election, Race


def has_figures(race: Race) -> bool:
    """Whether the race carries any votes (totals or precincts)."""
    return race.totals is not None or bool(race.precincts)


def keep_last_good(held: Race | None, fresh: Race) -> Race:
    """``fresh``, or ``held``'s figures marked with ``fresh``'s problems.

    A parser keeps a race whose own figures contradict each other without
    those figures. When the board already held good figures for it, the desk
    should go on seeing them, with the new problem beside them, rather than a
    race gone blank.
    """
    if held is None or not fresh.problems or has_figures(fresh):
        return fresh
    if not has_figures(held):
        return fresh
    return replace(held, problems=fresh.problems)


def keep_last_good_election(held: Election | None, fresh: Election) -> Election:
    """``fresh`` with ``keep_last_good`` applied race by race against ``held``."""
    if held is None:
        return fresh
    before = {race.id: race for race in held.races}
    races = tuple(keep_last_good(before.get(r.id), r) for r in fresh.races)
    return replace(fresh, races=races)
