"""Exported PNGs: exact raster, alpha for keying, formats, atomic writes, goldens."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from electionboard.app import ExportError, ExportOptions, run_export
from electionboard.model.naming import id_hash
from electionboard.presentation import geometry as g
from electionboard.presentation.palette import CANDIDATE_PALETTE
from electionboard.resource_paths import sample_snapshots
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.export import (
    ExportFormat,
    render_scene,
    rgba_array,
    stable_name,
    timestamped_name,
    write_atomically,
    write_image,
)
from electionboard.ui.theme import TRANSPARENT, theme_named
from tests.ui.image_testing import assert_image_approved

BASS = CANDIDATE_PALETTE[0]
"""Bass is first on the ballot of a race parties can't tell apart."""

FINAL = str(sample_snapshots()[-1])
SEMI_FINAL = str(sample_snapshots()[12])

pytestmark = pytest.mark.image


def export(tmp_path: Path, source: str = FINAL, **options: object) -> QImage:
    out = tmp_path / "board.png"
    written = run_export(ExportOptions(source=source, out=out, **options))  # type: ignore[arg-type]
    assert written == [out]
    image = QImage(str(out))
    assert not image.isNull()
    return image


def bar_centre(index: int, scale: float = 1.0) -> tuple[int, int]:
    """A point inside the first quarter of bar ``index`` (above the cutoff)."""
    top = g.board_layout(7, 2).bar_top(index) + 20
    return round((g.BAR_LEFT + 40) * scale), round(top * scale)


@pytest.mark.usefixtures("qtbot")
def test_exact_size_opaque_by_default(tmp_path: Path) -> None:
    image = export(tmp_path)
    assert (image.width(), image.height()) == (1920, 1080)
    assert image.devicePixelRatio() == 1.0
    assert image.pixelColor(0, 0).alpha() == 255


@pytest.mark.usefixtures("qtbot")
def test_transparent_background_with_opaque_graphics(tmp_path: Path) -> None:
    image = export(tmp_path, transparent=True)
    assert image.hasAlphaChannel()
    for corner in ((0, 0), (1919, 0), (0, 1079), (1919, 1079)):
        assert image.pixelColor(*corner).alpha() == 0
    x, y = bar_centre(0)
    assert image.pixelColor(x, y).alpha() == 255


@pytest.mark.usefixtures("qtbot")
def test_leader_bar_has_its_colour(tmp_path: Path) -> None:
    # Bass leads the certified count; in this nonpartisan race both leaders
    # are Democrats, so the board falls back to per-candidate colours: Bass is
    # first on the ballot, slot 0.
    image = export(tmp_path)
    x, y = bar_centre(0)
    assert image.pixelColor(x, y).name() == QColor(BASS).name()


@pytest.mark.usefixtures("qtbot")
def test_uhd_raster_is_laid_out_at_full_size(tmp_path: Path) -> None:
    image = export(tmp_path, size="3840x2160", transparent=True)
    assert (image.width(), image.height()) == (3840, 2160)
    x, y = bar_centre(0, scale=2.0)
    assert image.pixelColor(x, y).name() == QColor(BASS).name()
    assert image.pixelColor(10, 10).alpha() == 0


@pytest.mark.usefixtures("qtbot")
def test_bad_size_and_race_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unsupported size"):
        export(tmp_path, size="1280x720")
    with pytest.raises(ExportError, match="no race 'nope'"):
        export(tmp_path, race="nope")


@pytest.mark.usefixtures("qtbot")
def test_final_result_matches_golden(tmp_path: Path) -> None:
    assert_image_approved(export(tmp_path), "la2022_final_1080")


@pytest.mark.usefixtures("qtbot")
def test_semi_final_matches_golden(tmp_path: Path) -> None:
    assert_image_approved(export(tmp_path, source=SEMI_FINAL), "la2022_semifinal_1080")


@pytest.mark.usefixtures("qtbot")
def test_text_stays_inside_title_safe() -> None:
    from electionboard.model import tabulate_election
    from electionboard.presentation.content import board_content
    from electionboard.sources import load_election

    election = load_election(FINAL)
    scene = BoardScene()
    scene.show_content(board_content(tabulate_election(election)[0], election.updated))
    scene.finish_animation()
    safe = scene.sceneRect().adjusted(96, 54, -96, -54)
    checked = 0
    for item in scene.items():
        rect = item.sceneBoundingRect()
        if not item.isVisible() or rect == scene.sceneRect() or rect.isEmpty():
            continue  # the full-frame background is not text
        assert safe.contains(rect), (type(item).__name__, rect)
        checked += 1
    assert checked > 40


def test_timestamped_names_are_safe() -> None:
    import datetime as dt

    moment = dt.datetime(2022, 6, 8, 9, 5, 7, tzinfo=dt.UTC)
    tag = id_hash("la mayor/2022")
    assert timestamped_name("la mayor/2022", moment) == (
        f"board_la_mayor_2022_{tag}_20220608T090507Z.png"
    )


@pytest.mark.parametrize("size", ["1920x1080", "3840x2160"])
@pytest.mark.usefixtures("qtbot")
def test_type_is_large_enough_for_air(size: str) -> None:
    """Mixed-case text >= 45 px and all-capitals >= 34 px at 1080, scaled."""
    from electionboard.model import tabulate_election
    from electionboard.presentation.content import board_content
    from electionboard.presentation.geometry import parse_raster
    from electionboard.sources import load_election
    from electionboard.ui.board.items import PillItem, TextItem

    raster = parse_raster(size)
    checked = 0
    for source in (FINAL, SEMI_FINAL, str(sample_snapshots()[0])):
        election = load_election(source)
        scene = BoardScene(raster)
        scene.show_content(
            board_content(tabulate_election(election)[0], election.updated),
            animate=False,
        )
        scene.set_stale("STALE · 3 MIN")
        for item in scene.items():
            if not item.isVisible() or not isinstance(item, TextItem | PillItem):
                continue
            text = item.text()
            if not text:
                continue
            floor = 45 if any(ch.islower() for ch in text) else 34
            assert item.font().pixelSize() >= floor * raster.scale, text
            checked += 1
    assert checked > 60


# -- formats --------------------------------------------------------------------


def final_scene(theme_name: str = "dark") -> BoardScene:
    from electionboard.model import tabulate_election
    from electionboard.presentation.content import board_content
    from electionboard.sources import load_election

    election = load_election(FINAL)
    scene = BoardScene(theme=theme_named(theme_name))
    scene.show_content(
        board_content(tabulate_election(election)[0], election.updated),
        animate=False,
    )
    return scene


@pytest.mark.usefixtures("qtbot")
def test_rgba_png_stores_straight_alpha(tmp_path: Path) -> None:
    premultiplied = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
    premultiplied.fill(QColor(200, 100, 50, 128))
    assert premultiplied.constBits()[:4] == bytes([25, 50, 100, 128])  # BGRA, x a/255
    (path,) = write_image(premultiplied, tmp_path / "half.png")
    pixel = QImage(str(path)).pixelColor(3, 3)
    assert pixel.alpha() == 128
    assert abs(pixel.red() - 200) <= 1
    assert abs(pixel.green() - 100) <= 1
    assert abs(pixel.blue() - 50) <= 1


@pytest.mark.usefixtures("qtbot")
def test_half_transparent_plate_edge_keeps_its_straight_colour(tmp_path: Path) -> None:
    """The plate's antialiased corner must not darken towards black in the file."""
    render = render_scene(final_scene("transparent"))
    (path,) = write_image(render, tmp_path / "board.png")
    saved = QImage(str(path)).convertToFormat(QImage.Format.Format_ARGB32)
    plate = QColor(TRANSPARENT.plate)
    checked = 0
    for y in range(30, 60):
        for x in range(60, 100):
            pixel = saved.pixelColor(x, y)
            if 96 <= pixel.alpha() <= 160:
                assert abs(pixel.red() - plate.red()) <= 3, (x, y)
                assert abs(pixel.green() - plate.green()) <= 3, (x, y)
                assert abs(pixel.blue() - plate.blue()) <= 3, (x, y)
                checked += 1
    assert checked >= 2


@pytest.mark.usefixtures("qtbot")
def test_key_fill_pair(tmp_path: Path) -> None:
    render = render_scene(final_scene("transparent"))
    fill_path, key_path = write_image(
        render, tmp_path / "board.png", ExportFormat.KEY_FILL
    )
    assert (fill_path.name, key_path.name) == ("board_fill.png", "board_key.png")
    fill, key = QImage(str(fill_path)), QImage(str(key_path))
    for image in (fill, key):
        assert (image.width(), image.height()) == (1920, 1080)
        assert not image.hasAlphaChannel()
    premultiplied = rgba_array(render)
    key_pixels = rgba_array(key)
    assert (key_pixels[..., 0] == premultiplied[..., 3]).all()
    assert (key_pixels[..., 1] == key_pixels[..., 0]).all()
    assert (key_pixels[..., 2] == key_pixels[..., 0]).all()
    assert (rgba_array(fill)[..., :3] == premultiplied[..., :3]).all()
    assert key.pixelColor(0, 0) == QColor("#000000")
    assert key.pixelColor(*bar_centre(0)) == QColor("#ffffff")
    assert fill.pixelColor(0, 0) == QColor("#000000")
    assert fill.pixelColor(*bar_centre(0)) == QColor(BASS)


@pytest.mark.parametrize("theme", ["dark", "transparent"])
@pytest.mark.usefixtures("qtbot")
def test_opaque_png_has_no_alpha_channel(tmp_path: Path, theme: str) -> None:
    image = export(tmp_path, theme=theme, image_format="opaque")
    assert not image.hasAlphaChannel()
    corner = image.pixelColor(0, 0)
    assert corner == (QColor("#061024") if theme == "dark" else QColor("#000000"))
    assert image.pixelColor(*bar_centre(0)) == QColor(BASS)


@pytest.mark.usefixtures("qtbot")
def test_theme_options_reach_the_file(tmp_path: Path) -> None:
    assert export(tmp_path, theme="green").pixelColor(0, 0) == QColor("#00b140")
    safe = export(tmp_path, theme="green", broadcast_safe=True)
    assert safe.pixelColor(0, 0) == QColor("#10a847")
    with pytest.raises(ExportError, match="conflicts with --theme light"):
        export(tmp_path, theme="light", transparent=True)
    with pytest.raises(ExportError, match="unknown theme 'pink'"):
        export(tmp_path, theme="pink")
    with pytest.raises(ExportError, match="unknown image format 'jpeg'"):
        export(tmp_path, image_format="jpeg")


# -- atomic writes --------------------------------------------------------------


def test_rename_is_retried_while_a_reader_holds_the_file(tmp_path: Path) -> None:
    calls: list[tuple[Path, Path]] = []

    def flaky_replace(source: Path, target: Path) -> None:
        calls.append((source, target))
        if len(calls) <= 2:
            raise PermissionError(13, "The process cannot access the file")
        os.replace(source, target)

    target = tmp_path / "board_mayor.png"
    write_atomically(target, b"new", replace=flaky_replace, delays=(0.01, 0.01, 0.01))
    assert target.read_bytes() == b"new"
    assert len(calls) == 3
    temporary = calls[0][0]
    assert temporary.parent == tmp_path
    assert temporary.name.startswith(".")
    assert temporary.suffix == ".tmp"
    assert ".png" not in temporary.name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board_mayor.png"]


def test_a_rename_that_keeps_failing_leaves_no_temporary(tmp_path: Path) -> None:
    def locked(_source: Path, _target: Path) -> None:
        raise PermissionError(13, "locked")

    target = tmp_path / "board_mayor.png"
    target.write_bytes(b"old")
    with pytest.raises(PermissionError):
        write_atomically(target, b"new", replace=locked, delays=(0.0, 0.0))
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board_mayor.png"]


def test_stable_names_are_safe() -> None:
    assert stable_name("Studio A", "la mayor/2022") == (
        "Studio_A_la_mayor_2022_b94d4826.png"
    )
    assert stable_name("board", "ca-sen_2024") == "board_ca-sen_2024.png"


# -- every race in one run -----------------------------------------------------


def multi_race_feed(
    path: Path, race_ids: tuple[str, ...] = ("mayor", "council 5", "measure/A")
) -> Path:
    document = {
        "format": "electionboard/1",
        "election": {"id": "e", "name": "General", "date": "2022-11-08"},
        "updated": "2022-11-08T21:00:00-08:00",
        "races": [
            {
                "id": race_id,
                "name": f"Race {race_id}",
                "advance": 1,
                "majority_wins": False,
                "candidates": [
                    {"id": "a", "name": "Ann", "party": "DEM"},
                    {"id": "b", "name": "Bo", "party": "REP"},
                ],
                "totals": {"a": 10 + n, "b": 7},
            }
            for n, race_id in enumerate(race_ids)
        ],
    }
    path.write_text(json.dumps(document))
    return path


@pytest.mark.usefixtures("qtbot")
def test_all_races_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from electionboard.cli import main

    feed = multi_race_feed(tmp_path / "feed.json")
    out = tmp_path / "out"
    argv = ["export", str(feed), "--out", str(out), "--all-races"]
    assert main([*argv, "--board", "studio A", "--theme", "blue"]) == 0
    names = [
        "studio_A_mayor.png",
        f"studio_A_council_5_{id_hash('council 5')}.png",
        f"studio_A_measure_A_{id_hash('measure/A')}.png",
    ]
    assert capsys.readouterr().out.split() == [str(out / name) for name in names]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    for name in names:
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == (1920, 1080)
        assert image.pixelColor(0, 0) == QColor("#0047bb")

    assert main([*argv, "--image-format", "key-fill", "--transparent"]) == 0
    written = capsys.readouterr().out.split()
    assert [Path(p).name for p in written[:2]] == [
        "board_mayor_fill.png",
        "board_mayor_key.png",
    ]
    assert len(written) == 6
    with pytest.raises(SystemExit, match="2"):
        main([*argv, "--theme", "pink"])
    assert "invalid choice: 'pink'" in capsys.readouterr().err


@pytest.mark.usefixtures("qtbot")
def test_all_races_needs_a_folder(tmp_path: Path) -> None:
    feed = multi_race_feed(tmp_path / "feed.json")
    with pytest.raises(ExportError, match="needs a folder"):
        run_export(ExportOptions(source=str(feed), out=feed, all_races=True))


@pytest.mark.usefixtures("qtbot")
def test_all_races_gives_every_race_its_own_bounded_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from electionboard.cli import main

    race_ids = ("measure-ñ", "measure-é", "a/b", "a.b", "r" * 300)
    feed = multi_race_feed(tmp_path / "feed.json", race_ids)
    out = tmp_path / "out"
    assert main(["export", str(feed), "--out", str(out), "--all-races"]) == 0
    written = capsys.readouterr().out.split()
    assert len(written) == len(set(written)) == 5
    assert sorted(p.name for p in out.iterdir()) == sorted(
        Path(p).name for p in written
    )
    assert all(len(Path(p).name.encode()) < 200 for p in written)
    first = sorted(p.name for p in out.iterdir())
    assert main(["export", str(feed), "--out", str(out), "--all-races"]) == 0
    assert sorted(p.name for p in out.iterdir()) == first  # the same next run


def test_ctrl_e_copies_follow_the_retention_rule(qtbot: QtBot, tmp_path: Path) -> None:
    import datetime as dt

    from electionboard.model.live import LiveResults
    from electionboard.model.retention import Retention
    from electionboard.sources.polling import LocationSource
    from electionboard.ui.bridge import ResultsBridge
    from electionboard.ui.controller import BoardController
    from electionboard.ui.feed_monitor import FeedMonitor
    from electionboard.ui.poller import Poller, run_synchronously

    minutes = iter(range(100))
    start = dt.datetime(2022, 6, 8, 4, 0, tzinfo=dt.UTC)
    poller = Poller(LocationSource(FINAL), run_synchronously, 3600)
    live = LiveResults()
    monitor = FeedMonitor(live, poller)
    controller = BoardController(
        ResultsBridge(live),
        BoardScene(),
        clock=lambda: start + dt.timedelta(minutes=next(minutes)),
    )
    controller.export_retention = Retention(count=2)
    poller.start()
    qtbot.waitUntil(lambda: controller.race_id is not None)
    folder = tmp_path / "exports"
    for _ in range(4):
        with qtbot.waitSignal(controller.export_finished, timeout=10_000):
            controller.export_to(folder)
    monitor.shutdown()
    controller.shutdown()
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 2
    assert names[-1] == max(names)
    assert all(name.startswith("board_la-mayor_") for name in names)
