"""The live state of the night: the newest snapshot, desk calls, and standings.

Every mutation goes through one method and notifies subscribers with a typed
change event, so exactly one Qt bridge can turn changes into signals.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from electionboard.model.election import Call, Election
from electionboard.model.standings import RaceStandings
from electionboard.model.tabulate import DEFAULT_TOO_CLOSE_SHARE, tabulate_election


@dataclass(frozen=True, slots=True)
class ResultsChanged:
    """Sent after a snapshot or a desk call changed what the board shows."""

    election: Election
    standings: tuple[RaceStandings, ...]


Subscriber = Callable[[ResultsChanged], None]


class LiveResults:
    """Holds the newest snapshot and its standings; drops anything older."""

    def __init__(self, too_close_share: float = DEFAULT_TOO_CLOSE_SHARE) -> None:
        self._too_close_share = too_close_share
        self._election: Election | None = None
        self._calls: dict[str, Call] = {}
        self._standings: tuple[RaceStandings, ...] = ()
        self._subscribers: list[Subscriber] = []

    @property
    def election(self) -> Election | None:
        """The snapshot on screen, or None before the first one."""
        return self._election

    @property
    def standings(self) -> tuple[RaceStandings, ...]:
        """Standings of every race of the snapshot on screen."""
        return self._standings

    def race_standings(self, race_id: str) -> RaceStandings | None:
        """Standings of one race, or None if the snapshot has no such race."""
        for standings in self._standings:
            if standings.race.id == race_id:
                return standings
        return None

    def subscribe(self, subscriber: Subscriber) -> None:
        """Call ``subscriber`` after every change."""
        self._subscribers.append(subscriber)

    def apply_snapshot(self, election: Election) -> bool:
        """Show ``election`` unless it is older than the one on screen.

        Returns:
            True when the snapshot was applied.
        """
        current = self._election
        if current is not None and election.updated < current.updated:
            return False
        self._election = election
        self._recompute()
        return True

    def set_desk_calls(self, calls: Mapping[str, Call]) -> None:
        """Replace the desk's calls (by race id); they outrank the feed's."""
        self._calls = dict(calls)
        if self._election is not None:
            self._recompute()

    def _recompute(self) -> None:
        assert self._election is not None
        self._standings = tabulate_election(
            self._election, self._calls, self._too_close_share
        )
        change = ResultsChanged(self._election, self._standings)
        for subscriber in self._subscribers:
            subscriber(change)
