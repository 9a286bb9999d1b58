"""The call's moment: a wipe in the call's colour, a held PROJECTED, then the call.

Driven by the manual animation clock and checked on sampled frames, from the
scene and from pixels, while the numbers above are still rolling; the rows'
call chips (ADVANCES) wait for the reveal, so the call lands as one event.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from electionboard.model import tabulate_election
from electionboard.presentation import geometry as g
from electionboard.presentation.content import BannerTone, BoardContent, board_content
from electionboard.resource_paths import sample_snapshots
from electionboard.sources import load_election
from electionboard.ui.board.banner import BEAT_WORD, REVEAL_AT, WIPE_MS
from electionboard.ui.board.scene import ANIMATION_MS, BoardScene
from electionboard.ui.export import render_scene, rgba_array
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


def call_yellow_in_rows(scene: BoardScene) -> int:
    """Pixels of the call's yellow (its chips) in the rows' band of this frame."""
    layout = scene.layout()
    pixels = rgba_array(render_frame(scene))[
        round(layout.rows_top) : round(layout.rows_bottom), :, :3
    ].astype(int)
    call = QColor(DARK.call)
    want = np.array([call.red(), call.green(), call.blue()])
    return int((np.abs(pixels - want).max(axis=2) <= 2).sum())


def chips(scene: BoardScene) -> dict[str, str]:
    return {key: scene.row(key).texts()["tag"] for key in scene.row_order()}


REVEAL_MS = round(REVEAL_AT * WIPE_MS)
ADVANCING = {"caruso": "ADVANCES", "bass": "ADVANCES"}


def test_the_row_chips_wait_for_the_calls_reveal() -> None:
    """ADVANCES comes up with the call's words, not at the start of the beat."""
    scene, clock = called_scene()
    assert {k: v for k, v in chips(scene).items() if v} == {}
    elapsed = 0
    for step in (0, 100, ANIMATION_MS - 100, 300, REVEAL_MS - ANIMATION_MS - 301):
        clock.advance(step)  # the wipe, the glide's end, the held beat
        elapsed += step
        if elapsed:  # the very first frame is still the old banner
            assert scene.banner_drawn_texts() == (BEAT_WORD,), elapsed
        assert not any(chips(scene).values()), (elapsed, chips(scene))
        assert scene.chips_held()
        assert call_yellow_in_rows(scene) == 0, elapsed
    assert elapsed == REVEAL_MS - 1
    assert scene.row("caruso").texts()["votes"] == f"{CALLED.rows[0].votes:,}"

    clock.advance(1)  # the reveal: the call's words and its chips, one event
    assert not scene.chips_held()
    assert {k: v for k, v in chips(scene).items() if v} == ADVANCING
    assert call_yellow_in_rows(scene) > 500
    clock.advance(WIPE_MS)
    assert {k: v for k, v in chips(scene).items() if v} == ADVANCING
    assert scene.banner_drawn_texts() == (CALLED.headline, CALLED.detail)
    scene.deleteLater()


def test_exports_mid_beat_show_the_chips_and_the_frame_goes_on_holding() -> None:
    scene, clock = called_scene()
    clock.advance(800)
    before = render_frame(scene)
    exported = render_scene(scene)
    settled = BoardScene(g.HD, DARK)
    settled.show_content(CALLED, animate=False)
    assert exported == render_scene(settled)  # the call, chips and all
    assert {k: v for k, v in chips(settled).items() if v} == ADVANCING
    assert render_frame(scene) == before
    assert not any(chips(scene).values())
    settled.deleteLater()
    scene.deleteLater()


def test_chips_land_at_once_without_a_moment() -> None:
    clock = ManualAnimations()
    scene = BoardScene(g.HD, DARK, animations=clock)
    scene.show_content(BEFORE, animate=False)
    scene.show_content(CALLED, animate=False)  # a non-animated show: settled
    assert {k: v for k, v in chips(scene).items() if v} == ADVANCING
    scene.deleteLater()


def test_a_new_count_mid_beat_keeps_the_chips_held_and_a_retraction_frees_them() -> (
    None
):
    scene, clock = called_scene()
    clock.advance(600)
    scene.show_content(CALLED)  # the feed answers again mid-beat: still the call
    assert scene.chips_held()
    clock.advance(100)
    assert not any(chips(scene).values())
    scene.show_content(BEFORE)  # retracted: nothing held any more
    assert not scene.chips_held()
    clock.advance(ANIMATION_MS // 2)  # the rows' words change at the glide's switch
    assert not any(chips(scene).values())
    scene.finish_animation()
    assert not any(chips(scene).values())
    scene.show_content(CALLED)
    scene.finish_animation()  # finishing lands the call with its chips
    assert not scene.chips_held()
    assert {k: v for k, v in chips(scene).items() if v} == ADVANCING
    scene.deleteLater()
