"""The board draws its own glyphs and images only through a plain painter."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QPainter, QTransform

from electionboard.ui.board.plain_painter import paints_plainly

_MODES = QPainter.CompositionMode


@pytest.mark.parametrize(
    ("transform", "mode", "plain"),
    [
        (QTransform(), _MODES.CompositionMode_SourceOver, True),
        (QTransform.fromTranslate(3.5, 7), _MODES.CompositionMode_SourceOver, True),
        (QTransform.fromScale(2, 0.5), _MODES.CompositionMode_SourceOver, True),
        (QTransform().rotate(10), _MODES.CompositionMode_SourceOver, False),
        (QTransform().shear(0.2, 0), _MODES.CompositionMode_SourceOver, False),
        (QTransform(), _MODES.CompositionMode_Source, False),
        (QTransform(), _MODES.CompositionMode_Multiply, False),
    ],
)
def test_only_source_over_at_most_scaled_is_plain(
    transform: QTransform, mode: QPainter.CompositionMode, *, plain: bool
) -> None:
    image = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        painter.setWorldTransform(transform)
        painter.setCompositionMode(mode)
        assert paints_plainly(painter) is plain
    finally:
        painter.end()
