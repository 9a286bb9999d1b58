"""Fold an incremental response into the snapshot held so far.

AP's ``nextrequest`` answers carry only the races that changed since the last
request, so the board keeps the last full picture and lays each update over it.
"""

from __future__ import annotations

import dataclasses

from electionboard.model import Election, Race


def merge_elections(held: Election, update: Election) -> Election:
    """``held`` with every race in ``update`` laid over it.

    A race in ``update`` replaces the race with the same id where it stood, so
    the board's order does not shuffle; races only in ``held`` are kept; new
    races follow in ``update``'s order. The result is as new as the newer of
    the two, and is a test snapshot if either is.

    Raises:
        ValueError: the two snapshots are of different elections.
    """
    if held.id != update.id:
        raise ValueError(
            f"cannot merge election {update.id!r} into election {held.id!r}"
        )
    fresh: dict[str, Race] = {race.id: race for race in update.races}
    races = [_laid_over(race, fresh.pop(race.id, race)) for race in held.races]
    races.extend(race for race in update.races if race.id in fresh)
    return Election(
        id=update.id,
        name=update.name,
        date=update.date,
        updated=max(held.updated, update.updated),
        races=tuple(races),
        test=held.test or update.test,
    )


def _laid_over(held: Race, fresh: Race) -> Race:
    """``fresh``, or ``held``'s figures marked with ``fresh``'s problems."""
    if fresh is held or not fresh.problems or fresh.candidates or not held.candidates:
        return fresh
    return dataclasses.replace(held, problems=fresh.problems)
