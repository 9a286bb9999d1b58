"""The L-bar: one L-shaped plate (column down the right, strip along the
bottom), the picture keyed through above and left of it, race blocks listed
in cycle order that glide up when the cycle advances and roll their figures."""

from __future__ import annotations

import dataclasses
from itertools import permutations

import pytest
from PySide6.QtCore import QRectF

from electionboard.model import tabulate_election
from electionboard.model.screens import ScreenOptions
from electionboard.presentation import geometry as g
from electionboard.presentation import lbar
from electionboard.presentation.screen_input import ScreenInput
from electionboard.ui.board.safe_area import title_safe
from electionboard.ui.export import render_scene
from electionboard.ui.screens.lbar_column import GLIDE_MS
from electionboard.ui.screens.lower_third import LowerThirdScene
from electionboard.ui.theme import DARK
from tests import builders
from tests.ui.manual_animations import ManualAnimations
from tests.ui.screens.checks import layout_problems
from tests.ui.screens.strip_inputs import made_up

pytestmark = pytest.mark.usefixtures("qtbot")

RASTERS = [g.HD, g.UHD]
LBAR = ScreenOptions(l_bar=True)
LONG_NAMES = (
    "Los Angeles City Council District 1",
    "Colorado · Proposition - BB Retain Revenue",
    "Mayor of a City With a Very Long Name Indeed",
    "U.S. House · District 12 Special General",
    "Superintendent of Public Instruction",
)


def scene_for(
    data: ScreenInput, raster: g.Raster = g.HD
) -> tuple[LowerThirdScene, ManualAnimations]:
    clock = ManualAnimations()
    scene = LowerThirdScene(raster, DARK, animations=clock, cycle=False)
    scene.show_input(data, animate=False)
    return scene, clock


def long_named(options: ScreenOptions = LBAR) -> ScreenInput:
    """Five races with the longest names a night brings, two candidates each."""
    races = [
        dataclasses.replace(
            builders.race(
                [5200 + n, 4100 - n], names=["Eunisses Hernandez", "Gil Cedillo"]
            ),
            id=f"r{n}",
            name=name,
        )
        for n, name in enumerate(LONG_NAMES)
    ]
    election = builders.election(*races)
    return ScreenInput(election, tuple(tabulate_election(election)), options=options)


def texts(scene: LowerThirdScene) -> set[str]:
    return {item.text() for item in scene.text_items()}  # type: ignore[attr-defined]


@pytest.mark.parametrize("raster", RASTERS, ids=str)
def test_the_column_is_inside_title_safe_and_meets_the_strip(raster: g.Raster) -> None:
    scene, _ = scene_for(made_up(options=LBAR), raster)
    s = raster.scale
    side = scene.side_rect()
    assert side is not None
    assert title_safe(scene.sceneRect()).contains(side)
    assert side.top() == pytest.approx(g.SAFE_TOP * s)
    assert side.right() == pytest.approx(g.SAFE_RIGHT * s)
    assert 420 * s <= side.width() <= 480 * s
    strip = scene.strip_rect()
    strip_top = strip.bottom() - 164 * s  # the bar itself, under its title tab
    assert side.bottom() == pytest.approx(strip_top)  # one L: no seam, no gap
    image = render_scene(scene, transparent=True)
    x = round(side.center().x())
    # Opaque down the column, across the join and through the corner below it.
    for y in (side.top() + 2, side.bottom() - 2, side.bottom() + 2, strip.bottom() - 2):
        assert image.pixelColor(x, round(y)).alpha() == 255, y
    # The strip's words left of the column, but for the status in the corner.
    for item in scene.text_items():
        box = item.sceneBoundingRect()
        if box.top() >= strip.top() and box.bottom() <= strip_top:
            assert box.right() <= side.left(), item.text()  # type: ignore[attr-defined]


@pytest.mark.parametrize("raster", RASTERS, ids=str)
def test_the_picture_above_and_left_of_the_l_is_alpha_zero(raster: g.Raster) -> None:
    scene, _ = scene_for(made_up(options=LBAR), raster)
    side = scene.side_rect()
    assert side is not None
    image = render_scene(scene, transparent=True)
    picture = QRectF(0, 0, side.left(), scene.strip_rect().top())
    steps = 12
    for i in range(steps):
        for j in range(steps):
            x = picture.left() + (picture.width() - 2) * i / (steps - 1)
            y = picture.top() + (picture.height() - 2) * j / (steps - 1)
            assert image.pixelColor(round(x), round(y)).alpha() == 0, (x, y)
    # Above the column (outside title-safe) and right of it: clear too.
    assert (
        image.pixelColor(round(side.center().x()), round(side.top() - 6)).alpha() == 0
    )
    assert (
        image.pixelColor(round(side.right() + 6), round(side.center().y())).alpha() == 0
    )
    for item in scene.text_items():
        assert not picture.intersects(item.sceneBoundingRect())


@pytest.mark.parametrize("raster", RASTERS, ids=str)
def test_long_race_names_keep_the_house_rules_on_two_lines(raster: g.Raster) -> None:
    scene, _ = scene_for(long_named(), raster)
    for _race in scene.cycle_order():
        assert layout_problems(scene) == []
        shown = texts(scene)
        assert [t for t in shown if t.endswith("…")] == []
        side = scene.side_rect()
        assert side is not None
        column_words = {
            item.text()  # type: ignore[attr-defined]
            for item in scene.text_items()
            if side.contains(item.sceneBoundingRect())
        }
        for race_id in scene.side_races():
            name = LONG_NAMES[int(race_id[1:])].upper()
            whole = name in column_words
            # Both lines (a dash the break stands for may go).
            joined = {f"{a} {b}" for a, b in permutations(column_words, 2)}
            two = name in joined or name.replace(" - ", " ") in joined
            assert whole or two, (name, column_words)
        scene.advance()
        scene.finish_animation()


def test_blocks_glide_up_a_slot_when_the_cycle_advances() -> None:
    scene, clock = scene_for(made_up(options=LBAR))
    column = scene.column()
    slots = [column.slot_top(n) for n in range(3)]
    assert column.block_tops() == dict(zip(("sen", "ag", "cd1"), slots, strict=True))
    scene.advance()  # sen goes to the strip; ag and cd1 move up; mayor comes in
    assert scene.is_animating()
    clock.advance(GLIDE_MS // 2)
    tops = column.block_tops()
    assert slots[0] < tops["ag"] < slots[1]
    assert slots[1] < tops["cd1"] < slots[2]
    assert tops["mayor"] > slots[2]  # rising from under the column's foot
    top, opacity = column.leaving()["sen"]  # up and out, into the strip
    assert top < slots[0]
    assert 0.0 < opacity < 1.0
    with scene.end_state():
        assert column.block_tops() == dict(
            zip(("ag", "cd1", "mayor"), slots, strict=True)
        )
    assert column.block_tops() == tops  # back mid-glide after the export
    clock.advance(GLIDE_MS)
    assert not scene.is_animating()
    assert column.block_tops() == dict(zip(("ag", "cd1", "mayor"), slots, strict=True))
    assert column.leaving() == {}
    assert scene.race_shown == "sen"


def test_a_poll_rolls_the_columns_shares_from_the_old() -> None:
    scene, clock = scene_for(made_up(options=LBAR, votes={"ag": (500, 500, 0)}))
    assert "50.0%" in texts(scene)
    scene.show_input(made_up(options=LBAR, votes={"ag": (700, 300, 0)}))
    assert scene.is_animating()
    clock.advance(GLIDE_MS // 3)
    shares = {float(t[:-1]) for t in texts(scene) if t.endswith("%") and t[0].isdigit()}
    assert any(50.0 < share < 70.0 for share in shares)
    clock.advance(GLIDE_MS)
    assert {"70.0%", "30.0%"} <= texts(scene)
    assert scene.side_races() == ("sen", "ag", "cd1")  # no glide: same races


def test_the_footer_fills_a_short_column_and_says_when() -> None:
    two = made_up(options=ScreenOptions(l_bar=True, races=("gov", "sen")))
    election = dataclasses.replace(two.election, races=two.election.races[:2])
    data = ScreenInput(election, tuple(tabulate_election(election)), options=LBAR)
    scene, _ = scene_for(data)
    assert scene.side_races() == ("sen",)
    assert "TEST" in texts(scene)  # the election's name (the builder's)
    assert any(t.startswith(("RESULTS AS OF", "AS OF")) for t in texts(scene))
    assert layout_problems(scene) == []
    busy, _ = scene_for(made_up(options=LBAR))
    assert not any(t.startswith(("RESULTS AS OF", "AS OF")) for t in texts(busy))
    assert lbar.COLUMN_BLOCKS == 3


def test_a_poll_with_the_same_figures_starts_no_glide_and_blocks_are_reused() -> None:
    scene, clock = scene_for(made_up(options=LBAR))
    scene.show_input(made_up(options=LBAR))
    column = scene.column()
    assert not column.is_animating()
    for _ in range(12):  # twice round the cycle
        scene.advance()
        clock.advance(GLIDE_MS // 2)
        scene.show_input(made_up(options=LBAR))  # a poll lands mid-glide
        clock.advance(GLIDE_MS)
        assert layout_problems(scene) == []
    assert not scene.is_animating()
    assert len(column.block_tops()) == 3
    assert column.block_count() <= 2 * lbar.COLUMN_BLOCKS
