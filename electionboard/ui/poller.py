"""Polls a feed on a timer and hands each outcome to the GUI thread as a signal.

Only the job runs on a worker thread. The timer, the sequence numbers, the
source's validators and the feed's health live on the GUI thread, so nothing
here needs a lock. The poller never touches widgets or the model: whoever
listens to ``snapshot_received`` applies the snapshot.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import sys
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeAlias

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot

from electionboard.model import Election, RaceStandings
from electionboard.model.live import future_stamp_refusal
from electionboard.sources.backoff import retry_delay
from electionboard.sources.polling import (
    FeedSource,
    PollFailed,
    PollJob,
    PollOk,
    PollOutcome,
    PollUnchanged,
)

log = logging.getLogger(__name__)

_MAX_TIMER_MSECS = 2**31 - 1
"""QTimer takes a C int of milliseconds: about 24 days."""

Deliver: TypeAlias = Callable[[PollOutcome], None]
Executor: TypeAlias = Callable[[PollJob, Deliver], None]
Tabulate: TypeAlias = Callable[[Election], tuple[RaceStandings, ...]]
"""Computes standings on the worker; the GUI thread then only reuses them."""
Digester: TypeAlias = Callable[[], Callable[[Election], object]]
"""Called on the GUI thread as a poll starts; what it returns runs on the worker
with the fresh snapshot, and its result rides on the outcome as ``digest``."""
Clock: TypeAlias = Callable[[], dt.datetime]
"""This machine's time, aware; a stamp far ahead of it is refused."""

GIL_SWITCH_SECONDS = 0.002
"""The interpreter's GIL switch interval once a poll pool exists (default 5 ms).

A worker parsing a feed keeps the GIL until the GUI thread has waited this
long, and the GUI thread gives it up at every Qt call that releases it, so a
frame painted during a parse waits out many intervals. ``bench/app_bench.py``
(``--switch-ms``, interleaved): 2 ms cuts the glide's frame interval p99 by a
fifth and its max by a quarter, with poll to pixels no worse; 1 ms helps frames
as much but slows the worker's parse, so poll to pixels gets worse."""


def share_the_gil(seconds: float = GIL_SWITCH_SECONDS) -> None:
    """Lower the GIL switch interval to ``seconds``; never raise it."""
    if sys.getswitchinterval() > seconds:
        sys.setswitchinterval(seconds)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class _DigestBox:
    """Carries one poll's digest from the worker back to the GUI thread.

    Filled on the worker before the outcome is emitted, read on the GUI thread
    after the outcome arrived there, so the two never touch it at once.
    """

    __slots__ = ("sequence", "value", "work")

    def __init__(self, sequence: int, work: Callable[[Election], object]) -> None:
        self.sequence = sequence
        self.work: Callable[[Election], object] | None = work
        self.value: object = None

    def run(self, election: Election) -> None:
        """Digest on the worker, and drop the work there: what it held (an old
        snapshot) is freed on the worker, not the GUI thread."""
        work, self.work = self.work, None
        if work is not None:
            self.value = work(election)


def run_synchronously(job: PollJob, deliver: Deliver) -> None:
    """Run the job at once on this thread: deterministic tests, headless replays."""
    deliver(job())


class _Relay(QObject):
    """Lives on the GUI thread, so its queued signal carries outcomes there."""

    finished = Signal(object, object)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object)
    def _deliver(self, deliver: Deliver, outcome: PollOutcome) -> None:
        deliver(outcome)


class _Task(QRunnable):
    """One job on a pool thread; emits its outcome and forgets it."""

    def __init__(self, job: PollJob, deliver: Deliver, relay: _Relay) -> None:
        super().__init__()
        self._job = job
        self._deliver = deliver
        # Weak, so the relay can never be destroyed by a pool thread dropping the
        # last reference to it.
        self._relay = weakref.ref(relay)

    def run(self) -> None:
        outcome = self._job()
        relay = self._relay()
        if relay is None:
            log.warning("a poll finished after its executor was gone; dropped")
            return
        relay.finished.emit(self._deliver, outcome)


class ThreadPoolExecutor:
    """Runs jobs on a QThreadPool and delivers their outcomes on the GUI thread.

    Create it on the GUI thread. Keep it until ``wait_for_done`` returns at
    quit: an outcome finishing after the executor is gone is dropped.
    """

    def __init__(self, pool: QThreadPool | None = None) -> None:
        """Use ``pool``, or a private one so waiting at quit waits only for ours."""
        self._pool = pool if pool is not None else QThreadPool()
        self._relay = _Relay()
        share_the_gil()

    def __call__(self, job: PollJob, deliver: Deliver) -> None:
        """Start ``job`` on the pool; ``deliver`` later gets its outcome."""
        self._pool.start(_Task(job, deliver, self._relay))

    def wait_for_done(self, msecs: int) -> bool:
        """Wait for running jobs; False if some still run after ``msecs``.

        Outcomes they produce are queued to the GUI thread, not delivered yet.
        """
        return self._pool.waitForDone(msecs)


@dataclass(frozen=True, slots=True)
class FeedHealth:
    """What the operator sees of a feed: is it fresh, and if not, why."""

    last_success: dt.datetime | None
    """When the feed last answered (with news or without)."""
    last_change: dt.datetime | None
    """When the feed last gave a new snapshot."""
    failures: int
    """Failed polls since the last success."""
    last_error: str | None
    """Why the latest poll failed; None once a poll succeeds again."""
    next_poll_in: float
    """Seconds from the latest outcome to the next poll."""


class Poller(QObject):
    """Polls one source: at most one poll in flight, backing off after failures.

    A single-shot timer is re-armed only when a poll's outcome arrives, so polls
    never pile up behind a slow server. Every poll gets a sequence number, and an
    outcome no newer than the newest one delivered, or begun before ``stop``, is
    dropped. The source is settled on the GUI thread before any signal is sent.
    A snapshot stamped too far ahead of ``clock`` is a failure, not news: shown,
    it would make every real answer after it look older.

    Raises:
        ValueError: ``interval`` is not positive.
    """

    snapshot_received = Signal(object)
    """A PollOk: a fresh snapshot to apply."""
    poll_failed = Signal(object)
    """A PollFailed: the board keeps its last snapshot and shows the error."""
    poll_unchanged = Signal(object)
    """A PollUnchanged: the feed answered with nothing new."""
    health_changed = Signal(object)
    """A FeedHealth, after every delivered outcome and interval change."""

    def __init__(
        self,
        source: FeedSource,
        executor: Executor,
        interval: float = 10.0,
        parent: QObject | None = None,
        *,
        tabulate: Tabulate | None = None,
        clock: Clock = _utc_now,
    ) -> None:
        super().__init__(parent)
        self._interval = _checked_interval(interval)
        self._clock = clock
        self._source = source
        self._executor = executor
        self._tabulate = tabulate
        self._digester: Digester | None = None
        self._box: _DigestBox | None = None
        self._digest: object = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._poll)
        self._running = False
        self._sequence = 0  # of the latest poll begun
        self._newest = 0  # outcomes up to this are dropped: delivered or pre-stop
        self._in_flight: int | None = None
        self._failures = 0
        self._retry_after: float | None = None
        self._last_success: dt.datetime | None = None
        self._last_change: dt.datetime | None = None
        self._last_error: str | None = None
        self._next_poll_in = 0.0

    @property
    def in_flight(self) -> bool:
        """True while a poll's outcome is awaited (even one begun before stop)."""
        return self._in_flight is not None

    @property
    def interval(self) -> float:
        """Seconds between polls while the feed is healthy."""
        return self._interval

    @property
    def health(self) -> FeedHealth:
        """The feed's state as of the latest delivered outcome."""
        return FeedHealth(
            last_success=self._last_success,
            last_change=self._last_change,
            failures=self._failures,
            last_error=self._last_error,
            next_poll_in=self._next_poll_in,
        )

    def start(self) -> None:
        """Poll at once, then keep polling; does nothing if already started.

        If a poll begun before ``stop`` is still out, its outcome is dropped on
        arrival and the first poll starts then, so two never overlap.
        """
        if self._running:
            return
        self._running = True
        self._poll()

    def stop(self) -> None:
        """Stop polling; outcomes of polls already begun are dropped on arrival."""
        self._running = False
        self._timer.stop()
        self._newest = self._sequence

    def poll_now(self) -> None:
        """Poll without waiting for the timer; ignored while stopped or in flight."""
        self._poll()

    @property
    def digest(self) -> object:
        """While ``snapshot_received`` is being emitted: the digester's result
        for that snapshot, made on the worker; None otherwise."""
        return self._digest

    def set_digester(self, digester: Digester | None) -> None:
        """More of a fresh snapshot's work to do on the worker from the next poll.

        ``digester`` is called on the GUI thread as each poll starts, so what it
        returns may capture GUI-thread state; that then runs on the worker and
        must only read what it captured.
        """
        self._digester = digester

    def set_interval(self, seconds: float) -> None:
        """Change the interval; a waiting timer restarts with the new delay.

        Raises:
            ValueError: ``seconds`` is not positive.
        """
        self._interval = _checked_interval(seconds)
        if self._timer.isActive():
            self._arm(retry_delay(self._interval, self._failures, self._retry_after))
            self.health_changed.emit(self.health)

    @Slot()
    def _poll(self) -> None:
        if not self._running or self._in_flight is not None:
            return
        self._timer.stop()
        sequence = self._sequence + 1
        job = self._source.prepare(sequence)
        box = None
        if self._digester is not None:
            box = _DigestBox(sequence, self._digester())
        self._box = box
        self._sequence = sequence
        self._in_flight = sequence
        # Runs the job at once under run_synchronously: nothing may follow here.
        self._executor(
            functools.partial(_guarded, job, sequence, self._tabulate, box),
            self._receive,
        )

    def _receive(self, outcome: PollOutcome) -> None:
        was_in_flight = outcome.sequence == self._in_flight
        if was_in_flight:
            self._in_flight = None
        if outcome.sequence <= self._newest:
            log.debug("dropped the outcome of poll %d", outcome.sequence)
            if was_in_flight and self._running and not self._timer.isActive():
                self._arm(0.0)  # start() came while this poll was out
            return
        self._newest = outcome.sequence
        if isinstance(outcome, PollOk):
            # Before settling: a source must not keep validators of a refusal.
            refusal = future_stamp_refusal(outcome.election.updated, self._clock())
            if refusal is not None:
                outcome = PollFailed(outcome.sequence, outcome.fetched_at, refusal)
        self._source.settle(outcome)
        self._record(outcome)
        if self._running and self._in_flight is None:
            # Armed before emitting, so a slot that calls stop() stops it.
            self._arm(retry_delay(self._interval, self._failures, self._retry_after))
        if isinstance(outcome, PollOk):
            box, self._box = self._box, None
            if box is not None and box.sequence == outcome.sequence:
                self._digest = box.value
            try:
                self.snapshot_received.emit(outcome)
            finally:
                self._digest = None
        elif isinstance(outcome, PollUnchanged):
            self.poll_unchanged.emit(outcome)
        else:
            self.poll_failed.emit(outcome)
        self.health_changed.emit(self.health)

    def _record(self, outcome: PollOutcome) -> None:
        if isinstance(outcome, PollFailed):
            self._failures += 1
            self._last_error = outcome.message
            self._retry_after = outcome.retry_after
            return
        self._failures = 0
        self._last_error = None
        self._retry_after = None
        self._last_success = outcome.fetched_at
        if isinstance(outcome, PollOk):
            self._last_change = outcome.fetched_at

    def _arm(self, delay: float) -> None:
        self._next_poll_in = delay
        self._timer.start(min(round(delay * 1000), _MAX_TIMER_MSECS))


def _checked_interval(seconds: float) -> float:
    if not seconds > 0:
        raise ValueError(f"the polling interval must be positive, got {seconds!r}")
    return seconds


def _guarded(
    job: PollJob,
    sequence: int,
    tabulate: Tabulate | None,
    digest: _DigestBox | None = None,
) -> PollOutcome:
    """Run a job that promised not to raise, so a broken one cannot stall polling.

    With ``tabulate``, a fresh snapshot's standings are computed here on the
    worker too, so the GUI thread only reuses them; with ``digest``, so is the
    rest of what the snapshot's subscriber would do with it.
    """
    try:
        outcome = job()
        if tabulate is not None and isinstance(outcome, PollOk):
            outcome = dataclasses.replace(outcome, standings=tabulate(outcome.election))
        if digest is not None and isinstance(outcome, PollOk):
            digest.run(outcome.election)
        return outcome
    except Exception as error:
        log.exception("a poll job raised instead of reporting a failure")
        return PollFailed(
            sequence,
            dt.datetime.now(dt.UTC),
            f"internal error while reading the feed: {type(error).__name__}",
        )


__all__ = [
    "GIL_SWITCH_SECONDS",
    "Clock",
    "Deliver",
    "Digester",
    "Executor",
    "FeedHealth",
    "Poller",
    "Tabulate",
    "ThreadPoolExecutor",
    "run_synchronously",
    "share_the_gil",
]
