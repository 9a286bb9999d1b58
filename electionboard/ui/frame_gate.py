"""Holds poll workers at their pause points while the GUI thread makes a frame.

A frame starts when a tween ticks (``frame_starting``, from
``ui/animation.py``) and ends once the watched window (program's) has
painted: a zero timer started at its Paint event runs after the paint. In
between, a worker reaching a ``model.pacing.pause_point`` waits there
without the GIL, so the frame's many GIL hand-backs (PySide lets go of it
around Qt calls) cost no switch interval each. The wait runs from the
worker's arrival, not the frame's start: a worker that reached its pause
point late (it was fetching) still lets the frame's paint go first.

A worker waits ``max_hold_s`` at most for one frame. A frame that takes
longer than that (a slow machine, or two frames back to back, the second's
tick coming before the first's paint had ended the frame) does not then run
beside a loose worker: the worker goes on to its next pause point, one
race's work, and waits there ``trickle_s`` at most, and so on until the
paint. Opening the gate at the hold's end instead let the rest of the frame
wait out a switch interval at each of its hundred Python calls (the program
and preview paints of 40-90 ms ``bench/app_bench.py`` showed). A frame left
unpainted ``stale_s`` after its last tick (its window covered, say) holds no
one, and a hidden watched window closes the gate for no frame, so nothing
stalls a poll.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from electionboard.model import pacing

MAX_HOLD_S = 0.012
"""The longest a worker waits for one frame: most of a 60 fps frame, so a
worker still runs between frames while a glide runs."""
TRICKLE_S = 0.002
"""After that, the longest it waits at each later pause point of the frame."""
STALE_S = 0.1
"""A frame whose window has not painted this long after the last tick is
given up: the gate opens."""


class FrameGate(QObject):
    """Closed from a frame's first tick until the watched window has painted."""

    def __init__(
        self,
        *,
        max_hold_s: float = MAX_HOLD_S,
        trickle_s: float = TRICKLE_S,
        stale_s: float = STALE_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._open = threading.Event()
        self._open.set()
        self._max_hold_s = max_hold_s
        self._trickle_s = trickle_s
        self._stale_s = stale_s
        self._watched: QWidget | None = None
        self._last_tick_at = 0.0
        """When the latest frame started (``time.monotonic``); read by workers."""
        self._overdue_tick = -1
        """The frame whose hold ran out: its later pause points only trickle."""
        self._gui_thread = threading.get_ident()
        self._painted = QTimer(self)
        self._painted.setSingleShot(True)
        self._painted.setInterval(0)
        self._painted.timeout.connect(self._after_paint)
        self.frames = 0
        """Frames that closed the gate (for benchmarks)."""
        self.holds = 0
        """Pause points a worker waited at (for benchmarks)."""
        self._ticks = 0
        """Frames started (GUI thread), to tell a paint's frame from a later one."""
        self._painted_tick = 0
        self.overdue = 0
        """Holds that ended at ``max_hold_s``, before the frame was painted: the
        rest of that frame ran beside the worker (for benchmarks)."""

    @property
    def is_open(self) -> bool:
        """True when workers pass their pause points without waiting."""
        return self._open.is_set()

    def watch_paints(self, widget: QWidget) -> None:
        """End each frame once ``widget`` (and its window with it) has painted."""
        self._watched = widget
        widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # Qt virtual
        """A paint of the watched widget: the frame ends once it is done."""
        if event.type() == QEvent.Type.Paint and not self._open.is_set():
            self._painted_tick = self._ticks
            self._painted.start()  # runs after this paint, and the window's
        return False

    def frame_starting(self) -> None:
        """GUI thread: a frame is being made; hold workers until it is painted."""
        self._ticks += 1
        self._last_tick_at = time.monotonic()
        if not self._open.is_set():
            return  # already closed: the paint of this tick ends it
        if self._watched is not None and not self._watched.isVisible():
            return  # no paint will come to end the frame
        self.frames += 1
        self._open.clear()

    def frame_done(self) -> None:
        """GUI thread: the frame is painted; workers go on."""
        self._open.set()

    def _after_paint(self) -> None:
        """The watched paint is done: the frame ends, unless the next one began.

        Qt runs an animation timer that fell due before this zero timer, so
        the next frame's tick may come between the paint and here; that frame
        is being made, and the gate stays closed until its own paint (or its
        hold runs out). Opening here let its paint run beside the worker: the
        50-100 ms frames ``bench/app_bench.py`` still showed.
        """
        if self._ticks == self._painted_tick:
            self.frame_done()

    def wait(self) -> None:
        """A pause point: on a worker, wait while a frame is being made."""
        if self._open.is_set() or threading.get_ident() == self._gui_thread:
            return
        if time.monotonic() - self._last_tick_at > self._stale_s:
            self._open.set()  # never painted: the frame holds no one any longer
            return
        self.holds += 1
        frame = self._ticks
        if self._overdue_tick == frame:
            self._open.wait(self._trickle_s)  # a race's work, then wait again
        elif not self._open.wait(self._max_hold_s):
            self.overdue += 1
            self._overdue_tick = frame

    def install(self) -> None:
        """Make this the gate every ``pause_point`` waits at."""
        pacing.install_gate(self.wait)

    def uninstall(self) -> None:
        """Open and remove the gate: nothing waits at a pause point any more."""
        previous = pacing.install_gate(None)
        if previous is not None and previous != self.wait:
            pacing.install_gate(previous)  # not ours: leave it in place
        self.frame_done()


def start_frame_pacing() -> FrameGate:
    """Install a gate that every tween's frame closes: call on the GUI thread.

    The caller then names the window whose paint ends a frame
    (``FrameGate.watch_paints``); ``stop_frame_pacing`` undoes it all.
    ``app.run_board`` (and the app bench, which builds the board the same
    way) call both.
    """
    from electionboard.ui.animation import watch_frames

    gate = FrameGate()
    gate.install()
    watch_frames(gate.frame_starting)
    return gate


def stop_frame_pacing(gate: FrameGate) -> None:
    """Frames hold workers no more; the gate is open and removed."""
    from electionboard.ui.animation import watch_frames

    watch_frames(None)
    gate.uninstall()
