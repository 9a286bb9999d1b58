"""Runs Python's cyclic garbage collector on the GUI thread only.

Automatic collection may start on whichever thread happens to allocate, such
as a pool thread parsing a feed, and then destroy Qt objects away from the
thread that owns them, which Qt reports as warnings or worse. pyqtgraph's own
GarbageCollector takes the same approach.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """Disables automatic GC and collects on a GUI-thread timer instead."""

    def __init__(self, interval_ms: int = 1000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> None:
        """Collect the generations whose allocation counts passed their limits."""
        counts = gc.get_count()
        generation = -1
        for level, (count, threshold) in enumerate(
            zip(counts, self._thresholds, strict=True)
        ):
            if count > threshold:
                generation = level
        if generation >= 0:
            gc.collect(generation)

    def stop(self) -> None:
        """Stop the timer and give collection back to the interpreter."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
