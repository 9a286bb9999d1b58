"""Render the program scene 1:1 at its raster, and write it as PNGs for air.

The scene is rendered into a fixed-size premultiplied QImage at device pixel
ratio 1, so the file is the exact raster whatever the screen's scaling. PNG
alpha is straight (not premultiplied), so the default format converts
explicitly; a key+fill pair and an opaque picture are the other formats.
Every file is written under a hidden temporary name in its folder and renamed
into place, so a playout system watching the folder never reads half a file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

# The file-name rule lives in the model; these stay importable from here.
from electionboard.model.naming import safe_name as safe_name
from electionboard.model.naming import stable_name as stable_name
from electionboard.model.naming import timestamped_name as timestamped_name
from electionboard.presentation.geometry import Raster
from electionboard.ui.export_png import PNG_LEVEL as PNG_LEVEL
from electionboard.ui.export_png import png_bytes as png_bytes

if TYPE_CHECKING:  # numpy loads on the first key+fill encode, not at start-up
    import numpy as np
    from numpy.typing import NDArray

Replace = Callable[[Path, Path], None]

# Waits between attempts to rename over a file a reader holds open (Windows).
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4)
TEMPORARY_SUFFIX = ".tmp"


class ExportFormat(StrEnum):
    """How a render is written."""

    RGBA = "rgba"  # one PNG with straight (unpremultiplied) alpha
    KEY_FILL = "key-fill"  # <name>_fill.png and <name>_key.png, both opaque
    OPAQUE = "opaque"  # one RGB PNG, the picture over its background or black


class Renderable(Protocol):
    """A scene at a raster: the race board and every other screen."""

    raster: Raster

    def end_state(self) -> contextlib.AbstractContextManager[None]:
        """The settled picture inside the block."""
        ...

    def set_transparent(self, *, transparent: bool) -> None:
        """Hide the full-frame background whatever the theme."""

    def sceneRect(self) -> QRectF:
        """The raster's rectangle."""
        ...

    def render(
        self, painter: QPainter, target: QRectF = ..., source: QRectF = ...
    ) -> None:
        """Paint the scene."""


def render_scene(scene: Renderable, *, transparent: bool = False) -> QImage:
    """The scene's end state as a premultiplied ARGB image of its raster size.

    A glide on air goes on where it was (``BoardScene.end_state``).
    ``transparent`` hides the background for this render whatever the theme.
    """
    with scene.end_state():
        return _render(scene, transparent=transparent)


def render_as_drawn(scene: Renderable) -> QImage:
    """The scene as it stands this frame, mid-glide included (docs, tests)."""
    return _render(scene, transparent=False)


def _render(scene: Renderable, *, transparent: bool) -> QImage:
    width, height = scene.raster.width, scene.raster.height
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(1.0)
    image.fill(Qt.GlobalColor.transparent)
    if transparent:
        scene.set_transparent(transparent=True)
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
        if transparent:
            scene.set_transparent(transparent=False)
    return image


def rgba_array(image: QImage) -> NDArray[np.uint8]:
    """A copy of ``image`` as rows x columns x (R, G, B, A), premultiplied."""
    import numpy as np  # off the start-up path

    converted = image.convertToFormat(QImage.Format.Format_RGBA8888_Premultiplied)
    width, height = converted.width(), converted.height()
    rows = np.frombuffer(converted.constBits(), np.uint8).reshape(
        height, converted.bytesPerLine()
    )
    return rows[:, : width * 4].reshape(height, width, 4).copy()


def _rgb_image(pixels: NDArray[np.uint8]) -> QImage:
    """An opaque RGB888 image (no alpha channel) from rows x columns x 3."""
    import numpy as np  # off the start-up path

    height, width = pixels.shape[:2]
    data = np.ascontiguousarray(pixels).tobytes()
    return QImage(data, width, height, width * 3, QImage.Format.Format_RGB888).copy()


def straight(image: QImage) -> QImage:
    """Unpremultiplied ARGB, as PNG stores alpha."""
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def fill(image: QImage) -> QImage:
    """The picture composited over black, opaque: premultiplied RGB as it is."""
    return _rgb_image(rgba_array(image)[:, :, :3])


def key(image: QImage) -> QImage:
    """Alpha as an opaque grey picture (white = graphics, black = background).

    Written as RGB with three equal channels: some playout servers read
    only RGB stills.
    """
    import numpy as np  # off the start-up path

    alpha = rgba_array(image)[:, :, 3]
    return _rgb_image(np.repeat(alpha[:, :, np.newaxis], 3, axis=2))


def encode(image: QImage, export_format: ExportFormat) -> dict[str, bytes]:
    """PNG files for a render, by the suffix their name takes ('' for one file)."""
    if export_format is ExportFormat.KEY_FILL:
        return {"_fill": png_bytes(fill(image)), "_key": png_bytes(key(image))}
    if export_format is ExportFormat.OPAQUE:
        # Opaque themes render opaque, so over black changes nothing for them;
        # the transparent theme lands on black.
        return {"": png_bytes(fill(image))}
    # png_bytes unpremultiplies as ``straight`` does, in the same conversion.
    return {"": png_bytes(image if image.hasAlphaChannel() else straight(image))}


def suffixed(path: Path, suffix: str) -> Path:
    """``board.png`` with ``_fill`` is ``board_fill.png``."""
    return path.with_name(f"{path.stem}{suffix}{path.suffix}")


def write_image(
    image: QImage,
    path: Path,
    export_format: ExportFormat = ExportFormat.RGBA,
    *,
    replace: Replace = os.replace,
) -> list[Path]:
    """Write a render in ``export_format`` atomically; returns the paths written.

    A key+fill pair goes to ``<stem>_fill.png`` and ``<stem>_key.png``.

    Raises:
        OSError: a file could not be encoded or written.
    """
    return write_encoded(path, encode(image, export_format), replace=replace)


def write_encoded(
    path: Path, files: dict[str, bytes], *, replace: Replace = os.replace
) -> list[Path]:
    """Write ``encode``'s files next to ``path`` atomically, in order.

    Raises:
        OSError: a file could not be written.
    """
    written = []
    for suffix, data in files.items():
        target = suffixed(path, suffix)
        write_atomically(target, data, replace=replace)
        written.append(target)
    return written


def save_png(image: QImage, path: Path) -> None:
    """Write a straight-alpha PNG atomically.

    Raises:
        OSError: the image could not be written.
    """
    write_image(image, path)


def temporary_name(path: Path) -> Path:
    """A hidden sibling with another extension, so folder watchers skip it."""
    return path.with_name(f".{path.stem}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}")


def write_atomically(
    path: Path,
    data: bytes,
    *,
    replace: Replace = os.replace,
    delays: Sequence[float] = RETRY_DELAYS,
) -> None:
    """Write ``data`` to a temporary name in the folder, then rename over ``path``.

    The rename is retried after each of ``delays`` while it fails with
    PermissionError: Windows refuses to replace a file a reader holds open.

    Raises:
        OSError: the folder or file could not be written, or the rename kept
            failing; the temporary file is removed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_name(path)
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        for delay in (*delays, None):
            try:
                replace(temporary, path)
            except PermissionError:
                if delay is None:
                    raise
                time.sleep(delay)
            else:
                return
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
