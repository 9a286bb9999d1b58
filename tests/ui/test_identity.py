"""Identity on air: headshots from a folder masked to a circle (initials when
none), the logo bug and the locator, in the scene and in exports."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from electionboard.app import ExportOptions, run_export
from electionboard.model import tabulate
from electionboard.presentation import geometry as g
from electionboard.presentation.content import AirStyle, BoardContent, board_content
from electionboard.resource_paths import sample_snapshots
from electionboard.sources import load_election
from electionboard.ui.board.headshot import HeadshotItem
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.export import render_scene, rgba_array
from tests.builders import UPDATED, race

PICTURE = "#00ff00"
LOGO = "#ff00ff"


def solid(path: Path, colour: str, width: int, height: int) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))
    return path


def content() -> BoardContent:
    standings = tabulate(
        dataclasses.replace(race([900, 700, 300]), name="Florida · U.S. Senate")
    )
    return board_content(standings, UPDATED, style=AirStyle(locator="Tampa Bay"))


@pytest.fixture
def identity(tmp_path: Path) -> tuple[Path, Path]:
    heads = tmp_path / "heads"
    heads.mkdir()
    solid(heads / "a.png", PICTURE, 200, 260)  # portrait: cropped square
    solid(heads / "b.jpg", PICTURE, 300, 300)
    return heads, solid(tmp_path / "logo.png", LOGO, 300, 100)


@pytest.fixture
def scene(qtbot: QtBot, identity: tuple[Path, Path]) -> Iterator[BoardScene]:  # noqa: ARG001
    heads, logo = identity
    scene = BoardScene(headshots_dir=heads, logo=logo)
    yield scene
    assert scene.images.wait()
    scene.deleteLater()


def headshot(scene: BoardScene, key: str) -> HeadshotItem:
    item = scene.row(key).portrait()
    assert isinstance(item, HeadshotItem)
    return item


def shown(qtbot: QtBot, scene: BoardScene) -> None:
    # Not qtbot.waitSignal on ``images.loaded``: the loader emits it from its
    # worker once per read, and a second emission queued for the blocker after
    # the wait ended was delivered to it once gone, which crashed the suite.
    scene.show_content(content(), animate=False)
    assert scene.images.wait(10_000)  # every read done and its signal queued
    qtbot.waitUntil(
        lambda: (
            headshot(scene, "a").has_picture()
            and headshot(scene, "b").has_picture()
            and scene.identity.shows_logo()
        ),
        timeout=10_000,
    )


def near(image: QImage, x: float, y: float, colour: str) -> bool:
    """The pixel at (x, y) is ``colour``, give or take JPEG's rounding."""
    want = QColor(colour)
    got = rgba_array(image)[round(y), round(x), :3].astype(int)
    return bool(np.abs(got - [want.red(), want.green(), want.blue()]).max() <= 8)


def test_headshots_are_circles_and_initials_stand_in(
    qtbot: QtBot, scene: BoardScene
) -> None:
    shown(qtbot, scene)
    assert headshot(scene, "a").has_picture()
    assert not headshot(scene, "c").has_picture()
    assert headshot(scene, "c").initials() == "C"
    image = render_scene(scene)
    for key in ("a", "b"):
        rect = headshot(scene, key).sceneBoundingRect()
        centre = rect.center()
        assert near(image, centre.x(), centre.y(), PICTURE)
        # Masked: the square's corner is not the picture.
        assert not near(image, rect.left() + 2, rect.top() + 2, PICTURE)
        assert rect.width() == pytest.approx(rect.height())
    # The name makes room: it starts right of the circle.
    disc = headshot(scene, "a").sceneBoundingRect()
    name_left = min(
        child.sceneBoundingRect().left()
        for child in scene.row("a").childItems()
        if child.sceneBoundingRect().left() > disc.left()
    )
    assert name_left >= disc.right()


def test_logo_bug_and_locator_sit_in_the_banner(
    qtbot: QtBot, scene: BoardScene
) -> None:
    shown(qtbot, scene)
    assert scene.identity.shows_logo()
    assert scene.identity.locator_text() == "TAMPA BAY"
    rects = scene.identity.rects()
    s = scene.raster.scale
    banner = scene.banner_rect()
    for rect in rects.values():
        assert banner.top() <= rect.top()
        assert rect.bottom() <= banner.bottom()
        assert rect.right() <= g.SAFE_RIGHT * s
    image = render_scene(scene)
    logo = rects["logo"].center()
    assert near(image, logo.x(), logo.y(), LOGO)


def test_a_headless_export_has_headshots_and_logo(
    qtbot: QtBot,  # noqa: ARG001 - the QApplication
    tmp_path: Path,
    identity: tuple[Path, Path],
) -> None:
    heads, logo = identity
    solid(heads / "bass.png", PICTURE, 120, 120)
    config = tmp_path / "config"
    config.mkdir()
    settings = {"schema_version": 1, "headshots_dir": str(heads), "logo": str(logo)}
    (config / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    final = sample_snapshots()[-1]
    out = run_export(ExportOptions(str(final), tmp_path / "b.png", config_dir=config))
    image = QImage(str(out[0]))
    scene = BoardScene(headshots_dir=heads, logo=logo)
    try:
        scene.show_content(
            board_content(tabulate(load_election(str(final)).races[0]), UPDATED),
            animate=False,
        )
        disc = scene.row("bass").portrait()
        assert disc is not None
        centre = disc.sceneBoundingRect().center()
    finally:
        assert scene.images.wait()
        scene.deleteLater()
    assert near(image, centre.x(), centre.y(), PICTURE)
    pixels = rgba_array(image)[:, :, :3].astype(int)
    magenta = np.abs(pixels - np.array([255, 0, 255])).max(axis=2) <= 8
    assert magenta.sum() > 1000  # the logo bug
