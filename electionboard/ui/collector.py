"""Runs Python's cyclic garbage collector on the GUI thread only, between glides.

Automatic collection may start on whichever thread happens to allocate, such
as a pool thread parsing a feed, and then destroy Qt objects away from the
thread that owns them, which Qt reports as warnings or worse. pyqtgraph's own
GarbageCollector takes the same approach.

Where on the GUI thread matters too. A statewide snapshot is about 46,000
tracked objects (a ``Precinct`` per unit, their vote tuples, races,
standings), all acyclic and freed by reference counting, yet a young
collection scans every one of them: 34-60 ms with two or three snapshots
since the last one, which is two to four frames of a glide. So:

- the long-lived heap is collected once and then frozen (``gc.freeze``, which
  costs nothing: it relinks lists), so later collections never rescan it;
- young generations are collected when due and nothing watched is busy (no
  glide runs and no poll is being parsed, as ``app.run_board`` watches);
- while something is, a due young generation is frozen instead: its acyclic
  objects are still freed by reference counting, and any cycle among them is
  found at the next full collection;
- a full collection (unfreeze, collect everything, freeze the survivors) runs
  when no glide is running, at most every ``full_spacing_s``; it is never put
  off for ever: after ``max_defer_s`` seconds, or once ``max_deferred``
  objects were frozen unscanned, it runs even mid-glide.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

Busy = Callable[[], bool]
"""True while a frame is due soon (a glide runs): the worst time to collect."""

FULL_SPACING_S = 30.0
"""Seconds between full collections of the frozen heap, when not busy."""
MAX_DEFER_S = 120.0
"""The longest objects stay frozen unscanned; then a full collection runs even
mid-glide. Bounds how long a cycle made during glides can live."""
MAX_DEFERRED = 2_000_000
"""Tracked objects frozen unscanned (about 40 statewide snapshots) after
which a full collection runs even mid-glide. Bounds the memory such cycles
can hold."""


class GuiThreadCollector(QObject):
    """Disables automatic GC and collects on a GUI-thread timer instead.

    ``collect_due`` is the whole policy; the timer only calls it, so tests
    drive it by hand with their own ``busy`` and ``clock``.
    """

    def __init__(
        self,
        interval_ms: int = 1000,
        parent: QObject | None = None,
        *,
        busy: Busy | None = None,
        clock: Callable[[], float] = time.monotonic,
        full_spacing_s: float = FULL_SPACING_S,
        max_defer_s: float = MAX_DEFER_S,
        max_deferred: int = MAX_DEFERRED,
        start: bool = True,
    ) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._thresholds = gc.get_threshold()
        self._busy: list[Busy] = [busy] if busy is not None else []
        self._clock = clock
        self._full_spacing_s = full_spacing_s
        self._max_defer_s = max_defer_s
        self._max_deferred = max_deferred
        self._settled = False  # the start-up heap collected and frozen
        self._last_full = clock()
        self._deferred = 0  # objects frozen unscanned since the last full one
        self._deferred_since: float | None = None
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        if start:
            self._timer.start()

    def watch(self, busy: Busy) -> None:
        """Also hold collections back while ``busy()`` is True."""
        self._busy.append(busy)

    @property
    def deferred(self) -> int:
        """Tracked objects frozen unscanned since the last full collection."""
        return self._deferred

    def is_busy(self) -> bool:
        """True while any watched part says a frame is due."""
        return any(busy() for busy in self._busy)

    def collect_due(self) -> int | None:
        """Collect, freeze or wait, as the policy in the module docstring says.

        Returns:
            The generation collected (2 for a full collection), or None when
            nothing was collected (nothing due, or frozen for later).
        """
        now = self._clock()
        since = self._deferred_since
        if since is not None and (
            now - since >= self._max_defer_s or self._deferred >= self._max_deferred
        ):
            return self._collect_all(now)
        busy = self.is_busy()
        if not busy and (
            not self._settled
            or (self._deferred and now - self._last_full >= self._full_spacing_s)
        ):
            return self._collect_all(now)
        generation = self._due_generation()
        if generation is None:
            return None
        if busy:
            young = gc.get_count()[0]
            gc.freeze()
            if young:
                self._deferred += young
                if self._deferred_since is None:
                    self._deferred_since = now
            return None
        gc.collect(generation)
        return generation

    def _due_generation(self) -> int | None:
        """The oldest generation whose allocation count passed its limit."""
        generation = None
        for level, (count, threshold) in enumerate(
            zip(gc.get_count(), self._thresholds, strict=True)
        ):
            if count > threshold:
                generation = level
        return generation

    def _collect_all(self, now: float) -> int:
        """Every object scanned once; the survivors frozen as long-lived."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self._settled = True
        self._last_full = now
        self._deferred = 0
        self._deferred_since = None
        return 2

    def stop(self) -> None:
        """Stop the timer, drop what it watched, collect everything, give
        collection back."""
        self._timer.stop()
        self._busy.clear()  # they hold the board: let it go in teardown order
        gc.unfreeze()
        gc.collect()
        if self._was_enabled:
            gc.enable()
