"""What every screen is drawn from: the results of one snapshot, and its options.

Screens other than the race board take one of these on each poll; the words
and layout each makes of it live in the presentation layer, so they are
tested without Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from electionboard.model.election import Election
from electionboard.model.screens import DEFAULT_OPTIONS, ScreenOptions
from electionboard.model.standings import RaceStandings
from electionboard.model.trend import TrendSample
from electionboard.presentation.content import DEFAULT_STYLE, AirStyle


@dataclass(frozen=True, slots=True)
class ScreenInput:
    """A snapshot as a screen needs it.

    Attributes:
        election: the snapshot (its ``updated`` time, test flag, zone).
        standings: every race's standings, in the feed's order.
        race_id: the entry's race (trend, map); "" for many-race screens.
        options: the stack entry's screen options.
        style: the station's words.
        zone: the zone every time is shown in.
        history: each race's samples over the night, oldest first (trend).
    """

    election: Election
    standings: tuple[RaceStandings, ...]
    race_id: str = ""
    options: ScreenOptions = DEFAULT_OPTIONS
    style: AirStyle = DEFAULT_STYLE
    zone: dt.tzinfo | None = None
    history: Mapping[str, tuple[TrendSample, ...]] = field(default_factory=dict)

    @property
    def test_data(self) -> bool:
        """TEST DATA slug on: the feed says its figures are test figures."""
        return self.election.test

    def race(self) -> RaceStandings | None:
        """The entry's own race, if the snapshot has it."""
        return next((s for s in self.standings if s.race.id == self.race_id), None)
