"""A scene rendered into an image, as the board's pixel tests draw it."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter
from PySide6.QtWidgets import QGraphicsScene

RGB32 = QImage.Format.Format_RGB32
PREMULTIPLIED = QImage.Format.Format_ARGB32_Premultiplied


def rendered(
    scene: QGraphicsScene,
    *,
    scale: float = 1.0,
    image_format: QImage.Format = RGB32,
    gradient: bool = False,
) -> QImage:
    """``scene`` drawn at ``scale`` with the board's render hints, onto
    transparency (black where the format has no alpha) or a gradient, so
    that blending over something other than one colour is tested too."""
    source = scene.sceneRect()
    image = QImage(
        math.ceil(source.width() * scale),
        math.ceil(source.height() * scale),
        image_format,
    )
    image.fill(0)
    if gradient:
        ground = QLinearGradient(0, 0, image.width(), image.height())
        ground.setColorAt(0, QColor("#061024"))
        ground.setColorAt(1, QColor("#5a7fb8"))
        painter = QPainter(image)
        painter.fillRect(image.rect(), ground)
        painter.end()
    painter = QPainter(image)
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
    )
    target = QRectF(0, 0, source.width() * scale, source.height() * scale)
    try:
        scene.render(painter, target, source)
    finally:
        painter.end()
    return image


def differences(a: QImage, b: QImage) -> tuple[int, int]:
    """The largest channel difference between two images, and how many
    pixels differ at all."""
    assert a.size() == b.size()
    assert a.format() == b.format()
    left = np.frombuffer(a.constBits(), dtype=np.uint8).astype(np.int16)
    right = np.frombuffer(b.constBits(), dtype=np.uint8).astype(np.int16)
    apart = np.abs(left - right).reshape(-1, 4)
    return int(apart.max()), int(np.count_nonzero(apart.max(axis=1)))
