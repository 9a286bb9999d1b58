"""The locator never costs the banner's detail line its words (issue 13)."""

from __future__ import annotations

import dataclasses

import pytest

from electionboard.model import tabulate
from electionboard.presentation import geometry as g
from electionboard.presentation.content import AirStyle, BoardContent, board_content
from electionboard.ui.board.scene import BoardScene
from tests.builders import UPDATED, race

LONG_PLACE = "North Carolina · U.S. Senate District"


def content(
    count: int, locator: str, *, remaining: int | None = 30_000
) -> BoardContent:
    votes = [118_230 - 9_000 * i for i in range(count)]
    standings = tabulate(
        dataclasses.replace(
            race(votes, remaining=remaining), name="North Carolina · U.S. Senate"
        )
    )
    return board_content(standings, UPDATED, style=AirStyle(locator=locator))


def shown(raster: g.Raster, board: BoardContent) -> BoardScene:
    scene = BoardScene(raster)
    scene.show_content(board, animate=False)
    scene.finish_animation()
    return scene


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
def test_a_long_locator_gives_way_to_the_whole_detail(raster: g.Raster) -> None:
    board = content(4, LONG_PLACE)
    assert len(board.detail) > 40  # long enough to meet the locator
    scene = shown(raster, board)
    assert scene.banner_texts()[1] == board.detail
    # Shortened to the place, or dropped; never elided.
    assert scene.identity.locator_text() in {"NORTH CAROLINA", ""}
    locator = scene.identity.rects()["locator"]
    if not locator.isEmpty():
        assert locator.right() <= (g.SAFE_RIGHT - g.BANNER_PAD) * raster.scale + 1


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
def test_a_short_locator_shows_whole_beside_the_detail(raster: g.Raster) -> None:
    board = content(4, "Raleigh", remaining=None)
    scene = shown(raster, board)
    assert scene.banner_texts()[1] == board.detail
    assert scene.identity.locator_text() == "RALEIGH"


@pytest.mark.usefixtures("qtbot")
def test_the_locator_keeps_its_place_in_the_banner_at_any_row_count() -> None:
    offsets = set()
    for count in (2, 3, 8):
        scene = shown(g.HD, content(count, "Raleigh"))
        locator = scene.identity.rects()["locator"]
        assert not locator.isEmpty()
        offsets.add(round(locator.top() - scene.banner_rect().top(), 3))
    assert len(offsets) == 1, offsets
