"""A glide's new words are drawn on frames before its switch, one a frame."""

from __future__ import annotations

import pytest

from electionboard.presentation import geometry as g
from electionboard.presentation.content import board_content
from electionboard.ui.board.scene import ANIMATION_MS, SWITCH, BoardScene
from tests.builders import UPDATED
from tests.ui.board_frames import mayor_race
from tests.ui.manual_animations import ManualAnimations
from tests.ui.scene_render import rendered


@pytest.mark.usefixtures("qtbot")
def test_the_new_cutoff_label_is_drawn_before_the_switch_and_shown_at_it() -> None:
    animations = ManualAnimations()
    scene = BoardScene(g.UHD, animations=animations)
    scene.show_content(
        board_content(mayor_race([50_000, 40_000, 30_000]), UPDATED), animate=False
    )
    label = scene._cutoff_label
    before = label.text()
    rendered(scene)  # where the label is drawn: a 4K board draws it from an image
    second = board_content(mayor_race([60_000, 40_000, 30_000]), UPDATED)
    assert second.cutoff_label != before
    scene.show_content(second)
    for _ in range(5):  # the glide's first frames, a text prepared each
        animations.advance(16)
    assert scene.is_animating()
    assert label.text() == before  # still showing the old margin
    prepared = label._image.image
    key = label._image.key
    assert prepared is not None
    assert key is not None
    assert key[0] == second.cutoff_label
    animations.advance(int(ANIMATION_MS * SWITCH) + 40)  # past the switch
    assert label.text() == second.cutoff_label
    shown = rendered(scene)
    assert label._image.image is prepared  # drawn from what was made before
    label._image.forget()  # and it is what drawing the label gives
    assert rendered(scene) == shown


@pytest.mark.usefixtures("qtbot")
def test_the_new_header_words_are_drawn_before_the_switch() -> None:
    animations = ManualAnimations()
    scene = BoardScene(g.UHD, animations=animations)
    first = board_content(mayor_race([50_000, 40_000, 30_000]), UPDATED)
    scene.show_content(first, animate=False)
    rendered(scene)
    second = board_content(
        mayor_race([60_000, 40_000, 30_000]), UPDATED.replace(hour=UPDATED.hour + 1)
    )
    assert second.updated != first.updated
    scene.show_content(second)
    animations.advance(16)  # the first frame prepares the time stamp
    updated = scene._updated
    key = updated._image.key
    assert key is not None
    assert key[0] == second.updated
    assert updated.text() == first.updated
    prepared = updated._image.image
    animations.advance(int(ANIMATION_MS * SWITCH) + 40)
    assert updated.text() == second.updated
    shown = rendered(scene)
    assert updated._image.image is prepared
    updated._image.forget()
    assert rendered(scene) == shown
