"""Hand wiring for tests of one board's parts, the way ``app.build_board`` does it.

For tests of the poller, the scene or the window alone, where the whole running
board (desk thread, studio) would only get in the way: one bridge, a feed
monitor applying the poller's snapshots, a board controller presenting them.
"""

from __future__ import annotations

from dataclasses import dataclass

from electionboard.model.live import LiveResults
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.bridge import ResultsBridge
from electionboard.ui.controller import BoardController
from electionboard.ui.feed_monitor import FeedMonitor
from electionboard.ui.poller import Poller


@dataclass(frozen=True)
class Wired:
    """A program board's parts on one poller."""

    controller: BoardController
    monitor: FeedMonitor
    live: LiveResults

    def shutdown(self) -> None:
        """Stop polling, the stale ticker and exports."""
        self.monitor.shutdown()
        self.controller.shutdown()


def wire(
    scene: BoardScene,
    poller: Poller | None,
    live: LiveResults | None = None,
    *,
    max_rows: int = 7,
) -> Wired:
    """Connect ``poller`` to ``live`` and ``live`` to a board on ``scene``."""
    live = live if live is not None else LiveResults()
    monitor = FeedMonitor(live, poller)
    controller = BoardController(
        ResultsBridge(live), scene, monitor=monitor, max_rows=max_rows
    )
    return Wired(controller, monitor, live)
