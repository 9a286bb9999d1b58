"""The threshold mark on the bars: where it sits, what it says, how it is drawn."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest

from electionboard.model import Measure, Rule, Threshold, tabulate
from electionboard.presentation import geometry as g
from electionboard.presentation.content import board_content
from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.board.scene import BoardScene
from tests.builders import UPDATED, race


def measure_scene(raster: g.Raster, yes: int, no: int) -> BoardScene:
    base = race([yes, no], names=["Yes", "No"], final=True)
    sixty = Measure("yes", Threshold(Fraction(3, 5), at_least=True))
    content = board_content(tabulate(dataclasses.replace(base, measure=sixty)), UPDATED)
    scene = BoardScene(raster)
    scene.show_content(content, animate=False)
    return scene


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
def test_measure_mark_sits_at_sixty_percent_of_the_track(raster: g.Raster) -> None:
    scene = measure_scene(raster, 570, 430)
    line = scene.mark_line()
    assert line is not None
    s = raster.scale
    assert line.x1() == line.x2() == pytest.approx((g.BAR_LEFT + 0.6 * g.BAR_MAX) * s)
    # The Yes bar (57%) stops short of the mark; the line spans both rows.
    yes = scene.bar_rect("yes")
    assert yes.right() < line.x1()
    assert line.y1() <= yes.top()
    assert line.y2() >= scene.bar_rect("no").bottom()
    assert scene.mark_label() == "60% TO PASS"
    assert scene.banner_texts()[0] == "FAILS · NEEDED 60%"
    assert scene.mark_line_pen_width() >= 2 * s


@pytest.mark.usefixtures("qtbot")
def test_mark_and_label_stay_inside_title_safe() -> None:
    scene = measure_scene(g.HD, 640, 360)
    label = next(
        item
        for item in scene.items()
        if isinstance(item, PillItem) and item.text() == "60% TO PASS"
    )
    safe = g.SAFE_LEFT, g.SAFE_TOP, g.SAFE_RIGHT, g.SAFE_BOTTOM
    rect = label.sceneBoundingRect()
    assert safe[0] <= rect.left()
    assert rect.right() <= safe[2]
    assert safe[1] <= rect.top()
    assert rect.bottom() <= g.BANNER_TOP
    # Nothing else on the scene is text in that spot (it sits on the track).
    for item in scene.items():
        if isinstance(item, TextItem) and item.isVisible() and item.text():
            assert not item.sceneBoundingRect().intersects(rect), item.text()


@pytest.mark.usefixtures("qtbot")
def test_outright_threshold_mark_follows_the_bar_scale() -> None:
    base = race([4_000, 2_000, 1_500, 1_000], remaining=100)
    rule = Rule(advance=2, outright=Threshold(Fraction(3, 10)))
    standings = tabulate(dataclasses.replace(base, rule=rule))
    scene = BoardScene()
    scene.show_content(board_content(standings, UPDATED), animate=False)
    line = scene.mark_line()
    assert line is not None
    leader = scene.bar_rect("a")
    # The leader fills the track; 30% of the vote is where 30% of its bar ends.
    expected = leader.left() + leader.width() * 30 / standings.candidates[0].share
    assert line.x1() == pytest.approx(expected)
    assert scene.mark_label() == "OVER 30% WINS"


@pytest.mark.usefixtures("qtbot")
def test_no_mark_for_a_plain_plurality_race() -> None:
    scene = BoardScene()
    scene.show_content(board_content(tabulate(race([5, 4])), UPDATED), animate=False)
    assert scene.mark_line() is None
    assert scene.mark_label() == ""


@pytest.mark.usefixtures("qtbot")
def test_majority_mark_label_stays_off_the_numbers_in_los_angeles() -> None:
    from electionboard.model import tabulate_election
    from electionboard.resource_paths import sample_night_dir
    from electionboard.sources import load_election

    election = load_election(str(sample_night_dir() / "12.json"))
    scene = BoardScene()
    scene.show_content(
        board_content(tabulate_election(election)[0], election.updated), animate=False
    )
    assert scene.mark_label() == "MAJORITY"
    label = next(
        item
        for item in scene.items()
        if isinstance(item, PillItem) and item.text() == "MAJORITY"
    )
    rect = label.sceneBoundingRect()
    assert rect.right() <= (g.BAR_LEFT + g.BAR_MAX) * g.HD.scale
    for item in scene.items():
        if isinstance(item, TextItem) and item.isVisible() and item.text():
            assert not item.sceneBoundingRect().intersects(rect), item.text()
