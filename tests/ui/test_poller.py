"""The poller: one poll in flight, backoff, ordering and stop, on real threads too."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from electionboard.sources.polling import (
    FeedSource,
    LocationSource,
    PollFailed,
    PollJob,
    PollOk,
    PollOutcome,
    PollUnchanged,
    SequenceSource,
)
from electionboard.ui.poller import (
    GIL_SWITCH_SECONDS,
    Deliver,
    Executor,
    FeedHealth,
    Poller,
    ThreadPoolExecutor,
    run_synchronously,
    share_the_gil,
)
from tests.builders import one_race_feed as feed
from tests.feedserver import Answer, FeedServer

MakePoller = Callable[..., Poller]


def ann_votes(outcome: object) -> int:
    assert isinstance(outcome, PollOk), outcome
    totals = outcome.election.race("mayor").totals
    assert totals is not None
    return totals[0]


def armed_ms(poller: Poller) -> int | None:
    """Milliseconds until the poller's timer fires; None while none is armed."""
    (timer,) = poller.findChildren(QTimer)
    return timer.remainingTime() if timer.isActive() else None


class HeldExecutor:
    """Holds jobs until the test finishes them, like a worker that takes its time."""

    def __init__(self) -> None:
        self.held: list[tuple[PollJob, Deliver]] = []

    def __call__(self, job: PollJob, deliver: Deliver) -> None:
        self.held.append((job, deliver))

    def finish(self) -> PollOutcome:
        """Run the oldest held job and deliver its outcome."""
        job, deliver = self.held.pop(0)
        outcome = job()
        deliver(outcome)
        return outcome


class RaisingSource:
    """A source that breaks its promise: its job raises."""

    label = "broken"

    def prepare(self, _sequence: int) -> PollJob:
        def job() -> PollOutcome:
            raise RuntimeError("boom")

        return job

    def settle(self, outcome: PollOutcome) -> None:
        """Nothing to remember."""


@pytest.fixture
def threads() -> Iterator[ThreadPoolExecutor]:
    """A real thread pool; the test fails if a job is still running at the end."""
    executor = ThreadPoolExecutor()
    yield executor
    assert executor.wait_for_done(5000)


@pytest.fixture
def make_poller(qtbot: QtBot) -> Iterator[MakePoller]:
    """Builds pollers and, afterwards, checks each left no timer or poll behind."""
    made: list[tuple[Poller, Executor]] = []

    def make(source: FeedSource, executor: Executor, interval: float = 0.05) -> Poller:
        poller = Poller(source, executor, interval)
        made.append((poller, executor))
        return poller

    yield make
    for poller, _ in made:
        poller.stop()
    threaded = [p for p, executor in made if isinstance(executor, ThreadPoolExecutor)]
    qtbot.waitUntil(lambda: not any(p.in_flight for p in threaded), timeout=5000)
    for poller, _ in made:
        assert not any(timer.isActive() for timer in poller.findChildren(QTimer))


@pytest.fixture
def feed_file(tmp_path: Path) -> Path:
    path = tmp_path / "feed.json"
    path.write_bytes(feed(100))
    return path


# With run_synchronously or held jobs: deterministic


def test_start_polls_at_once(
    qtbot: QtBot, make_poller: MakePoller, feed_file: Path
) -> None:
    poller = make_poller(LocationSource(str(feed_file)), run_synchronously, 0.2)
    with qtbot.waitSignal(poller.snapshot_received, timeout=1000) as blocker:
        poller.start()
    assert blocker.args is not None
    [outcome] = blocker.args
    assert ann_votes(outcome) == 100
    assert outcome.sequence == 1
    assert not poller.in_flight
    assert poller.health == FeedHealth(
        last_success=outcome.fetched_at,
        last_change=outcome.fetched_at,
        failures=0,
        last_error=None,
        next_poll_in=0.2,
    )


def test_unchanged_feed_updates_success_but_not_change(
    qtbot: QtBot, make_poller: MakePoller, feed_file: Path
) -> None:
    poller = make_poller(LocationSource(str(feed_file)), run_synchronously, 10.0)
    poller.start()
    changed = poller.health.last_change
    with qtbot.waitSignal(poller.poll_unchanged, timeout=1000) as blocker:
        poller.poll_now()
    assert blocker.args is not None
    [outcome] = blocker.args
    assert isinstance(outcome, PollUnchanged)
    assert outcome.sequence == 2
    assert poller.health.last_success == outcome.fetched_at
    assert poller.health.last_change == changed
    assert changed is not None
    assert changed <= outcome.fetched_at


def test_failures_back_off_and_a_success_resets(
    qtbot: QtBot, make_poller: MakePoller, feed_server: FeedServer
) -> None:
    feed_server.answer = Answer(feed(100))
    poller = make_poller(LocationSource(feed_server.url), run_synchronously, 0.05)
    poller.start()
    assert poller.health.failures == 0

    feed_server.answer = Answer(b"", status=500)
    delays = []
    for failures in (1, 2, 3):
        with qtbot.waitSignal(poller.poll_failed, timeout=1000):
            poller.poll_now()
        health = poller.health
        assert health.failures == failures
        assert health.last_error is not None
        assert "HTTP 500" in health.last_error
        delays.append(health.next_poll_in)
    assert delays == [0.1, 0.2, 0.4]

    feed_server.answer = Answer(feed(200))
    with qtbot.waitSignal(poller.snapshot_received, timeout=1000) as blocker:
        poller.poll_now()
    assert blocker.args is not None
    assert ann_votes(blocker.args[0]) == 200
    assert poller.health.failures == 0
    assert poller.health.last_error is None
    assert poller.health.next_poll_in == 0.05


def test_retry_after_holds_the_next_poll(
    qtbot: QtBot, make_poller: MakePoller, feed_server: FeedServer
) -> None:
    feed_server.answer = Answer(b"", status=503, headers={"Retry-After": "7"})
    poller = make_poller(LocationSource(feed_server.url), run_synchronously, 0.05)
    with qtbot.waitSignal(poller.poll_failed, timeout=1000) as blocker:
        poller.start()
    assert blocker.args is not None
    assert blocker.args[0].retry_after == 7.0
    assert poller.health.next_poll_in == 7.0
    remaining = armed_ms(poller)
    assert remaining is not None
    assert remaining > 6000  # not the 50 ms interval
    assert len(feed_server.requests) == 1


def test_an_older_outcome_is_dropped(
    qtbot: QtBot, make_poller: MakePoller, tmp_path: Path
) -> None:
    paths = [tmp_path / f"{n}.json" for n in range(3)]
    for n, path in enumerate(paths):
        path.write_bytes(feed(n))
    source = SequenceSource(paths)
    executor = HeldExecutor()
    poller = make_poller(source, executor, 10.0)
    poller.start()
    _, deliver = executor.held[0]
    first = executor.finish()
    poller.poll_now()
    second = executor.finish()
    assert (first.sequence, second.sequence) == (1, 2)
    assert source.position == 2
    health = poller.health

    with (
        qtbot.assertNotEmitted(poller.snapshot_received),
        qtbot.assertNotEmitted(poller.health_changed),
    ):
        deliver(first)
    assert source.position == 2  # not settled again
    assert poller.health == health


def test_at_most_one_poll_in_flight(
    qtbot: QtBot, make_poller: MakePoller, feed_file: Path
) -> None:
    executor = HeldExecutor()
    poller = make_poller(LocationSource(str(feed_file)), executor, 0.01)
    poller.start()
    poller.start()
    poller.poll_now()
    assert armed_ms(poller) is None  # no timer is armed while a poll is out
    assert len(executor.held) == 1
    waiting = poller.in_flight

    executor.finish()
    assert (waiting, poller.in_flight) == (True, False)
    qtbot.waitUntil(lambda: len(executor.held) == 1, timeout=1000)  # timer re-armed


def test_stop_drops_what_arrives_afterwards(
    qtbot: QtBot, make_poller: MakePoller, tmp_path: Path
) -> None:
    path = tmp_path / "night.json"
    path.write_bytes(feed(1))
    source = SequenceSource([path])
    executor = HeldExecutor()
    poller = make_poller(source, executor)
    poller.start()
    poller.stop()
    with (
        qtbot.assertNotEmitted(poller.snapshot_received),
        qtbot.assertNotEmitted(poller.health_changed),
    ):
        executor.finish()
    assert not poller.in_flight
    assert source.position == 0  # the dropped snapshot was not settled
    assert poller.health.last_success is None
    poller.poll_now()  # ignored while stopped
    assert armed_ms(poller) is None
    assert executor.held == []


def test_restart_waits_for_the_poll_begun_before_stop(
    qtbot: QtBot, make_poller: MakePoller, feed_file: Path
) -> None:
    executor = HeldExecutor()
    poller = make_poller(LocationSource(str(feed_file)), executor, 10.0)
    poller.start()
    poller.stop()
    poller.start()
    assert len(executor.held) == 1  # the old poll is still out

    with qtbot.assertNotEmitted(poller.snapshot_received):
        executor.finish()
    qtbot.waitUntil(lambda: len(executor.held) == 1, timeout=1000)
    with qtbot.waitSignal(poller.snapshot_received, timeout=1000) as blocker:
        executor.finish()
    assert blocker.args is not None
    assert blocker.args[0].sequence == 2


def test_a_job_that_raises_is_reported_and_polling_goes_on(
    qtbot: QtBot, make_poller: MakePoller, caplog: pytest.LogCaptureFixture
) -> None:
    poller = make_poller(RaisingSource(), run_synchronously, 0.05)
    with (
        caplog.at_level(logging.ERROR, logger="electionboard.ui.poller"),
        qtbot.waitSignal(poller.poll_failed, timeout=1000) as blocker,
    ):
        poller.start()
    assert blocker.args is not None
    assert blocker.args[0].message == (
        "internal error while reading the feed: RuntimeError"
    )
    assert [r.exc_info is not None for r in caplog.records] == [True]
    with qtbot.waitSignal(poller.poll_failed, timeout=1000):
        pass  # the timer fires again after the backoff
    assert poller.health.failures == 2


def test_set_interval_rearms_the_waiting_timer(
    qtbot: QtBot, make_poller: MakePoller, feed_file: Path
) -> None:
    poller = make_poller(LocationSource(str(feed_file)), run_synchronously, 60.0)
    poller.start()
    assert poller.health.next_poll_in == 60.0
    with qtbot.waitSignal(poller.health_changed, timeout=1000) as blocker:
        poller.set_interval(0.05)
    assert blocker.args is not None
    assert blocker.args[0].next_poll_in == 0.05
    assert poller.interval == 0.05
    with qtbot.waitSignal(poller.poll_unchanged, timeout=1000):
        pass  # polled on the new interval, not after a minute


@pytest.mark.parametrize("interval", [0.0, -1.0])
@pytest.mark.usefixtures("qtbot")
def test_rejects_a_nonsense_interval(interval: float) -> None:
    with pytest.raises(ValueError, match="positive"):
        Poller(RaisingSource(), run_synchronously, interval)
    poller = Poller(RaisingSource(), run_synchronously, 1.0)
    with pytest.raises(ValueError, match="positive"):
        poller.set_interval(interval)
    assert poller.interval == 1.0


# On real threads against a real server


def test_thread_pool_runs_jobs_off_and_delivers_on_the_gui_thread(
    qtbot: QtBot, threads: ThreadPoolExecutor
) -> None:
    ran_on: list[int] = []
    delivered_on: list[int] = []

    def job() -> PollOutcome:
        ran_on.append(threading.get_ident())
        return PollFailed(1, dt.datetime.now(dt.UTC), "never mind")

    threads(job, lambda _outcome: delivered_on.append(threading.get_ident()))
    assert threads.wait_for_done(5000)
    assert delivered_on == []  # queued until the event loop runs
    qtbot.waitUntil(lambda: delivered_on != [], timeout=1000)
    assert ran_on != [threading.get_ident()]
    assert delivered_on == [threading.get_ident()]


def test_polls_fail_back_off_and_recover_on_threads(
    qtbot: QtBot,
    make_poller: MakePoller,
    threads: ThreadPoolExecutor,
    feed_server: FeedServer,
) -> None:
    feed_server.answer = Answer(feed(100))
    poller = make_poller(LocationSource(feed_server.url), threads, 0.05)
    with qtbot.waitSignal(poller.snapshot_received, timeout=2000) as blocker:
        poller.start()
    assert blocker.args is not None
    assert ann_votes(blocker.args[0]) == 100

    feed_server.answer = Answer(b"", status=500)
    for failures in (1, 2):
        with qtbot.waitSignal(poller.poll_failed, timeout=2000):
            pass
        assert poller.health.failures == failures
        assert poller.health.next_poll_in == 0.05 * 2**failures

    feed_server.answer = Answer(feed(200))
    with qtbot.waitSignal(poller.snapshot_received, timeout=2000) as blocker:
        pass
    assert blocker.args is not None
    assert ann_votes(blocker.args[0]) == 200
    assert poller.health.failures == 0
    assert poller.health.last_error is None


def test_poll_now_during_a_slow_answer_sends_no_second_request(
    qtbot: QtBot,
    make_poller: MakePoller,
    threads: ThreadPoolExecutor,
    feed_server: FeedServer,
) -> None:
    feed_server.answer = Answer(feed(100), delay=0.3)
    poller = make_poller(LocationSource(feed_server.url), threads, 10.0)
    with qtbot.waitSignal(poller.snapshot_received, timeout=3000):
        poller.start()
        qtbot.waitUntil(lambda: len(feed_server.requests) == 1, timeout=1000)
        poller.poll_now()
        poller.poll_now()
    assert len(feed_server.requests) == 1


def test_stop_drops_an_outcome_arriving_from_a_thread(
    qtbot: QtBot,
    make_poller: MakePoller,
    threads: ThreadPoolExecutor,
    feed_file: Path,
) -> None:
    poller = make_poller(LocationSource(str(feed_file)), threads)
    poller.start()
    poller.stop()
    assert poller.in_flight
    with qtbot.assertNotEmitted(poller.snapshot_received):
        qtbot.waitUntil(lambda: not poller.in_flight, timeout=2000)
    assert poller.health.last_success is None


def test_a_digest_is_made_on_the_worker_and_seen_while_its_snapshot_is_emitted(
    make_poller: MakePoller, feed_file: Path, threads: ThreadPoolExecutor, qtbot: QtBot
) -> None:
    poller = make_poller(LocationSource(str(feed_file)), threads, 10.0)
    gui = threading.get_ident()
    started_on: list[int] = []
    ran_on: list[int] = []

    def digester() -> Callable[[object], object]:
        started_on.append(threading.get_ident())

        def work(election: object) -> object:
            ran_on.append(threading.get_ident())
            return ("digest of", election)

        return work

    poller.set_digester(digester)
    seen: list[tuple[object, object]] = []
    poller.snapshot_received.connect(
        lambda outcome: seen.append((poller.digest, outcome.election))
    )
    with qtbot.waitSignal(poller.snapshot_received, timeout=5000):
        poller.start()
    [(digest, election)] = seen
    assert digest == ("digest of", election)
    assert started_on == [gui]
    assert ran_on != [gui]
    assert poller.digest is None  # only while its snapshot is emitted


def test_share_the_gil_lowers_the_switch_interval_and_never_raises_it() -> None:
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        share_the_gil(0.001)
        assert sys.getswitchinterval() == pytest.approx(0.001)
        sys.setswitchinterval(0.0005)
        share_the_gil(0.001)
        assert sys.getswitchinterval() == pytest.approx(0.0005)
    finally:
        sys.setswitchinterval(before)


def test_a_poll_pool_lowers_the_switch_interval(qtbot: QtBot) -> None:
    del qtbot  # only for the QApplication
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        pool = ThreadPoolExecutor()
        assert sys.getswitchinterval() == pytest.approx(GIL_SWITCH_SECONDS)
        assert pool.wait_for_done(1000)
    finally:
        sys.setswitchinterval(before)
