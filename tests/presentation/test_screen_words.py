"""What the producer's lists call an entry of each board kind."""

from __future__ import annotations

from electionboard.model.screens import ScreenKind, ScreenOptions
from electionboard.model.stacks import StackEntry
from electionboard.presentation.screen_words import KIND_NAMES, entry_label


def test_every_kind_has_a_name() -> None:
    assert set(KIND_NAMES) == set(ScreenKind)


def test_labels_say_the_kind_and_what_it_shows() -> None:
    race = StackEntry("mayor")
    assert entry_label(race, "Mayor") == "Mayor"
    trend = StackEntry("mayor", screen=ScreenKind.TREND)
    assert entry_label(trend, "Mayor") == "Trend · Mayor"
    big = StackEntry(
        "", screen=ScreenKind.BIG_BOARD, options=ScreenOptions(office="House", grid=9)
    )
    assert entry_label(big, "") == "Big board · House (9)"
    pins = ScreenOptions(races=("a", "b"), l_bar=True)
    lbar = StackEntry("", screen=ScreenKind.LOWER_THIRD, options=pins)
    assert entry_label(lbar, "") == "L-bar · 2 pinned races"
    ticker = StackEntry("", screen=ScreenKind.TICKER)
    assert entry_label(ticker, "") == "Ticker · every race"
    chamber = ScreenOptions(chamber="City Council", electoral=False)
    balance = StackEntry("", screen=ScreenKind.BALANCE, options=chamber)
    assert entry_label(balance, "") == "Balance of power · City Council"
