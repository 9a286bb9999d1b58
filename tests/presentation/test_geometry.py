"""The board's layout arithmetic: rows that fit, pitch, banner, share axis."""

from __future__ import annotations

import pytest

from electionboard.model import tabulate
from electionboard.presentation import geometry as g
from electionboard.presentation.content import board_content
from tests.builders import UPDATED, race


def test_nine_rows_fit_whatever_the_header_and_cutoff() -> None:
    assert g.rows_that_fit() == 9
    for lines in (1, 2):
        layout = g.board_layout(9, 2, title_lines=lines)
        assert layout.pitch >= g.MIN_PITCH
        assert layout.banner_top + g.BANNER_HEIGHT <= g.SAFE_BOTTOM
        assert layout.rows_bottom + g.ROWS_BANNER_GAP <= layout.banner_top


@pytest.mark.parametrize("rows", range(1, 10))
def test_rows_fill_the_room_and_the_banner_follows(rows: int) -> None:
    layout = g.board_layout(rows, 1)
    assert g.MIN_PITCH <= layout.pitch <= g.MAX_PITCH
    assert layout.banner_top == pytest.approx(
        min(g.BANNER_TOP, layout.rows_bottom + g.ROWS_BANNER_GAP)
    )
    # Type never under broadcast minimums, and a line fits its row.
    for pixels in (layout.name_px, layout.votes_px, layout.share_px):
        assert pixels >= g.BODY_MIN_PX
        assert pixels * g.LINE_HEIGHT < layout.pitch
    assert layout.tag_px >= g.CAPS_MIN_PX


def test_a_two_line_title_moves_everything_below_it() -> None:
    one, two = g.board_layout(5, 2), g.board_layout(5, 2, title_lines=2)
    assert two.rows_top - one.rows_top == g.TITLE_TWO_LINE_EXTRA
    assert two.rule_y - one.rule_y == g.TITLE_TWO_LINE_EXTRA
    assert two.pitch < one.pitch


@pytest.mark.parametrize(
    ("leader", "mark", "axis"),
    [
        (41.0, None, 50.0),  # a 41% leader fills four fifths, not the track
        (40.0, None, 50.0),  # always room past the leader's bar
        (62.5, None, 70.0),
        (96.0, None, 100.0),
        (100.0, None, 100.0),
        (41.0, 50.0, 50.0),  # majority race: the 50% mark on the axis
        (52.0, 50.0, 60.0),
        (28.0, 35.0, 40.0),  # a 35% threshold, rounded up to a step
        (0.0, None, 10.0),
    ],
)
def test_share_axis(leader: float, mark: float | None, axis: float) -> None:
    assert g.share_axis(leader, mark) == axis


def test_axis_ticks_every_ten_percent() -> None:
    assert g.axis_ticks(50.0) == pytest.approx((0.2, 0.4, 0.6, 0.8))
    assert g.axis_ticks(10.0) == ()


def test_a_41_percent_leader_is_not_drawn_as_a_landslide() -> None:
    content = board_content(tabulate(race([41, 35, 24])), UPDATED)
    assert content.axis_share == 50.0
    assert content.rows[0].bar_fraction == pytest.approx(0.82)
    assert content.mark_fraction is None
