"""The header's rule line fits left of the reporting figure in words, never '…'."""

from __future__ import annotations

import dataclasses

import pytest

from electionboard.model import tabulate
from electionboard.presentation import geometry as g
from electionboard.presentation.content import board_content, rule_forms
from electionboard.ui.board.scene import BoardScene
from tests.builders import UPDATED, race

LONG_RULE = "REPUBLICAN PRIMARY · TOP TWO ADVANCE · OVER 30% WINS OUTRIGHT"


def test_rule_forms_shorten_words_and_keep_the_rule() -> None:
    forms = rule_forms(LONG_RULE)
    assert forms[0] == LONG_RULE
    assert "REPUBLICAN · TOP TWO · OVER 30% WINS" in forms
    assert forms[-1] == "OVER 30% WINS"
    assert all("…" not in form for form in forms)
    assert rule_forms("MOST VOTES WINS") == ("MOST VOTES WINS",)


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
@pytest.mark.parametrize(
    "reporting", ["2,172 OF 2,173 PRECINCTS · 99%", "1 OF 2 PRECINCTS · 50%"]
)
def test_a_long_rule_takes_shorter_words_left_of_the_reporting_figure(
    raster: g.Raster, reporting: str
) -> None:
    board = dataclasses.replace(
        board_content(tabulate(race([5, 3, 2])), UPDATED),
        rule=LONG_RULE,
        reporting=reporting,
    )
    scene = BoardScene(raster)
    scene.show_content(board, animate=False)
    shown = scene.header_texts()["rule"]
    assert shown in rule_forms(LONG_RULE)
    assert "…" not in shown
    rects = scene.header_rects()
    assert rects["rule"].right() + g.TITLE_GAP * raster.scale <= (
        rects["reporting"].left() + 1
    )
    # The reporting figure itself is whole.
    assert scene.header_texts()["reporting"] == reporting
