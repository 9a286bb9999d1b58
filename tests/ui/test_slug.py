"""The TEST DATA · NOT FOR AIR slug: on every output of a test feed, inside
title-safe, off the figures; from the scene and from pixels."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QGraphicsSimpleTextItem
from pytestqt.qtbot import QtBot

from electionboard.app import ExportOptions, run_export
from electionboard.model import tabulate
from electionboard.presentation import geometry as g
from electionboard.presentation.content import BoardContent, board_content
from electionboard.resource_paths import sample_snapshots
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.export import render_scene, rgba_array
from electionboard.ui.theme import DARK, LIGHT
from electionboard.ui.watch_folder import WatchFolderExporter
from tests.builders import UPDATED, race


def content(*, test_data: bool) -> BoardContent:
    return board_content(tabulate(race([900, 700, 300])), UPDATED, test_data=test_data)


@pytest.fixture
def scene(qtbot: QtBot) -> Iterator[BoardScene]:  # noqa: ARG001 - the QApplication
    scene = BoardScene()
    yield scene
    scene.deleteLater()


def safe_box(raster: g.Raster) -> QRectF:
    s = raster.scale
    return QRectF(
        g.SAFE_LEFT * s,
        g.SAFE_TOP * s,
        (g.SAFE_RIGHT - g.SAFE_LEFT) * s,
        (g.SAFE_BOTTOM - g.SAFE_TOP) * s,
    )


def slug_colour_share(image: QImage, rect: QRectF, colour: str) -> float:
    """The share of the slug's pixels in the alarm colour (its hard plate)."""
    pixels = rgba_array(image)[
        round(rect.top()) + 2 : round(rect.bottom()) - 2,
        round(rect.left()) + 2 : round(rect.right()) - 2,
        :3,
    ].astype(int)
    want = QColor(colour)
    target = np.array([want.red(), want.green(), want.blue()])
    close = np.abs(pixels - target).max(axis=2) <= 12
    return float(close.mean())


@pytest.mark.parametrize("raster", [g.HD, g.UHD])
def test_the_slug_sits_in_title_safe_clear_of_every_other_text(
    qtbot: QtBot,  # noqa: ARG001 - the QApplication
    raster: g.Raster,
) -> None:
    scene = BoardScene(raster)
    try:
        scene.show_content(content(test_data=True), animate=False)
        assert scene.shows_test_slug()
        slug = scene.slug_rect()
        assert safe_box(raster).contains(slug)
        for item in scene.items():
            visible = item.isVisible()
            if isinstance(item, QGraphicsSimpleTextItem) and visible and item.text():
                assert not slug.intersects(item.sceneBoundingRect()), item.text()
        for key in scene.row_order():
            assert not slug.intersects(scene.row(key).sceneBoundingRect())
            assert not slug.intersects(scene.bar_rect(key))
    finally:
        scene.deleteLater()


def test_the_slug_is_a_hard_plate_in_the_program_picture(scene: BoardScene) -> None:
    scene.show_content(content(test_data=True), animate=False)
    image = render_scene(scene)
    assert slug_colour_share(image, scene.slug_rect(), DARK.stale) > 0.5
    scene.show_content(content(test_data=False), animate=False)
    assert not scene.shows_test_slug()
    assert slug_colour_share(render_scene(scene), scene.slug_rect(), DARK.stale) == 0
    scene.set_theme(LIGHT)
    scene.show_content(content(test_data=True), animate=False)
    assert slug_colour_share(render_scene(scene), scene.slug_rect(), LIGHT.stale) > 0.5


def test_the_watch_folder_picture_carries_the_slug(
    qtbot: QtBot, scene: BoardScene, tmp_path: Path
) -> None:
    exporter = WatchFolderExporter(scene, tmp_path, board="studio", interval_ms=5)
    try:
        with qtbot.waitSignal(exporter.written, timeout=10_000) as done:
            scene.show_content(content(test_data=True), animate=False)
    finally:
        assert exporter.shutdown()
    written = QImage(str(done.args[0][0]))
    assert slug_colour_share(written, scene.slug_rect(), DARK.stale) > 0.5


def test_headless_export_of_a_test_feed_carries_slug_and_watermark(
    qtbot: QtBot,  # noqa: ARG001 - the QApplication
    tmp_path: Path,
) -> None:
    night = json.loads(sample_snapshots()[-1].read_text(encoding="utf-8"))
    plain_feed, test_feed = tmp_path / "plain.json", tmp_path / "test.json"
    plain_feed.write_text(json.dumps(night), encoding="utf-8")
    night["election"]["test"] = True
    test_feed.write_text(json.dumps(night), encoding="utf-8")
    marked = run_export(ExportOptions(str(test_feed), tmp_path / "marked.png"))[0]
    clean = run_export(ExportOptions(str(plain_feed), tmp_path / "clean.png"))[0]
    scene = BoardScene()
    try:
        scene.show_content(content(test_data=True), animate=False)
        rect = scene.slug_rect()
    finally:
        scene.deleteLater()
    assert slug_colour_share(QImage(str(marked)), rect, DARK.stale) > 0.5
    assert slug_colour_share(QImage(str(clean)), rect, DARK.stale) == 0
    # The watermark, behind the graphics, still tints the open frame.
    assert QImage(str(marked)) != QImage(str(clean))
