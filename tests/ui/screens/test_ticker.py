"""The ticker: house rules inside its bar at both rasters, keying, the crawl
on a clock the test moves, no jump when figures change, a seamless loop."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF

from electionboard.model.screens import ScreenKind, ScreenOptions
from electionboard.presentation import geometry as g
from electionboard.presentation import ticker as tk
from electionboard.presentation.content import AirStyle
from electionboard.presentation.screen_input import ScreenInput
from electionboard.ui.board.safe_area import action_safe, title_safe
from electionboard.ui.export import render_scene
from electionboard.ui.screens.ticker import FRAME_MS, TickerScene
from electionboard.ui.theme import DARK
from tests.shared_feeds import has_shared_feed, needs_shared_feed
from tests.ui.screens.checks import assert_exports, layout_problems
from tests.ui.screens.strip_inputs import AP_SENATE, ap_senate, la_night, made_up

pytestmark = pytest.mark.usefixtures("qtbot")

RASTERS = [g.HD, g.UHD]


class Clock:
    """Monotonic seconds that move only when the test says."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def ticker(data: ScreenInput, raster: g.Raster = g.HD) -> tuple[TickerScene, Clock]:
    clock = Clock()
    scene = TickerScene(raster, DARK, clock=clock, run=False)
    scene.show_input(data, animate=False)
    return scene, clock


def at(scene: TickerScene, clock: Clock, seconds: float) -> None:
    clock.now += seconds
    scene.tick()


def within(scene: TickerScene) -> QRectF:
    """Where the ticker's text may go: its bar, clipped to the frame
    horizontally and to title-safe vertically."""
    bar = scene.bar_rect().intersected(scene.sceneRect())
    safe = title_safe(scene.sceneRect())
    return QRectF(bar.left(), bar.top(), bar.width(), safe.bottom() - bar.top())


def on_screen_x(scene: TickerScene) -> dict[int, float]:
    return {
        item.placed.serial: item.scenePos().x() for item in scene.visible_segments()
    }


@pytest.mark.parametrize("raster", RASTERS, ids=str)
def test_keeps_the_house_rules_inside_its_bar_as_it_crawls(raster: g.Raster) -> None:
    scene, clock = ticker(made_up(), raster)
    assert scene.kind is ScreenKind.TICKER
    whole = 0
    for _ in range(40):
        at(scene, clock, 0.75)
        assert layout_problems(scene, within=within(scene)) == []
        whole += len(scene.text_items()) - 1  # less the label
    assert whole > 10  # segments were checked, not just the label


@pytest.mark.parametrize("raster", RASTERS, ids=str)
def test_the_la_sample_and_the_ap_file_keep_the_rules(raster: g.Raster) -> None:
    feeds = [la_night(-1), la_night(4)]
    if has_shared_feed(AP_SENATE):
        feeds.append(ap_senate())
    for data in feeds:
        scene, clock = ticker(data, raster)
        for _ in range(12):
            at(scene, clock, 1.5)
            assert layout_problems(scene, within=within(scene)) == []


@needs_shared_feed(AP_SENATE)
def test_the_ap_crawl_names_both_senate_races_and_checks_king() -> None:
    scene, clock = ticker(ap_senate())
    words: list[str] = []
    for _ in range(30):
        at(scene, clock, 1.0)
        words.extend(item.text() for item in scene.segment_items())
    assert any(w.startswith("FLORIDA · U.S. SENATE · Nelson 58.9%") for w in words)
    assert any("✓ King 53.0%" in w for w in words)


@pytest.mark.parametrize("raster", RASTERS, ids=str)
def test_bar_inside_action_safe_and_alpha_zero_above_it(raster: g.Raster) -> None:
    scene, clock = ticker(made_up(), raster)
    at(scene, clock, 3.0)
    assert_exports(scene)
    bar = scene.bar_rect()
    assert bar.bottom() <= action_safe(scene.sceneRect()).bottom()
    assert (bar.left(), bar.right()) == (0.0, float(raster.width))
    image = render_scene(scene, transparent=True)
    above = round(bar.top()) - 2
    for x in (0, raster.width // 2, raster.width - 1):
        assert image.pixelColor(x, above).alpha() == 0
        assert image.pixelColor(x, round(bar.bottom()) - 2).alpha() == 255
    assert image.pixelColor(raster.width // 2, raster.height - 1).alpha() == 0


@pytest.mark.parametrize("raster", RASTERS, ids=str)
def test_offset_is_speed_times_elapsed_scaled(raster: g.Raster) -> None:
    scene, clock = ticker(made_up(options=ScreenOptions(speed=150)), raster)
    start = scene.offset
    at(scene, clock, 2.5)
    assert scene.offset - start == pytest.approx(150 * raster.scale * 2.5)
    # Frames at 60 a second move the same, however many there are.
    for _ in range(60):
        at(scene, clock, 1 / 60)
    assert scene.offset - start == pytest.approx(150 * raster.scale * 3.5)


def test_segments_move_with_the_offset_alone() -> None:
    scene, clock = ticker(made_up())
    at(scene, clock, 4.0)
    before = on_screen_x(scene)
    at(scene, clock, 1 / 60)
    step = 120 / 60
    after = on_screen_x(scene)
    for serial in before.keys() & after.keys():
        assert after[serial] == pytest.approx(before[serial] - step)


def test_new_figures_never_move_what_is_on_screen() -> None:
    scene, clock = ticker(made_up())
    at(scene, clock, 9.0)
    before = on_screen_x(scene)
    words = {i.placed.serial: i.text() for i in scene.visible_segments()}
    assert len(before) >= 2
    # Every race's text changes width: much longer names, new shares.
    scene.show_input(
        made_up(votes={"gov": (1, 99_999_999, 5), "sen": (7, 3), "ag": (1, 2, 3)})
    )
    assert on_screen_x(scene) == before
    assert {i.placed.serial: i.text() for i in scene.visible_segments()} == words
    # The new words arrive with the next segments to enter.
    texts = set()
    for _ in range(160):
        at(scene, clock, 0.5)
        texts |= {i.text() for i in scene.segment_items()}
    assert any("Park 100.0%" in t for t in texts), texts


def test_crawl_loops_seamlessly_after_the_last_race() -> None:
    scene, clock = ticker(
        made_up(options=ScreenOptions(races=("gov", "ag"), speed=400))
    )
    order: dict[int, str] = {}
    gap = g.HD.scale * tk.GAP
    for _ in range(240):
        at(scene, clock, 0.25)
        items = scene.segment_items()
        for left, right in itertools.pairwise(items):
            end = left.scenePos().x() + left.boundingRect().width()
            assert right.scenePos().x() - end == pytest.approx(gap)
        for item in items:
            order.setdefault(item.placed.serial, item.placed.segment.race_id)
    races = [order[k] for k in sorted(order)]
    assert len(races) >= 6
    assert races == [("gov", "ag")[n % 2] for n in range(len(races))]
    # Segments are made for what is on the track only, not kept forever.
    assert len(scene.segment_items()) <= 6


def test_label_stays_put_and_the_crawl_is_clipped_right_of_it() -> None:
    scene, clock = ticker(made_up(), g.HD)
    label = scene.label_rect()
    for _ in range(5):
        at(scene, clock, 2.0)
        assert scene.label_rect() == label
    assert scene.window_rect().left() == label.right()
    assert label.left() == 0.0
    words = {i.text() for i in scene.text_items()}  # type: ignore[attr-defined]
    assert tk.LABEL in words
    styled = made_up()
    styled = ScreenInput(
        styled.election, styled.standings, style=AirStyle(locator="Tampa Bay")
    )
    scene.show_input(styled)
    assert "TAMPA BAY" in {i.text() for i in scene.text_items()}  # type: ignore[attr-defined]
    assert layout_problems(scene, within=within(scene)) == []


def test_export_renders_the_current_frame() -> None:
    scene, clock = ticker(made_up())
    at(scene, clock, 6.0)
    assert not scene.is_animating()
    first = render_scene(scene, transparent=True)
    with scene.end_state():
        assert scene.offset == pytest.approx(120 * 6.0)
    assert render_scene(scene, transparent=True) == first
    at(scene, clock, 0.5)
    assert render_scene(scene, transparent=True) != first


def test_frame_timer_runs_on_air_and_stops() -> None:
    clock = Clock()
    scene = TickerScene(g.HD, DARK, clock=clock)
    scene.show_input(made_up(), animate=False)
    timer = scene.frame_timer()
    assert timer.isActive()
    assert timer.interval() == FRAME_MS
    clock.now += 1.0
    timer.timeout.emit()  # what Qt calls each frame
    assert scene.offset == pytest.approx(120.0)
    scene.stop()
    assert not timer.isActive()


def test_a_new_speed_carries_on_from_where_the_crawl_is() -> None:
    scene, clock = ticker(made_up())
    at(scene, clock, 5.0)
    before = on_screen_x(scene)
    scene.show_input(made_up(options=ScreenOptions(speed=60)))
    assert on_screen_x(scene) == before
    start = scene.offset
    at(scene, clock, 1.0)
    assert scene.offset - start == pytest.approx(60.0)


def test_nothing_selected_leaves_an_empty_bar() -> None:
    scene, clock = ticker(made_up(options=ScreenOptions(races=("nope",))))
    at(scene, clock, 3.0)
    assert scene.segment_items() == []
    assert layout_problems(scene, within=within(scene)) == []
