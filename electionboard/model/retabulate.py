"""Tabulate only the races a poll changed, and reuse the standings of the rest.

An AP ``nextrequest`` answer carries a tenth of a national night's races;
merged into the held election, the other nine tenths are the very race
objects tabulated last poll. Tabulation is a pure function of the race (and
the too-close share), so their standings are reused as they are.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from electionboard.model.columns import ColumnsMemo
from electionboard.model.election import Election
from electionboard.model.pacing import pause_point
from electionboard.model.standings import RaceStandings
from electionboard.model.tabulate import (
    DEFAULT_TOO_CLOSE_SHARE,
    race_columns,
    tabulate,
)


def retabulate(
    previous: Sequence[RaceStandings],
    election: Election,
    changed: Collection[str],
    too_close_share: float = DEFAULT_TOO_CLOSE_SHARE,
    memo: ColumnsMemo | None = None,
) -> tuple[RaceStandings, ...]:
    """Standings equal to ``tabulate_election(election, None, too_close_share)``.

    ``previous`` must come from the same ``too_close_share`` with no desk
    calls. A race whose id is in ``changed`` is tabulated again; any other is
    reused only when its previous standings were computed for an equal race
    (the same object, in a merge), so a wrong ``changed`` costs time, never a
    wrong figure. ``memo`` is ``tabulate_election``'s.
    """
    known = {standing.race.id: standing for standing in previous}
    result = []
    for race in election.races:
        pause_point()  # a frame being painted goes first (model/pacing.py)
        standing = None if race.id in changed else known.get(race.id)
        if standing is None or not (standing.race is race or standing.race == race):
            standing = tabulate(
                race,
                too_close_share=too_close_share,
                columns=race_columns(race, memo),
            )
        result.append(standing)
    return tuple(result)
