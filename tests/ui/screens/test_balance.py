"""The balance screen on air: layout at both rasters, pixels, glide and themes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from electionboard.model import Race, tabulate_election
from electionboard.model.screens import ScreenKind, ScreenOptions
from electionboard.presentation import balance_geometry as b
from electionboard.presentation import geometry as g
from electionboard.presentation.screen_input import ScreenInput
from electionboard.sources import load_election
from electionboard.ui.export import render_as_drawn, render_scene, rgba_array
from electionboard.ui.screens.balance import ANIMATION_MS, BalanceScene
from electionboard.ui.theme import DARK, LIGHT, THEMES
from tests.balance_chambers import council, election, electoral_night, house, standings
from tests.shared_feeds import shared_feed
from tests.ui.manual_animations import ManualAnimations
from tests.ui.screens.checks import assert_exports, layout_problems

RASTERS = (g.HD, g.UHD)


@pytest.fixture
def clock() -> ManualAnimations:
    return ManualAnimations()


@pytest.fixture
def make(
    qtbot: QtBot,  # noqa: ARG001 - the QApplication
    clock: ManualAnimations,
) -> Iterator[type[BalanceScene]]:
    made: list[BalanceScene] = []

    def factory(raster: g.Raster = g.HD, theme: object = DARK) -> BalanceScene:
        scene = BalanceScene(raster, theme, animations=clock)  # type: ignore[arg-type]
        made.append(scene)
        return scene

    yield factory  # type: ignore[misc]
    for scene in made:
        scene.deleteLater()


def data(
    races: Sequence[Race], *, test: bool = False, **options: object
) -> ScreenInput:
    return ScreenInput(
        election(races, test=test),
        standings(races),
        options=ScreenOptions(**options),  # type: ignore[arg-type]
    )


SCENARIOS = {
    "house": lambda: data(house(["REP"] * 16 + ["DEM"] * 9, 2), test=True),
    "early": lambda: data(house([], 435)),
    "others": lambda: data(
        house(["REP"] * 4 + ["DEM"] * 3 + ["IND", "LIB", "GRN", "CON"], 2),
        chamber="Legislative Council of a Very Long Named Commonwealth Territory",
    ),
    "electoral": lambda: data(
        electoral_night({"CA": "DEM", "TX": "REP", "NY": "DEM"}),
        electoral=True,
        test=True,
    ),
    "council": lambda: data(council(3, 4, 1), chamber="Los Angeles City Council"),
    "needed": lambda: data(house(["REP"] * 50 + ["DEM"] * 45, 5), seats_needed=60),
}


@pytest.mark.parametrize("raster", RASTERS, ids=str)
@pytest.mark.parametrize("name", SCENARIOS)
def test_layout_is_clean_at_both_rasters(
    make: type[BalanceScene], raster: g.Raster, name: str
) -> None:
    scene = make(raster)
    scene.show_input(SCENARIOS[name](), animate=False)
    assert scene.kind is ScreenKind.BALANCE
    assert layout_problems(scene) == []
    assert_exports(scene)


def test_the_test_slug_stays_clear_of_every_text(make: type[BalanceScene]) -> None:
    scene = make()
    scene.show_input(SCENARIOS["house"](), animate=False)
    assert scene.shows_test_slug()
    slug = scene.slug_rect()
    for item in scene.text_items():
        assert not item.sceneBoundingRect().intersects(slug), item.text()  # type: ignore[attr-defined]


def _pixel(scene: BalanceScene, fraction: float) -> QColor:
    """The colour of the bar at ``fraction`` along it, halfway down."""
    image = render_as_drawn(scene)
    s = scene.raster.scale
    x = (b.BAR_LEFT + fraction * b.BAR_WIDTH) * s
    y = (b.BAR_TOP + b.BAR_HEIGHT / 2) * s
    return image.pixelColor(QPointF(x, y).toPoint())


@pytest.mark.parametrize("raster", RASTERS, ids=str)
def test_blocks_wear_party_colours_from_their_ends(
    make: type[BalanceScene], raster: g.Raster
) -> None:
    # 9 DEM, 2 undecided, 16 REP of 27.
    scene = make(raster)
    scene.show_input(SCENARIOS["house"](), animate=False)
    assert _pixel(scene, 4 / 27).name() == DARK.party_colours["DEM"]
    assert _pixel(scene, 10 / 27).name() == DARK.neutral
    assert _pixel(scene, 20 / 27).name() == DARK.party_colours["REP"]


def test_blocks_grow_and_numbers_roll_without_a_jump(
    make: type[BalanceScene], clock: ManualAnimations
) -> None:
    scene = make()
    before = house(["REP"] * 2 + ["DEM"] * 2, 6)
    after = house(["REP"] * 6 + ["DEM"] * 2, 2)
    scene.show_input(data(before))
    assert not scene.is_animating()
    scene.show_input(data(after))
    assert scene.is_animating()
    start = scene.shown_counts()
    assert start["right"] == 2.0
    clock.advance(ANIMATION_MS // 3)
    mid = scene.shown_counts()
    assert 2.0 < mid["right"] < 6.0
    assert 2.0 < mid["block:undecided"] < 6.0
    with scene.end_state():
        assert scene.shown_counts()["right"] == 6.0
    assert scene.shown_counts() == mid
    clock.advance(ANIMATION_MS)
    assert not scene.is_animating()
    assert scene.shown_counts()["right"] == 6.0
    assert scene.shown_counts()["block:undecided"] == 2.0
    assert _pixel(scene, 0.6).name() == DARK.party_colours["REP"]


def test_a_render_mid_glide_is_the_settled_picture(
    make: type[BalanceScene], clock: ManualAnimations
) -> None:
    scene = make()
    scene.show_input(data(house(["DEM"], 7)))
    scene.show_input(data(house(["DEM"] * 6, 2)))
    clock.advance(ANIMATION_MS // 4)
    settled = make()
    settled.show_input(data(house(["DEM"] * 6, 2)), animate=False)
    gliding, still = rgba_array(render_scene(scene)), rgba_array(render_scene(settled))
    # Glyph antialiasing may differ by a few levels at a figure's edges; a
    # block or a figure out of place differs by far more, over far more.
    apart = np.abs(gliding.astype(int) - still.astype(int)).max(axis=2)
    assert int(apart.max()) <= 32
    assert int((apart > 0).sum()) < 0.002 * apart.size
    assert scene.is_animating()


def test_a_theme_change_recolours_in_place(make: type[BalanceScene]) -> None:
    scene = make()
    scene.show_input(SCENARIOS["house"](), animate=False)
    scene.set_theme(LIGHT)
    assert _pixel(scene, 10 / 27).name() == LIGHT.neutral
    image = render_as_drawn(scene)
    assert image.pixelColor(4, 4).name() == QColor(LIGHT.background_top).name()
    assert layout_problems(scene) == []


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_theme_lays_out(make: type[BalanceScene], theme: str) -> None:
    scene = make(g.HD, THEMES[theme])
    scene.show_input(SCENARIOS["others"](), animate=False)
    assert layout_problems(scene) == []


def test_seats_from_maine_and_florida_2012(make: type[BalanceScene]) -> None:
    feed = load_election(str(shared_feed("ap/20121106_me_fl_senate.json")))
    scene = make(g.UHD)
    scene.show_input(
        ScreenInput(
            feed, tabulate_election(feed), options=ScreenOptions(chamber="U.S. Senate")
        ),
        animate=False,
    )
    view = scene.view()
    assert view is not None
    assert [(o.name, o.count) for o in view.others] == [("INDEPENDENTS", 1)]
    assert (view.left.key, view.right.key) == ("DEM", "REP")
    assert layout_problems(scene) == []


def test_electoral_votes_from_alaska_2012(make: type[BalanceScene]) -> None:
    feed = load_election(str(shared_feed("ap/20121106_ak_prez.json")))
    scene = make()
    scene.show_input(
        ScreenInput(
            feed, tabulate_election(feed), options=ScreenOptions(electoral=True)
        ),
        animate=False,
    )
    view = scene.view()
    assert view is not None
    assert view.right.count == 3
    assert view.right.control
    assert _pixel(scene, 0.9).name() == DARK.party_colours["REP"]
    assert layout_problems(scene) == []


def test_minor_parties_never_wear_the_undecided_grey(make: type[BalanceScene]) -> None:
    scene = make()
    scene.show_input(SCENARIOS["others"](), animate=False)
    view = scene.view()
    assert view is not None
    keys = [block.key for block in view.blocks]
    assert keys == ["DEM", "CON", "GRN", "IND", "LIB", "undecided", "REP"]
    counts = [block.count for block in view.blocks]
    colours = set()
    for n, key in enumerate(keys):
        middle = (sum(counts[:n]) + counts[n] / 2) / view.total
        colour = _pixel(scene, middle).name()
        assert key == "undecided" or colour != DARK.neutral, key
        colours.add(colour)
    assert len(colours) == len(keys)


@pytest.mark.parametrize("raster", RASTERS, ids=str)
def test_a_stale_badge_sits_by_the_time_and_a_long_title_uses_the_room(
    make: type[BalanceScene], raster: g.Raster
) -> None:
    scene = make(raster)
    long_name = "Legislative Council of a Very Long Named Commonwealth"
    scene.show_input(data(house(["DEM"], 3), chamber=long_name), animate=False)
    scene.set_stale("STALE · 4 MIN")
    texts = {item.text(): item for item in scene.text_items()}  # type: ignore[attr-defined]
    assert "STALE · 4 MIN" in texts
    assert long_name.upper() in texts, "no slug: the whole title fits"
    assert layout_problems(scene) == []
    scene.show_input(data(house(["DEM"], 3), chamber=long_name, test=True))
    assert long_name.upper() not in {i.text() for i in scene.text_items()}  # type: ignore[attr-defined]
    assert layout_problems(scene) == []
    scene.set_stale(None)
    assert "STALE · 4 MIN" not in {i.text() for i in scene.text_items()}  # type: ignore[attr-defined]


def test_a_party_winning_its_first_seat_grows_in_from_nothing(
    make: type[BalanceScene], clock: ManualAnimations
) -> None:
    scene = make()
    scene.show_input(data(house(["DEM", "REP"], 3)))
    scene.show_input(data(house(["DEM", "REP", "IND"], 2)))
    assert scene.shown_counts()["block:IND"] == 0.0
    clock.advance(ANIMATION_MS // 3)
    assert 0.0 < scene.shown_counts()["block:IND"] < 1.0
    clock.advance(ANIMATION_MS)
    assert scene.shown_counts()["block:IND"] == 1.0
    assert layout_problems(scene) == []
