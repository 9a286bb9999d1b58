"""The frame gate: workers wait at pause points while a frame is made, never long."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEasingCurve, QObject
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from electionboard.model import pacing
from electionboard.ui.animation import QT_ANIMATIONS, watch_frames
from electionboard.ui.frame_gate import FrameGate, start_frame_pacing, stop_frame_pacing


@pytest.fixture
def gate(qtbot: QtBot) -> Iterator[FrameGate]:
    del qtbot  # a QApplication for the QObject
    made = FrameGate(max_hold_s=3600.0)  # only a paint, or frame_done, opens it
    yield made
    made.frame_done()


def _worker_at_pause_point(made: FrameGate) -> tuple[threading.Thread, threading.Event]:
    """A thread that waits at the gate, then says it went on."""
    passed = threading.Event()

    def run() -> None:
        made.wait()
        passed.set()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, passed


def test_an_open_gate_lets_workers_through(gate: FrameGate) -> None:
    made = gate
    thread, passed = _worker_at_pause_point(made)
    thread.join(5)
    assert passed.is_set()
    assert made.holds == 0


def test_a_worker_waits_while_a_frame_is_made_and_goes_on_when_done(
    gate: FrameGate,
) -> None:
    made = gate  # the hold is an hour: only frame_done lets the worker go
    made.frame_starting()
    assert not made.is_open
    thread, passed = _worker_at_pause_point(made)
    for _ in range(500):
        if made.holds:
            break
        threading.Event().wait(0.01)
    assert made.holds == 1
    assert not passed.is_set()
    made.frame_done()
    thread.join(5)
    assert passed.is_set()
    assert made.overdue == 0  # frame_done let it go, not the hold's end


def test_an_overdue_frame_lets_the_worker_on_a_pause_point_at_a_time(
    qtbot: QtBot,
) -> None:
    del qtbot  # a QApplication for the QObject
    made = FrameGate(max_hold_s=0.001, trickle_s=3600.0, stale_s=3600.0)
    made.frame_starting()  # and not painted yet
    first = threading.Thread(target=made.wait)
    first.start()
    first.join(5)
    assert not first.is_alive()  # the hold ran out: the worker went on
    assert made.overdue == 1
    assert not made.is_open  # but the rest of the frame is still being made
    thread, passed = _worker_at_pause_point(made)  # its next pause point
    for _ in range(500):
        if made.holds == 2:
            break
        threading.Event().wait(0.01)
    assert made.holds == 2
    assert not passed.is_set()  # waits again, up to trickle_s
    made.frame_done()
    thread.join(5)
    assert passed.is_set()
    assert made.overdue == 1


def test_a_frame_that_trickles_lets_a_worker_by_every_trickle(qtbot: QtBot) -> None:
    del qtbot
    made = FrameGate(max_hold_s=0.001, trickle_s=0.001, stale_s=3600.0)
    made.frame_starting()
    for _ in range(5):  # never painted, never stale: each waits a moment
        worker = threading.Thread(target=made.wait)
        worker.start()
        worker.join(5)
        assert not worker.is_alive()
    assert made.overdue == 1
    assert made.holds == 5


def test_a_frame_never_painted_holds_no_one_once_stale(qtbot: QtBot) -> None:
    del qtbot
    made = FrameGate(max_hold_s=3600.0, stale_s=0.0)
    made.frame_starting()  # and never painted: its window is covered, say
    worker = threading.Thread(target=made.wait)
    worker.start()
    worker.join(5)
    assert not worker.is_alive()
    assert made.is_open
    assert made.holds == 0


def test_a_hidden_watched_window_closes_the_gate_for_no_frame(
    qtbot: QtBot, gate: FrameGate
) -> None:
    made = gate
    widget = QWidget()
    qtbot.addWidget(widget)
    made.watch_paints(widget)  # never shown: no paint would end a frame
    made.frame_starting()
    assert made.is_open
    assert made.frames == 0
    widget.show()
    qtbot.waitExposed(widget)
    made.frame_starting()
    assert not made.is_open


def test_the_gui_thread_never_waits_at_its_own_gate(
    gate: FrameGate,
) -> None:
    made = gate
    made.frame_starting()
    made.wait()  # on the GUI thread: returns at once
    assert made.holds == 0
    assert not made.is_open


def _watched_widget(qtbot: QtBot, made: FrameGate) -> QWidget:
    """A shown widget whose paints end ``made``'s frames."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(40, 30)
    widget.show()
    qtbot.waitExposed(widget)
    made.watch_paints(widget)
    return widget


def test_the_watched_widget_s_paint_ends_the_frame(
    qtbot: QtBot, gate: FrameGate
) -> None:
    made = gate
    widget = _watched_widget(qtbot, made)
    made.frame_starting()
    assert made.frames == 1
    widget.grab()  # a paint of the widget, as the window's repaint sends
    assert not made.is_open  # the paint is still being handled
    QApplication.processEvents()
    assert made.is_open


def test_a_tick_between_the_paint_and_its_timer_keeps_the_gate_closed(
    qtbot: QtBot, gate: FrameGate
) -> None:
    # Qt runs an animation timer that fell due before the gate's zero timer:
    # the next frame is being made by then, and its paint must not run beside
    # a worker.
    made = gate
    widget = _watched_widget(qtbot, made)
    made.frame_starting()
    widget.grab()  # this frame's paint
    made.frame_starting()  # the next frame's tick, before the zero timer
    QApplication.processEvents()
    assert not made.is_open
    assert made.frames == 1  # one closing, held across both frames
    widget.grab()  # the next frame's paint
    QApplication.processEvents()
    assert made.is_open


def test_every_tween_frame_starts_a_frame(qtbot: QtBot) -> None:
    del qtbot
    owner = QObject()
    seen: list[float] = []
    started: list[int] = []
    tween = QT_ANIMATIONS.tween(owner, QEasingCurve.Type.Linear, seen.append)
    watch_frames(lambda: started.append(1))
    try:
        tween._on_value(0.5)  # type: ignore[attr-defined]  # as Qt's timer would
    finally:
        watch_frames(None)
    assert started == [1]
    assert seen == [0.5]


def test_pacing_installs_the_gate_and_stop_removes_it(qtbot: QtBot) -> None:
    del qtbot
    before = pacing.install_gate(None)
    try:
        made = start_frame_pacing()
        assert pacing.install_gate(made.wait) == made.wait
        stop_frame_pacing(made)
        assert pacing.install_gate(None) is None
        assert made.is_open
    finally:
        pacing.install_gate(before)
