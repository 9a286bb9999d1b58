"""Preview and program are the same board: a Take never changes the picture.

Headshots, the logo bug and the locator are settings; the preview is built
with the program's, so what the operator cues is what airs, pixel for pixel.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from electionboard.settings import Settings
from electionboard.ui.board.headshot import HeadshotItem
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.export import render_scene
from tests.feedserver import FeedServer
from tests.ui.studio.rig import StudioRig, close_studio, open_studio
from tests.ui.test_identity import LOGO, PICTURE, solid


@pytest.fixture
def dressed(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> Iterator[StudioRig]:
    """The studio with headshots (Bass, Xi; none for the others), logo, locator."""
    heads = tmp_path / "heads"
    heads.mkdir()
    solid(heads / "bass.png", PICTURE, 200, 260)
    solid(heads / "x.jpg", PICTURE, 300, 300)
    logo = solid(tmp_path / "logo.png", LOGO, 300, 100)
    settings = Settings(headshots_dir=str(heads), logo=str(logo), locator="CALIFORNIA")
    rig = open_studio(qtbot, feed_server, tmp_path / "data", settings=settings)
    yield rig
    close_studio(rig)


def identity(scene: BoardScene) -> dict[str, object]:
    """Every identity item the scene draws: portraits, logo bug, locator."""
    drawn: dict[str, object] = {}
    for key in scene.row_order():
        portrait = scene.row(key).portrait()
        assert isinstance(portrait, HeadshotItem), key
        drawn[key] = (portrait.has_picture(), portrait.initials())
    bug = scene.identity
    drawn["logo"] = (bug.shows_logo(), bug.rects()["logo"])
    drawn["locator"] = (bug.locator_text(), bug.rects()["locator"])
    return drawn


def pictures_in(qtbot: QtBot, scene: BoardScene, key: str) -> None:
    """Wait for the worker's pictures to reach ``scene`` (headshot of ``key``)."""

    def ready() -> bool:
        portrait = scene.row(key).portrait()
        return isinstance(portrait, HeadshotItem) and portrait.has_picture()

    assert scene.images.wait()
    qtbot.waitUntil(lambda: ready() and scene.identity.shows_logo(), timeout=10_000)


def test_preview_and_program_draw_the_same_identity_for_the_same_race(
    dressed: StudioRig,
) -> None:
    program, preview = dressed.scene, dressed.studio.preview_scene
    assert dressed.controller.race_id == "mayor"
    dressed.studio.preview.show_race("mayor", animate=False)
    for scene in (program, preview):
        pictures_in(dressed.qtbot, scene, "bass")
    drawn = identity(program)
    assert drawn["bass"] == (True, "KB")
    assert drawn["caruso"] == (False, "RC")  # no file: an initials disc
    assert drawn["logo"][0] is True  # type: ignore[index]
    assert drawn["locator"][0] == "CALIFORNIA"  # type: ignore[index]
    assert identity(preview) == drawn
    assert render_scene(preview) == render_scene(program)


def test_a_take_puts_on_air_the_picture_the_preview_showed(
    dressed: StudioRig,
) -> None:
    studio = dressed.studio
    assert studio.director.add_race("council")
    assert dressed.preview_race == "council"
    pictures_in(dressed.qtbot, studio.preview_scene, "x")
    cued, cued_identity = (
        render_scene(studio.preview_scene),
        identity(studio.preview_scene),
    )
    assert cued_identity["x"] == (True, "X")
    studio.director.take()
    dressed.settle()
    assert dressed.controller.race_id == "council"
    pictures_in(dressed.qtbot, dressed.scene, "x")
    assert identity(dressed.scene) == cued_identity
    assert render_scene(dressed.scene) == cued
