"""Ranked choice end to end: from a feed or a ballot file to the board's frames.

Alaska's 2022 special (the real published rounds in resources/samples/rcv) is
exported round by round at both rasters; a mid-transfer frame is read from
the scene on the manual animation clock; a five-round city race (the labelled
test ballots of tests/rcv_city.py) goes CSV -> ``rcv --json`` -> a native feed
-> the board; and a count still going shows first choices without a call.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage

from electionboard.cli import main
from electionboard.model import RaceStandings, tabulate_election
from electionboard.presentation import geometry as g
from electionboard.presentation.content import BoardContent, board_content
from electionboard.presentation.rcv_rounds import transfer_frame
from electionboard.presentation.rcv_words import inactive_words, needed_to_win
from electionboard.sources.load import load_election
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.export import _render, save_png
from tests import rcv_city
from tests.ui.manual_animations import ManualAnimations

SAMPLE = (
    Path(__file__).parent.parent / "resources/samples/rcv/ak2022-special-house.json"
)
RACE = "ak-us-house-special"
HALF_MS = 104
"""Into the 500 ms glide (OutCubic), the eased progress just past 0.5."""


def standings_of(path: Path) -> tuple[BoardContent, RaceStandings, Any]:
    election = load_election(str(path))
    standings = tabulate_election(election)[0]
    return board_content(standings, election.updated), standings, election


def scene_at(path: Path, raster: g.Raster, number: int | None) -> BoardScene:
    _, standings, election = standings_of(path)
    scene = BoardScene(raster)
    content = board_content(standings, election.updated, round_number=number)
    scene.show_content(content, animate=False)
    return scene


def transfer_scene(
    path: Path, raster: g.Raster, into: int
) -> tuple[BoardScene, ManualAnimations]:
    """The scene just as the transfer into round ``into`` starts."""
    _, standings, election = standings_of(path)
    clock = ManualAnimations()
    scene = BoardScene(raster, animations=clock)
    for number, animate in ((into - 1, False), (into, True)):
        content = board_content(standings, election.updated, round_number=number)
        scene.show_content(content, animate=animate)
    assert scene.rounds.in_transfer
    return scene, clock


def assert_fit_for_air(scene: BoardScene) -> None:
    """No row's note or chip crosses the threshold line; the footer's chips
    sit above the banner; every row is drawn (none faded out)."""
    line = scene.mark_line()
    assert line is not None
    s = scene.raster.scale
    half = g.MARK_WIDTH / 2 * s
    stroke = QRectF(line.x1() - half, line.y1(), 2 * half, line.y2() - line.y1())
    banner_top = scene.banner_rect().top()
    for key in scene.row_order():
        row = scene.row(key)
        assert row.opacity() > 0.0, key
        texts = row.texts()
        for pill in (row._tag, row._note):
            if pill.isVisible():
                assert not pill.sceneBoundingRect().intersects(stroke), texts
        assert texts["tag"] in ("", "WINNER")
    chip = scene.rounds.inactive.sceneBoundingRect()
    label = scene._mark_label.sceneBoundingRect()
    assert chip.bottom() < banner_top
    assert label.bottom() < banner_top
    assert not chip.intersects(label)


# -- electionboard export --round, from the real published rounds -----------------


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("size", ["1920x1080", "3840x2160"])
def test_export_renders_each_alaska_round_at_the_exact_size(
    size: str, tmp_path: Path
) -> None:
    images = []
    for number in (1, 2):
        out = tmp_path / f"round{number}.png"
        argv = ["export", str(SAMPLE), "--race", RACE, "--round", str(number)]
        assert main([*argv, "--size", size, "--out", str(out)]) == 0
        image = QImage(str(out))
        assert f"{image.width()}x{image.height()}" == size
        images.append(image)
    assert images[0] != images[1]
    assert main(["export", str(SAMPLE), "--round", "3", "--out", str(out)]) != 0


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
def test_alaska_rounds_say_what_the_division_published(raster: g.Raster) -> None:
    first = scene_at(SAMPLE, raster, 1)
    assert first.header_texts()["rule"] == (
        "RANKED-CHOICE · ROUND 1 OF 2 · SHARE OF CONTINUING VOTES"
    )
    assert first.banner_texts()[0] == "ROUND 1 OF 2 · NO ONE ABOVE 50%"
    assert first.row("begich").texts()["note"] == "ELIMINATED"
    assert first.mark_label() == "94,232 TO WIN"
    assert first.grid_xs() == []  # votes, not shares: no share grid
    assert_fit_for_air(first)
    final = scene_at(SAMPLE, raster, 2)
    assert final.banner_texts() == (
        "MARY S. PELTOLA WINS IN ROUND 2 · 51.5% OF CONTINUING VOTES",
        "Margin 5,219 · 88,597 needed, over half of 177,193 · 11,269 inactive",
    )
    assert final.row("peltola").texts()["tag"] == "WINNER"
    begich = final.row("begich").texts()
    assert (begich["note"], begich["votes"], begich["share"]) == (
        "OUT IN ROUND 1",
        "",
        "",
    )
    assert final.rounds.inactive.text() == "INACTIVE BALLOTS 11,269"
    assert final.mark_label() == "88,597 TO WIN"
    # The WINNER chip sits on Peltola's bar, clear of the threshold line (past
    # the bar there is no room before the track's end).
    tag = final.row("peltola")._tag.sceneBoundingRect()
    bar = final.bar_rect("peltola")
    line = final.mark_line()
    assert line is not None
    assert bar.left() < tag.left()
    assert tag.right() < min(line.x1(), bar.right())
    assert_fit_for_air(final)
    assert final.layout() == first.layout()  # the rounds share one layout


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
def test_mid_transfer_the_threshold_follows_the_continuing_votes(
    raster: g.Raster,
) -> None:
    scene, clock = transfer_scene(SAMPLE, raster, 2)
    view = scene.rounds.view
    assert view is not None
    s = raster.scale
    xs = []
    for step in (40, HALF_MS - 40, 146, 314):
        clock.advance(step)
        t = scene._animation.progress()
        continuing = view.ballots - transfer_frame(view, t).inactive
        line = scene.mark_line()
        assert line is not None
        expected = (g.BAR_LEFT + g.BAR_MAX * view.fraction(continuing / 2)) * s
        assert line.x1() == pytest.approx(expected)
        assert scene.mark_label() == f"{needed_to_win(round(continuing)):,} TO WIN"
        assert scene.header_texts()["rule"].startswith("RANKED-CHOICE · ROUND 2 OF 2")
        assert_fit_for_air(scene)
        xs.append(line.x1())
    assert xs == sorted(xs, reverse=True)  # ballots go inactive: the line falls
    assert scene.mark_label() == "88,597 TO WIN"
    assert not scene.is_animating()


@pytest.mark.usefixtures("qtbot")
def test_a_mid_transfer_frame_renders_at_both_rasters(tmp_path: Path) -> None:
    for raster in (g.HD, g.UHD):
        scene, clock = transfer_scene(SAMPLE, raster, 2)
        clock.advance(HALF_MS)
        t = scene._animation.progress()
        assert t == pytest.approx(0.5, abs=0.01)
        path = tmp_path / f"mid-{raster}.png"
        save_png(_render(scene, transparent=False), path)
        image = QImage(str(path))
        assert (image.width(), image.height()) == (raster.width, raster.height)
        # Half of Begich's 11,269 ballots that go inactive have gone.
        assert scene.rounds.inactive.text() == inactive_words(11_269 * t)
        assert scene.rounds.inactive_votes() == pytest.approx(11_269 * t)


# -- a five-round city race, from the ballot file ----------------------------------


def city_rounds(tmp_path: Path) -> list[dict[str, Any]]:
    ballots = rcv_city.write_ballots(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["rcv", str(ballots), "--json"]) == 0
    document: dict[str, Any] = json.loads(printed.getvalue())
    assert document["winners"] == ["ruiz"]
    rounds: list[dict[str, Any]] = document["rounds"]
    return rounds


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
def test_a_five_round_city_race_from_its_ballots(
    raster: g.Raster, tmp_path: Path
) -> None:
    feed = rcv_city.write_feed(tmp_path, city_rounds(tmp_path), final=True)
    first = scene_at(feed, raster, 1)
    assert first.row_order() == ["chen", "ruiz", "ali", "okafor", "novak", "bell"]
    assert_fit_for_air(first)
    # Into round 4 Ruiz passes Chen: every row stays drawn while votes move.
    scene, clock = transfer_scene(feed, raster, 4)
    view = scene.rounds.view
    assert view is not None
    for step in (40, HALF_MS - 40, 50, 60, 50, 256):
        clock.advance(step)
        assert_fit_for_air(scene)
        inactive = scene.rounds.inactive_votes()
        drawn = sum(scene.bar_length(k) for k in scene.row_order())
        per_vote = g.BAR_MAX * raster.scale / view.scale_votes
        assert drawn / per_vote + inactive == pytest.approx(rcv_city.BALLOTS)
    assert scene.row_order() == ["ruiz", "chen", "ali", "okafor", "novak", "bell"]
    assert scene.row("okafor").texts()["note"] == "OUT IN ROUND 3"
    assert scene.row("ali").texts()["note"] == "ELIMINATED"
    final = scene_at(feed, raster, 5)
    assert final.banner_texts()[0] == (
        "SOFIA RUIZ WINS IN ROUND 5 · 54.1% OF CONTINUING VOTES"
    )
    assert [final.row(k).texts()["note"] for k in final.row_order()[2:]] == [
        f"OUT IN ROUND {n}" for n in (4, 3, 2, 1)
    ]
    assert final.rounds.inactive.text() == "INACTIVE BALLOTS 20,300"
    assert_fit_for_air(final)
    assert final.layout() == first.layout() == scene.layout()


# -- first choices only, the count going -------------------------------------------


def going(remaining: int, totals: dict[str, int] | None = None) -> dict[str, Any]:
    document = copy.deepcopy(rcv_city.native_feed(None, final=False))
    race = document["races"][0]
    race["remaining_ballots"] = remaining
    if totals is not None:
        race["totals"] = totals
    return document


def first_choice_scene(tmp_path: Path, document: dict[str, Any]) -> BoardScene:
    path = tmp_path / "going.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return scene_at(path, g.HD, None)


@pytest.mark.usefixtures("qtbot")
def test_first_choices_while_counting_call_no_one(tmp_path: Path) -> None:
    scene = first_choice_scene(tmp_path, going(40_000))
    headline, detail = scene.banner_texts()
    assert headline == "RANKED-CHOICE · FIRST CHOICES · NO ONE ABOVE 50%"
    assert detail == (
        "David Chen leads first choices with 27.5% · 40,000 ballots outstanding"
    )
    assert scene.header_texts()["rule"] == (
        "RANKED-CHOICE · FIRST CHOICES ONLY · ROUNDS TO COME"
    )
    assert all(scene.row(k).texts()["tag"] == "" for k in scene.row_order())
    assert "WINNER" not in " ".join(scene.banner_drawn_texts())
    assert scene.mark_label() == "OVER 50% WINS IN ROUND 1"
    assert not scene.rounds.inactive.isVisible()


@pytest.mark.usefixtures("qtbot")
def test_a_first_choice_lead_safe_whatever_is_outstanding_is_the_result(
    tmp_path: Path,
) -> None:
    totals = {"chen": 70_000, "ruiz": 20_000, "ali": 10_000}
    totals |= {"okafor": 0, "novak": 0, "bell": 0}
    # 70,000 is more than half of 100,000 counted plus 30,000 outstanding.
    safe = first_choice_scene(tmp_path, going(30_000, totals))
    assert safe.banner_texts()[0] == "DAVID CHEN WINS IN ROUND 1"
    assert safe.row("chen").texts()["tag"] == "WINNER"
    assert [k for k in safe.row_order() if safe.row(k).texts()["tag"]] == ["chen"]
    # With 45,000 outstanding it is not: above half so far, no call.
    close = first_choice_scene(tmp_path, going(45_000, totals))
    assert close.banner_texts()[0] == (
        "RANKED-CHOICE · FIRST CHOICES · DAVID CHEN ABOVE 50% SO FAR"
    )
    assert all(close.row(k).texts()["tag"] == "" for k in close.row_order())
