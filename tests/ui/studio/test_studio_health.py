"""Feed health on the console: last poll, last change, failures, countdown."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from electionboard.sources.polling import LocationSource
from electionboard.ui.poller import Poller, run_synchronously
from electionboard.ui.studio.health import FeedHealthPanel, ago_text
from tests.feedserver import Answer, FeedServer
from tests.ui.studio.rig import StudioRig
from tests.ui.test_board import feed


class WallClock:
    """A UTC clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def test_health_shows_failures_and_counts_down_to_the_next_poll(
    qtbot: QtBot, feed_server: FeedServer
) -> None:
    clock = WallClock()
    panel = FeedHealthPanel(clock)
    qtbot.addWidget(panel)
    assert panel.next_poll.text() == "waiting for the first poll"
    poller = Poller(LocationSource(feed_server.url), run_synchronously, 30)
    poller.health_changed.connect(panel.show_health)
    feed_server.answer = Answer(feed("2022-06-07T21:00:00-07:00"))
    poller.start()
    assert panel.failures.text() == "0"
    assert panel.last_error.text() == "none"
    assert panel.next_poll.text() == "in 30 s"

    feed_server.answer = Answer(b"down for maintenance", status=503)
    poller.poll_now()
    poller.poll_now()
    assert panel.failures.text() == "2"
    assert "HTTP 503" in panel.last_error.text()
    waiting = poller.health.next_poll_in
    assert panel.next_poll.text() == f"in {waiting:.0f} s"
    clock.advance(4)
    panel.refresh()
    assert panel.next_poll.text() == f"in {waiting - 4:.0f} s"
    assert panel.countdown() == waiting - 4
    clock.advance(60)
    panel.refresh()
    assert "(1 min " in panel.last_success.text()  # the poll was about 64 s ago
    assert panel.last_change.text() == panel.last_success.text()
    poller.stop()
    panel.stop()


def test_ages_read_naturally() -> None:
    now = dt.datetime(2024, 11, 6, 4, 0, 0, tzinfo=dt.UTC)
    assert ago_text(None, now) == "never"
    assert ago_text(now - dt.timedelta(seconds=12), now).endswith("(12 s ago)")
    assert ago_text(now - dt.timedelta(hours=2, minutes=5), now).endswith(
        "(2 h 5 min ago)"
    )


def test_the_console_follows_the_poller(rig: StudioRig) -> None:
    health = rig.studio.health
    assert health.failures.text() == "0"
    assert health.next_poll.text() == "in 3600 s"
    rig.server.answer = Answer(b"", status=500)
    rig.poller.poll_now()
    assert health.failures.text() == "1"
    assert "HTTP 500" in health.last_error.text()
