"""The lower third's words, its cycle and where its strip sits, without Qt."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electionboard.model import Call, CallOutcome, RaceStandings, tabulate
from electionboard.presentation import geometry as g
from electionboard.presentation import lower_third as lt
from tests import builders
from tests.ui.screens.strip_inputs import la_night, made_up


def standings(race_id: str) -> RaceStandings:
    """One of the made-up races (the governor's race called for Ann Lee)."""
    return next(s for s in made_up().standings if s.race.id == race_id)


def test_strip_names_the_top_three_in_rank_order_with_the_call_checked() -> None:
    content = lt.strip_content(standings("gov"))
    assert [c.name for c in content.candidates] == ["Ann Lee", "Bo Park", "Cy Dee"]
    assert [c.checked for c in content.candidates] == [True, False, False]
    assert content.title == "GOVERNOR"
    assert content.call_words[0] == "AP CALL · ANN LEE WINS"
    assert content.call_words[-1] == "CALLED"
    assert lt.strip_content(standings("gov"), places=2).candidates[-1].name == "Bo Park"


def test_a_race_not_called_has_no_call_words() -> None:
    assert lt.strip_content(standings("ag")).call_words == ()


def test_advance_call_names_both_and_a_too_close_call_is_not_a_call() -> None:
    race = builders.race(
        [50, 30, 20], advance=2, names=["Ann Lee", "Bo Park", "Cy Dee"]
    )
    advanced = dataclasses.replace(
        race, call=Call(CallOutcome.ADVANCE, ("ann lee", "bo park"), "AP")
    )
    words = lt.call_words(tabulate(advanced))
    assert words[0] == "AP CALL · ANN LEE AND BO PARK ADVANCE"
    assert words[2] == "LEE AND PARK ADVANCE"
    close = dataclasses.replace(race, call=Call(CallOutcome.TOO_CLOSE, (), "AP"))
    content = lt.strip_content(tabulate(close))
    assert content.call_words == ()
    assert content.too_close


def test_reporting_rounds_down_and_says_under_one_percent() -> None:
    la = la_night(-1).standings[0]
    assert lt.reporting(la) == ("100%", "IN")
    partial = tabulate(builders.race([10, 5]))  # 1 of 2 precincts
    assert lt.reporting(partial) == ("50%", "IN")
    few = tabulate(dataclasses.replace(builders.race([10, 5]), precincts_total=6089))
    assert lt.reporting(few) == ("<1%", "IN")
    no_precincts = tabulate(
        dataclasses.replace(
            builders.race([1200, 34]), precincts_reporting=0, precincts_total=0
        )
    )
    assert lt.reporting(no_precincts) == ("1,234", "VOTES")


@pytest.mark.parametrize(
    ("votes", "words"),
    [
        (0, "0"),
        (9_999, "9,999"),
        (10_000, "10K"),
        (188_462, "188K"),
        (999_999, "999K"),
        (1_000_000, "1.0M"),
        (1_899_999, "1.8M"),
        (18_812_440, "18.8M"),
    ],
)
def test_compact_votes_round_down(votes: int, words: str) -> None:
    assert lt.compact_votes(votes) == words


def test_the_la_primary_advances_bass_and_caruso() -> None:
    content = lt.strip_content(la_night(-1).standings[0])
    assert content.title == "MAYOR OF LOS ANGELES"
    assert [c.short_name for c in content.candidates[:2]] == ["Bass", "Caruso"]
    assert [c.checked for c in content.candidates] == [True, True, False]
    assert content.call_words[1] == "KAREN BASS AND RICK CARUSO ADVANCE"


@given(
    st.lists(st.text("abcdef", min_size=1, max_size=3), unique=True, max_size=8),
    st.integers(0, 10),
    st.integers(0, 6),
)
def test_upcoming_is_the_next_races_without_the_current_or_repeats(
    ids: list[str], at: int, count: int
) -> None:
    if not ids:
        assert lt.upcoming(ids, "x", count) == ()
        return
    current = ids[at % len(ids)]
    after = lt.upcoming(ids, current, count)
    assert current not in after
    assert len(set(after)) == len(after) == min(count, len(ids) - 1)
    for n, race_id in enumerate(after, start=1):
        assert race_id == ids[(ids.index(current) + n) % len(ids)]


def on_show(cycle: lt.RaceCycle) -> str | None:
    """The race on show, read afresh (not narrowed from an earlier check)."""
    return cycle.current


def test_cycle_wraps_and_keeps_its_race_through_a_new_selection() -> None:
    cycle = lt.RaceCycle()
    assert cycle.set_races(["a", "b", "c"])
    assert [cycle.current, cycle.advance(), cycle.advance(), cycle.advance()] == [
        "a",
        "b",
        "c",
        "a",
    ]
    cycle.advance()
    assert not cycle.set_races(["c", "b"])  # b still selected: it stays
    assert cycle.current == "b"
    assert cycle.advance() == "c"
    assert cycle.set_races(["x"])  # c gone: start again
    assert cycle.current == "x"
    assert cycle.advance() == "x"
    assert cycle.set_races([])
    assert cycle.race_ids == ()
    assert on_show(cycle) is None
    assert cycle.advance() is None


@pytest.mark.parametrize("l_bar", [False, True])
@pytest.mark.parametrize("cells", [1, 2, 3])
def test_strip_sits_on_title_safe_bottom_and_cells_tile_it(
    cells: int, *, l_bar: bool
) -> None:
    layout = lt.strip_layout(cells, l_bar=l_bar)
    strip = layout.strip
    assert strip.bottom == g.SAFE_BOTTOM
    assert strip.x == g.SAFE_LEFT
    assert layout.tab.bottom == strip.y
    assert layout.status.right == strip.right
    assert layout.cells[0].x == strip.x
    assert layout.cells[-1].right == pytest.approx(layout.status.x)
    for left, right in zip(layout.cells, layout.cells[1:], strict=False):
        assert left.right == pytest.approx(right.x)
    assert strip.right == g.SAFE_RIGHT
    if not l_bar:
        assert layout.status.w == lt.STATUS_WIDTH
        assert layout.tab.w == strip.w
        return
    # The L's corner: the status panel as wide as the column above it, the
    # cells and the title tab stopping where the column starts.
    assert layout.status.w == lt.COLUMN_WIDTH
    assert layout.status.x == g.SAFE_RIGHT - lt.COLUMN_WIDTH
    assert layout.tab.right == layout.status.x - lt.TAB_GAP


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Karen Bass", "Bass"),
        ("Kevin de León", "de León"),
        ("Maria Esperanza Castellanos", "Castellanos"),
        ("Martin Luther King Jr.", "King Jr."),
        ("Cher", "Cher"),
        ("ANGUS KING", "KING"),
    ],
)
def test_short_name_is_the_surname_with_its_particles(name: str, short: str) -> None:
    assert lt.short_name(name) == short
