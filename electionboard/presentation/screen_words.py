"""What the producer's lists call a stack entry of each board kind.

"Big board · Mayor · CA (6)" or "Trend · Mayor of Los Angeles": the console's
stack list, tally captions and the director's sentences all name an entry
this way, so a producer never has to guess which screen is next.
"""

from __future__ import annotations

from electionboard.model.screens import ScreenKind, ScreenOptions
from electionboard.model.stacks import StackEntry

KIND_NAMES: dict[ScreenKind, str] = {
    ScreenKind.RACE: "Race",
    ScreenKind.BIG_BOARD: "Big board",
    ScreenKind.LOWER_THIRD: "Lower third",
    ScreenKind.TICKER: "Ticker",
    ScreenKind.TREND: "Trend",
    ScreenKind.BALANCE: "Balance of power",
    ScreenKind.MAP: "County map",
}


def selection_words(options: ScreenOptions) -> str:
    """Which races a many-race screen shows: pins, filter, or every race."""
    if options.races:
        count = len(options.races)
        return f"{count} pinned race{'s' if count != 1 else ''}"
    parts = [part for part in (options.office, options.state) if part]
    return " · ".join(parts) if parts else "every race"


def entry_label(entry: StackEntry, race_name: str) -> str:
    """The entry's name in lists; ``race_name`` is its race's (race, trend, map)."""
    kind = entry.screen
    if kind is ScreenKind.RACE:
        return race_name
    name = KIND_NAMES[kind]
    options = entry.options
    if kind in (ScreenKind.TREND, ScreenKind.MAP):
        return f"{name} · {race_name}" if race_name else name
    words = options.chamber or selection_words(options)
    if kind is ScreenKind.BIG_BOARD:
        return f"{name} · {words} ({options.grid})"
    if kind is ScreenKind.LOWER_THIRD and options.l_bar:
        return f"L-bar · {words}"
    if kind is ScreenKind.BALANCE and options.electoral:
        return f"{name} · electoral votes · {words}"
    return f"{name} · {words}"
