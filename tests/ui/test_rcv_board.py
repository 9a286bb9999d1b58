"""A ranked-choice race on the board: rounds, the transfer, keys and exports.

The contest is the clearly labelled test data of tests/presentation/rcv_contest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from electionboard.presentation import geometry as g
from electionboard.presentation.content import board_content
from electionboard.presentation.rcv_rounds import transfer_frame
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.export import render_scene, save_png
from tests.builders import UPDATED, election
from tests.feedserver import FeedServer
from tests.presentation.rcv_contest import (
    BALLOTS,
    alaska_race,
    alaska_standings,
    first_choices,
)
from tests.ui.manual_animations import ManualAnimations
from tests.ui.qtbot_typed import key_click
from tests.ui.studio.rig import StudioRig, close_studio, open_studio

SAMPLES_MS = (0, 40, 125, 250, 375, 460, 500)


def round_scene(raster: g.Raster, clock: ManualAnimations, number: int) -> BoardScene:
    scene = BoardScene(raster, animations=clock)
    content = board_content(alaska_standings(), UPDATED, round_number=number)
    scene.show_content(content, animate=False)
    return scene


def drawn_votes(scene: BoardScene) -> dict[str, float]:
    """Each bar's votes as drawn: its length over the pixels a vote takes."""
    view = scene.rounds.view
    assert view is not None
    per_vote = g.BAR_MAX * scene.raster.scale / view.scale_votes
    return {key: scene.bar_length(key) / per_vote for key in scene.row_order()}


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
def test_the_transfer_conserves_every_ballot_at_sampled_frames(
    raster: g.Raster,
) -> None:
    clock = ManualAnimations()
    scene = round_scene(raster, clock, 2)
    scene.show_content(
        board_content(alaska_standings(), UPDATED, round_number=3), animate=True
    )
    assert scene.rounds.in_transfer
    view = scene.rounds.view
    assert view is not None
    elapsed = 0
    for at in SAMPLES_MS:
        clock.advance(at - elapsed)
        elapsed = at
        drawn = drawn_votes(scene)
        inactive = scene.rounds.inactive_votes()
        assert sum(drawn.values()) + inactive == pytest.approx(BALLOTS, abs=1e-6)
        # The bars are what the presentation layer says for this point.
        t = scene._animation.progress()
        frame = transfer_frame(view, t)
        for bar in frame.bars:
            assert drawn[bar.key] == pytest.approx(bar.total, abs=1e-6)
        assert inactive == pytest.approx(frame.inactive)
    assert drawn == pytest.approx(
        {"peltola": 91_266, "palin": 86_026, "begich": 0, "writein": 0}
    )
    assert scene.rounds.inactive.text() == "INACTIVE BALLOTS 13,976"


@pytest.mark.usefixtures("qtbot")
def test_arriving_votes_are_drawn_in_the_eliminated_colour_where_the_bar_was() -> None:
    clock = ManualAnimations()
    scene = round_scene(g.HD, clock, 2)
    begich = scene.theme.colour(scene.row("begich").content.colour_key)  # type: ignore[union-attr]
    palin_before = scene.bar_rect("palin").right()
    scene.show_content(
        board_content(alaska_standings(), UPDATED, round_number=3), animate=True
    )
    clock.advance(250)
    rects = scene.rounds.segment_rects()
    assert len(rects) == 2  # into Peltola and into Palin
    palin = scene.bar_rect("palin")
    (into_palin,) = [r for r, _ in rects if r.top() == palin.top()]
    assert into_palin.left() == pytest.approx(palin_before + 3, abs=0.5)
    assert into_palin.right() == pytest.approx(palin.right())
    assert all(colour == begich for _, colour in rects)
    # A mid-transfer frame is also what the mid-frame export renders.
    assert scene.is_animating()


@pytest.mark.usefixtures("qtbot")
def test_a_jump_to_a_round_is_no_transfer() -> None:
    clock = ManualAnimations()
    scene = round_scene(g.HD, clock, 1)
    scene.show_content(
        board_content(alaska_standings(), UPDATED, round_number=3), animate=True
    )
    assert not scene.rounds.in_transfer
    assert scene.rounds.inactive.text() == "INACTIVE BALLOTS 13,976"


def _mid_transfer(raster: g.Raster) -> QImage:
    from electionboard.ui.export import _render  # the frame on air, not the end

    clock = ManualAnimations()
    scene = round_scene(raster, clock, 1)
    scene.show_content(
        board_content(alaska_standings(), UPDATED, round_number=2), animate=True
    )
    clock.advance(200)
    return _render(scene, transparent=False)


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
def test_exports_of_round_one_a_mid_transfer_and_the_final_round_are_exact_size(
    raster: g.Raster, tmp_path: Path
) -> None:
    clock = ManualAnimations()
    images = {
        "round1": render_scene(round_scene(raster, clock, 1)),
        "mid": _mid_transfer(raster),
        "final": render_scene(round_scene(raster, clock, 3)),
        "first": render_scene(_first_choices_scene(raster)),
    }
    for name, image in images.items():
        path = tmp_path / f"rcv-{name}-{raster}.png"
        save_png(image, path)
        written = QImage(str(path))
        assert (written.width(), written.height()) == (raster.width, raster.height)
    assert images["mid"] != images["round1"]


def _first_choices_scene(raster: g.Raster) -> BoardScene:
    scene = BoardScene(raster)
    scene.show_content(board_content(first_choices(), UPDATED), animate=False)
    return scene


@pytest.mark.usefixtures("qtbot")
def test_first_choices_show_no_inactive_chip_and_no_winner() -> None:
    scene = _first_choices_scene(g.HD)
    assert scene.banner_texts()[0] == (
        "RANKED-CHOICE · FIRST CHOICES · NO ONE ABOVE 50%"
    )
    assert not scene.rounds.inactive.isVisible()
    assert scene.rounds.segment_rects() == []
    assert all(scene.row(k).texts()["tag"] == "" for k in scene.row_order())
    assert scene.mark_label() == "OVER 50% WINS IN ROUND 1"


# -- the studio: rounds by key, by auto-advance, and its export ---------------------


@pytest.fixture
def rcv_rig(
    qtbot: QtBot, feed_server: FeedServer, tmp_path: Path
) -> Iterator[StudioRig]:
    """The studio with the ranked-choice race applied over the feed's races."""
    rig = open_studio(qtbot, feed_server, tmp_path / "data", transition_ms=1)
    later = dt.datetime(2022, 8, 31, 20, 0, tzinfo=dt.UTC)
    snapshot = dataclasses.replace(election(alaska_race()), updated=later)
    assert rig.board.live.apply_snapshot(snapshot, (alaska_standings(),))
    yield rig
    close_studio(rig)


def _shown_round(scene: BoardScene) -> int | None:
    content = scene.content
    assert content is not None
    return content.rounds.number if content.rounds is not None else None


def test_brackets_step_preview_rounds_and_ctrl_brackets_the_round_on_air(
    rcv_rig: StudioRig,
) -> None:
    rig = rcv_rig
    director = rig.studio.director
    director.cue_race("ak-house")
    preview = rig.studio.preview_scene
    assert _shown_round(preview) == 3  # the last round unless one is chosen
    key_click(rig.qtbot, rig.window, Qt.Key.Key_BracketLeft)
    assert _shown_round(preview) == 2
    assert preview.banner_texts()[0] == "ROUND 2 OF 3 · NO ONE ABOVE 50%"
    assert rig.studio.console.status.text() == "Preview: round 2 of 3."
    key_click(rig.qtbot, rig.window, Qt.Key.Key_BracketLeft)
    key_click(rig.qtbot, rig.window, Qt.Key.Key_BracketLeft)  # no round 0
    assert _shown_round(preview) == 1
    assert rig.studio.console.status.text() == "Preview: no round further that way."
    # The take puts preview's round on air; Ctrl+] steps it there, transferring.
    assert director.take()
    rig.settle()
    assert _shown_round(rig.scene) == 1
    key_click(
        rig.qtbot,
        rig.window,
        Qt.Key.Key_BracketRight,
        Qt.KeyboardModifier.ControlModifier,
    )
    assert _shown_round(rig.scene) == 2
    assert rig.scene.rounds.in_transfer
    assert _shown_round(preview) == 1  # preview stays where it was


def test_auto_advance_goes_round_by_round_before_the_next_race(
    rcv_rig: StudioRig,
) -> None:
    rig = rcv_rig
    director = rig.studio.director
    director.add_race("ak-house")
    director.add_race("mayor")
    director.set_dwell(5.0)
    director.set_auto_advance(True)
    assert director.take()
    assert _shown_round(rig.scene) == 1
    clock = director._autopilot._clock
    seen = []
    for _ in range(3):
        clock.now += 5.0  # type: ignore[attr-defined]
        director._on_auto_timer()
        seen.append((rig.controller.race_id, _shown_round(rig.scene)))
    assert seen == [("ak-house", 2), ("ak-house", 3), ("mayor", None)]
    director.set_auto_advance(False)
    rig.settle()


def test_the_studio_export_renders_the_round_on_air(
    rcv_rig: StudioRig, tmp_path: Path
) -> None:
    rig = rcv_rig
    rig.studio.director.cue_race("ak-house")
    key_click(rig.qtbot, rig.window, Qt.Key.Key_BracketLeft)
    assert rig.studio.director.take()
    rig.settle()
    assert _shown_round(rig.scene) == 2
    with rig.qtbot.waitSignal(rig.controller.export_finished, timeout=5000) as sent:
        rig.controller.export_to(tmp_path)
    image = QImage(str(sent.args[0]))
    assert (image.width(), image.height()) == (1920, 1080)
    expected = render_scene(rig.scene)
    assert image.convertToFormat(expected.format()) == expected


# -- electionboard export --round ---------------------------------------------------


def test_export_refuses_a_round_the_race_does_not_have(tmp_path: Path) -> None:
    from electionboard.app import ExportError, ExportOptions, run_export
    from tests.ui.test_board import feed

    source = tmp_path / "feed.json"
    source.write_bytes(feed("2022-06-07T21:00:00-07:00"))
    out = tmp_path / "board.png"
    with pytest.raises(ExportError, match=r"no round 2 in mayor \(no rounds yet\)"):
        run_export(ExportOptions(str(source), out, race="mayor", round_number=2))
    with pytest.raises(ExportError, match="--round needs one race"):
        run_export(ExportOptions(str(source), tmp_path, all_races=True, round_number=1))
    assert not out.exists()


def test_export_command_line_takes_round(tmp_path: Path) -> None:
    from electionboard.cli import main
    from tests.ui.test_board import feed

    source = tmp_path / "feed.json"
    source.write_bytes(feed("2022-06-07T21:00:00-07:00"))
    code = main(
        ["export", str(source), "--out", str(tmp_path / "b.png"), "--round", "1"]
    )
    assert code != 0  # the feed's races have no rounds: a one-line error
