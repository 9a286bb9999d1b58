"""The tiled background gives the gradient's own pixels, for every theme."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QBrush, QColor, QImage, QLinearGradient, QPainter

from electionboard.presentation import geometry as g
from electionboard.presentation.content import board_content
from electionboard.ui.board.backdrop import STRIP_WIDTH, Backdrop
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.theme import THEMES, Theme
from tests.builders import UPDATED
from tests.ui.board_frames import mayor_race
from tests.ui.scene_render import PREMULTIPLIED, rendered

GRADIENTS = [t for t in THEMES.values() if t.background_top != t.background_bottom]


def drawn(brush: QBrush, raster: g.Raster) -> QImage:
    image = QImage(raster.width, raster.height, QImage.Format.Format_RGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.fillRect(image.rect(), brush)
    painter.end()
    return image


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
@pytest.mark.parametrize("theme", GRADIENTS, ids=lambda t: t.name)
def test_the_tiled_background_is_the_gradient_pixel_for_pixel(
    raster: g.Raster, theme: Theme
) -> None:
    backdrop = Backdrop(raster)
    backdrop.set_theme(theme)
    brush = backdrop.background._tiled
    assert brush is not None  # tiled, not worked out a pixel at a time
    texture = brush.textureImage()
    assert (texture.width(), texture.height()) == (STRIP_WIDTH, raster.height)
    gradient = QLinearGradient(0, 0, 0, raster.height)
    gradient.setColorAt(0.0, QColor(theme.background_top))
    gradient.setColorAt(1.0, QColor(theme.background_bottom))
    assert backdrop.background.brush() == QBrush(gradient)
    assert drawn(brush, raster) == drawn(QBrush(gradient), raster)


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
def test_a_board_renders_the_same_over_either(raster: g.Raster) -> None:
    scene = BoardScene(raster)
    scene.show_content(board_content(mayor_race([50, 40, 30]), UPDATED), animate=False)
    background = scene._backdrop.background
    assert background._tiled is not None
    tiled = rendered(scene, image_format=PREMULTIPLIED)
    background._tiled = None  # Qt works the gradient out a pixel at a time
    assert rendered(scene, image_format=PREMULTIPLIED) == tiled


@pytest.mark.usefixtures("qtbot")
def test_a_scaled_board_draws_the_gradient_itself() -> None:
    scene = BoardScene(g.UHD)
    strip = scene._backdrop.background._tiled
    assert strip is not None
    used: list[QBrush] = []
    draw_rect = QPainter.drawRect

    class Watching(QPainter):
        def drawRect(self, *args: object) -> None:
            used.append(self.brush())
            draw_rect(self, *args)  # type: ignore[call-overload]

    image = QImage(960, 540, QImage.Format.Format_RGB32)
    painter = Watching(image)
    scene.render(painter)
    painter.end()
    assert strip not in used
