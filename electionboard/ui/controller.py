"""Presents one board: the race it shows, its scene, its exports.

A presenter only: it observes the shared bridge's change event and redraws its
race. The feed monitor applies snapshots; the program board shows its STALE
badge. It formats; the model decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from electionboard.model.live import ResultsChanged
from electionboard.presentation.clock_words import election_zone
from electionboard.presentation.content import DEFAULT_STYLE, AirStyle, board_content
from electionboard.presentation.rcv_board import round_count
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.bridge import ResultsBridge
from electionboard.ui.feed_monitor import FeedMonitor

if TYPE_CHECKING:
    from electionboard.model.retention import Retention

Clock = Callable[[], dt.datetime]


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
    """One board's behaviour between the shared results and its scene.

    Args:
        bridge: the one bridge of the live results, shared by every board.
        scene: what this board draws on.
        monitor: the feed monitor whose STALE badge this board shows (the
            program board); None for a board without one (the preview).
        time_zone: the ``time_zone`` setting: the zone of every time on the
            board; "" for the election's own (``clock_words.election_zone``).
    """

    races_changed = Signal(list)  # [(race id, race name)]
    race_selected = Signal(str)
    status_changed = Signal(str)
    """This board's own news (exports); the feed's is the monitor's."""
    export_finished = Signal(str)  # path written, or an error message

    def __init__(
        self,
        bridge: ResultsBridge,
        scene: BoardScene,
        *,
        monitor: FeedMonitor | None = None,
        max_rows: int = 7,
        first_race: str | None = None,
        clock: Clock = _utc_now,
        style: AirStyle = DEFAULT_STYLE,
        time_zone: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.style = style
        """The station's words: decision desk, casing, locator."""
        self.time_zone = time_zone
        self.bridge = bridge
        self.live = bridge.live
        self.scene = scene
        self.monitor = monitor
        self._max_rows = max_rows
        self._clock = clock
        self.export_retention: Retention | None = None
        """Ctrl+E's timestamped copies past this rule are pruned after each."""
        bridge.subscribe(self._on_results)
        self._race_id: str | None = None
        self._first_race = first_race
        self._pending: tuple[str, bool] | None = None  # race to show, animate
        self._rows: int | None = None  # a board's own max rows, for this race
        self._round: int | None = None  # a ranked-choice round; None: the last
        self._race_ids: list[str] = []
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.export_finished.connect(self._announce_export)
        if monitor is not None:
            monitor.stale_changed.connect(scene.set_stale)

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
        self._round = None
        self._race_id = race_id
        self.race_selected.emit(race_id)
        self._show(animate=True)

    def show_race(
        self,
        race_id: str,
        *,
        max_rows: int | None = None,
        animate: bool = True,
        round_number: int | None = None,
    ) -> None:
        """Show ``race_id`` now, even if it is on already (a studio take).

        ``max_rows`` overrides the board's setting for this race;
        ``animate`` False puts the board up at its end state, with no entrance.
        A race the feed has not listed yet is shown with the first snapshot that
        has it (a restart restoring what was on air), the same way.
        ``round_number`` is the ranked-choice round to show (None: the last).
        """
        self._rows = max_rows
        self._round = round_number
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

    # -- ranked-choice rounds ------------------------------------------------------

    @property
    def round_number(self) -> int | None:
        """The round shown of a ranked-choice race; None for the last (or none)."""
        return self._round

    def round_count(self) -> int:
        """How many rounds the race on show has (0: not ranked-choice, or none yet)."""
        standings = self.live.race_standings(self._race_id) if self._race_id else None
        return round_count(standings) if standings is not None else 0

    def step_round(self, step: int) -> bool:
        """Show the next (+1) or previous (-1) round; False when there is none.

        Stepping forward from round k to k+1 draws the transfer between them.
        """
        count = self.round_count()
        current = self._round or count
        wanted = current + step
        if not count or not 1 <= wanted <= count:
            return False
        self._round = wanted
        self._show(animate=True)
        return True

    # -- drawing -----------------------------------------------------------------

    def _on_results(self, change: ResultsChanged) -> None:
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
        if self._round is not None and self._round > round_count(standings):
            self._round = None  # the rounds changed under it: the last one
        content = board_content(
            standings,
            election.updated,
            self._rows or self._max_rows,
            manual=self._race_id in self.live.manual_races,
            test_data=election.test,
            round_number=self._round,
            style=self.style,
            desk_call=self._desk_call(standings.call),
            zone=election_zone(election, self.time_zone),
        )
        self.scene.show_content(content, animate=animate)

    def _desk_call(self, call: object) -> bool:
        """Whether the race's call is our desk's rather than the feed's own."""
        if call is None:
            return False
        feed = self.live.feed_election
        races = feed.races if feed is not None else ()
        own = next((r.call for r in races if r.id == self._race_id), None)
        return call != own

    # -- export ------------------------------------------------------------------

    def export_to(self, folder: Path) -> None:
        """Render what is on air and write it to ``folder`` with a timestamp."""
        # Imported at the first export, not before the board's first frame.
        from electionboard.store.archives import prune_archives
        from electionboard.ui.export import render_scene, save_png, timestamped_name

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
        """Wait for exports to finish."""
        self._pool.waitForDone(msecs)
