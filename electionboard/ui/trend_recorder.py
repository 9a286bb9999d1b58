"""Keeps the night's trend: every poll's figures, on disk, for the trend screen.

Each snapshot the board shows is recorded by ``store.trend_store`` on a
worker (never the GUI thread), so a restart keeps the night. A replay of a
recorded night is seeded with that night's own samples up to the snapshot
on air, so its trend is whole from the first poll.

While a glide runs the recording waits (``hold_while``): a worker running
Python beside the GUI thread takes the GIL each time a Qt call lets it go,
and on the statewide feed that made the delivery of a poll about 5 ms longer
(``bench/app_bench.py``). It waits ``MAX_HOLD_MS`` at most, then records
every snapshot it held, in order.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from electionboard.model.election import Election
from electionboard.model.live import ResultsChanged
from electionboard.model.pacing import pause_point
from electionboard.model.standings import RaceStandings
from electionboard.model.trend import TrendSample
from electionboard.store.trend_store import TrendStore
from electionboard.ui.bridge import ResultsBridge

log = logging.getLogger(__name__)

History = Mapping[str, tuple[TrendSample, ...]]
Seed = Callable[[], History]
"""A recorded night's samples (read on the worker)."""

HOLD_CHECK_MS = 100
"""How often a held recording looks whether the glide ended."""
MAX_HOLD_MS = 1000
"""The longest a snapshot's recording waits for a glide to end."""


class _Task(QRunnable):
    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        """QRunnable: the work; it reports its own failures."""
        self._work()


class TrendRecorder(QObject):
    """Records the results on the worker; ``history`` is the night so far."""

    history_changed = Signal()
    _loaded = Signal(object, object)  # seed History, stored History (worker)
    _recorded = Signal(object)  # stored History (worker)

    def __init__(
        self,
        bridge: ResultsBridge,
        folder: Path,
        *,
        seed: Seed | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = TrendStore(folder)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # the store is only ever used in order
        self._seed: History = {}
        self._stored: History = {}
        self._now: dt.datetime | None = None
        self._loaded.connect(self._on_loaded)
        self._recorded.connect(self._on_recorded)
        self._busy: Callable[[], bool] | None = None
        self._clock: Callable[[], float] = time.monotonic
        self._held: list[tuple[Election, tuple[RaceStandings, ...]]] = []
        self._held_since = 0.0
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(HOLD_CHECK_MS)
        self._hold.timeout.connect(self.record_held)
        bridge.subscribe(self._on_results)
        self._pool.start(_Task(lambda: self._load(seed)))

    def history(self) -> dict[str, tuple[TrendSample, ...]]:
        """Each race's samples so far: the seed up to the latest snapshot,
        then what this board recorded, oldest first."""
        merged: dict[str, tuple[TrendSample, ...]] = {}
        for race_id in {*self._seed, *self._stored}:
            stored = self._stored.get(race_id, ())
            first = stored[0].at if stored else None
            seeded = tuple(
                s
                for s in self._seed.get(race_id, ())
                if (self._now is None or s.at <= self._now)
                and (first is None or s.at < first)
            )
            merged[race_id] = seeded + stored
        return merged

    def hold_while(
        self, busy: Callable[[], bool], clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Hold recordings while ``busy()`` (a glide runs), ``MAX_HOLD_MS`` at most."""
        self._busy, self._clock = busy, clock

    @property
    def held(self) -> int:
        """Snapshots waiting for the glide to end before they are recorded."""
        return len(self._held)

    def record_held(self, *, now: bool = False) -> None:
        """Record the held snapshots if the glide ended (or waited long enough,
        or ``now``); otherwise look again in ``HOLD_CHECK_MS``."""
        if not self._held:
            return
        waited = (self._clock() - self._held_since) * 1000
        busy = self._busy is not None and self._busy()
        if busy and not now and waited < MAX_HOLD_MS:
            self._hold.start()
            return
        self._hold.stop()
        held, self._held = self._held, []
        self._pool.start(_Task(lambda: self._record_all(held)))

    def shutdown(self, msecs: int = 5000) -> bool:
        """Record what is held, finish the writes; False if they did not finish."""
        self.record_held(now=True)
        return self._pool.waitForDone(msecs)

    def _load(self, seed: Seed | None) -> None:
        """On the worker: the seed and what a previous run stored."""
        seeded: History = {}
        if seed is not None:
            try:
                seeded = seed()
            except Exception:  # a bad recording must not stop the board
                log.exception("trend: the recorded night could not be read")
        try:
            stored = self._store.history()
        except OSError as error:
            log.warning("trend: the stored trend could not be read: %s", error)
            stored = {}
        self._loaded.emit(seeded, stored)

    def _on_loaded(self, seeded: History, stored: History) -> None:
        self._seed = seeded
        if not self._stored:
            self._stored = stored
        self.history_changed.emit()

    def _on_results(self, change: ResultsChanged) -> None:
        election, standings = change.election, change.standings
        if self._now is None or election.updated > self._now:
            self._now = election.updated
        if not self._held:
            self._held_since = self._clock()
        self._held.append((election, standings))
        self.record_held()

    def _record_all(
        self, held: list[tuple[Election, tuple[RaceStandings, ...]]]
    ) -> None:
        """On the worker: append each snapshot's samples, oldest first.

        Each snapshot is let go of a race at a time: where this is its last
        hold, freeing it whole would keep the GIL for milliseconds at once.
        """
        history = None
        while held:
            election, standings = held.pop(0)
            try:
                history = self._store.record(election, standings)
            except OSError as error:
                log.warning("trend: could not keep the trend on disk: %s", error)
            races = list(election.races)
            del election, standings
            while races:
                pause_point()  # a frame being painted goes first
                races.pop()
        if history is not None:
            self._recorded.emit(history)

    def _on_recorded(self, history: History) -> None:
        self._stored = history
        self.history_changed.emit()
