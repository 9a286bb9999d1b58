"""The L-bar's column without Qt: which races it lists, their words, its slots."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electionboard.model import RaceStandings, tabulate
from electionboard.presentation import geometry as g
from electionboard.presentation import lbar
from electionboard.presentation import lower_third as lt
from tests.ui.screens.strip_inputs import la_night, made_up


def standings(race_id: str) -> RaceStandings:
    """One of the made-up races (the governor's race called for Ann Lee)."""
    return next(s for s in made_up().standings if s.race.id == race_id)


def chars(text: str) -> float:
    """A stand-in measure: every character 10 units wide."""
    return 10.0 * len(text)


def test_a_block_names_the_leader_and_second_with_the_check_and_reporting() -> None:
    entry = lbar.column_entry(standings("gov"))
    assert entry.title == "GOVERNOR"
    assert [(line.name, line.checked) for line in entry.lines] == [
        ("Lee", True),
        ("Park", False),
    ]
    assert entry.lines[0].share == pytest.approx(49.7, abs=0.05)
    assert entry.reporting == "50% IN"
    assert len(lbar.column_entry(standings("gov"), places=3).lines) == 3


def test_a_block_before_any_vote_names_nobody() -> None:
    entry = lbar.column_entry(standings("cd1"))
    assert entry.lines == ()
    assert entry.reporting == "50% IN"  # the builder's 1 of 2 precincts


def test_the_footer_says_the_election_and_its_time_in_its_zone() -> None:
    data = la_night(-1)
    footer = lbar.column_footer(data.election, None)
    assert footer.name == "LOS ANGELES PRIMARY NOMINATING ELECTION"
    assert footer.as_of[0].startswith("RESULTS AS OF ")
    assert footer.as_of[-1].endswith(("AM", "PM"))
    utc = lbar.column_footer(data.election, dt.UTC)
    assert utc.as_of != footer.as_of  # Los Angeles is never UTC


@given(
    st.lists(st.text("abcdef", min_size=1, max_size=3), unique=True, max_size=8),
    st.lists(st.text("uvwxyz", min_size=1, max_size=3), unique=True, max_size=4),
    st.integers(0, 10),
    st.integers(1, 3),
)
def test_the_column_lists_the_cycle_next_then_the_others(
    cycle: list[str], others: list[str], at: int, count: int
) -> None:
    current = cycle[at % len(cycle)] if cycle else None
    listed = lbar.column_races(cycle, current, [*cycle, *others], count)
    assert current not in listed
    assert len(set(listed)) == len(listed)
    coming = lt.upcoming(cycle, current, count) if current else ()
    assert listed[: len(coming)] == coming  # the cycle's order first
    rest = [r for r in [*cycle, *others] if r != current and r not in coming]
    assert listed[len(coming) :] == tuple(rest[: count - len(coming)])
    assert len(listed) == min(count, len({*cycle, *others} - {current}))


def test_the_column_fills_in_with_races_outside_the_cycle() -> None:
    assert lbar.column_races(["a"], "a", ["a", "b", "c", "d"], 3) == ("b", "c", "d")
    assert lbar.column_races(["a", "b"], "a", ["c", "a", "b"], 3) == ("b", "c")
    assert lbar.column_races([], None, ["c", "d"], 1) == ("c",)


@pytest.mark.parametrize(
    ("title", "room", "lines"),
    [
        ("GOVERNOR", 200, ("GOVERNOR",)),
        (
            "LOS ANGELES CITY COUNCIL DISTRICT 1",
            200,
            ("LOS ANGELES CITY", "COUNCIL DISTRICT 1"),
        ),
        (
            "COLORADO · PROPOSITION - BB RETAIN REVENUE",
            250,
            ("COLORADO · PROPOSITION -", "BB RETAIN REVENUE"),
        ),
        (
            "COLORADO · PROPOSITION - BB RETAIN REVENUE",
            220,
            ("COLORADO · PROPOSITION", "BB RETAIN REVENUE"),
        ),
        ("SUPERCALIFRAGILISTIC", 100, ("SUPERCALIFRAGILISTIC",)),
    ],
)
def test_a_title_takes_one_line_or_two_never_an_ellipsis_where_two_fit(
    title: str, room: float, lines: tuple[str, ...]
) -> None:
    got = lbar.title_lines(title, chars, room)
    assert got == lines
    if len(got) == 2:
        assert all(chars(line) <= room for line in got)
        assert " ".join(got) in (title, title.replace(" - ", " "))
        assert not got[1].startswith(("-", "·"))


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_the_column_runs_from_title_safe_top_to_the_strip(count: int) -> None:
    layout = lbar.column_layout(count)
    column = layout.column
    strip = lt.strip_layout(2, l_bar=True)
    assert column.y == g.SAFE_TOP
    assert column.bottom == strip.strip.y  # it meets the strip
    assert column.right == g.SAFE_RIGHT
    assert column.w == lt.COLUMN_WIDTH == strip.status.w
    assert 420 <= column.w <= 480
    assert layout.header.y == g.SAFE_TOP
    assert layout.blocks.y == layout.header.bottom
    assert layout.blocks.y >= 114.0  # under the TEST DATA slug's bottom at 1080
    slots = layout.slots
    assert len(slots) == min(count, lbar.COLUMN_BLOCKS) == min(count, 3)
    assert slots[0].y == layout.blocks.y
    assert slots[-1].bottom == pytest.approx(column.bottom)
    for upper, lower in itertools.pairwise(slots):
        assert upper.bottom == pytest.approx(lower.y)
    assert all(slot.h >= lbar.BLOCK_HEIGHT for slot in slots)


def test_taller_blocks_name_more_candidates() -> None:
    heights = [lbar.column_layout(n).slots[0].h for n in (3, 2, 1)]
    places = [lbar.block_places(h) for h in heights]
    assert places == [2, 4, lbar.MOST_PLACES]
    assert lbar.block_places(0) == 2


def test_a_feed_without_precincts_says_votes_counted() -> None:
    race = dataclasses.replace(
        made_up().standings[0].race, precincts_reporting=0, precincts_total=0
    )
    assert lbar.column_entry(tabulate(race)).reporting.endswith(" VOTES")


def test_a_feed_with_an_expected_vote_says_its_estimate() -> None:
    race = dataclasses.replace(made_up().standings[0].race, expected_share_counted=41.9)
    assert lbar.column_entry(tabulate(race)).reporting == "EST. 41% IN"
