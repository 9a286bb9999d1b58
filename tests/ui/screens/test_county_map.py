"""The county map screen: every county drawn, coloured, hatched, gliding, themed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter

from electionboard.model.election import Race, UnitResult
from electionboard.model.screens import ScreenKind
from electionboard.model.shapes import StateShapes
from electionboard.presentation import geometry as g
from electionboard.presentation.county_map import margin_bucket
from electionboard.presentation.palette import colour_keys
from electionboard.sources.county_shapes import build_state_shapes
from electionboard.ui.export import ExportFormat, render_scene
from electionboard.ui.screens.county_map import GLIDE_MS, CountyMapScene
from electionboard.ui.screens.export import export_screen
from electionboard.ui.screens.registry import make_screen
from electionboard.ui.theme import DARK, LIGHT
from tests.county_feeds import feed_race, made_up_race, screen_input
from tests.ui.manual_animations import ManualAnimations
from tests.ui.screens.checks import assert_exports, layout_problems

pytestmark = pytest.mark.usefixtures("qtbot")

AP_FILE = "ap/20121106_me_fl_senate.json"
SILENT = "12001"  # Alachua
TIED = "12003"  # Baker


@pytest.fixture(scope="module")
def florida() -> StateShapes:
    return build_state_shapes("FL")


@pytest.fixture(scope="module")
def maine() -> StateShapes:
    return build_state_shapes("ME")


def florida_race(shapes: StateShapes, seed: int = 7) -> Race:
    return made_up_race(
        shapes.county_names(), state="FL", silent=[SILENT], tied=[TIED], seed=seed
    )


def shown(
    shapes: StateShapes, race: Race, raster: g.Raster = g.HD, **kw: object
) -> CountyMapScene:
    scene = CountyMapScene(raster, shapes=shapes, **kw)  # type: ignore[arg-type]
    scene.show_input(screen_input(race, test=True), animate=False)
    return scene


def close(a: QColor, b: QColor, tolerance: int = 3) -> bool:
    pairs = ((a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue()))
    return all(abs(x - y) <= tolerance for x, y in pairs)


def inside_point(scene: CountyMapScene, fips: str) -> QPointF:
    """A point well inside the county, to sample its colour at."""
    path = scene.county_items()[fips].path()
    box = path.boundingRect()
    best, clearance = box.center(), -1.0
    steps = 24
    for i in range(1, steps):
        for j in range(1, steps):
            p = QPointF(
                box.left() + box.width() * i / steps,
                box.top() + box.height() * j / steps,
            )
            if not path.contains(p):
                continue
            r = 1.0
            while r < box.width() and all(
                path.contains(p + QPointF(dx * r, dy * r))
                for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))
            ):
                r *= 1.5
            if r > clearance:
                best, clearance = p, r
    return best


def drawn(scene: CountyMapScene) -> QImage:
    """This frame as drawn (mid-glide included)."""
    image = QImage(scene.raster.width, scene.raster.height, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    scene.render(painter)
    painter.end()
    return image


@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=["1080", "2160"])
def test_florida_lays_out_for_air(florida: StateShapes, raster: g.Raster) -> None:
    scene = shown(florida, florida_race(florida), raster)
    assert scene.kind is ScreenKind.MAP
    assert layout_problems(scene) == []
    assert scene.shows_test_slug()
    for item in scene.text_items():
        assert not item.sceneBoundingRect().intersects(scene.slug_rect())
    assert_exports(scene)


@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=["1080", "2160"])
def test_maine_lays_out_for_air(maine: StateShapes, raster: g.Raster) -> None:
    race = made_up_race(
        maine.county_names(),
        state="ME",
        parties=("DEM", "REP", None),
        names=("Avery Longfellow-Whitcombe", "Jordan Blake", "Sam Ortiz"),
    )
    scene = shown(maine, race, raster)
    assert layout_problems(scene) == []
    assert_exports(scene)


def test_every_florida_county_is_drawn_inside_the_map_area(
    florida: StateShapes,
) -> None:
    scene = shown(florida, florida_race(florida))
    items = scene.county_items()
    assert len(items) == 67
    safe = scene.sceneRect().adjusted(g.SAFE_LEFT, g.SAFE_TOP, -96, -54)
    for item in items.values():
        assert item.isVisible()
        assert not item.path().isEmpty()
        assert safe.contains(item.sceneBoundingRect())


def test_leading_counties_wear_their_shade_in_the_picture(florida: StateShapes) -> None:
    race = florida_race(florida)
    scene = shown(florida, race)
    content = scene.content
    assert content is not None
    assert content.results is not None
    image = render_scene(scene)
    keys = colour_keys(race)
    checked = 0
    for fips, county in content.results.counties.items():
        if county.leader is None:
            continue
        expected = scene.fill_for(
            keys[county.leader], margin_bucket(county.margin_points or 0)
        )
        point = inside_point(scene, fips)
        assert close(image.pixelColor(point.toPoint()), expected), county.name
        checked += 1
    assert checked == 65


def test_a_county_with_nothing_in_is_hatched(florida: StateShapes) -> None:
    scene = shown(florida, florida_race(florida))
    item = scene.county_items()[SILENT]
    assert item.look.hatch == 1.0
    assert item.look.fill == QColor(DARK.track)
    image = render_scene(scene)
    centre = inside_point(scene, SILENT).toPoint()
    colours = {
        image.pixelColor(centre.x() + dx, centre.y()).rgb() for dx in range(-14, 15)
    }
    # Across one hatch pitch: both the ground and the lines show.
    assert QColor(DARK.track).rgb() in colours
    assert len(colours) > 3
    tied = scene.county_items()[TIED]
    assert tied.look.hatch == 0.0
    assert close(
        image.pixelColor(inside_point(scene, TIED).toPoint()), QColor(DARK.others)
    )


def test_a_county_coming_in_glides_from_the_hatch(florida: StateShapes) -> None:
    clock = ManualAnimations()
    names = florida.county_names()
    before = made_up_race(names, state="FL", silent=list(names))
    after = made_up_race(names, state="FL")
    scene = CountyMapScene(animations=clock, shapes=florida)
    scene.show_input(screen_input(before), animate=False)
    assert not scene.is_animating()
    scene.show_input(screen_input(after))
    assert scene.is_animating()
    item = scene.county_items()[SILENT]
    start = item.look
    assert start.hatch == 1.0
    clock.advance(GLIDE_MS // 2)
    middle = item.look
    assert 0.0 < middle.hatch < 1.0
    assert middle.fill != start.fill
    # An export mid-glide shows the settled picture, and the glide goes on.
    final = render_scene(scene)
    point = inside_point(scene, SILENT).toPoint()
    assert item.look.hatch == pytest.approx(middle.hatch)
    assert scene.is_animating()
    mid_pixel = drawn(scene).pixelColor(point)
    assert not close(mid_pixel, final.pixelColor(point))
    clock.advance(GLIDE_MS)
    assert not scene.is_animating()
    assert item.look.hatch == 0.0
    assert close(drawn(scene).pixelColor(point), final.pixelColor(point))


def test_an_unchanged_poll_does_not_glide(florida: StateShapes) -> None:
    clock = ManualAnimations()
    race = florida_race(florida)
    scene = CountyMapScene(animations=clock, shapes=florida)
    scene.show_input(screen_input(race), animate=False)
    scene.show_input(screen_input(race))
    assert not scene.is_animating()


def test_finish_animation_lands_on_the_end(florida: StateShapes) -> None:
    clock = ManualAnimations()
    scene = CountyMapScene(animations=clock, shapes=florida)
    scene.show_input(screen_input(florida_race(florida, seed=1)), animate=False)
    scene.show_input(screen_input(florida_race(florida, seed=2)))
    scene.finish_animation()
    assert not scene.is_animating()
    settled = shown(florida, florida_race(florida, seed=2))
    for fips, item in scene.county_items().items():
        assert item.look.fill == settled.county_items()[fips].look.fill


def test_a_theme_change_recolours_in_place(florida: StateShapes) -> None:
    race = florida_race(florida)
    scene = shown(florida, race)
    dark = {f: i.look.fill.name() for f, i in scene.county_items().items()}
    scene.set_theme(LIGHT)
    light = {f: i.look.fill.name() for f, i in scene.county_items().items()}
    assert dark != light
    assert scene.county_items()[SILENT].look.fill == QColor(LIGHT.track)
    assert all(
        i.pen().color() == QColor(LIGHT.plate) for i in scene.county_items().values()
    )
    assert layout_problems(scene) == []
    assert light == {
        f: i.look.fill.name()
        for f, i in shown(florida, race, theme=LIGHT).county_items().items()
    }


def test_without_its_race_the_map_waits(florida: StateShapes) -> None:
    scene = CountyMapScene(shapes=florida)
    data = replace(screen_input(florida_race(florida)), race_id="not-in-feed")
    scene.show_input(data, animate=False)
    assert scene.content is None
    assert all(i.look.hatch == 1.0 for i in scene.county_items().values())
    assert scene.text_items() == []


def test_units_no_county_took_are_listed_for_the_desk(florida: StateShapes) -> None:
    race = florida_race(florida)
    race = replace(race, units=(*race.units, UnitResult("x9", "Atlantis", (3, 4))))
    scene = shown(florida, race)
    (line,) = scene.unmatched_units()
    assert "Atlantis" in line
    assert "no Florida county" in line


def test_aps_maine_towns_roll_up_into_its_counties(maine: StateShapes) -> None:
    race = feed_race(AP_FILE, "ME-20978")
    assert len(race.units) > 400, "Maine reports by town"
    scene = shown(maine, race)
    content = scene.content
    assert content is not None
    assert content.results is not None
    assert content.results.unmatched == ()
    assert content.reporting.startswith("16 OF 16 COUNTIES REPORTING")
    king = next(e for e in content.legend if "King" in e.name)
    assert king.counties == "16 COUNTIES"
    assert layout_problems(scene) == []


def test_aps_florida_counties_match_by_fips(florida: StateShapes) -> None:
    race = feed_race(AP_FILE, "FL-10005")
    scene = shown(florida, race)
    content = scene.content
    assert content is not None
    assert content.results is not None
    assert content.results.unmatched == ()
    assert sum(c.units for c in content.results.counties.values()) == 67


# -- shapes arrive from off the GUI thread ----------------------------------------


def test_without_shapes_it_asks_for_its_state_and_shows_the_words(
    florida: StateShapes,
) -> None:
    scene = CountyMapScene()
    asked: list[str] = []
    scene.shapes_needed.connect(asked.append)
    scene.show_input(screen_input(florida_race(florida)), animate=False)
    assert asked == ["FL"]
    assert scene.needed_state() == "FL"
    assert scene.county_items() == {}
    content = scene.content
    assert content is not None
    assert content.title == "Florida Governor"
    assert "PRECINCTS" in content.reporting
    assert "COUNTIES" not in content.reporting
    assert layout_problems(scene) == []
    # A second poll does not ask again; the shapes arriving draw the counties.
    scene.show_input(screen_input(florida_race(florida)), animate=False)
    assert asked == ["FL"]
    scene.set_shapes(florida)
    assert scene.needed_state() is None
    assert len(scene.county_items()) == 67
    assert scene.county_items()[SILENT].look.hatch == 1.0
    assert scene.content is not None
    assert scene.content.reporting.startswith("66 OF 67 COUNTIES REPORTING")


def test_a_race_in_another_state_drops_the_old_map(
    florida: StateShapes, maine: StateShapes
) -> None:
    scene = CountyMapScene(shapes=florida)
    asked: list[str] = []
    scene.shapes_needed.connect(asked.append)
    scene.show_input(screen_input(made_up_race(maine.county_names(), state="ME")))
    assert asked == ["ME"]
    assert scene.county_items() == {}
    assert scene.shapes is None


def test_export_reads_the_shapes_with_the_loader(maine: StateShapes) -> None:
    read: list[str] = []

    def loader(state: str) -> StateShapes:
        read.append(state)
        return maine

    scene = CountyMapScene(loader=loader)
    scene.show_input(screen_input(made_up_race(maine.county_names(), state="ME")))
    assert read == [], "showing never reads shapes"
    scene.prepare_for_export()
    assert read == ["ME"]
    assert len(scene.county_items()) == 16
    scene.prepare_for_export()
    assert read == ["ME"]


def test_the_registry_makes_the_map(florida: StateShapes) -> None:
    scene = make_screen(ScreenKind.MAP, g.HD, DARK)
    assert isinstance(scene, CountyMapScene)
    scene.show_input(screen_input(florida_race(florida)), animate=False)
    assert scene.export_id() == "map_map-race"


def test_export_screen_draws_the_counties(florida: StateShapes, tmp_path: Path) -> None:
    race = florida_race(florida)
    data = screen_input(race)
    (path,) = export_screen(
        ScreenKind.MAP,
        data.election,
        data.standings,
        tmp_path / "map",
        raster=g.HD,
        theme=DARK,
        export_format=ExportFormat.OPAQUE,
        race_id=race.id,
    )
    image = QImage(str(path))
    reference = shown(florida, race)
    point = inside_point(reference, "12086").toPoint()
    expected = render_scene(reference).pixelColor(point)
    assert close(image.pixelColor(point), expected)


@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=["1080", "2160"])
def test_five_leaders_and_a_long_name_still_fit(
    florida: StateShapes, raster: g.Raster
) -> None:
    names = florida.county_names()
    race = made_up_race(
        names,
        state="FL",
        parties=(None,) * 5,
        names=(
            "Maria Esperanza Gonzalez-Whitfield",
            "Bo Li",
            "Cy Cole",
            "Di Dunn",
            "Ed Eng",
        ),
        tied=[TIED],
        silent=[SILENT],
    )
    units = [
        u
        if u.fips in (TIED, SILENT)
        else replace(u, votes=tuple(900 if i == n % 5 else 100 for i in range(5)))
        for n, u in enumerate(race.units)
    ]
    scene = shown(florida, replace(race, units=tuple(units)), raster)
    content = scene.content
    assert content is not None
    assert len(content.legend) == 5
    assert layout_problems(scene) == []
    texts = {item.text() for item in scene.text_items()}  # type: ignore[attr-defined]
    assert "M. Gonzalez-Whitfield" in texts
    assert "Bo Li" in texts
    sizes = {
        item.font().pixelSize()  # type: ignore[attr-defined]
        for item in scene.text_items()
        if item.text() in {"M. Gonzalez-Whitfield", "Bo Li", "Cy Cole"}  # type: ignore[attr-defined]
    }
    assert len(sizes) == 1, "every name at one size"
