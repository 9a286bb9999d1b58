"""The threshold mark never cuts a chip, and its label never covers a bar (issue 13)."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QRectF

from electionboard.model import tabulate
from electionboard.presentation import geometry as g
from electionboard.presentation.content import BoardContent, Tag, board_content
from electionboard.ui.board.items import PillItem
from electionboard.ui.board.scene import BoardScene
from tests.builders import UPDATED, race


def content(
    shares: list[float], mark: float, tag: Tag, tagged: int, label: str
) -> BoardContent:
    """Bars at ``shares`` of the track, ``tagged`` rows with ``tag``, a mark."""
    board = board_content(
        tabulate(race([100 - i for i in range(len(shares))])), UPDATED
    )
    rows = tuple(
        dataclasses.replace(
            row,
            bar_fraction=share,
            tag=tag if index < tagged else Tag.NONE,
            checked=index < tagged,
        )
        for index, (row, share) in enumerate(zip(board.rows, shares, strict=True))
    )
    return dataclasses.replace(
        board, rows=rows, mark_fraction=mark, mark_label=label, cutoff_after=None
    )


def shown(raster: g.Raster, board: BoardContent) -> BoardScene:
    scene = BoardScene(raster)
    scene.show_content(board, animate=False)
    scene.finish_animation()
    return scene


def chips(scene: BoardScene) -> list[QRectF]:
    found = []
    for key in scene.row_order():
        for item in scene.row(key).text_items():
            if isinstance(item, PillItem) and item.text():
                found.append(item.sceneBoundingRect())
    return found


CASES = [
    # (bar shares of the track, mark, tag, rows tagged, label)
    ([0.99, 0.88, 0.74, 0.51], 0.94, Tag.CLINCHED, 1, "OVER 30% WINS"),
    ([0.79, 0.70, 0.59, 0.41], 0.75, Tag.CLINCHED, 1, "OVER 30% WINS"),
    ([0.95, 0.72], 0.999, Tag.NONE, 0, "60% TO PASS"),
    ([0.57, 0.43], 0.60, Tag.NONE, 0, "60% TO PASS"),
    ([0.64, 0.62, 0.52, 0.10], 0.50, Tag.WINNER, 1, "MAJORITY"),
    ([0.71, 0.66, 0.62, 0.53, 0.52, 0.3], 0.60, Tag.ELECTED, 3, "60% TO WIN"),
    ([0.99, 0.9, 0.87, 0.8, 0.3, 0.2, 0.1], 0.5, Tag.ELECTED, 4, "MAJORITY"),
]


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case[1]}-{case[2]}")
def test_chips_clear_the_mark_and_its_label_clears_every_bar(
    raster: g.Raster, case: tuple[list[float], float, Tag, int, str]
) -> None:
    shares, mark, tag, tagged, label = case
    scene = shown(raster, content(shares, mark, tag, tagged, label))
    s = raster.scale
    line = scene.mark_line()
    assert line is not None
    x = line.x1()
    pills = chips(scene)
    assert len(pills) == tagged
    track_end = (g.BAR_LEFT + g.BAR_MAX) * s
    for pill in pills:
        # Never cut by the line, never past the track's end.
        assert not pill.left() < x < pill.right(), (pill, x)
        assert pill.right() <= track_end + 0.5
        assert pill.left() >= g.BAR_LEFT * s
    mark_label = next(
        item
        for item in scene.items()
        if isinstance(item, PillItem) and item.text() == label
    ).sceneBoundingRect()
    for key in scene.row_order():
        assert not mark_label.intersects(scene.bar_rect(key)), key
    for pill in pills:
        assert not mark_label.intersects(pill)
    # Beside the line, not on it.
    assert not mark_label.left() < x < mark_label.right()
    header = scene.header_rects()
    for name in ("rule", "reporting"):
        assert not mark_label.intersects(header[name]), name
