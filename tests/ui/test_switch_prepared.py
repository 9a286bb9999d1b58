"""A glide's new cutoff label is drawn on a frame before its switch."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QPainter

from electionboard.presentation import geometry as g
from electionboard.presentation.content import board_content
from electionboard.ui.board.scene import ANIMATION_MS, SWITCH, BoardScene
from tests.builders import UPDATED
from tests.ui.board_frames import mayor_race
from tests.ui.manual_animations import ManualAnimations


def render(scene: BoardScene) -> QImage:
    image = QImage(g.UHD.width, g.UHD.height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
    )
    scene.render(painter)
    painter.end()
    return image


@pytest.mark.usefixtures("qtbot")
def test_the_new_cutoff_label_is_drawn_before_the_switch_and_shown_at_it() -> None:
    animations = ManualAnimations()
    scene = BoardScene(g.UHD, animations=animations)
    scene.show_content(
        board_content(mayor_race([50_000, 40_000, 30_000]), UPDATED), animate=False
    )
    label = scene._cutoff_label
    before = label.text()
    render(scene)  # where the label is drawn: a 4K board draws it from an image
    second = board_content(mayor_race([60_000, 40_000, 30_000]), UPDATED)
    assert second.cutoff_label != before
    scene.show_content(second)
    animations.advance(4)  # the glide's first frame, long before its switch
    assert label.text() == before  # still showing the old margin
    assert label._image is not None
    prepared = label._image[1]
    assert label._image[0][0] == second.cutoff_label
    animations.advance(int(ANIMATION_MS * SWITCH) + 40)  # past the switch
    assert label.text() == second.cutoff_label
    shown = render(scene)
    assert label._image[1] is prepared  # drawn from what was made before
    label._image = None  # and it is what drawing the label gives
    label._drawn_for = None
    assert render(scene) == shown
