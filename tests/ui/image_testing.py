"""Golden-image comparison pixel by pixel, re-approvable by a switch.

Goldens are stored at half size (960x540 for a 1080 board) so each stays near
120 KB, and compared per pixel as pyqtgraph's image tests do: a pixel differs
when any channel is off by more than a threshold, and only a few may differ,
so antialiasing noise passes and a misplaced block does not. On a failure the
render is written beside the golden as ``<name>.actual.png`` with
``<name>.diff.png`` marking the differing pixels in red. Set
ELECTIONBOARD_APPROVE_IMAGES=1 to write new goldens after looking at them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

IMAGES = Path(__file__).resolve().parent.parent / "images"
APPROVE = "ELECTIONBOARD_APPROVE_IMAGES"
REDUCTION = 2
"""Goldens are this many times smaller than the render on each side."""
CHANNEL_THRESHOLD = 48
"""A pixel differs when one of its channels is off by more than this (0-255)."""
ALLOWED_PIXELS = 400
"""How many pixels may differ: about 0.08 % of a half-size 1080 board."""

Pixels = npt.NDArray[np.uint8]


def reduced(image: QImage) -> QImage:
    """The render at golden size, as 32-bit ARGB."""
    small = image.scaled(
        image.width() // REDUCTION,
        image.height() // REDUCTION,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    return small.convertToFormat(QImage.Format.Format_ARGB32)


def pixels(image: QImage) -> Pixels:
    """An ARGB32 image as a height x width x 4 array (a copy)."""
    assert image.format() == QImage.Format.Format_ARGB32, image.format()
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine()
    )
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4).copy()


@dataclass(frozen=True, slots=True)
class Comparison:
    """Which pixels of two same-size images differ beyond the threshold."""

    differing: npt.NDArray[np.bool_]
    largest: int
    """The largest difference of any channel, 0-255."""

    @property
    def count(self) -> int:
        """How many pixels differ."""
        return int(self.differing.sum())


def compare(actual: QImage, golden: QImage, threshold: int) -> Comparison:
    """Compare two same-size ARGB32 images channel by channel."""
    assert actual.size() == golden.size(), (actual.size(), golden.size())
    delta = np.abs(pixels(actual).astype(np.int16) - pixels(golden).astype(np.int16))
    differing: npt.NDArray[np.bool_] = np.any(delta > threshold, axis=2)
    return Comparison(differing, int(delta.max(initial=0)))


def diff_image(golden: QImage, differing: npt.NDArray[np.bool_]) -> QImage:
    """The golden dimmed to a quarter, with every differing pixel opaque red."""
    out = pixels(golden)
    out[..., :3] //= 4  # BGR of little-endian ARGB32
    out[..., 3] = 255
    out[differing] = (0, 0, 255, 255)
    height, width = differing.shape
    image = QImage(out.tobytes(), width, height, width * 4, QImage.Format.Format_ARGB32)
    return image.copy()  # own the pixels once ``out`` is gone


def assert_image_approved(
    image: QImage,
    name: str,
    *,
    threshold: int = CHANNEL_THRESHOLD,
    allowed: int = ALLOWED_PIXELS,
    directory: Path = IMAGES,
) -> None:
    """Compare ``image`` with ``<directory>/<name>.png`` or approve it."""
    golden_path = directory / f"{name}.png"
    small = reduced(image)
    if os.environ.get(APPROVE) == "1":
        directory.mkdir(parents=True, exist_ok=True)
        assert small.save(str(golden_path), None, 0)  # 0: smallest PNG
        return
    if not golden_path.exists():
        raise AssertionError(
            f"no golden image {golden_path.name}; look at the export and "
            f"rerun with {APPROVE}=1 to approve it"
        )
    golden = QImage(str(golden_path)).convertToFormat(QImage.Format.Format_ARGB32)
    actual_path = golden_path.with_name(f"{name}.actual.png")
    if small.size() != golden.size():
        small.save(str(actual_path))
        raise AssertionError(
            f"{name}: size {small.width()}x{small.height()} != golden "
            f"{golden.width()}x{golden.height()}; see {actual_path}"
        )
    result = compare(small, golden, threshold)
    if result.count > allowed:
        diff_path = golden_path.with_name(f"{name}.diff.png")
        small.save(str(actual_path))
        diff_image(golden, result.differing).save(str(diff_path))
        raise AssertionError(
            f"{name}: {result.count} pixels differ by more than {threshold} "
            f"(largest {result.largest}; {allowed} allowed); see {actual_path} "
            f"and {diff_path} (rerun with {APPROVE}=1 to approve)"
        )
