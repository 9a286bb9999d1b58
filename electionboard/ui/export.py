"""Render the program scene 1:1 at its raster into an image, and save PNGs.

The scene is rendered into a fixed-size QImage at device pixel ratio 1, so
the file is the exact raster whatever the screen's scaling; with
transparency the background is alpha 0 and the graphics stay opaque.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from electionboard.ui.board.scene import BoardScene


def render_scene(scene: BoardScene, *, transparent: bool = False) -> QImage:
    """The scene's end state as an ARGB image of exactly its raster size."""
    scene.finish_animation()
    width, height = scene.raster.width, scene.raster.height
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(1.0)
    image.fill(Qt.GlobalColor.transparent)
    scene.set_transparent(transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        target = QRectF(0, 0, width, height)
        scene.render(painter, target, scene.sceneRect())
    finally:
        painter.end()
        scene.set_transparent(False)
    return image


def save_png(image: QImage, path: Path) -> None:
    """Write a PNG atomically: a temporary name in the folder, then rename.

    Raises:
        OSError: the image could not be written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.stem}.partial.png")
    if not image.save(str(temporary)):
        temporary.unlink(missing_ok=True)
        raise OSError(f"could not write {path}")
    temporary.replace(path)


def timestamped_name(race_id: str, moment: dt.datetime) -> str:
    """``board_<race>_<YYYYMMDDTHHMMSSZ>.png`` with only safe characters."""
    safe = "".join(
        ch if ch.isascii() and (ch.isalnum() or ch in "_-") else "_" for ch in race_id
    )
    stamp = moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"board_{safe}_{stamp}.png"
