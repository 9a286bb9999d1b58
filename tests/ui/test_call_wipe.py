"""The call's moment: a wipe in the call's colour, a held PROJECTED, then the call.

Driven by the manual animation clock and checked on sampled frames, from the
scene and from pixels, while the numbers above are still rolling.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from electionboard.model import tabulate_election
from electionboard.presentation import geometry as g
from electionboard.presentation.content import BannerTone, BoardContent, board_content
from electionboard.resource_paths import sample_snapshots
from electionboard.sources import load_election
from electionboard.ui.board.banner import BEAT_WORD, WIPE_MS
from electionboard.ui.board.scene import ANIMATION_MS, BoardScene
from electionboard.ui.export import render_scene
from electionboard.ui.theme import DARK
from tests.ui.manual_animations import ManualAnimations

pytestmark = pytest.mark.usefixtures("qtbot")

BANNER_Y = round(g.BANNER_TOP + 8)
"""A row of banner pixels above every word."""


def content(index: int) -> BoardContent:
    election = load_election(str(sample_snapshots()[index]))
    return board_content(tabulate_election(election)[0], election.updated)


BEFORE, CALLED = content(2), content(3)  # 9:00 PM, then AP's 9:20 PM call


def colour_at(scene: BoardScene, x: float) -> QColor:
    return render_frame(scene).pixelColor(round(x), BANNER_Y)


def render_frame(scene: BoardScene) -> QImage:
    """This frame as drawn on air (render_scene would show the end state)."""
    image = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    scene.render(painter)
    painter.end()
    return image


def called_scene() -> tuple[BoardScene, ManualAnimations]:
    clock = ManualAnimations()
    scene = BoardScene(g.HD, DARK, animations=clock)
    scene.show_content(BEFORE, animate=False)
    assert BEFORE.tone is BannerTone.EARLY
    assert CALLED.tone is BannerTone.CALLED
    scene.show_content(CALLED)
    return scene, clock


def test_the_call_wipes_in_holds_projected_then_shows_the_call() -> None:
    scene, clock = called_scene()
    early, call = (
        QColor(DARK.banner[t][0]) for t in (BannerTone.EARLY, BannerTone.CALLED)
    )
    left, right = (g.SAFE_LEFT + 40), (g.SAFE_RIGHT - 40)

    # The first frame is still the old banner: no hard cut.
    assert scene.banner_drawn_texts() == (BEFORE.headline, BEFORE.detail)
    assert colour_at(scene, left) == early
    assert scene.banner_texts() == (CALLED.headline, CALLED.detail)  # settling to

    clock.advance(100)  # the wipe is under way from the left
    wipe = scene.banner_wipe_rect()
    assert g.SAFE_LEFT < wipe.right() < g.SAFE_RIGHT
    assert colour_at(scene, left) == call
    assert colour_at(scene, right) == early
    assert scene.banner_drawn_texts() == (BEAT_WORD,)
    rolling = scene.row(CALLED.rows[0].key).texts()["votes"]
    assert rolling not in ("0", f"{CALLED.rows[0].votes:,}")  # numbers still roll

    clock.advance(400)  # 500 ms: covered, and the beat is held
    assert colour_at(scene, right) == call
    assert scene.banner_drawn_texts() == (BEAT_WORD,)
    assert scene.banner_wipe_rect().width() == pytest.approx(g.SAFE_RIGHT - g.SAFE_LEFT)
    clock.advance(500)  # 1000 ms: still held
    assert scene.banner_drawn_texts() == (BEAT_WORD,)
    assert scene.is_animating()

    clock.advance(300)  # 1300 ms: the call's words come up through the beat
    assert scene.banner_drawn_texts() == (BEAT_WORD, CALLED.headline, CALLED.detail)

    clock.advance(WIPE_MS)
    assert not scene.is_animating()
    assert scene.banner_drawn_texts() == (CALLED.headline, CALLED.detail)
    assert scene.banner_wipe_rect().isEmpty()
    assert colour_at(scene, left) == call
    cut = BoardScene(g.HD, DARK)
    cut.show_content(CALLED, animate=False)
    assert render_scene(scene) == render_scene(cut)  # it settles on the call
    cut.deleteLater()
    scene.deleteLater()


def test_the_beat_outlasts_the_glide() -> None:
    scene, clock = called_scene()
    clock.advance(ANIMATION_MS)
    row = scene.row(CALLED.rows[0].key)
    assert row.texts()["votes"] == f"{CALLED.rows[0].votes:,}"  # numbers settled
    assert scene.banner_drawn_texts() == (BEAT_WORD,)
    scene.deleteLater()


def test_an_export_mid_wipe_shows_the_call_and_leaves_the_moment_running() -> None:
    scene, clock = called_scene()
    clock.advance(200)
    before = render_frame(scene)
    exported = render_scene(scene)
    assert exported.pixelColor(round(g.SAFE_RIGHT - 40), BANNER_Y) == QColor(
        DARK.banner[BannerTone.CALLED][0]
    )
    assert render_frame(scene) == before
    assert scene.banner_drawn_texts() == (BEAT_WORD,)
    scene.deleteLater()


def test_no_moment_without_a_glide_or_for_a_new_race() -> None:
    clock = ManualAnimations()
    scene = BoardScene(g.HD, DARK, animations=clock)
    scene.show_content(CALLED)  # a new race on air: it simply is called
    assert scene.banner_drawn_texts() == (CALLED.headline, CALLED.detail)
    scene.show_content(BEFORE, animate=False)
    scene.show_content(CALLED, animate=False)
    assert scene.banner_drawn_texts() == (CALLED.headline, CALLED.detail)
    assert scene.banner_wipe_rect().isEmpty()
    scene.deleteLater()


def test_a_retraction_mid_wipe_cuts_back_at_once() -> None:
    scene, clock = called_scene()
    clock.advance(600)
    scene.show_content(BEFORE)
    assert scene.banner_drawn_texts() == (BEFORE.headline, BEFORE.detail)
    assert scene.banner_wipe_rect().isEmpty()
    clock.advance(WIPE_MS)
    assert scene.banner_drawn_texts() == (BEFORE.headline, BEFORE.detail)
    scene.deleteLater()


def test_finish_animation_settles_the_call() -> None:
    scene, _ = called_scene()
    scene.finish_animation()
    assert not scene.is_animating()
    assert scene.banner_drawn_texts() == (CALLED.headline, CALLED.detail)
    scene.deleteLater()
