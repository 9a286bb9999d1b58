"""Feed health on the operator console: is the feed answering, and is it moving.

Shows the last successful poll, the last time the data actually changed, the
failures in a row with the latest error, and a countdown to the next poll,
refreshed every second between the poller's reports. Times are on the
election's clock (``clock_words``), the same as on air and on the desk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from electionboard.presentation.clock_words import clock_text
from electionboard.presentation.text import plain
from electionboard.ui.poller import FeedHealth

Clock = Callable[[], dt.datetime]
Zone = Callable[[], dt.tzinfo | None]
"""The zone times are shown in now (it follows the feed's election)."""

TICK_MS = 1000
FAILING_COLOUR = "#c62828"


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _no_zone() -> dt.tzinfo | None:
    return None


def ago_text(
    moment: dt.datetime | None, now: dt.datetime, zone: dt.tzinfo | None = None
) -> str:
    """'9:04:05 PM (12 s ago)' on the clock of ``zone``, or 'never'."""
    if moment is None:
        return "never"
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        age = f"{seconds} s"
    elif seconds < 3600:
        age = f"{seconds // 60} min {seconds % 60} s"
    else:
        age = f"{seconds // 3600} h {seconds // 60 % 60} min"
    return f"{clock_text(moment, zone, seconds=True)} ({age} ago)"


class FeedHealthPanel(QGroupBox):
    """The poller's FeedHealth, spelt out; ``show_health`` takes each report.

    ``zone`` tells the zone of the election on air at each refresh
    (``clock_words.election_zone``); by default each moment keeps its own offset.
    """

    def __init__(
        self,
        clock: Clock = _utc_now,
        parent: QWidget | None = None,
        *,
        zone: Zone = _no_zone,
    ) -> None:
        super().__init__("Feed health", parent)
        self._clock = clock
        self._zone = zone
        self._health: FeedHealth | None = None
        self._received: dt.datetime | None = None
        self.last_success = self._value()
        self.last_change = self._value()
        self.failures = self._value()
        self.next_poll = self._value()
        self.last_error = self._value()
        self.last_error.setWordWrap(True)
        layout = QFormLayout(self)
        layout.addRow("Last good poll", self.last_success)
        layout.addRow("Data last changed", self.last_change)
        layout.addRow("Failures in a row", self.failures)
        layout.addRow("Next poll", self.next_poll)
        layout.addRow("Last error", self.last_error)
        self.watch_folder = self._value()
        self.watch_folder.setWordWrap(True)
        self.watch_folder.setText("not in use")
        layout.addRow("Watch folder", self.watch_folder)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.refresh)
        self.refresh()

    def _value(self) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def show_health(self, health: FeedHealth) -> None:
        """Take the poller's latest report; the countdown runs from now."""
        self._health = health
        self._received = self._clock()
        if not self._ticker.isActive():
            self._ticker.start()
        self.refresh()

    def show_watch_folder(self, low: bool, text: str) -> None:  # noqa: FBT001 - a slot for disk_changed(bool, str)
        """The watch folder's disk guard: archives paused for space, or on."""
        self.watch_folder.setText(text)
        self._colour(self.watch_folder, failing=low)

    def _colour(self, label: QLabel, *, failing: bool) -> None:
        palette = label.palette()
        colour = (
            QColor(FAILING_COLOUR)
            if failing
            else self.palette().color(QPalette.ColorRole.WindowText)
        )
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        label.setPalette(palette)

    def stop(self) -> None:
        """Stop the one-second ticker (at quit)."""
        self._ticker.stop()

    def countdown(self) -> float | None:
        """Seconds to the next poll as of now; None before the first report."""
        if self._health is None or self._received is None:
            return None
        elapsed = (self._clock() - self._received).total_seconds()
        return max(0.0, self._health.next_poll_in - elapsed)

    def refresh(self) -> None:
        """Redraw every line; ages and the countdown move on with the clock."""
        health, now = self._health, self._clock()
        if health is None:
            for label in (self.last_success, self.last_change, self.next_poll):
                label.setText("waiting for the first poll")
            self.failures.setText("0")
            self.last_error.setText("none")
            return
        zone = self._zone()
        self.last_success.setText(ago_text(health.last_success, now, zone))
        self.last_change.setText(ago_text(health.last_change, now, zone))
        self.failures.setText(str(health.failures))
        remaining = self.countdown() or 0.0
        self.next_poll.setText(
            f"in {remaining:.0f} s" if remaining >= 0.5 else "polling now"
        )
        self.last_error.setText(
            plain(health.last_error) if health.last_error else "none"
        )
        failing = health.failures > 0
        for label in (self.failures, self.last_error):
            self._colour(label, failing=failing)
