"""Fold an incremental response into the snapshot held so far.

AP's ``nextrequest`` answers carry only the races that changed since the last
request, so the board keeps the last full picture and lays each update over it.
"""

from __future__ import annotations

from electionboard.model import Election, Race
from electionboard.model.problems import keep_last_good


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
    races = [keep_last_good(race, fresh.pop(race.id, race)) for race in held.races]
    races.extend(race for race in update.races if race.id in fresh)
    return Election(
        id=update.id,
        name=update.name,
        date=update.date,
        updated=max(held.updated, update.updated),
        races=tuple(races),
        test=held.test or update.test,
    )
