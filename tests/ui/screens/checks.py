"""Layout checks every screen passes at both rasters: the house rules for air.

Text stays inside title-safe (or a region the screen names, such as a
ticker's strip), is never smaller than ``SCREEN_MIN_PX`` at 1080 lines, and
no two texts overlap. Exports are the exact raster with alpha where asked.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QImage

from electionboard.ui.board.safe_area import title_safe
from electionboard.ui.export import ExportFormat, encode, render_scene
from electionboard.ui.screens.base import SCREEN_MIN_PX, ScreenScene

OVERLAP_TOLERANCE = 1.0
"""Scene pixels two text boxes may share (antialiasing at their edges)."""


def text_boxes(scene: ScreenScene) -> list[tuple[str, QRectF, QFont]]:
    """Each visible text's words, scene rectangle and font."""
    boxes = []
    for item in scene.text_items():
        text = item.text()  # type: ignore[attr-defined]
        font = item.font()  # type: ignore[attr-defined]
        boxes.append((str(text), item.sceneBoundingRect(), font))
    return boxes


def layout_problems(scene: ScreenScene, within: QRectF | None = None) -> list[str]:
    """Every broken rule of the scene's end state, in words (empty: none).

    ``within`` is where text may go (default: title-safe of the frame).
    """
    with scene.end_state():
        boxes = text_boxes(scene)
    area = within if within is not None else title_safe(scene.sceneRect())
    area = area.adjusted(-0.5, -0.5, 0.5, 0.5)
    smallest = SCREEN_MIN_PX * scene.raster.scale
    problems = []
    for text, rect, font in boxes:
        if not area.contains(rect):
            problems.append(f"{text!r} at {rect.getRect()} is outside {area.getRect()}")
        size = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
        if size < smallest - 0.5:
            problems.append(f"{text!r} is {size} px, under {smallest}")
    for i, (text_a, a, _) in enumerate(boxes):
        for text_b, b, _ in boxes[i + 1 :]:
            shared = a.intersected(b)
            if (
                shared.width() > OVERLAP_TOLERANCE
                and shared.height() > OVERLAP_TOLERANCE
            ):
                problems.append(f"{text_a!r} overlaps {text_b!r}")
    return problems


def assert_exports(scene: ScreenScene) -> None:
    """The render is the raster exactly; rgba keeps alpha, key-fill pairs."""
    image = render_scene(scene, transparent=True)
    assert (image.width(), image.height()) == (scene.raster.width, scene.raster.height)
    assert image.hasAlphaChannel()
    files = encode(image, ExportFormat.KEY_FILL)
    assert set(files) == {"_fill", "_key"}
    for data in files.values():
        decoded = QImage.fromData(data)
        assert (decoded.width(), decoded.height()) == (
            scene.raster.width,
            scene.raster.height,
        )
    straight = QImage.fromData(encode(image, ExportFormat.RGBA)[""])
    assert straight.hasAlphaChannel()
    corner = straight.pixelColor(0, 0)
    assert corner.alpha() == 0, "a transparent render keeps alpha 0 off the graphics"
