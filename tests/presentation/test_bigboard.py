"""Big board words and geometry: which races, what each tile says, where it goes."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electionboard.model.screens import BIG_BOARD_GRIDS, ScreenOptions
from electionboard.presentation import bigboard_geometry as bg
from electionboard.presentation import geometry as g
from electionboard.presentation.bigboard import (
    bigboard_content,
    reporting_words,
    surname,
)
from electionboard.presentation.content import BannerTone
from tests.presentation.bigboard_races import night, with_options

# -- which races -------------------------------------------------------------------


def test_the_first_page_of_every_race_in_feed_order() -> None:
    content = bigboard_content(night(ScreenOptions(grid=4)))
    assert [t.race_id for t in content.tiles] == ["fl-gov", "fl-sen", "fl-h13", "fl-h7"]
    assert content.total_races == 9
    assert content.more == 5


def test_pins_come_in_the_producers_order_and_unknown_ids_are_skipped() -> None:
    options = ScreenOptions(grid=4, races=("me-sen", "nope", "fl-gov"))
    content = bigboard_content(night(options))
    assert [t.race_id for t in content.tiles] == ["me-sen", "fl-gov"]
    assert content.more == 0


def test_office_and_state_filters_choose_races_and_name_the_board() -> None:
    options = ScreenOptions(grid=6, office="u.s. house", state="FL")
    content = bigboard_content(night(options))
    assert [t.race_id for t in content.tiles] == ["fl-h13", "fl-h7"]
    assert content.title == "U.S. HOUSE · FLORIDA"
    state_only = bigboard_content(night(ScreenOptions(state="GA")))
    assert [t.race_id for t in state_only.tiles] == ["ga-sen", "ga-h2"]
    assert state_only.title == "GEORGIA"


def test_the_chamber_option_names_the_board_first() -> None:
    options = ScreenOptions(office="U.S. Senate", chamber="Senate · Key races")
    assert bigboard_content(night(options)).title == "SENATE · KEY RACES"


def test_without_filters_the_title_is_what_every_race_shares_else_the_election() -> (
    None
):
    senate = ScreenOptions(races=("fl-sen", "ga-sen", "me-sen"))
    assert bigboard_content(night(senate)).title == "U.S. SENATE"
    assert bigboard_content(night()).title == "GENERAL ELECTION"


def test_a_tile_drops_only_the_name_parts_the_title_says() -> None:
    senate = bigboard_content(night(ScreenOptions(races=("fl-sen", "me-sen"))))
    assert senate.tiles[0].names == ("FLORIDA · U.S. SENATE", "FLORIDA")
    mixed = bigboard_content(night())
    assert mixed.tiles[0].names == ("FLORIDA · GOVERNOR",)


def test_no_races_make_an_empty_board_not_an_error() -> None:
    content = bigboard_content(night(ScreenOptions(state="ZZ")))
    assert content.tiles == ()
    assert content.title == "ZZ"


# -- what a tile says ----------------------------------------------------------------


@pytest.mark.parametrize(("grid", "rows"), [(4, 3), (6, 3), (9, 2)])
def test_top_candidates_per_grid_in_rank_order(grid: int, rows: int) -> None:
    content = bigboard_content(night(ScreenOptions(grid=grid, races=("me-sen",))))
    shown = content.tiles[0].rows
    assert len(shown) == rows
    assert [r.key for r in shown] == ["king", "summers", "dill"][:rows]
    shares = [r.share for r in shown]
    assert shares == sorted(shares, reverse=True)


def test_bars_stand_on_the_whole_hundred_percent_in_every_tile() -> None:
    for t in bigboard_content(night(ScreenOptions(grid=9))).tiles:
        for row in t.rows:
            assert row.bar_fraction == pytest.approx(row.share / 100)


def test_a_called_race_ticks_its_winner_and_says_the_call() -> None:
    sen = bigboard_content(night(ScreenOptions(races=("fl-sen",)))).tiles[0]
    assert sen.tone is BannerTone.CALLED
    assert sen.called
    assert [r.checked for r in sen.rows] == [True, False]
    assert sen.status == ("BILL NELSON WINS", "NELSON WINS", "WINNER")


def test_a_runoff_ticks_both_who_advance() -> None:
    ga = bigboard_content(night(ScreenOptions(races=("ga-sen",)))).tiles[0]
    assert [r.checked for r in ga.rows] == [True, True, False]
    assert ga.status[0] == "RAPHAEL WARNOCK AND HERSCHEL WALKER ADVANCE TO RUNOFF"
    assert ga.status[-2:] == ("ADVANCE TO RUNOFF", "RUNOFF")


@pytest.mark.parametrize(
    ("race_id", "tone", "words"),
    [
        ("fl-gov", BannerTone.EARLY, ("TOO EARLY TO CALL", "TOO EARLY")),
        ("fl-h13", BannerTone.CLOSE, ("TOO CLOSE TO CALL", "TOO CLOSE")),
        ("fl-h7", BannerTone.WAITING, ("AWAITING FIRST RESULTS", "NO VOTES YET")),
    ],
)
def test_undecided_races_say_what_the_race_board_says(
    race_id: str, tone: BannerTone, words: tuple[str, ...]
) -> None:
    shown = bigboard_content(night(ScreenOptions(races=(race_id,)))).tiles[0]
    assert shown.tone is tone
    assert not shown.called
    assert shown.status == words
    assert not any(r.checked for r in shown.rows)


def test_reporting_prefers_the_expected_vote_then_precincts() -> None:
    data = night()
    by_id = {s.race.id: s for s in data.standings}
    assert reporting_words(by_id["fl-gov"]) == "EST. 64% IN"
    assert reporting_words(by_id["fl-sen"]) == "96% IN"  # 5,900 of 6,089, down
    assert reporting_words(by_id["ga-h2"]) == "UNDER 1% IN"
    assert reporting_words(by_id["fl-h7"]) == "0% IN"
    assert reporting_words(by_id["ga-sen"]) == "100% IN"


def test_names_shorten_to_initials_then_the_surname() -> None:
    gov = bigboard_content(night(ScreenOptions(races=("fl-gov",)))).tiles[0]
    assert gov.rows[1].names == ("Robert Haines", "R. Haines", "Haines")
    assert surname("Kevin de León") == "De León"
    assert surname("Martin Luther King Jr.") == "King Jr."
    assert surname("Yes") == "Yes"


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9).map(
    str.capitalize
)


@given(st.lists(_WORD, min_size=1, max_size=5))
def test_a_surname_is_the_names_own_words_ending_with_its_last(
    words: list[str],
) -> None:
    name = " ".join(words)
    last = surname(name).split()
    assert last
    assert last[-1] == words[-1]
    folded = [w.casefold() for w in words]
    assert all(w.casefold() in folded for w in last)
    assert len(last) <= len(words)


def test_the_results_time_is_on_the_boards_zone() -> None:
    content = bigboard_content(night(ScreenOptions(grid=9)))
    assert content.updated == "RESULTS AS OF NOV 5, 10:30 PM"


def test_more_races_than_the_grid_make_pages_that_say_which() -> None:
    data = night(ScreenOptions(grid=4))  # nine races: pages of 4, 4 and 1
    pages = [bigboard_content(data, page) for page in range(3)]
    assert [len(c.tiles) for c in pages] == [4, 4, 1]
    assert [c.pages for c in pages] == [3, 3, 3]
    assert pages[1].updated.endswith(" · 2 OF 3")
    shown = [t.race_id for c in pages for t in c.tiles]
    assert shown == [s.race.id for s in data.standings][:9]
    assert len(set(shown)) == 9  # every race once
    assert bigboard_content(data, 7).page == 2  # past the last: the last


def test_later_figures_change_only_the_figures() -> None:
    first = bigboard_content(night())
    later = bigboard_content(with_options(night(scale=1.2), grid=6))
    assert [t.race_id for t in later.tiles] == [t.race_id for t in first.tiles][:6]
    assert later.tiles[0].rows[0].votes > first.tiles[0].rows[0].votes


# -- geometry ------------------------------------------------------------------------


@pytest.mark.parametrize("grid", BIG_BOARD_GRIDS)
def test_tiles_sit_inside_title_safe_below_the_header_without_touching(
    grid: int,
) -> None:
    boxes = bg.tile_boxes(grid)
    assert len(boxes) == grid
    for box in boxes:
        assert box.x >= g.SAFE_LEFT
        assert box.right <= g.SAFE_RIGHT + 1e-9
        assert box.y >= bg.DIVIDER_Y + bg.DIVIDER_HEIGHT
        assert box.bottom <= g.SAFE_BOTTOM + 1e-9
    for a, b in itertools.combinations(boxes, 2):
        apart_x = a.right + bg.TILE_GAP <= b.x + 1e-9 or b.right + bg.TILE_GAP <= a.x
        apart_y = a.bottom + bg.TILE_GAP <= b.y + 1e-9 or b.bottom + bg.TILE_GAP <= a.y
        assert apart_x or apart_y


@pytest.mark.parametrize("grid", BIG_BOARD_GRIDS)
def test_every_tile_holds_its_rows_and_strip_at_air_sizes(grid: int) -> None:
    kind = bg.tile_type(grid)
    for layout in bg.tile_layouts(grid):
        assert kind.needed_height() <= layout.box.height
        last = kind.rows - 1
        assert layout.bar_top(last) + kind.bar_height <= layout.status_top
        assert layout.rows_top() >= layout.header_top + kind.header_height
    sizes = [
        kind.title_px,
        kind.reporting_px,
        kind.name_px,
        kind.votes_px,
        kind.share_px,
        kind.status_px,
    ]
    assert min(sizes) >= 28


def test_a_two_by_two_reads_from_across_the_studio() -> None:
    kind = bg.tile_type(4)
    assert 34 <= kind.name_px <= 40
    assert 36 <= kind.share_px <= 44


def test_fewer_rows_sit_centred_not_top_heavy() -> None:
    layout = bg.tile_layouts(6)[0]
    assert layout.rows_top(2) > layout.rows_top(3)


def test_other_grids_are_refused() -> None:
    with pytest.raises(ValueError, match="4, 6 or 9"):
        bg.tile_boxes(5)


@pytest.mark.parametrize(
    ("grid", "rows", "lines"), [(4, 3, 1), (4, 2, 2), (6, 3, 2), (9, 2, 1), (9, 1, 2)]
)
def test_a_race_name_takes_two_lines_only_where_the_tile_has_room(
    grid: int, rows: int, lines: int
) -> None:
    layout = bg.tile_layouts(grid)[0]
    assert layout.title_lines(rows) == lines
    kind = layout.type
    assert layout.rows_top(rows, lines) >= kind.pad + lines * kind.header_height
    bottom = layout.bar_top(rows - 1, rows, lines) + kind.bar_height
    assert bottom <= layout.status_top
    assert layout.rows_top(rows, 1) <= layout.rows_top(rows, 2)
