"""Which races a many-race screen shows, its options, and entries made from a race."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electionboard.model import tabulate_election
from electionboard.model.screens import ScreenKind, ScreenOptions, selected_races
from electionboard.model.stacks import StackEntry, new_entry
from tests.builders import election, race


def feed_races() -> list[object]:
    races = [
        dataclasses.replace(race([5, 3]), id="fl-h1", office="U.S. House", state="FL"),
        dataclasses.replace(race([2, 9]), id="fl-s", office="U.S. Senate", state="FL"),
        dataclasses.replace(race([4, 4]), id="me-h1", office="U.S. House", state="ME"),
        dataclasses.replace(race([1, 0]), id="mayor"),
    ]
    return list(tabulate_election(election(*races)))


def ids(options: ScreenOptions) -> list[str]:
    return [s.race.id for s in selected_races(feed_races(), options)]  # type: ignore[arg-type]


def test_pins_come_in_the_producers_order_and_unknown_ids_are_skipped() -> None:
    assert ids(ScreenOptions(races=("mayor", "nope", "fl-h1"))) == ["mayor", "fl-h1"]


def test_filters_keep_the_feeds_order_and_ignore_case() -> None:
    assert ids(ScreenOptions(office="u.s. house")) == ["fl-h1", "me-h1"]
    assert ids(ScreenOptions(state="fl")) == ["fl-h1", "fl-s"]
    assert ids(ScreenOptions(office="U.S. House", state="ME")) == ["me-h1"]
    assert ids(ScreenOptions()) == ["fl-h1", "fl-s", "me-h1", "mayor"]


def test_pins_win_over_filters() -> None:
    assert ids(ScreenOptions(races=("me-h1",), state="FL")) == ["me-h1"]


@given(st.lists(st.sampled_from(["fl-h1", "fl-s", "me-h1", "mayor", "x"]), max_size=8))
def test_a_selection_is_always_a_sub_sequence_of_known_races(pins: list[str]) -> None:
    chosen = ids(ScreenOptions(races=tuple(pins)))
    if not pins:
        assert chosen == ["fl-h1", "fl-s", "me-h1", "mayor"]  # no pins: every race
    else:
        assert chosen == list(dict.fromkeys(p for p in pins if p != "x"))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"grid": 5}, "4, 6 or 9"),
        ({"race_dwell": 0}, "race_dwell"),
        ({"speed": -1}, "speed"),
        ({"seats_needed": 0}, "seats_needed"),
    ],
)
def test_impossible_options_are_refused(
    options: dict[str, float], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        ScreenOptions(**options)  # type: ignore[arg-type]


def test_entries_made_from_a_race() -> None:
    assert new_entry(ScreenKind.TREND, "fl-s", "U.S. Senate", "FL") == StackEntry(
        "fl-s", screen=ScreenKind.TREND
    )
    big = new_entry(ScreenKind.BIG_BOARD, "fl-h1", "U.S. House", "FL")
    assert big.race_id == ""
    assert big.options == ScreenOptions(office="U.S. House")
    balance = new_entry(ScreenKind.BALANCE, "fl-h1", "U.S. House", "FL")
    assert balance.options == ScreenOptions(office="U.S. House", state="FL")
    # A feed that names no office: the race itself is pinned.
    assert new_entry(ScreenKind.LOWER_THIRD, "mayor", None, None).options.races == (
        "mayor",
    )
    assert new_entry(ScreenKind.TICKER, "mayor", None, None).options == ScreenOptions()
