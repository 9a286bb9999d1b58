"""The watch folder: stable names, archives, coalescing, and never half a file.

A reader process lists and opens the folder's PNGs in a tight loop while the
exporter writes, as a playout server polling the folder would.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from electionboard.model import tabulate
from electionboard.presentation.content import BoardContent, board_content
from electionboard.ui import watch_folder
from electionboard.ui.board.scene import ANIMATION_MS, BoardScene
from electionboard.ui.export import ExportFormat, render_scene, straight
from electionboard.ui.theme import GREEN
from electionboard.ui.watch_folder import SETTLE_POLL_MS, WatchFolderExporter
from tests.builders import UPDATED, race
from tests.ui.manual_animations import ManualAnimations

ARCHIVE = re.compile(r"^studio_r1_\d{8}T\d{6}Z\.png$")


def content(step: int) -> BoardContent:
    return board_content(tabulate(race([1000 + 37 * step, 900, 100 + step])), UPDATED)


def export_armed(exporter: WatchFolderExporter) -> bool:
    """True while the exporter's timer will render again."""
    (timer,) = exporter.findChildren(QTimer)
    return timer.isActive()


def ticking_clock() -> Callable[[], dt.datetime]:
    """A clock that moves one second per reading, so archive names differ."""
    moments = iter(range(10_000))
    start = dt.datetime(2022, 6, 8, 4, 0, tzinfo=dt.UTC)
    return lambda: start + dt.timedelta(seconds=next(moments))


# A playout server polling the folder, in its own process: it lists the folder
# and reads every PNG whole, over and over, until the stop file appears.
READER = r"""
import json, os, struct, sys
folder, stop = sys.argv[1], sys.argv[2]
reads, problems, odd = 0, [], set()
while not os.path.exists(stop):
    for name in os.listdir(folder):
        if not name.endswith(".png"):
            if not (name.startswith(".") and name.endswith(".tmp")):
                odd.add(name)
            continue
        if name.startswith("."):
            odd.add(name)
        try:
            with open(os.path.join(folder, name), "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            continue
        reads += 1
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            problems.append(name + ": no signature")
        elif struct.unpack(">II", data[16:24]) != (1920, 1080):
            problems.append(name + ": wrong size")
        elif not data.endswith(b"IEND\xaeB`\x82"):
            problems.append(name + ": truncated")
json.dump({"reads": reads, "problems": problems, "odd_names": sorted(odd)}, sys.stdout)
"""


@pytest.fixture
def scene(qtbot: QtBot) -> Iterator[BoardScene]:  # noqa: ARG001 - for the QApplication
    scene = BoardScene()
    yield scene
    scene.deleteLater()


def test_reader_never_sees_a_half_written_file(
    qtbot: QtBot, scene: BoardScene, tmp_path: Path
) -> None:
    folder, stop = tmp_path / "watch", tmp_path / "stop"
    folder.mkdir()
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(folder), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    exporter = WatchFolderExporter(
        scene, folder, board="studio", interval_ms=5, clock=ticking_clock()
    )
    try:
        for step in range(30):
            with qtbot.waitSignal(exporter.written, timeout=10_000) as done:
                scene.show_content(content(step), animate=False)
            assert done.args[0][0].name == "studio_r1.png"
    finally:
        stop.touch()
        out, _ = reader.communicate(timeout=30)
        assert exporter.shutdown()
    report = json.loads(out)
    assert report["problems"] == []
    assert report["odd_names"] == []
    assert report["reads"] > 30
    names = sorted(p.name for p in folder.iterdir())
    archives = [n for n in names if n != "studio_r1.png"]
    assert "studio_r1.png" in names
    assert len(archives) == 30
    assert all(ARCHIVE.match(name) for name in archives), archives
    last = QImage(str(folder / "studio_r1.png"))
    assert last == straight(render_scene(scene))
    assert QImage(str(folder / archives[-1])) == last


def test_changes_coalesce_and_one_write_is_in_flight(
    qtbot: QtBot, scene: BoardScene, tmp_path: Path
) -> None:
    lock = threading.Lock()
    in_flight = 0
    most = 0
    release = threading.Event()

    def slow_replace(source: Path, target: Path) -> None:
        nonlocal in_flight, most
        with lock:
            in_flight += 1
            most = max(most, in_flight)
        release.wait(10)
        os.replace(source, target)
        with lock:
            in_flight -= 1

    exporter = WatchFolderExporter(
        scene, tmp_path, archive=False, interval_ms=20, replace=slow_replace
    )
    written: list[list[Path]] = []
    exporter.written.connect(written.append)
    for step in range(20):
        scene.show_content(content(step), animate=False)
    qtbot.waitUntil(lambda: in_flight == 1)
    for step in range(20, 40):  # all while the first write is stuck
        scene.show_content(content(step), animate=False)
    assert not export_armed(exporter)  # they wait for the write out
    assert written == []
    release.set()
    qtbot.waitUntil(lambda: len(written) == 2 and not exporter.pending)
    assert not export_armed(exporter)  # nothing more will be written
    assert len(written) == 2
    assert most == 1
    assert QImage(str(tmp_path / "board_r1.png")) == straight(render_scene(scene))
    assert exporter.shutdown()


def test_waits_for_the_bars_to_settle_without_cutting_them(
    qtbot: QtBot, tmp_path: Path
) -> None:
    animations = ManualAnimations()  # the bars glide only when the test says
    scene = BoardScene(animations=animations)
    exporter = WatchFolderExporter(scene, tmp_path, archive=False, interval_ms=10)
    scene.show_content(content(0), animate=False)
    qtbot.waitUntil(lambda: not exporter.pending)
    written: list[list[Path]] = []
    exporter.written.connect(written.append)
    scene.show_content(content(9))
    (timer,) = exporter.findChildren(QTimer)
    # On air the bars are still gliding: the exporter looks again later
    # instead of rendering them mid-flight.
    qtbot.waitUntil(lambda: timer.interval() == SETTLE_POLL_MS)
    assert scene.is_animating()
    assert exporter.pending
    assert written == []
    with qtbot.waitSignal(exporter.written, timeout=5000):
        animations.advance(ANIMATION_MS)
    assert QImage(str(tmp_path / "board_r1.png")) == straight(render_scene(scene))
    assert exporter.shutdown()
    scene.deleteLater()


def test_rename_retries_through_a_held_file(
    qtbot: QtBot, scene: BoardScene, tmp_path: Path
) -> None:
    calls: list[Path] = []

    def held_twice(source: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) <= 2:
            raise PermissionError(13, "The process cannot access the file")
        os.replace(source, target)

    exporter = WatchFolderExporter(
        scene, tmp_path, archive=False, interval_ms=5, replace=held_twice
    )
    with qtbot.waitSignal(exporter.written, timeout=5000) as done:
        scene.show_content(content(0), animate=False)
    assert done.args[0] == [tmp_path / "board_r1.png"]
    assert calls == [tmp_path / "board_r1.png"] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board_r1.png"]
    assert exporter.shutdown()


def test_a_failed_write_is_reported_and_the_next_change_retries(
    qtbot: QtBot, scene: BoardScene, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    locked = True

    def replace(source: Path, target: Path) -> None:
        if locked:
            raise PermissionError(13, "locked")
        os.replace(source, target)

    exporter = WatchFolderExporter(
        scene, tmp_path, archive=False, interval_ms=5, replace=replace
    )
    with qtbot.waitSignal(exporter.failed, timeout=10_000) as failure:
        scene.show_content(content(0), animate=False)
    assert "locked" in failure.args[0]
    assert "watch-folder export failed: [Errno 13] locked" in caplog.text
    assert list(tmp_path.iterdir()) == []
    locked = False
    with qtbot.waitSignal(exporter.written, timeout=5000):
        scene.show_content(content(1), animate=False)
    assert exporter.shutdown()


def test_key_fill_and_sanitised_names(
    qtbot: QtBot, scene: BoardScene, tmp_path: Path
) -> None:
    exporter = WatchFolderExporter(
        scene,
        tmp_path,
        board="Studio A/B",
        export_format=ExportFormat.KEY_FILL,
        interval_ms=5,
        clock=ticking_clock(),
    )
    with qtbot.waitSignal(exporter.written, timeout=5000) as done:
        scene.show_content(content(0), animate=False)
    assert [p.name for p in done.args[0]] == [
        "Studio_A_B_r1_fill.png",
        "Studio_A_B_r1_key.png",
        "Studio_A_B_r1_20220608T040000Z_fill.png",
        "Studio_A_B_r1_20220608T040000Z_key.png",
    ]
    for path in done.args[0]:
        assert not QImage(str(path)).hasAlphaChannel()
    assert exporter.shutdown()
    scene.show_content(content(1), animate=False)  # after shutdown: ignored
    assert not export_armed(exporter)
    assert not exporter.pending
    assert len(list(tmp_path.iterdir())) == 4


def test_only_a_changed_picture_is_written_again(
    qtbot: QtBot, scene: BoardScene, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renders_as_frames: list[bool] = []
    monkeypatch.setattr(
        watch_folder, "frame_starting", lambda: renders_as_frames.append(True)
    )
    exporter = WatchFolderExporter(
        scene, tmp_path, interval_ms=5, clock=ticking_clock()
    )
    written: list[list[Path]] = []
    exporter.written.connect(written.append)
    scene.show_content(content(0), animate=False)
    qtbot.waitUntil(lambda: len(written) == 1)
    scene.show_content(content(0), animate=False)  # re-shown, unchanged
    qtbot.waitUntil(lambda: not exporter.pending)  # looked at, not written
    assert not export_armed(exporter)
    assert len(written) == 1
    with qtbot.waitSignal(exporter.written, timeout=5000):
        scene.set_theme(GREEN)
    assert QImage(str(tmp_path / "board_r1.png")).pixelColor(0, 0) == QColor("#00b140")
    with qtbot.waitSignal(exporter.written, timeout=5000) as done:
        exporter.set_board("studio")
    assert done.args[0][0].name == "studio_r1.png"
    assert len(list(tmp_path.glob("board_r1_*.png"))) == 2
    assert renders_as_frames == []  # a settled board's render holds no worker
    assert exporter.shutdown()


# -- fast changes, retention and the disk guard (issues 9 and 18) -------------


class FakeMonotonic:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def clock_every(step: dt.timedelta) -> Callable[[], dt.datetime]:
    """A wall clock that moves ``step`` per reading (archive stamps, ages)."""
    moments = iter(range(10_000))
    start = dt.datetime(2022, 6, 8, 4, 0, tzinfo=dt.UTC)
    return lambda: start + step * next(moments)


def archives(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "board_r1.png")


@pytest.mark.usefixtures("qtbot")
def test_an_export_keeps_the_glide_going(scene: BoardScene) -> None:
    scene.show_content(content(0), animate=False)
    scene.show_content(content(40))  # gliding; no event loop runs until the end
    assert scene.is_animating()
    before = scene.bar_length(scene.row_order()[0])
    image = render_scene(scene)
    assert scene.is_animating()
    assert scene.bar_length(scene.row_order()[0]) == before
    settled = BoardScene()
    settled.show_content(content(40), animate=False)
    assert image == render_scene(settled)
    settled.deleteLater()


def test_changes_faster_than_a_glide_still_reach_the_folder(
    qtbot: QtBot, scene: BoardScene, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A replay changing every 0.3 s restarts the 0.5 s glide before it ends:
    # the bars never settle, yet the latest end state must be written.
    renders_as_frames: list[bool] = []
    monkeypatch.setattr(
        watch_folder, "frame_starting", lambda: renders_as_frames.append(True)
    )
    monotonic = FakeMonotonic()
    exporter = WatchFolderExporter(
        scene, tmp_path, archive=False, interval_ms=5, monotonic=monotonic
    )
    written: list[list[Path]] = []
    exporter.written.connect(written.append)
    step = 0

    def change() -> None:
        nonlocal step
        step += 1
        scene.show_content(content(step))  # animated: the glide restarts
        qtbot.wait(20)

    for _ in range(10):  # under one glide's time on the exporter's clock
        change()
        monotonic.now += 0.04
    assert written == []
    assert scene.is_animating()
    for _ in range(100):
        change()
        monotonic.now += 0.3
        if written:
            break
    assert written, "nothing reached the folder while the bars kept gliding"
    assert scene.is_animating()  # written mid-glide, and the glide goes on
    assert renders_as_frames  # poll workers were held for the render, as a frame
    qtbot.waitUntil(lambda: not exporter.pending)
    settled = BoardScene()
    settled.show_content(content(step), animate=False)
    assert QImage(str(tmp_path / "board_r1.png")) == straight(render_scene(settled))
    settled.deleteLater()
    assert exporter.shutdown()


def test_only_the_last_n_archives_per_race_are_kept(
    qtbot: QtBot, scene: BoardScene, tmp_path: Path
) -> None:
    from electionboard.model.retention import Retention

    exporter = WatchFolderExporter(
        scene,
        tmp_path,
        retention=Retention(count=3),
        interval_ms=5,
        clock=clock_every(dt.timedelta(minutes=1)),
    )
    for step in range(10):
        with qtbot.waitSignal(exporter.written, timeout=10_000):
            scene.show_content(content(step), animate=False)
    assert exporter.shutdown()
    assert archives(tmp_path) == [
        "board_r1_20220608T040700Z.png",
        "board_r1_20220608T040800Z.png",
        "board_r1_20220608T040900Z.png",
    ]
    assert (tmp_path / "board_r1.png").is_file()  # never pruned
    assert QImage(str(tmp_path / "board_r1.png")) == QImage(
        str(tmp_path / "board_r1_20220608T040900Z.png")
    )


def test_archives_older_than_the_hours_are_pruned(
    qtbot: QtBot, scene: BoardScene, tmp_path: Path
) -> None:
    from electionboard.model.retention import Retention

    exporter = WatchFolderExporter(
        scene,
        tmp_path,
        retention=Retention(hours=2),
        interval_ms=5,
        clock=clock_every(dt.timedelta(minutes=30)),
    )
    for step in range(10):  # 04:00 to 08:30, every half hour
        with qtbot.waitSignal(exporter.written, timeout=10_000):
            scene.show_content(content(step), animate=False)
    assert exporter.shutdown()
    assert archives(tmp_path) == [
        f"board_r1_20220608T{hhmm}00Z.png"
        for hhmm in ("0630", "0700", "0730", "0800", "0830")
    ]
    assert (tmp_path / "board_r1.png").is_file()


def test_none_writes_no_archives(
    qtbot: QtBot, scene: BoardScene, tmp_path: Path
) -> None:
    from electionboard.model.retention import Retention

    exporter = WatchFolderExporter(
        scene, tmp_path, retention=Retention(), interval_ms=5
    )
    with qtbot.waitSignal(exporter.written, timeout=10_000) as done:
        scene.show_content(content(0), animate=False)
    assert done.args[0] == [tmp_path / "board_r1.png"]
    assert exporter.shutdown()


@pytest.mark.allow_log(r"^Archive copies paused: 10 MB free")
def test_short_of_space_archives_pause_and_the_stable_file_goes_on(
    qtbot: QtBot, scene: BoardScene, tmp_path: Path
) -> None:
    free = 10 * 1024 * 1024
    exporter = WatchFolderExporter(
        scene,
        tmp_path,
        min_free_bytes=300 * 1024 * 1024,
        interval_ms=5,
        clock=ticking_clock(),
        free_space=lambda _folder: free,
    )
    told: list[tuple[bool, str]] = []
    exporter.disk_changed.connect(lambda low, text: told.append((low, text)))
    for step in range(3):
        with qtbot.waitSignal(exporter.written, timeout=10_000) as done:
            scene.show_content(content(step), animate=False)
        assert done.args[0] == [tmp_path / "board_r1.png"]
    assert archives(tmp_path) == []
    assert told == [
        (
            True,
            f"Archive copies paused: 10 MB free in {tmp_path}, below 300 MB; "
            "stable files still update",
        )
    ]
    settled = BoardScene()
    settled.show_content(content(2), animate=False)
    assert QImage(str(tmp_path / "board_r1.png")) == straight(render_scene(settled))
    settled.deleteLater()
    free = 400 * 1024 * 1024  # space is back: archives resume by themselves
    with qtbot.waitSignal(exporter.written, timeout=10_000) as done:
        scene.show_content(content(3), animate=False)
    assert len(done.args[0]) == 2
    assert told[1:] == [(False, "Archive copies on: keeping the last 50 per race")]
    assert exporter.shutdown()


@pytest.fixture
def small_fs(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs, where this machine lets the test mount one."""
    import shutil

    mount = shutil.which("mount")
    folder = tmp_path / "small"
    folder.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0 or mount is None:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    made = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


@pytest.mark.allow_log(r"^Archive copies paused: \d+ MB free")
def test_the_guard_on_a_small_real_file_system(
    qtbot: QtBot, scene: BoardScene, small_fs: Path
) -> None:
    import shutil

    watch = small_fs / "watch"
    exporter = WatchFolderExporter(
        scene, watch, min_free_bytes=1024 * 1024, interval_ms=5, clock=ticking_clock()
    )
    told: list[bool] = []
    exporter.disk_changed.connect(lambda low, _text: told.append(low))
    with qtbot.waitSignal(exporter.written, timeout=10_000) as done:
        scene.show_content(content(0), animate=False)
    assert len(done.args[0]) == 2  # stable and archive: space enough
    ballast = small_fs / "ballast"
    room = shutil.disk_usage(small_fs).free - 600 * 1024  # leave 600 KB free
    ballast.write_bytes(b"\0" * room)
    for step in (1, 2):
        with qtbot.waitSignal(exporter.written, timeout=10_000) as done:
            scene.show_content(content(step), animate=False)
        assert done.args[0] == [watch / "board_r1.png"]
    assert told == [False, True]
    ballast.unlink()
    with qtbot.waitSignal(exporter.written, timeout=10_000) as done:
        scene.show_content(content(3), animate=False)
    assert len(done.args[0]) == 2
    assert told == [False, True, False]
    assert exporter.shutdown()
    assert len(list(watch.glob("board_r1_*.png"))) == 2
