"""Rows that change places never draw over each other, in any frame of the glide."""

from __future__ import annotations

import pytest

from electionboard.presentation import geometry as g
from electionboard.presentation.content import board_content
from electionboard.ui.board.scene import ANIMATION_MS, BoardScene
from tests.builders import UPDATED
from tests.ui.board_frames import mayor_race, overlaps, text_items
from tests.ui.manual_animations import ManualAnimations

STEP_MS = 4


def rows_text(scene: BoardScene) -> list[list[object]]:
    """The visible texts of each row, row by row."""
    found = set(map(id, text_items(scene)))
    return [
        [item for item in scene.row(key).text_items() if id(item) in found]
        for key in scene.row_order()
    ]


def glide(
    scene: BoardScene, animations: ManualAnimations
) -> list[tuple[dict[str, str], dict[str, float]]]:
    """Step the glide to its end; per frame, the header and each row's opacity."""
    frames = []
    for _ in range(ANIMATION_MS // STEP_MS + 2):
        texts = [item for row in rows_text(scene) for item in row]
        clashes = overlaps(texts)  # type: ignore[arg-type]
        assert clashes == [], clashes
        seen = {key: scene.row(key).effectiveOpacity() for key in scene.row_order()}
        frames.append((scene.header_texts(), seen))
        animations.advance(STEP_MS)
    assert not scene.is_animating()
    return frames


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
@pytest.mark.parametrize(
    ("before", "after"),
    [
        ([40_000, 30_000, 10_000], [40_000, 60_000, 10_000]),  # Bass passes Caruso
        ([50, 40, 30, 20, 10], [10, 20, 30, 40, 50]),  # the whole order turns over
        ([9, 8, 7, 6, 5, 4, 3, 2, 1, 1, 1, 1], [1, 1, 1, 1, 5, 4, 3, 2, 9, 8, 7, 6]),
    ],
    ids=["overtake", "reversal", "twelve"],
)
def test_no_two_rows_text_overlaps_in_any_frame(
    raster: g.Raster, before: list[int], after: list[int]
) -> None:
    animations = ManualAnimations()
    scene = BoardScene(raster, animations=animations)
    first = board_content(mayor_race(before), UPDATED, max_rows=12)
    scene.show_content(first, animate=False)
    old_order = scene.row_order()
    old_header = scene.header_texts()
    second = board_content(mayor_race(after), UPDATED.replace(hour=2), max_rows=12)
    scene.show_content(second)
    assert scene.is_animating()
    assert scene.row_order() != old_order

    frames = glide(scene, animations)

    # The header changes with the numbers: in the frame the rows change places.
    headers = [header for header, _ in frames]
    assert headers[0] == old_header
    assert headers[-1]["updated"] != old_header["updated"]
    switch = next(i for i, h in enumerate(headers) if h != old_header)
    assert 0 < switch < len(frames) - 1
    assert all(h == headers[-1] for h in headers[switch:])
    # Rows that change places are (nearly) out of sight around that frame;
    # at the end every row is back in full.
    order = scene.row_order()
    moved = [k for i, k in enumerate(order) if k in old_order[:i] + old_order[i + 1 :]]
    entered = set(order) - set(old_order)
    assert moved or entered
    for key in moved:
        assert frames[0][1][key] == pytest.approx(1.0)
        assert frames[switch - 1][1][key] < 0.35
        assert frames[switch][1][key] < 0.35
    for key in entered:  # a row new to the board
        assert frames[switch - 1][1][key] == 0.0
    assert all(opacity == 1.0 for opacity in frames[-1][1].values())
    # And the board ends where the new standings put it.
    tops = [scene.bar_rect(key).top() for key in scene.row_order()]
    assert tops == sorted(tops)


@pytest.mark.usefixtures("qtbot")
def test_rows_that_keep_their_place_stay_in_sight_while_numbers_roll() -> None:
    animations = ManualAnimations()
    scene = BoardScene(animations=animations)
    scene.show_content(board_content(mayor_race([50, 40, 30]), UPDATED), animate=False)
    scene.show_content(board_content(mayor_race([80, 60, 30]), UPDATED))
    animations.advance(100)
    votes = scene.row("karen bass").texts()["votes"]
    assert 50 < int(votes) < 80  # rolling, not jumping
    assert all(scene.row(key).effectiveOpacity() == 1.0 for key in scene.row_order())
