"""Board kinds a stack can hold, their options, and which races each shows.

A stack entry is a race board by default; the other screens (big board,
lower third, ticker, trend, balance of power, county map) carry the options
they need here, as plain data a stack file saves. Which races a many-race
screen shows is decided once, here, so every screen and the export agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from electionboard.model.standings import RaceStandings


class ScreenKind(StrEnum):
    """What a stack entry puts on air."""

    RACE = "race"
    BIG_BOARD = "bigboard"
    LOWER_THIRD = "lower-third"
    TICKER = "ticker"
    TREND = "trend"
    BALANCE = "balance"
    MAP = "map"


MANY_RACE_KINDS = frozenset(
    {
        ScreenKind.BIG_BOARD,
        ScreenKind.LOWER_THIRD,
        ScreenKind.TICKER,
        ScreenKind.BALANCE,
    }
)
"""Screens that show a selection of races rather than the entry's one race."""

BIG_BOARD_GRIDS = (4, 6, 9)
"""Races a big board shows at once."""


class TrendMeasure(StrEnum):
    """What a trend screen draws over the night."""

    SHARE = "share"
    VOTES = "votes"


@dataclass(frozen=True, slots=True)
class ScreenOptions:
    """A screen's settings; each kind reads the ones that concern it.

    Attributes:
        races: race ids pinned by the producer, in order (big board, lower
            third, ticker, balance of power). Empty: the filter below.
        office: only races for this office (case-insensitive), when no pins.
        state: only races in this state (postal code), when no pins.
        grid: races per big board page, one of ``BIG_BOARD_GRIDS``.
        l_bar: the lower third as an L-bar (a side column too).
        race_dwell: seconds each race stays in a cycling lower third.
        speed: the ticker's crawl in pixels per second at 1080 lines.
        measure: the trend's share or votes.
        seats_needed: seats for control of the chamber (balance of power);
            None: more than half of the races selected.
        chamber: the chamber's name on air ("U.S. House · Florida").
        electoral: balance of power counts electoral votes, not seats.
    """

    races: tuple[str, ...] = ()
    office: str | None = None
    state: str | None = None
    grid: int = 6
    l_bar: bool = False
    race_dwell: float = 6.0
    speed: float = 120.0
    measure: TrendMeasure = TrendMeasure.SHARE
    seats_needed: int | None = None
    chamber: str | None = None
    electoral: bool = False

    def __post_init__(self) -> None:
        if self.grid not in BIG_BOARD_GRIDS:
            raise ValueError(f"a big board shows 4, 6 or 9 races, not {self.grid}")
        if self.race_dwell <= 0:
            raise ValueError("race_dwell must be above 0 seconds")
        if self.speed <= 0:
            raise ValueError("the ticker's speed must be above 0 pixels a second")
        if self.seats_needed is not None and self.seats_needed < 1:
            raise ValueError("seats_needed must be at least 1")


DEFAULT_OPTIONS = ScreenOptions()


def file_id(kind: ScreenKind, race_id: str) -> str:
    """What a board's export files are named after.

    A race board: its race ("mayor"); another kind: the kind, with its race
    for a one-race screen ("map_FL-10005", "bigboard").
    """
    if kind is ScreenKind.RACE:
        return race_id
    return f"{kind.value}_{race_id}" if race_id else kind.value


def selected_races(
    standings: Sequence[RaceStandings], options: ScreenOptions
) -> tuple[RaceStandings, ...]:
    """The races a many-race screen shows, in the order it shows them.

    Pinned races come in the producer's order (ids the feed lacks are
    skipped, a race pinned twice shows once); without pins, the feed's races
    for the office and state asked for, in the feed's order; with neither,
    every race.
    """
    if options.races:
        by_id = {s.race.id: s for s in standings}
        pinned = dict.fromkeys(r for r in options.races if r in by_id)
        return tuple(by_id[race_id] for race_id in pinned)
    office = options.office.casefold() if options.office else None
    state = options.state.casefold() if options.state else None
    return tuple(
        s
        for s in standings
        if (office is None or (s.race.office or "").casefold() == office)
        and (state is None or (s.race.state or "").casefold() == state)
    )
