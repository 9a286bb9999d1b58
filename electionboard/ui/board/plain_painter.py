"""Whether a painter draws plainly enough for the board's own drawing paths.

The glyph fill (``glyphs``) and the items' images (``item_image``) stand in
for Qt's own drawing only where they give its pixels: painting source-over,
through a transform that at most translates and scales.
"""

from __future__ import annotations

from PySide6.QtGui import QPainter, QTransform

_SOURCE_OVER = QPainter.CompositionMode.CompositionMode_SourceOver
_SCALED_AT_MOST = (
    QTransform.TransformationType.TxNone,
    QTransform.TransformationType.TxTranslate,
    QTransform.TransformationType.TxScale,
)


def paints_plainly(painter: QPainter) -> bool:
    """Source-over, with no rotation, shear or perspective."""
    return (
        painter.compositionMode() == _SOURCE_OVER
        and painter.worldTransform().type() in _SCALED_AT_MOST
    )
