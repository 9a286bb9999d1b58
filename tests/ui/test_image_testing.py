"""The golden-image check itself: blind to antialiasing, not to a painted block."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from electionboard.app import ExportOptions, run_export
from electionboard.resource_paths import sample_snapshots
from tests.ui.image_testing import IMAGES, REDUCTION, assert_image_approved

pytestmark = pytest.mark.image

GOLDEN = "la2022_final_1080"
BLOCK = (800, 600, 240, 48)
"""Where the reviewer's magenta block goes, in 1080 board pixels."""


@pytest.fixture
def final_board(tmp_path: Path) -> QImage:
    out = tmp_path / "board.png"
    run_export(ExportOptions(source=str(sample_snapshots()[-1]), out=out))
    return QImage(str(out)).convertToFormat(QImage.Format.Format_ARGB32)


@pytest.fixture
def goldens(tmp_path: Path) -> Path:
    """A copy of the approved final board, so failures write beside it here."""
    folder = tmp_path / "images"
    folder.mkdir()
    shutil.copy(IMAGES / f"{GOLDEN}.png", folder)
    return folder


def painted(image: QImage, colour: QColor, rect: tuple[int, int, int, int]) -> QImage:
    out = image.copy()
    painter = QPainter(out)
    try:
        painter.fillRect(*rect, colour)
    finally:
        painter.end()
    return out


@pytest.mark.usefixtures("qtbot")
def test_a_magenta_block_fails_and_the_diff_marks_it(
    final_board: QImage, goldens: Path
) -> None:
    tampered = painted(final_board, QColor("#ff00ff"), BLOCK)
    with pytest.raises(AssertionError, match=r"pixels differ by more than 48"):
        assert_image_approved(tampered, GOLDEN, directory=goldens)
    diff = QImage(str(goldens / f"{GOLDEN}.diff.png"))
    actual = QImage(str(goldens / f"{GOLDEN}.actual.png"))
    assert actual.size() == diff.size() == final_board.size() / REDUCTION
    x, y, w, h = (v // REDUCTION for v in BLOCK)
    assert diff.pixelColor(x + w // 2, y + h // 2) == QColor("#ff0000")
    assert diff.pixelColor(x - 10, y - 10) != QColor("#ff0000")


@pytest.mark.usefixtures("qtbot")
def test_the_untouched_board_and_a_faint_veil_pass(
    final_board: QImage, goldens: Path
) -> None:
    assert_image_approved(final_board, GOLDEN, directory=goldens)
    veil = painted(final_board, QColor(255, 255, 255, 12), (0, 0, 1920, 1080))
    assert_image_approved(veil, GOLDEN, directory=goldens)
    assert sorted(p.name for p in goldens.iterdir()) == [f"{GOLDEN}.png"]
