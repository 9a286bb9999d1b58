"""Feeds one screen from the shared results: a ScreenInput on every poll.

The race board's controller does this for one race; a feeder does it for any
other screen, so each screen only draws what it is given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject

from electionboard.model.live import ResultsChanged
from electionboard.model.screens import ScreenKind
from electionboard.model.stacks import StackEntry
from electionboard.model.trend import TrendSample
from electionboard.presentation.clock_words import election_zone
from electionboard.presentation.content import DEFAULT_STYLE, AirStyle
from electionboard.presentation.screen_input import ScreenInput
from electionboard.ui.bridge import ResultsBridge
from electionboard.ui.screens.base import ScreenScene

History = Callable[[], Mapping[str, tuple[TrendSample, ...]]]
"""Every race's samples over the night so far (the trend screen's)."""


def _no_history() -> Mapping[str, tuple[TrendSample, ...]]:
    return {}


class ScreenFeeder(QObject):
    """Shows the entry it follows on its scene, now and after every poll."""

    def __init__(
        self,
        bridge: ResultsBridge,
        *,
        style: AirStyle = DEFAULT_STYLE,
        time_zone: str = "",
        history: History = _no_history,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.style = style
        self.time_zone = time_zone
        self._history = history
        self._scene: ScreenScene | None = None
        self._entry: StackEntry | None = None
        bridge.subscribe(self._on_results)

    @property
    def history_source(self) -> History:
        """Where this feeder's trend history comes from (shared with preview)."""
        return self._history

    @property
    def scene(self) -> ScreenScene | None:
        """The scene fed, if any."""
        return self._scene

    def follow(self, scene: ScreenScene, entry: StackEntry) -> None:
        """Feed ``scene`` with ``entry``'s screen from now on; show it at once."""
        self._scene, self._entry = scene, entry
        self._show(animate=False)

    def stop(self) -> None:
        """Feed nothing (the race board is shown)."""
        self._scene = self._entry = None

    def refresh_trend(self) -> None:
        """The night's trend has a new sample: a trend on this feeder glides to it."""
        if self._scene is not None and self._scene.kind is ScreenKind.TREND:
            self._show(animate=True)

    def screen_input(self) -> ScreenInput | None:
        """What the followed entry's screen shows now; None before the feed."""
        election = self.bridge.live.election
        if election is None or self._entry is None:
            return None
        return ScreenInput(
            election=election,
            standings=tuple(self.bridge.live.standings),
            race_id=self._entry.race_id,
            options=self._entry.options,
            style=self.style,
            zone=election_zone(election, self.time_zone),
            # Only a trend reads the night's samples: merging them is GUI-thread
            # work no other screen should pay on every poll.
            history=self._history() if self._entry.screen is ScreenKind.TREND else {},
        )

    def _on_results(self, _change: ResultsChanged) -> None:
        self._show(animate=True)

    def _show(self, *, animate: bool) -> None:
        data = self.screen_input()
        if data is not None and self._scene is not None:
            self._scene.show_input(data, animate=animate)
