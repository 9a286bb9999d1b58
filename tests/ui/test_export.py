"""Exported PNGs: exact raster, alpha for keying, colours, and goldens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from electionboard.app import ExportError, ExportOptions, run_export
from electionboard.resource_paths import sample_snapshots
from electionboard.ui.board import geometry as g
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.export import timestamped_name
from tests.ui.image_testing import assert_image_approved

FINAL = str(sample_snapshots()[-1])
SEMI_FINAL = str(sample_snapshots()[12])

pytestmark = pytest.mark.image


def export(tmp_path: Path, source: str = FINAL, **options: object) -> QImage:
    out = tmp_path / "board.png"
    run_export(ExportOptions(source=source, out=out, **options))  # type: ignore[arg-type]
    image = QImage(str(out))
    assert not image.isNull()
    return image


def bar_centre(index: int, scale: float = 1.0) -> tuple[int, int]:
    """A point inside the first quarter of bar ``index`` (above the cutoff)."""
    top = g.row_top(index, None) + g.ROW_HEIGHT / 2
    return round((g.BAR_LEFT + 40) * scale), round(top * scale)


def test_exact_size_opaque_by_default(qtbot: QtBot, tmp_path: Path) -> None:
    image = export(tmp_path)
    assert (image.width(), image.height()) == (1920, 1080)
    assert image.devicePixelRatio() == 1.0
    assert image.pixelColor(0, 0).alpha() == 255


def test_transparent_background_with_opaque_graphics(
    qtbot: QtBot, tmp_path: Path
) -> None:
    image = export(tmp_path, transparent=True)
    assert image.hasAlphaChannel()
    for corner in ((0, 0), (1919, 0), (0, 1079), (1919, 1079)):
        assert image.pixelColor(*corner).alpha() == 0
    x, y = bar_centre(0)
    assert image.pixelColor(x, y).alpha() == 255


def test_leader_bar_has_its_colour(qtbot: QtBot, tmp_path: Path) -> None:
    # Bass leads the certified count; in this nonpartisan race both leaders
    # are Democrats, so the board falls back to per-candidate colours (slot 0).
    image = export(tmp_path)
    x, y = bar_centre(0)
    assert image.pixelColor(x, y).name() == QColor("#2f7fe0").name()


def test_uhd_raster_is_laid_out_at_full_size(qtbot: QtBot, tmp_path: Path) -> None:
    image = export(tmp_path, size="3840x2160", transparent=True)
    assert (image.width(), image.height()) == (3840, 2160)
    x, y = bar_centre(0, scale=2.0)
    assert image.pixelColor(x, y).name() == QColor("#2f7fe0").name()
    assert image.pixelColor(10, 10).alpha() == 0


def test_bad_size_and_race_are_errors(qtbot: QtBot, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unsupported size"):
        export(tmp_path, size="1280x720")
    with pytest.raises(ExportError, match="no race 'nope'"):
        export(tmp_path, race="nope")


def test_final_result_matches_golden(qtbot: QtBot, tmp_path: Path) -> None:
    assert_image_approved(export(tmp_path), "la2022_final_1080")


def test_semi_final_matches_golden(qtbot: QtBot, tmp_path: Path) -> None:
    assert_image_approved(export(tmp_path, source=SEMI_FINAL), "la2022_semifinal_1080")


def test_text_stays_inside_title_safe(qtbot: QtBot) -> None:
    from electionboard.model import tabulate_election
    from electionboard.sources import load_election
    from electionboard.ui.board.content import board_content

    election = load_election(FINAL)
    scene = BoardScene()
    scene.show_content(board_content(tabulate_election(election)[0], election.updated))
    scene.finish_animation()
    safe = scene.sceneRect().adjusted(96, 54, -96, -54)
    checked = 0
    for item in scene.items():
        rect = item.sceneBoundingRect()
        if not item.isVisible() or rect == scene.sceneRect() or rect.isEmpty():
            continue  # the full-frame background is not text
        assert safe.contains(rect), (type(item).__name__, rect)
        checked += 1
    assert checked > 40


def test_timestamped_names_are_safe() -> None:
    import datetime as dt

    moment = dt.datetime(2022, 6, 8, 9, 5, 7, tzinfo=dt.UTC)
    assert timestamped_name("la mayor/2022", moment) == (
        "board_la_mayor_2022_20220608T090507Z.png"
    )


@pytest.mark.parametrize("size", ["1920x1080", "3840x2160"])
def test_type_is_large_enough_for_air(qtbot: QtBot, size: str) -> None:
    """Mixed-case text >= 45 px and all-capitals >= 34 px at 1080, scaled."""
    from electionboard.model import tabulate_election
    from electionboard.sources import load_election
    from electionboard.ui.board.content import board_content
    from electionboard.ui.board.geometry import parse_raster
    from electionboard.ui.board.items import PillItem, TextItem

    raster = parse_raster(size)
    checked = 0
    for source in (FINAL, SEMI_FINAL, str(sample_snapshots()[0])):
        election = load_election(source)
        scene = BoardScene(raster)
        scene.show_content(
            board_content(tabulate_election(election)[0], election.updated),
            animate=False,
        )
        scene.set_stale("STALE · 3 MIN")
        for item in scene.items():
            if not item.isVisible() or not isinstance(item, TextItem | PillItem):
                continue
            text = item.text()
            if not text:
                continue
            floor = 45 if any(ch.islower() for ch in text) else 34
            assert item.font().pixelSize() >= floor * raster.scale, text
            checked += 1
    assert checked > 60
