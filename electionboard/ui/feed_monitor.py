"""Connects the poller to the live results; owns feed health, STALE and the status.

The one place a poll's outcome lands: it applies snapshots, counts answers
ignored as older, keeps the last good poll and the stale reason ticking each
second, and says all of it as signals. Boards only show what it says.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from electionboard.model.live import Digest, LiveResults
from electionboard.model.reconcile import FeedNotice
from electionboard.presentation.clock_words import (
    clock_text,
    day_text,
    election_zone,
)
from electionboard.presentation.content import age_text
from electionboard.presentation.text import plain
from electionboard.sources.polling import PollFailed, PollOk
from electionboard.ui.poller import FeedHealth, Poller

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]

ACCEPT_NEWEST = "Accept the feed's newest answer"
"""The operator command that shows an answer ignored as older."""

_NOTICES_SHOWN = 3
"""Feed notices spelt out in the status line; the rest are counted."""


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class FeedMonitor(QObject):
    """Applies the poller's snapshots and tells how fresh the data on air is."""

    status_changed = Signal(str)
    stale_changed = Signal(object)
    """The STALE badge's text for the program board, or None when fresh."""
    older_answers_changed = Signal(int)
    """How many answers in a row were ignored as older than the screen."""
    feed_answer_accepted = Signal(str)
    """The operator showed an ignored answer; the text is for the audit log."""

    def __init__(
        self,
        live: LiveResults,
        poller: Poller | None = None,
        *,
        clock: Clock = _utc_now,
        time_zone: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.live = live
        self.poller = poller
        self._clock = clock
        self.time_zone = time_zone
        """The ``time_zone`` setting: "" puts the status on the election's own."""
        self._stale_reason: str | None = None
        self._last_good: dt.datetime | None = None
        self._stale_ticker = QTimer(self)
        self._stale_ticker.setInterval(1000)
        self._stale_ticker.timeout.connect(self._refresh_stale)
        if poller is not None:
            # Reconciling a snapshot with the last one runs on the poll worker.
            poller.set_digester(live.digester)
            poller.snapshot_received.connect(self._on_snapshot)
            poller.poll_failed.connect(self._on_failure)
            poller.poll_unchanged.connect(self._on_unchanged)
            poller.health_changed.connect(self._on_health)

    @property
    def stale_reason(self) -> str | None:
        """Why the data on screen is stale, or None when it is fresh."""
        return self._stale_reason

    @property
    def older_in_a_row(self) -> int:
        """Answers in a row ignored as older than the one on screen."""
        return self.live.older_in_a_row

    def _on_snapshot(self, outcome: PollOk) -> None:
        had_older = self.live.older_in_a_row
        digest = self.poller.digest if self.poller is not None else None
        worked = digest if isinstance(digest, Digest) else None
        if not self.live.apply_snapshot(outcome.election, outcome.standings, worked):
            self._on_older(self.live.older_in_a_row)
            return
        self._last_good = outcome.fetched_at
        self._set_stale(None)
        if had_older:
            self.older_answers_changed.emit(0)
        notices = self.live.notices
        for notice in notices:
            log.info("feed notice: %s", notice.text)
        zone = election_zone(self.live.election, self.time_zone)
        status = f"Updated {clock_text(outcome.fetched_at, zone, seconds=True)}"
        if notices:
            status += f". {_notices_text(notices)}"
        self.status_changed.emit(status)

    def _on_older(self, count: int) -> None:
        """One older answer may be a cache's hiccup; two in a row freeze the board."""
        self.older_answers_changed.emit(count)
        if count < 2:
            self.status_changed.emit("Ignored an answer older than the data on screen")
            return
        reason = older_reason(count)
        self._set_stale(reason)
        self.status_changed.emit(
            f"Feed problem: {reason}. Showing the last good data; "
            f"“{ACCEPT_NEWEST}” shows the feed's answer instead."
        )

    def accept_newest_answer(self) -> bool:
        """The operator's command: show the newest ignored answer after all.

        For a board stuck behind a snapshot stamped in the future: the feed's
        real answers all look older than it. The desk audits the decision.
        """
        shown = self.live.election
        accepted = self.live.accept_ignored()
        if accepted is None:
            self.status_changed.emit("No answer from the feed is being ignored")
            return False
        self._last_good = self._clock()
        self._set_stale(None)
        self.older_answers_changed.emit(0)
        was = f"{shown.updated.isoformat()}" if shown is not None else "nothing"
        note = (
            f"accepted the feed's answer stamped {accepted.updated.isoformat()} "
            f"over the one stamped {was} on screen"
        )
        self.feed_answer_accepted.emit(note)
        zone = election_zone(accepted, self.time_zone)
        stamped = accepted.updated
        stamp = f"{day_text(stamped, zone)}, {clock_text(stamped, zone, seconds=True)}"
        self.status_changed.emit(f"Showing the feed's newest answer, stamped {stamp}")
        return True

    def _on_unchanged(self, _outcome: object) -> None:
        if self.live.older_in_a_row >= 2:
            return  # the feed still holds the older answer: still frozen
        self._last_good = self._clock()
        self._set_stale(None)

    def _on_failure(self, outcome: PollFailed) -> None:
        self._set_stale(outcome.message)

    def _on_health(self, health: FeedHealth) -> None:
        if health.last_error is not None:
            self.status_changed.emit(
                f"Feed problem: {health.last_error} "
                f"({health.failures} in a row; retrying in "
                f"{health.next_poll_in:.0f} s). Showing the last good data."
            )

    def _set_stale(self, reason: str | None) -> None:
        self._stale_reason = reason
        if reason is None:
            self._stale_ticker.stop()
        elif not self._stale_ticker.isActive():
            self._stale_ticker.start()
        self._refresh_stale()

    def _refresh_stale(self) -> None:
        self.stale_changed.emit(self.stale_text())

    def stale_text(self) -> str | None:
        """The STALE badge as it should read now; None while the data is fresh."""
        if self._stale_reason is None:
            return None
        if self._last_good is None:
            return "NO DATA"
        older = self.live.older_in_a_row
        if older >= 2:
            return f"STALE · OLDER ANSWERS ({older} IN A ROW)"
        age = (self._clock() - self._last_good).total_seconds()
        return f"STALE · {age_text(age)}"

    def shutdown(self) -> None:
        """Stop polling and the stale ticker."""
        if self.poller is not None:
            self.poller.stop()
        self._stale_ticker.stop()


def older_reason(count: int) -> str:
    """Why the board is stale while answers are ignored as older."""
    return f"the feed's answers are older than the one on screen ({count} in a row)"


def _notices_text(notices: tuple[FeedNotice, ...]) -> str:
    """Corrections and vanishings in one status line, the first few in full."""
    shown = "; ".join(plain(notice.text) for notice in notices[:_NOTICES_SHOWN])
    more = len(notices) - _NOTICES_SHOWN
    return f"Check: {shown}" + (f"; and {more} more" if more > 0 else "")
