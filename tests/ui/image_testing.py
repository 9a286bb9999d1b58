"""Golden-image comparison with a tolerance, re-approvable by a switch.

Goldens are stored at quarter size (480x270 for a 1080 board) so they stay
small and ignore sub-pixel antialiasing; set ELECTIONBOARD_APPROVE_IMAGES=1 to
write new goldens after looking at them.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

IMAGES = Path(__file__).resolve().parent.parent / "images"
APPROVE = "ELECTIONBOARD_APPROVE_IMAGES"


def _reduced(image: QImage) -> QImage:
    small = image.scaled(
        image.width() // 4,
        image.height() // 4,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    return small.convertToFormat(QImage.Format.Format_ARGB32)


def mean_difference(a: QImage, b: QImage) -> float:
    """Mean absolute difference per channel, 0-255, of two same-size images."""
    assert a.size() == b.size(), (a.size(), b.size())
    data_a = bytes(a.constBits())
    data_b = bytes(b.constBits())
    total = sum(abs(x - y) for x, y in zip(data_a, data_b, strict=True))
    return total / len(data_a)


def assert_image_approved(image: QImage, name: str, tolerance: float = 2.0) -> None:
    """Compare ``image`` with ``tests/images/<name>.png`` or approve it."""
    golden_path = IMAGES / f"{name}.png"
    reduced = _reduced(image)
    if os.environ.get(APPROVE) == "1" or not golden_path.exists():
        if os.environ.get(APPROVE) != "1":
            raise AssertionError(
                f"no golden image {golden_path.name}; look at the export and "
                f"rerun with {APPROVE}=1 to approve it"
            )
        IMAGES.mkdir(parents=True, exist_ok=True)
        assert reduced.save(str(golden_path))
        return
    golden = QImage(str(golden_path)).convertToFormat(QImage.Format.Format_ARGB32)
    difference = mean_difference(reduced, golden)
    if difference > tolerance:
        actual = golden_path.with_name(f"{name}.actual.png")
        reduced.save(str(actual))
        raise AssertionError(
            f"{name}: mean difference {difference:.2f} > {tolerance}; "
            f"see {actual} (rerun with {APPROVE}=1 to approve)"
        )
