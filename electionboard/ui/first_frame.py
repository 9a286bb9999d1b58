"""Runs work once a view's first frame is painted, so start-up shows the board first.

The composition root builds the operator desk and the studio console here,
in the event loop right after program's first paint, rather than before it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractScrollArea

LATEST_MS = 500
"""The longest the work waits for a paint once armed (a minimised window
may never paint); it runs then anyway."""


class AfterFirstPaint(QObject):
    """Calls ``work`` once, in the event loop after ``view`` is first painted.

    The paint itself finishes (and the frame reaches the screen) before
    ``work`` runs: the call is queued from the paint event, not made in it.
    If no paint comes within ``latest_ms``, ``work`` runs then. ``run_now``
    runs it at once, ``cancel`` never.
    """

    def __init__(
        self,
        view: QAbstractScrollArea,
        work: Callable[[], object],
        *,
        latest_ms: int = LATEST_MS,
    ) -> None:
        super().__init__(view)
        self._work: Callable[[], object] | None = work
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.run_now)
        self._timer.start(latest_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt virtual
        """Qt: on the viewport's first paint, queue the work after it."""
        if watched is self._viewport and event.type() == QEvent.Type.Paint:
            self._viewport.removeEventFilter(self)
            self._timer.start(0)  # after this paint and its flush
        return False

    def run_now(self) -> None:
        """Run the work now if it has not run; never twice."""
        work = self._work
        self.cancel()
        if work is not None:
            work()

    def cancel(self) -> None:
        """Never run the work (from now on)."""
        self._work = None
        self._timer.stop()
        self._viewport.removeEventFilter(self)
