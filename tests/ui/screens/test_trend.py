"""The trend screen on the LA night at both rasters, its glide and its themes."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QColor

from electionboard.model import tabulate_election
from electionboard.model.screens import ScreenKind, ScreenOptions, TrendMeasure
from electionboard.model.trend import TrendSample
from electionboard.presentation import geometry as g
from electionboard.presentation import trend as t
from electionboard.presentation.clock_words import election_zone
from electionboard.presentation.screen_input import ScreenInput
from electionboard.replay.trend_replay import history_from_recording
from electionboard.resource_paths import sample_night_dir, sample_snapshots
from electionboard.sources import load_election
from electionboard.ui.export import render_as_drawn, render_scene
from electionboard.ui.screens.trend import TrendScene
from electionboard.ui.screens.trend_line import cut_at
from electionboard.ui.theme import theme_named
from tests.builders import UPDATED, election, race
from tests.ui.manual_animations import ManualAnimations
from tests.ui.screens.checks import assert_exports, layout_problems

History = dict[str, tuple[TrendSample, ...]]
pytestmark = pytest.mark.usefixtures("qapp")
RASTERS = [pytest.param(g.HD, id="1080"), pytest.param(g.UHD, id="2160")]


@pytest.fixture(scope="module")
def la_history() -> History:
    return history_from_recording([sample_night_dir()])


def la_input(
    history: History,
    measure: TrendMeasure = TrendMeasure.SHARE,
    snapshot: int = -1,
) -> ScreenInput:
    snap = load_election(str(sample_snapshots()[snapshot]))
    return ScreenInput(
        election=snap,
        standings=tabulate_election(snap),
        race_id="la-mayor",
        options=ScreenOptions(measure=measure),
        zone=election_zone(snap),
        history=history,
    )


def swing(count: int) -> ScreenInput:
    """A two-way race where A goes 10% -> 50% -> 90%: big moves to see."""
    figures = [(10, 90), (50, 50), (90, 10)][:count]
    samples = tuple(
        TrendSample(UPDATED + dt.timedelta(minutes=30 * i), (("a", a), ("b", b)))
        for i, (a, b) in enumerate(figures)
    )
    snap = election(race(list(figures[-1])))
    return ScreenInput(
        election=snap,
        standings=tabulate_election(snap),
        race_id="r1",
        history={"r1": samples},
    )


def scene_for(
    data: ScreenInput, raster: g.Raster = g.HD, clock: ManualAnimations | None = None
) -> TrendScene:
    scene = TrendScene(raster, animations=clock or ManualAnimations())
    scene.show_input(data, animate=False)
    return scene


@pytest.mark.parametrize("raster", RASTERS)
@pytest.mark.parametrize("measure", list(TrendMeasure))
def test_the_la_night_keeps_the_house_rules(
    la_history: History, raster: g.Raster, measure: TrendMeasure
) -> None:
    scene = scene_for(la_input(la_history, measure), raster)
    assert scene.kind is ScreenKind.TREND
    assert layout_problems(scene) == []
    assert_exports(scene)
    labels = scene.label_texts()
    assert [label.split()[0] for label in labels] == ["BASS", "CARUSO", "DE", "VIOLA"]


@pytest.mark.parametrize("raster", RASTERS)
def test_election_night_alone_and_before_any_vote_keep_the_rules(
    la_history: History, raster: g.Raster
) -> None:
    night = {"la-mayor": la_history["la-mayor"][:13]}
    scene = scene_for(la_input(night, snapshot=12), raster)
    assert layout_problems(scene) == []
    assert scene.label_texts()[0] == "CARUSO 42.1%"
    empty = scene_for(la_input({}, snapshot=0), raster)
    assert layout_problems(empty) == []
    assert empty.label_texts() == []


@pytest.mark.parametrize("raster", RASTERS)
def test_long_surnames_narrow_the_plot_rather_than_elide(raster: g.Raster) -> None:
    names = ["Alexandria Ocasio-Cortez", "Maximilian Schwarzenegger", "Jo Li"]
    snap = election(race([4_812_345, 4_655_001, 12], names=names))
    samples = tuple(
        TrendSample(
            UPDATED + dt.timedelta(minutes=30 * i),
            tuple(
                (c.id, v * (i + 1))
                for c, v in zip(
                    snap.races[0].candidates, (4_812_345, 4_655_001, 12), strict=True
                )
            ),
        )
        for i in range(3)
    )
    data = ScreenInput(
        snap,
        tabulate_election(snap),
        "r1",
        ScreenOptions(measure=TrendMeasure.VOTES),
        history={"r1": samples},
    )
    scene = scene_for(data, raster)
    assert layout_problems(scene) == []
    content = scene.content
    assert content is not None
    assert content.frame.plot.right < t.PLOT_RIGHT
    assert scene.label_texts()[:2] == [
        "OCASIO-CORTEZ 14,437,035",
        "SCHWARZENEGGER 13,965,003",
    ]


def test_each_line_ends_in_a_dot_of_its_colour(
    la_history: History,
) -> None:
    scene = scene_for(la_input(la_history))
    content = scene.content
    assert content is not None
    image = render_scene(scene)
    ends: list[tuple[float, float]] = []
    checked = []
    for index, line in enumerate(content.lines):
        x, y = scene.line_points(index)[-1]
        expected = scene.theme.colour(line.colour_key)
        assert scene.line_colour(index) == expected
        # A higher line's dot is drawn over a lower one that ends close by.
        covered = any(abs(y - other) < 2 * t.DOT_RADIUS + 4 for _, other in ends)
        ends.append((x, y))
        if covered:
            continue
        checked.append(line.label)
        drawn = image.pixelColor(round(x), round(y))
        assert drawn.rgb() == expected.rgb(), line.label
    assert checked == ["BASS 43.1%", "CARUSO 36.0%", "DE LEÓN 7.8%"]


def test_a_new_point_glides_in_and_a_mid_glide_draws_it_partly() -> None:
    clock = ManualAnimations()
    scene = scene_for(swing(2), clock=clock)
    before = scene.line_points(0)
    assert len(before) == 2
    scene.show_input(swing(3))
    assert scene.is_animating()
    clock.advance(100)
    mid = scene.line_points(0)
    assert len(mid) == 3, "the new segment is drawn, partly"
    with scene.end_state():
        settled = scene.line_points(0)
        final_image = render_scene(scene)
    assert scene.line_points(0) == mid, "end_state puts the glide back"
    plot_top, plot_bottom = t.PLOT.top, t.PLOT.bottom  # short labels: the usual plot
    y_at = {
        share: plot_bottom - share / 100 * (plot_bottom - plot_top)
        for share in (50, 90)
    }
    assert settled[-1][1] == pytest.approx(y_at[90])
    assert y_at[90] < mid[-1][1] < y_at[50], "A's end is on its way up"
    counted = float(scene.label_texts()[0].split()[1].rstrip("%"))
    assert 50 < counted < 90, "the end label counts up with the line"
    # The pixel where A's line will end is A's colour only once the glide ends.
    colour = scene.line_colour(0)
    end_x, end_y = round(settled[-1][0]), round(settled[-1][1])
    assert final_image.pixelColor(end_x, end_y).rgb() == colour.rgb()
    assert render_as_drawn(scene).pixelColor(end_x, end_y).rgb() != colour.rgb()
    clock.advance(500)
    assert not scene.is_animating()
    assert scene.line_points(0) == settled


def test_an_unchanged_poll_does_not_glide() -> None:
    clock = ManualAnimations()
    scene = scene_for(swing(3), clock=clock)
    scene.show_input(swing(3))
    assert not scene.is_animating()


def test_a_theme_change_recolours_and_settles_a_glide() -> None:
    clock = ManualAnimations()
    scene = scene_for(swing(2), clock=clock)
    dark = render_scene(scene)
    scene.show_input(swing(3))
    clock.advance(100)
    light = theme_named("light")
    scene.set_theme(light)
    assert not scene.is_animating()
    image = render_scene(scene)
    corner = image.pixelColor(10, 10)
    assert corner != dark.pixelColor(10, 10)
    assert corner.lightness() > 180, "the light theme's background"
    content = scene.content
    assert content is not None
    assert scene.line_colour(0) == light.colour(content.lines[0].colour_key)
    label = next(i for i in scene.text_items() if i.text() == "A 90.0%")  # type: ignore[attr-defined]
    assert label.brush().color() == QColor(light.text)  # type: ignore[attr-defined]


def test_a_race_the_snapshot_lacks_says_so(
    la_history: History,
) -> None:
    data = la_input(la_history)
    scene = scene_for(
        ScreenInput(data.election, data.standings, "not-here", history=la_history)
    )
    words = [i.text() for i in scene.text_items()]  # type: ignore[attr-defined]
    assert words == ["NO TREND FOR THIS RACE"]
    assert layout_problems(scene) == []


def test_cut_at_ends_a_line_exactly_at_the_moment() -> None:
    points = [(0.0, 10.0), (10.0, 20.0), (20.0, 40.0)]
    assert cut_at(points, 15.0) == [(0.0, 10.0), (10.0, 20.0), (15.0, 30.0)]
    assert cut_at(points, 20.0) == points
    assert cut_at(points, -1.0) == []
