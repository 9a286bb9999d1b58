"""Every board kind keeps the house rules for air, through the one registry.

Each screen has tests of its own; these run every kind the registry makes
through the same checks: legal colours in broadcast-safe themes, the TEST
DATA slug on a test feed, the layout rules at both rasters, and exports.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator

import pytest

from electionboard.model import tabulate_election
from electionboard.model.screens import ScreenKind, ScreenOptions
from electionboard.model.trend import TrendSample
from electionboard.presentation import geometry as g
from electionboard.presentation.screen_input import ScreenInput
from electionboard.replay.trend_replay import history_from_recording
from electionboard.resource_paths import sample_night_dir, sample_snapshots
from electionboard.sources import load_election
from electionboard.sources.county_shapes import load_state_shapes
from electionboard.ui.export import render_scene, rgba_array
from electionboard.ui.screens.base import ScreenScene
from electionboard.ui.screens.county_map import CountyMapScene
from electionboard.ui.screens.registry import SCREEN_CLASSES, make_screen
from electionboard.ui.theme import DARK, LEGAL_BLACK, LEGAL_WHITE, Theme, broadcast_safe
from tests.shared_feeds import shared_feed
from tests.ui.screens.checks import assert_exports, layout_problems

KINDS = sorted(SCREEN_CLASSES, key=str)
FLORIDA = "FL-10005"


@functools.cache
def _la_history() -> dict[str, tuple[TrendSample, ...]]:
    return dict(history_from_recording([sample_night_dir()]))


def screen_input(kind: ScreenKind, *, test: bool = False) -> ScreenInput:
    """The LA night's final snapshot for every kind but the map (AP's Florida)."""
    if kind is ScreenKind.MAP:
        election = load_election(str(shared_feed("ap/20121106_me_fl_senate.json")))
        race_id = FLORIDA
    else:
        election = load_election(str(sample_snapshots()[-1]))
        race_id = "la-mayor" if kind is ScreenKind.TREND else ""
    if test:
        election = dataclasses.replace(election, test=True)
    return ScreenInput(
        election=election,
        standings=tuple(tabulate_election(election)),
        race_id=race_id,
        options=ScreenOptions(),
        history=_la_history() if kind is ScreenKind.TREND else {},
    )


@pytest.fixture
def scenes() -> Iterator[list[ScreenScene]]:
    made: list[ScreenScene] = []
    yield made
    for scene in made:
        scene.set_active(False)
        scene.deleteLater()


def shown(
    made: list[ScreenScene],
    kind: ScreenKind,
    theme: Theme = DARK,
    raster: g.Raster = g.HD,
    *,
    test: bool = False,
) -> ScreenScene:
    data = screen_input(kind, test=test)
    if kind is ScreenKind.MAP:
        loader = functools.partial(load_state_shapes, cache_dir=None)
        scene: ScreenScene = CountyMapScene(raster, theme, loader=loader)
    else:
        scene = make_screen(kind, raster, theme)
    made.append(scene)
    scene.set_active(False)  # no timers: the test drives nothing by the clock
    scene.show_input(data, animate=False)
    if isinstance(scene, CountyMapScene):
        scene.prepare_for_export()
    return scene


@pytest.mark.parametrize("kind", KINDS, ids=str)
@pytest.mark.usefixtures("qtbot")
def test_every_pixel_is_legal_in_a_broadcast_safe_theme(
    kind: ScreenKind, scenes: list[ScreenScene]
) -> None:
    scene = shown(scenes, kind, broadcast_safe(DARK))
    pixels = rgba_array(render_scene(scene))
    opaque = pixels[pixels[..., 3] == 255][:, :3]
    assert opaque.size > 0
    assert opaque.min() >= LEGAL_BLACK
    assert opaque.max() <= LEGAL_WHITE


@pytest.mark.parametrize("kind", KINDS, ids=str)
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
@pytest.mark.usefixtures("qtbot")
def test_every_kind_keeps_the_layout_rules_and_exports_at_both_rasters(
    kind: ScreenKind, raster: g.Raster, scenes: list[ScreenScene]
) -> None:
    scene = shown(scenes, kind, raster=raster, test=True)
    assert scene.shows_test_slug()
    if kind is not ScreenKind.TICKER:  # the crawl's own test checks its window
        assert layout_problems(scene) == []
    assert_exports(scene)
