"""The big board scene: air layout at both rasters, exports, the glide, themes."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from electionboard.model import tabulate_election
from electionboard.model.screens import BIG_BOARD_GRIDS, ScreenKind, ScreenOptions
from electionboard.presentation import geometry as g
from electionboard.presentation.screen_input import ScreenInput
from electionboard.sources.formats import parse_feed
from electionboard.ui.export import render_as_drawn, render_scene
from electionboard.ui.screens.bigboard import NO_RACES, BigBoardScene
from electionboard.ui.screens.bigboard_tile import Tile
from electionboard.ui.theme import DARK, LIGHT, Theme
from tests.presentation.bigboard_races import night
from tests.shared_feeds import shared_feed
from tests.ui.manual_animations import ManualAnimations
from tests.ui.screens.checks import assert_exports, layout_problems

RASTERS = [g.HD, g.UHD]
MakeScene = Callable[..., BigBoardScene]


@pytest.fixture
def make_scene(qtbot: QtBot) -> Iterator[MakeScene]:  # noqa: ARG001 - the QApplication
    made: list[BigBoardScene] = []

    def make(
        raster: g.Raster = g.HD,
        theme: Theme = DARK,
        animations: ManualAnimations | None = None,
    ) -> BigBoardScene:
        scene = BigBoardScene(
            raster, theme, animations=animations or ManualAnimations()
        )
        made.append(scene)
        return scene

    yield make
    for scene in made:
        scene.set_active(False)  # a page timer must not outlive the test
        scene.deleteLater()


def tile_of(scene: BigBoardScene, race_id: str) -> Tile:
    return next(t for t in scene.tiles() if t.content and t.content.race_id == race_id)


def shares(tile: Tile) -> list[float]:
    return [share for _, share, _ in tile.figures()]


def test_it_is_the_big_board_kind(make_scene: MakeScene) -> None:
    assert make_scene().kind is ScreenKind.BIG_BOARD


@pytest.mark.parametrize("raster", RASTERS, ids=str)
@pytest.mark.parametrize("grid", BIG_BOARD_GRIDS)
@pytest.mark.parametrize("names", ["names", "long-names"])
def test_air_layout_at_every_grid_and_raster(
    make_scene: MakeScene, raster: g.Raster, grid: int, names: str
) -> None:
    long_names = names == "long-names"
    scene = make_scene(raster)
    scene.show_input(
        night(ScreenOptions(grid=grid), long_names=long_names, test=long_names)
    )
    scene.set_stale("STALE · 2 MIN" if long_names else None)
    assert len(scene.tiles()) == grid
    assert layout_problems(scene) == []
    if long_names:
        assert scene.shows_test_slug()
        slug = scene.slug_rect()
        for item in scene.text_items():
            assert not item.sceneBoundingRect().intersects(slug)


@pytest.mark.parametrize("raster", RASTERS, ids=str)
def test_exports_are_the_raster_with_alpha(
    make_scene: MakeScene, raster: g.Raster
) -> None:
    scene = make_scene(raster)
    scene.show_input(night(ScreenOptions(grid=9)))
    assert_exports(scene)


def test_tile_words_and_the_winners_check(make_scene: MakeScene) -> None:
    scene = make_scene()
    scene.show_input(night(ScreenOptions(grid=9)))
    assert scene.title_text() == "GENERAL ELECTION"
    assert scene.updated_text() == "RESULTS AS OF NOV 5, 10:30 PM"
    senate = tile_of(scene, "fl-sen").texts()
    assert senate == {
        "name": "FLORIDA · U.S. SENATE",
        "status": "BILL NELSON WINS",
        "reporting": "96% IN",
    }
    rows = tile_of(scene, "fl-sen").row_texts()
    assert [(r.name, r.share, r.checked) for r in rows] == [
        ("Bill Nelson", "56.7%", True),
        ("Connie Mack", "43.3%", False),
    ]
    assert rows[0].votes == "4,523,451"
    assert tile_of(scene, "fl-sen").edge.isVisible()
    assert not tile_of(scene, "fl-gov").edge.isVisible()


def test_long_names_shorten_before_they_elide(make_scene: MakeScene) -> None:
    scene = make_scene()
    scene.show_input(night(ScreenOptions(grid=9, races=("fl-gov",)), long_names=True))
    first = tile_of(scene, "fl-gov").row_texts()[0].name
    assert first.startswith("Rodríguez-")  # the surname form, not 'Maximiliana'


def test_fewer_races_than_the_grid_hide_the_rest(make_scene: MakeScene) -> None:
    scene = make_scene()
    scene.show_input(night(ScreenOptions(grid=9, races=("fl-gov", "me-sen"))))
    assert len(scene.tiles()) == 2
    scene.show_input(night(ScreenOptions(grid=4, state="ZZ")))
    assert scene.tiles() == []
    assert NO_RACES in [item.text() for item in scene.text_items()]  # type: ignore[attr-defined]
    assert layout_problems(scene) == []


def test_a_new_grid_rebuilds_the_tiles(make_scene: MakeScene) -> None:
    scene = make_scene()
    scene.show_input(night(ScreenOptions(grid=9)))
    scene.show_input(night(ScreenOptions(grid=4)))
    assert len(scene.tiles()) == 4
    assert layout_problems(scene) == []


# -- the glide -----------------------------------------------------------------------


def test_shares_roll_and_bars_grow_without_a_jump(make_scene: MakeScene) -> None:
    clock = ManualAnimations()
    scene = make_scene(animations=clock)
    options = ScreenOptions(grid=6)
    scene.show_input(night(options), animate=False)
    gov = tile_of(scene, "fl-gov")
    old = shares(gov)
    old_bar = gov.rows[2].bar.rect().width()
    scene.show_input(night(options), animate=True)
    assert not scene.is_animating()  # the same figures again: nothing to glide
    # Haines and Castellanos gain on Park.
    new = night(options, totals={"fl-gov": (1_812_440, 1_700_000, 120_000)})
    scene.show_input(new, animate=True)
    assert scene.is_animating()
    target = [s.share for s in new.standings[0].candidates[:3]]
    seen = [shares(gov)]
    bars = [gov.rows[2].bar.rect().width()]
    for _ in range(40):
        clock.advance(16)
        seen.append(shares(gov))
        bars.append(gov.rows[2].bar.rect().width())
    assert not scene.is_animating()
    assert seen[0] == pytest.approx(old)
    assert seen[-1] == pytest.approx(target)
    middle = seen[8]
    for before, now, after in zip(old, middle, target, strict=True):
        assert min(before, after) - 1e-9 <= now <= max(before, after) + 1e-9
    assert middle != pytest.approx(old)
    assert middle != pytest.approx(target)
    for a, b in itertools.pairwise(seen):  # no frame jumps far
        assert max(abs(x - y) for x, y in zip(a, b, strict=True)) < 1.0
    assert bars[0] == pytest.approx(old_bar)
    assert bars == sorted(bars)  # the third's bar only grows
    assert bars[-1] > old_bar


def test_rivals_trade_places_once_mid_glide(make_scene: MakeScene) -> None:
    clock = ManualAnimations()
    scene = make_scene(animations=clock)
    options = ScreenOptions(grid=4, races=("fl-gov",))
    scene.show_input(night(options), animate=False)
    scene.show_input(
        night(options, totals={"fl-gov": (1_812_440, 1_990_113, 61_508)}),
        animate=True,
    )
    gov = tile_of(scene, "fl-gov")

    def leader() -> str:
        return gov.row_texts()[0].name

    assert leader() == "Elena Park"
    clock.advance(60)
    assert leader() == "Elena Park"
    clock.advance(500)
    assert leader() == "Robert Haines"
    assert layout_problems(scene) == []


def test_end_state_shows_the_settled_figures_then_the_glide_goes_on(
    make_scene: MakeScene,
) -> None:
    clock = ManualAnimations()
    scene = make_scene(animations=clock)
    scene.show_input(night(ScreenOptions(grid=4)), animate=False)
    scene.show_input(night(ScreenOptions(grid=4), scale=1.5), animate=True)
    clock.advance(100)
    gov = tile_of(scene, "fl-gov")
    mid = [votes for votes, _, _ in gov.figures()]
    with scene.end_state():
        settled = [votes for votes, _, _ in gov.figures()]
    assert settled == pytest.approx(
        [1_812_440 * 1.5, 1_590_113 * 1.5, 61_508 * 1.5], rel=1e-6
    )
    assert [votes for votes, _, _ in gov.figures()] == pytest.approx(mid)
    assert mid[0] < settled[0]
    scene.finish_animation()
    assert not scene.is_animating()
    votes = tile_of(scene, "fl-gov").row_texts()[0].votes
    assert votes == f"{round(1_812_440 * 1.5):,}"


# -- colour --------------------------------------------------------------------------


def pixel(scene: BigBoardScene, point: QPointF) -> QColor:
    image = render_as_drawn(scene)
    return image.pixelColor(round(point.x()), round(point.y()))


@pytest.mark.parametrize("raster", RASTERS, ids=str)
def test_bars_wear_party_colours_and_called_strips_the_calls(
    make_scene: MakeScene, raster: g.Raster
) -> None:
    scene = make_scene(raster)
    scene.show_input(night(ScreenOptions(grid=9)), animate=False)
    senate = tile_of(scene, "fl-sen")
    bar = senate.rows[0].bar.sceneBoundingRect()
    assert pixel(scene, bar.center()).name() == DARK.party_colours["DEM"]
    strip = senate.strip.sceneBoundingRect()
    corner = QPointF(strip.right() - 4 * raster.scale, strip.center().y())
    assert (
        pixel(scene, QPointF(strip.center().x(), strip.top() + 3)).name() == DARK.call
    )
    assert pixel(scene, corner).name() == DARK.call


def test_a_theme_change_recolours_in_place(make_scene: MakeScene) -> None:
    scene = make_scene()
    scene.show_input(night(ScreenOptions(grid=6)), animate=False)
    before = list(scene.tiles())
    scene.set_theme(LIGHT)
    assert scene.tiles() == before  # the same items, restyled
    senate = tile_of(scene, "fl-sen")
    assert senate.plate.brush().color().name() == LIGHT.plate
    assert senate.rows[0].track.brush().color().name() == LIGHT.track
    gov = tile_of(scene, "fl-gov")
    assert gov.strip.brush().color().name() == LIGHT.track
    assert senate.name.brush().color().name() == LIGHT.text
    assert layout_problems(scene) == []
    render = render_scene(scene)
    plate = senate.plate.sceneBoundingRect()
    assert (
        render.pixelColor(round(plate.center().x()), round(plate.top() + 60)).name()
        != DARK.plate
    )


def test_shared_ap_feed_fits(make_scene: MakeScene) -> None:
    election = parse_feed(shared_feed("ap/20151103_national.json").read_bytes())
    for grid in BIG_BOARD_GRIDS:
        scene = make_scene(g.UHD)
        data = ScreenInput(
            election,
            tuple(tabulate_election(election)),
            options=ScreenOptions(grid=grid),
        )
        scene.show_input(data)
        assert layout_problems(scene) == []


def test_a_long_title_shrinks_before_it_elides(make_scene: MakeScene) -> None:
    scene = make_scene()
    data = night(ScreenOptions(grid=9))
    named = dataclasses.replace(
        data,
        election=dataclasses.replace(
            data.election, name="Los Angeles Primary Nominating Election"
        ),
    )
    scene.show_input(named)
    assert scene.title_text() == "LOS ANGELES PRIMARY NOMINATING ELECTION"
    assert layout_problems(scene) == []


def parties(scene: BigBoardScene) -> list[str]:
    return [
        items.party.text()
        for tile in scene.tiles()
        for items in tile.rows
        if items.party.isVisible()
    ]


def test_parties_show_on_every_tile_or_on_none(make_scene: MakeScene) -> None:
    scene = make_scene()
    scene.show_input(night(ScreenOptions(grid=4)))
    governor, senate = ["DEM", "REP", "LIB"], ["DEM", "REP"]
    houses = ["REP", "DEM", "REP", "DEM"]
    assert parties(scene) == [*governor, *senate, *houses]
    scene.show_input(night(ScreenOptions(grid=9)))
    assert parties(scene) == []  # some names would have to shorten: none
    assert layout_problems(scene) == []


def test_pages_turn_on_their_timer_and_stop_off_air(make_scene: MakeScene) -> None:
    scene = make_scene()
    scene.show_input(night(ScreenOptions(grid=4, race_dwell=8.0)), animate=False)
    assert scene.pager().isActive()
    assert scene.pager().interval() == 8000
    first = [t.content.race_id for t in scene.tiles() if t.content]
    scene.turn_page()
    assert scene.page == 1
    second = [t.content.race_id for t in scene.tiles() if t.content]
    assert not set(first) & set(second)
    assert layout_problems(scene) == []
    scene.turn_page()
    scene.turn_page()
    assert scene.page == 0  # after the last, the first again
    scene.set_active(False)
    assert not scene.pager().isActive()
