"""The one Qt subscriber of LiveResults: re-emits its changes as a signal."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, Signal

from electionboard.model.live import LiveResults, ResultsChanged

Slot = Callable[[ResultsChanged], None]


class ResultsBridge(QObject):
    """Turns LiveResults' plain callbacks into ``results_changed``.

    Parts subscribe with ``subscribe``. A part built after results were
    already shown (the desk and studio, built after the program's first frame)
    is built inside ``joining_late``, which hands it the results as they stand.
    """

    results_changed = Signal(object)  # ResultsChanged

    def __init__(self, live: LiveResults, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.live = live
        self._joining: list[Slot] | None = None
        live.subscribe(self._on_change)

    def _on_change(self, change: ResultsChanged) -> None:
        self.results_changed.emit(change)

    def subscribe(self, slot: Slot) -> None:
        """Call ``slot`` with every change; inside ``joining_late``, once now too."""
        self.results_changed.connect(slot)
        if self._joining is not None:
            self._joining.append(slot)

    def current(self) -> ResultsChanged | None:
        """The results as they stand (without notices: those were told once)."""
        live = self.live
        if live.election is None:
            return None
        return ResultsChanged(live.election, live.standings, live.manual_races)

    @contextlib.contextmanager
    def joining_late(self) -> Iterator[None]:
        """Subscribers made in this block get the current results when it ends.

        Only they do, in the order they subscribed, as a change would reach
        them; parts subscribed before see nothing twice.
        """
        if self._joining is not None:
            raise RuntimeError("joining_late does not nest")
        joined: list[Slot] = []
        self._joining = joined
        try:
            yield
        finally:
            self._joining = None
        current = self.current()
        if current is not None:
            for slot in joined:
                slot(current)
