"""Texts whose value did not change are not laid out again, and look the same.

A glide asks every row for its figures and the header for its words every
frame; only a changed string is re-laid. The fast path must leave each text
exactly where a fresh lay-out puts it.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont

from electionboard.presentation import geometry as g
from electionboard.ui.board.row import CandidateRow
from electionboard.ui.theme import DARK

NUMBERS = st.tuples(
    st.floats(min_value=0, max_value=20_000_000, allow_nan=False),
    st.floats(min_value=0, max_value=100, allow_nan=False),
)


def _placed(row: CandidateRow) -> list[tuple[str, QRectF]]:
    return [
        (item.__class__.__name__, item.sceneBoundingRect()) for item in row.text_items()
    ]


@pytest.mark.usefixtures("qtbot")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    history=st.lists(NUMBERS, max_size=6),
    last=NUMBERS,
    pixels=st.none() | st.integers(min_value=14, max_value=40),
)
def test_figures_after_any_glide_match_a_fresh_row(
    history: list[tuple[float, float]],
    last: tuple[float, float],
    pixels: int | None,
) -> None:
    layout = g.board_layout(5, None)
    glided = CandidateRow(DARK, 1.0, layout=layout)
    for votes, share in history:
        glided.set_numbers(votes, share)
    glided.set_votes_pixels(pixels)
    glided.set_numbers(*last)
    glided.set_numbers(*last)  # the same again: nothing re-laid
    fresh = CandidateRow(DARK, 1.0, layout=layout)
    fresh.set_votes_pixels(pixels)
    fresh.set_numbers(*last)
    assert glided.texts() == fresh.texts()
    assert _placed(glided) == _placed(fresh)


@pytest.mark.usefixtures("qtbot")
def test_unchanged_figures_are_not_laid_out_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    row = CandidateRow(DARK, 2.0, layout=g.board_layout(5, None))
    row.set_numbers(1234.4, 12.34)
    laid: list[str] = []
    share = row._share  # the text item under test
    monkeypatch.setattr(share, "setFont", lambda *_: laid.append("font"))
    monkeypatch.setattr(share, "setText", lambda text: laid.append(text))
    row.set_numbers(1234.2, 12.33)  # the same strings: 1,234 and 12.3%
    assert laid == []
    row.set_numbers(1300.0, 12.36)
    assert laid == ["12.4%"]  # a new string in the same font: laid out once


@pytest.mark.usefixtures("qtbot")
def test_a_pill_measures_its_extent_once_per_label() -> None:
    row = CandidateRow(DARK, 1.0, layout=g.board_layout(3, None))
    pill = row._tag  # the tag under test
    pill.set_content("WINNER", checked=True)
    first = pill.boundingRect()
    first.setWidth(1.0)  # a caller changing its copy changes nothing
    assert pill.boundingRect().width() > 1.0
    wide = pill.boundingRect().width()
    pill.set_content("WINNER")  # no check mark: narrower
    assert pill.boundingRect().width() < wide
    pill.set_font(QFont(pill.font().family(), 60))
    assert pill.boundingRect().height() > first.height()


@pytest.mark.usefixtures("qtbot")
def test_a_new_layout_lays_the_same_figures_out_again() -> None:
    row = CandidateRow(DARK, 1.0, layout=g.board_layout(3, None))
    row.set_numbers(100, 50.0)
    before = _placed(row)
    row.set_layout(g.board_layout(9, None))
    row.set_numbers(100, 50.0)
    fresh = CandidateRow(DARK, 1.0, layout=g.board_layout(9, None))
    fresh.set_numbers(100, 50.0)
    assert _placed(row) == _placed(fresh)
    assert _placed(row) != before  # smaller rows, smaller figures
