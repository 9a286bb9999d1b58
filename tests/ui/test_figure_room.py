"""Vote counts keep FIGURE_GAP clear of the bar track's end (issue 13)."""

from __future__ import annotations

import pytest

from electionboard.model import tabulate
from electionboard.presentation import geometry as g
from electionboard.presentation.content import board_content
from electionboard.ui.board.items import TextItem
from electionboard.ui.board.scene import BoardScene
from tests.builders import UPDATED, race


def count_items(scene: BoardScene) -> list[TextItem]:
    found = []
    for key in scene.row_order():
        text = scene.row(key).texts()["votes"]
        for item in scene.row(key).text_items():
            if isinstance(item, TextItem) and item.text() == text:
                found.append(item)
    return found


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
@pytest.mark.parametrize(
    ("votes", "body"),
    [
        ([1_812_440, 1_255_710, 947_300], True),
        ([1_255_710, 947_300], True),
        ([12_812_440, 9_255_710, 947_300], False),
        ([1_812_440], False),  # 100.0%: the widest share
    ],
    ids=["7-digit", "measure", "8-digit", "alone"],
)
def test_the_widest_count_keeps_its_gap_from_the_track(
    raster: g.Raster, votes: list[int], *, body: bool
) -> None:
    scene = BoardScene(raster)
    scene.show_content(board_content(tabulate(race(votes)), UPDATED), animate=False)
    scene.finish_animation()
    s = raster.scale
    track_end = (g.BAR_LEFT + g.BAR_MAX) * s
    items = count_items(scene)
    assert [item.text() for item in items] == [f"{v:,}" for v in votes]
    for item in items:
        assert item.sceneBoundingRect().left() - track_end >= g.FIGURE_GAP * s - 0.5
    # One size for every count of the board, never under the capitals' floor;
    # a 7-digit count beside a usual share stays at body size.
    sizes = {item.font().pixelSize() for item in items}
    assert len(sizes) == 1, sizes
    floor = g.BODY_MIN_PX if body else g.CAPS_MIN_PX
    assert sizes.pop() >= round(floor * s)
