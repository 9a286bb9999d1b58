"""The lower third and L-bar: house layout rules at both rasters, keying,
the cycle stepped by hand, the wipe between races and the roll of figures."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from electionboard.model import Measure, tabulate_election
from electionboard.model.screens import ScreenKind, ScreenOptions
from electionboard.presentation import geometry as g
from electionboard.presentation import lbar
from electionboard.presentation.screen_input import ScreenInput
from electionboard.resource_paths import resource
from electionboard.sources import load_election
from electionboard.ui.export import render_scene
from electionboard.ui.screens.lower_third import ROLL_MS, WIPE_MS, LowerThirdScene
from electionboard.ui.theme import DARK, LIGHT
from tests import builders
from tests.shared_feeds import needs_shared_feed
from tests.ui.manual_animations import ManualAnimations
from tests.ui.screens.checks import assert_exports, layout_problems
from tests.ui.screens.strip_inputs import AP_SENATE, ap_senate, la_night, made_up

pytestmark = pytest.mark.usefixtures("qtbot")

RASTERS = [g.HD, g.UHD]
LBAR = ScreenOptions(l_bar=True)


def scene_for(
    data: ScreenInput, raster: g.Raster = g.HD
) -> tuple[LowerThirdScene, ManualAnimations]:
    clock = ManualAnimations()
    scene = LowerThirdScene(raster, DARK, animations=clock, cycle=False)
    scene.show_input(data, animate=False)
    return scene, clock


def texts(scene: LowerThirdScene) -> set[str]:
    return {item.text() for item in scene.text_items()}  # type: ignore[attr-defined]


def drawn(scene: LowerThirdScene) -> QImage:
    """The frame as it is now, mid-glide included."""
    raster = scene.raster
    image = QImage(
        raster.width, raster.height, QImage.Format.Format_ARGB32_Premultiplied
    )
    image.fill(0)
    painter = QPainter(image)
    scene.render(painter)
    painter.end()
    return image


@pytest.mark.parametrize("raster", RASTERS, ids=str)
@pytest.mark.parametrize("options", [ScreenOptions(), LBAR], ids=["strip", "l-bar"])
def test_every_race_of_the_made_up_night_keeps_the_house_rules(
    raster: g.Raster, options: ScreenOptions
) -> None:
    scene, _ = scene_for(made_up(options=options), raster)
    assert scene.kind is ScreenKind.LOWER_THIRD
    for _race in scene.cycle_order():
        assert layout_problems(scene) == []
        scene.advance()
        scene.finish_animation()


@pytest.mark.parametrize("raster", RASTERS, ids=str)
@pytest.mark.parametrize("options", [ScreenOptions(), LBAR], ids=["strip", "l-bar"])
def test_the_la_sample_keeps_the_house_rules_all_night(
    raster: g.Raster, options: ScreenOptions
) -> None:
    scene, _ = scene_for(la_night(0, options), raster)
    for index in (0, 3, 8, -1):
        scene.show_input(la_night(index, options), animate=False)
        assert layout_problems(scene) == []
    assert "MAYOR OF LOS ANGELES" in texts(scene)


@needs_shared_feed(AP_SENATE)
@pytest.mark.parametrize("raster", RASTERS, ids=str)
def test_the_real_ap_senate_races_keep_the_house_rules(raster: g.Raster) -> None:
    for options in (ScreenOptions(), LBAR):
        scene, _ = scene_for(ap_senate(options), raster)
        assert scene.cycle_order() == ("FL-10005", "ME-20978")
        assert layout_problems(scene) == []
        scene.advance()
        scene.finish_animation()
        assert layout_problems(scene) == []
        assert "AP CALL · ANGUS KING WINS" in texts(scene)


@pytest.mark.parametrize("raster", RASTERS, ids=str)
@pytest.mark.parametrize("options", [ScreenOptions(), LBAR], ids=["strip", "l-bar"])
def test_keys_over_the_program_alpha_zero_off_the_strip(
    raster: g.Raster, options: ScreenOptions
) -> None:
    scene, _ = scene_for(made_up(options=options), raster)
    assert_exports(scene)
    image = render_scene(scene, transparent=True)
    strip = scene.strip_rect()
    s = raster.scale
    # The program picture: everything above the tab and left of any column.
    for x, y in [(10, 10), (960 * s, 540 * s), (g.SAFE_LEFT * s, strip.top() - 2)]:
        assert image.pixelColor(round(x), round(y)).alpha() == 0
    assert (
        image.pixelColor(round(strip.left() + 4), round(strip.bottom() - 4)).alpha()
        == 255
    )
    side = scene.side_rect()
    if side is None:
        assert image.pixelColor(round(1860 * s), round(900 * s)).alpha() == 0
    else:
        assert (
            image.pixelColor(round(side.center().x()), round(side.bottom() - 4)).alpha()
            == 255
        )
        assert (
            image.pixelColor(round(side.center().x()), round(side.top() - 4)).alpha()
            == 0
        )
    # Nothing below title-safe's bottom: the strip stands on it.
    assert strip.bottom() <= g.SAFE_BOTTOM * s + 0.5


def test_light_theme_keys_the_same() -> None:
    scene, _ = scene_for(made_up())
    scene.set_theme(LIGHT)
    image = render_scene(scene, transparent=True)
    assert image.pixelColor(960, 540).alpha() == 0
    assert layout_problems(scene) == []


def test_cycle_steps_in_order_by_hand_and_wraps() -> None:
    scene, _ = scene_for(made_up(options=ScreenOptions(races=("sen", "gov", "ag"))))
    assert scene.cycle_order() == ("sen", "gov", "ag")
    shown = [scene.race_shown]
    for _ in range(3):
        scene.advance()
        scene.finish_animation()
        shown.append(scene.race_shown)
    assert shown == ["sen", "gov", "ag", "sen"]
    assert "U.S. SENATE" in texts(scene)


def test_dwell_timer_runs_on_air_with_the_options_dwell() -> None:
    scene = LowerThirdScene(g.HD, DARK, animations=ManualAnimations())
    scene.show_input(made_up(options=ScreenOptions(race_dwell=4.5)), animate=False)
    timer = scene.cycle_timer()
    assert timer.isActive()
    assert timer.interval() == 4500
    # Its timeout is the same step a test takes by hand.
    timer.timeout.emit()
    scene.finish_animation()
    assert scene.race_shown == "sen"
    scene.show_input(made_up(options=ScreenOptions(races=("gov",))), animate=False)
    assert not timer.isActive()  # one race: nothing to cycle
    scene.stop_cycle()


def test_a_new_poll_keeps_the_race_on_show_and_its_dwell() -> None:
    scene, _ = scene_for(made_up())
    scene.advance()
    scene.finish_animation()
    assert scene.race_shown == "sen"
    scene.show_input(made_up(votes={"sen": (1_900_000, 1_700_000)}), animate=False)
    assert scene.race_shown == "sen"
    assert "52.8%" in texts(scene)


def test_changing_race_fades_out_then_slides_the_new_one_in() -> None:
    scene, clock = scene_for(made_up())
    scene.advance()
    assert scene.is_animating()
    clock.advance(WIPE_MS // 4)
    assert "GOVERNOR" in texts(scene)  # the old race, fading
    with scene.end_state():
        assert "U.S. SENATE" in texts(scene)
        assert layout_problems(scene) == []
    assert "GOVERNOR" in texts(scene)  # back mid-wipe after the export
    clock.advance(WIPE_MS // 2)
    assert "U.S. SENATE" in texts(scene)
    clock.advance(WIPE_MS)
    assert not scene.is_animating()
    assert scene.race_shown == "sen"


def test_the_wipe_dims_only_the_words_never_the_plates() -> None:
    scene, clock = scene_for(made_up())
    strip = scene.strip_rect()
    point = (round(strip.left() + 400), round(strip.bottom() - 6))
    before = drawn(scene).pixelColor(*point)
    scene.advance()
    clock.advance(WIPE_MS // 3)
    assert drawn(scene).pixelColor(*point) == before
    fading = [i.effectiveOpacity() for i in scene.text_items()]
    assert fading
    assert all(0.0 < opacity < 1.0 for opacity in fading)  # every word fades


def test_new_figures_for_the_race_on_show_roll_from_the_old() -> None:
    scene, clock = scene_for(made_up(votes={"gov": (500, 500, 0)}))
    assert "50.0%" in texts(scene)
    scene.show_input(made_up(votes={"gov": (700, 300, 0)}))
    assert scene.is_animating()
    clock.advance(ROLL_MS // 3)
    shares = sorted(
        float(t[:-1]) for t in texts(scene) if t.endswith("%") and t[0].isdigit()
    )
    assert any(50.0 < share < 70.0 for share in shares)
    with scene.end_state():
        assert "70.0%" in texts(scene)
    clock.advance(ROLL_MS)
    assert {"70.0%", "30.0%", "700 votes"} <= texts(scene)


def test_l_bar_lists_the_races_coming_up_in_cycle_order() -> None:
    scene, _ = scene_for(made_up(options=LBAR))
    assert scene.side_races() == ("sen", "ag", "cd1")
    scene.advance()
    scene.finish_animation()
    assert scene.side_races() == ("ag", "cd1", "mayor")
    # Drawn top down in that order, one block per slot.
    tops = scene.column().block_tops()
    assert sorted(tops, key=tops.__getitem__) == ["ag", "cd1", "mayor"]
    column = scene.column()
    assert [tops[r] for r in ("ag", "cd1", "mayor")] == [
        column.slot_top(n) for n in range(3)
    ]


def test_l_bar_strip_names_two_and_leaves_the_picture_clear() -> None:
    scene, _ = scene_for(made_up(options=LBAR))
    names = {t for t in texts(scene) if t.startswith(("Ann", "Bo", "Cy"))}
    assert names == {"Ann Lee", "Bo Park"}
    side = scene.side_rect()
    assert side is not None
    picture = QRectF(0, 0, side.left(), scene.strip_rect().top())
    for item in scene.text_items():
        assert not picture.intersects(item.sceneBoundingRect())


def test_nothing_selected_draws_an_empty_strip_not_a_crash() -> None:
    scene, _ = scene_for(made_up(options=ScreenOptions(races=("nope",))))
    assert scene.race_shown is None
    assert texts(scene) == {"NO RACES SELECTED"}
    scene.advance()
    assert layout_problems(scene) == []


def test_test_data_slug_stays_clear_of_every_strip() -> None:
    data = made_up(options=LBAR)
    scene, _ = scene_for(data)
    assert not scene.shows_test_slug()
    # Only the column's header words sit where the slug goes; they give way
    # to it on test data (below).
    for item in scene.text_items():
        if item.text() != lbar.HEADER:  # type: ignore[attr-defined]
            assert not item.sceneBoundingRect().intersects(scene.slug_rect())
    assert lbar.COLUMN_BLOCKS == 3


@pytest.mark.parametrize("raster", RASTERS, ids=str)
def test_the_slug_sits_on_the_column_header_and_covers_no_words(
    raster: g.Raster,
) -> None:
    data = made_up(options=LBAR)
    test = dataclasses.replace(
        data, election=dataclasses.replace(data.election, test=True)
    )
    scene, _ = scene_for(test, raster)
    assert scene.shows_test_slug()
    assert lbar.HEADER not in texts(scene)  # the slug says more than it
    for item in scene.text_items():
        assert not item.sceneBoundingRect().intersects(scene.slug_rect())
    side = scene.side_rect()
    assert side is not None
    header_bottom = (g.SAFE_TOP + lbar.COLUMN_HEADER) * raster.scale
    assert scene.slug_rect().bottom() <= header_bottom
    assert layout_problems(scene) == []
    scene.show_input(data, animate=False)
    assert lbar.HEADER in texts(scene)


def test_a_measure_and_a_ranked_choice_count_fill_the_strip_unelided() -> None:
    """No figure or name in the strip is cut short ('…'): a measure's verdict,
    a count settled by the rounds, a feed without precincts (votes counted)."""
    measure = dataclasses.replace(
        builders.race([6300, 3700], names=["Yes", "No"], final=True),
        id="m1",
        name="Proposition 1 · Parks Bond",
        measure=Measure(passes_with="yes"),
    )
    rcv = load_election(str(resource("samples", "rcv", "ak2022-special-house.json")))
    election = builders.election(measure, *rcv.races)
    data = ScreenInput(election, tuple(tabulate_election(election)))
    for raster in RASTERS:
        scene, _ = scene_for(data, raster)
        for words in (
            {"PASSES · NEEDED A MAJORITY", "Yes", "63.0%"},
            {"MARY S. PELTOLA WINS", "188K", "VOTES"},
        ):
            assert words <= texts(scene)
            strip = scene.strip_rect()
            assert [t for t in texts(scene) if t.endswith("…")] == []
            assert layout_problems(scene) == []
            assert strip.bottom() <= g.SAFE_BOTTOM * raster.scale + 0.5
            scene.advance()
            scene.finish_animation()


def test_an_export_mid_wipe_puts_the_old_race_and_its_column_back() -> None:
    scene, clock = scene_for(made_up(options=LBAR))
    before = scene.column().block_tops()
    scene.advance()
    clock.advance(WIPE_MS // 4)
    gliding = scene.column().block_tops()
    with scene.end_state():
        assert scene.side_races() == ("ag", "cd1", "mayor")
        tops = scene.column().block_tops()
        assert tops["ag"] == scene.column().slot_top(0)
        assert layout_problems(scene) == []
    assert scene.column().block_tops() == gliding  # back mid-glide
    assert "GOVERNOR" in texts(scene)  # the strip still fading the old race
    assert before != gliding
    scene.set_theme(LIGHT)  # a restyle lands on the end state at once
    assert not scene.is_animating()
    assert scene.race_shown == "sen"
    assert "U.S. SENATE" in texts(scene)


def test_l_bar_with_one_race_in_the_cycle_lists_every_other_race() -> None:
    scene, _ = scene_for(la_night(-1, ScreenOptions(l_bar=True, races=("la-mayor",))))
    assert scene.cycle_order() == ("la-mayor",)
    assert scene.side_races() == ("la-council-1",)
    assert "LOS ANGELES CITY" in texts(scene)  # its name on two lines
    assert "COUNCIL DISTRICT 1" in texts(scene)
    assert layout_problems(scene) == []


def test_l_bar_with_no_other_race_draws_no_empty_column() -> None:
    race = dataclasses.replace(builders.race([60, 40]), id="only", name="Governor")
    election = builders.election(race)
    data = ScreenInput(election, tuple(tabulate_election(election)), options=LBAR)
    scene, _ = scene_for(data)
    assert scene.side_races() == ()
    side = scene.side_rect()
    assert side is not None
    image = render_scene(scene, transparent=True)
    assert (
        image.pixelColor(round(side.center().x()), round(side.center().y())).alpha()
        == 0
    )
    # The strip keeps the L-bar's shape, so the picture does not jump.
    assert scene.strip_rect().right() == pytest.approx(g.SAFE_RIGHT)
    assert layout_problems(scene) == []
