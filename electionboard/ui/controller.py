"""Wires a poller and the live results to the program scene.

It applies snapshots, keeps the selected race, says when the data is stale,
and exports what is on air. It formats; the model decides.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from electionboard.model.live import LiveResults, ResultsChanged
from electionboard.model.reconcile import FeedNotice
from electionboard.model.retention import Retention
from electionboard.presentation.content import age_text, board_content
from electionboard.presentation.text import plain
from electionboard.sources.polling import PollFailed, PollOk
from electionboard.store.archives import prune_archives
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.bridge import ResultsBridge
from electionboard.ui.export import render_scene, save_png, timestamped_name
from electionboard.ui.poller import FeedHealth, Poller

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]

_NOTICES_SHOWN = 3
"""Feed notices spelt out in the status line; the rest are counted."""


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class _SaveTask(QRunnable):
    """Encodes and writes a PNG off the GUI thread (QImage is reentrant)."""

    def __init__(self, render: Callable[[], None]) -> None:
        super().__init__()
        self._render = render

    def run(self) -> None:
        """QRunnable: do the write; failures are reported by the callable."""
        self._render()


class BoardController(QObject):
    """The board's behaviour between the feed, the model and the scene."""

    races_changed = Signal(list)  # [(race id, race name)]
    race_selected = Signal(str)
    status_changed = Signal(str)
    export_finished = Signal(str)  # path written, or an error message
    older_answers_changed = Signal(int)
    """How many answers in a row were ignored as older than the screen."""
    feed_answer_accepted = Signal(str)
    """The operator showed an ignored answer; the text is for the audit log."""

    def __init__(
        self,
        live: LiveResults,
        scene: BoardScene,
        poller: Poller | None = None,
        *,
        max_rows: int = 7,
        first_race: str | None = None,
        clock: Clock = _utc_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.live = live
        self.scene = scene
        self.poller = poller
        self._max_rows = max_rows
        self._clock = clock
        self.export_retention: Retention | None = None
        """Ctrl+E's timestamped copies past this rule are pruned after each."""
        self._bridge = ResultsBridge(live, self)
        self._bridge.results_changed.connect(self._on_results)
        self._race_id: str | None = None
        self._first_race = first_race
        self._pending: tuple[str, bool] | None = None  # race to show, animate
        self._rows: int | None = None  # a board's own max rows, for this race
        self._race_ids: list[str] = []
        self._stale_reason: str | None = None
        self._notices: tuple[FeedNotice, ...] = ()
        self._last_good: dt.datetime | None = None
        self._stale_ticker = QTimer(self)
        self._stale_ticker.setInterval(1000)
        self._stale_ticker.timeout.connect(self._refresh_stale)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.export_finished.connect(self._announce_export)
        if poller is not None:
            poller.snapshot_received.connect(self._on_snapshot)
            poller.poll_failed.connect(self._on_failure)
            poller.poll_unchanged.connect(self._on_unchanged)
            poller.health_changed.connect(self._on_health)

    # -- races ---------------------------------------------------------------

    @property
    def race_id(self) -> str | None:
        """The race on air."""
        return self._race_id

    @property
    def max_rows(self) -> int:
        """Candidate bars a board shows unless ``show_race`` gave its own."""
        return self._max_rows

    def select_race(self, race_id: str) -> None:
        """Put ``race_id`` on air (ignored if the feed has no such race)."""
        if race_id not in self._race_ids or race_id == self._race_id:
            return
        self._pending = None
        self._rows = None
        self._race_id = race_id
        self.race_selected.emit(race_id)
        self._show(animate=True)

    def show_race(
        self, race_id: str, *, max_rows: int | None = None, animate: bool = True
    ) -> None:
        """Show ``race_id`` now, even if it is on already (a studio take).

        ``max_rows`` overrides the board's setting for this race;
        ``animate`` False puts the board up at its end state, with no entrance.
        A race the feed has not listed yet is shown with the first snapshot that
        has it (a restart restoring what was on air), the same way.
        """
        self._rows = max_rows
        if race_id not in self._race_ids:
            self._pending = (race_id, animate)
            return
        self._pending = None
        if race_id != self._race_id:
            self._race_id = race_id
            self.race_selected.emit(race_id)
        self._show(animate=animate)

    def step_race(self, step: int) -> None:
        """Next (+1) or previous (-1) race, wrapping around."""
        if not self._race_ids:
            return
        index = self._race_ids.index(self._race_id) if self._race_id else 0
        self.select_race(self._race_ids[(index + step) % len(self._race_ids)])

    # -- feed ------------------------------------------------------------------

    def _on_snapshot(self, outcome: PollOk) -> None:
        had_older = self.live.older_in_a_row
        if not self.live.apply_snapshot(outcome.election, outcome.standings):
            self._on_older(self.live.older_in_a_row)
            return
        self._last_good = outcome.fetched_at
        self._set_stale(None)
        if had_older:
            self.older_answers_changed.emit(0)
        notices, self._notices = self._notices, ()
        status = f"Updated {self._local_clock(outcome.fetched_at)}"
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

    @property
    def older_in_a_row(self) -> int:
        """Answers in a row ignored as older than the one on screen."""
        return self.live.older_in_a_row

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
        self.status_changed.emit(
            f"Showing the feed's newest answer, stamped {accepted.updated.isoformat()}"
        )
        return True

    def _on_unchanged(self, outcome: object) -> None:
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
        if self._stale_reason is None:
            self.scene.set_stale(None)
            return
        if self._last_good is None:
            self.scene.set_stale("NO DATA")
            return
        older = self.live.older_in_a_row
        if older >= 2:
            self.scene.set_stale(f"STALE · OLDER ANSWERS ({older} IN A ROW)")
            return
        age = (self._clock() - self._last_good).total_seconds()
        self.scene.set_stale(f"STALE · {age_text(age)}")

    @property
    def stale_reason(self) -> str | None:
        """Why the data on screen is stale, or None when it is fresh."""
        return self._stale_reason

    # -- drawing -----------------------------------------------------------------

    def _on_results(self, change: ResultsChanged) -> None:
        self._notices = change.notices  # told with the update in _on_snapshot
        for notice in change.notices:
            log.info("feed notice: %s", notice.text)
        ids = [s.race.id for s in change.standings]
        if ids != self._race_ids:
            self._race_ids = ids
            self.races_changed.emit(
                [(s.race.id, s.race.name) for s in change.standings]
            )
        animate = True
        # A race asked for before the feed had it: shown now, or never (a
        # later snapshot must not switch the board by itself).
        pending, self._pending = self._pending, None
        if pending is not None and pending[0] in ids:
            self._race_id, animate = pending
            self.race_selected.emit(self._race_id)
        elif self._race_id not in ids or pending is not None:
            self._rows = None  # they were meant for another board
        if self._race_id not in ids:
            preferred = self._first_race
            self._race_id = preferred if preferred in ids else (ids[0] if ids else None)
            if self._race_id is not None:
                self.race_selected.emit(self._race_id)
        self._show(animate=animate)

    def _show(self, *, animate: bool) -> None:
        election = self.live.election
        if election is None or self._race_id is None:
            return
        standings = self.live.race_standings(self._race_id)
        if standings is None:
            return
        content = board_content(
            standings,
            election.updated,
            self._rows or self._max_rows,
            manual=self._race_id in self.live.manual_races,
            test_data=election.test,
        )
        self.scene.show_content(content, animate=animate)

    # -- export ------------------------------------------------------------------

    def export_to(self, folder: Path) -> None:
        """Render what is on air and write it to ``folder`` with a timestamp."""
        if self._race_id is None:
            self.status_changed.emit("Nothing to export yet")
            return
        image = render_scene(self.scene)
        moment = self._clock()
        path = folder / timestamped_name(self._race_id, moment)
        retention = self.export_retention

        def write() -> None:
            try:
                save_png(image, path)
            except OSError as error:
                self.export_finished.emit(f"Export failed: {error}")
                return
            if retention is not None:
                prune_archives(folder, retention, moment)
            self.export_finished.emit(str(path))

        self._pool.start(_SaveTask(write))

    def _announce_export(self, message: str) -> None:
        if message.startswith("Export failed"):
            self.status_changed.emit(message)
        else:
            self.status_changed.emit(f"Exported {message}")

    def shutdown(self, msecs: int = 5000) -> None:
        """Stop polling and tickers; wait for exports to finish."""
        if self.poller is not None:
            self.poller.stop()
        self._stale_ticker.stop()
        self._pool.waitForDone(msecs)

    @staticmethod
    def _local_clock(moment: dt.datetime) -> str:
        return moment.astimezone().strftime("%H:%M:%S")


ACCEPT_NEWEST = "Accept the feed's newest answer"
"""The operator command that shows an answer ignored as older."""


def older_reason(count: int) -> str:
    """Why the board is stale while answers are ignored as older."""
    return f"the feed's answers are older than the one on screen ({count} in a row)"


def _notices_text(notices: tuple[FeedNotice, ...]) -> str:
    """Corrections and vanishings in one status line, the first few in full."""
    shown = "; ".join(plain(notice.text) for notice in notices[:_NOTICES_SHOWN])
    more = len(notices) - _NOTICES_SHOWN
    return f"Check: {shown}" + (f"; and {more} more" if more > 0 else "")
