"""Where a replay stands: moved on by a clock at a speed, or by hand.

The position is worked out from the clock whenever someone asks, rather than by
a timer thread, so a test can move an injected clock and see the next snapshot
at once, and a server that nobody polls does no work.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence


def waits_between(
    times: Sequence[dt.datetime], speed: float, max_wait: float
) -> list[float]:
    """Wall-clock seconds to show each snapshot before the next one.

    The recorded gap divided by ``speed``, but never more than ``max_wait``, so
    the days between canvass updates do not stall a rehearsal; a time that goes
    backwards counts as no gap.
    """
    return [
        min(max(0.0, (later - earlier).total_seconds()) / speed, max_wait)
        for earlier, later in itertools.pairwise(times)
    ]


class Playhead:
    """The current step of a replay; not thread-safe, the server locks around it.

    ``step`` counts every move since the start, so with ``loop`` it keeps
    growing: the position is ``step`` modulo the number of snapshots and
    ``lap`` how many times the replay has started over.
    """

    def __init__(
        self,
        waits: Sequence[float],
        *,
        wrap_wait: float,
        loop: bool,
        timed: bool,
        now: float,
    ) -> None:
        self._waits = tuple(waits)
        self._total = len(self._waits) + 1
        self._wrap_wait = wrap_wait
        self._loop = loop
        self._timed = timed
        self._step = 0
        self._since = now

    @property
    def total(self) -> int:
        """How many snapshots the replay has."""
        return self._total

    @property
    def step(self) -> int:
        """Moves made since the start, across laps."""
        return self._step

    @property
    def position(self) -> int:
        """The index of the snapshot being served."""
        return self._step % self._total

    @property
    def lap(self) -> int:
        """How many times a looping replay has started over."""
        return self._step // self._total

    def restart(self, now: float) -> None:
        """Start timing the current snapshot from ``now`` (when serving begins)."""
        self._since = now

    def catch_up(self, now: float) -> None:
        """Make every timed move that fell due up to ``now``."""
        if not self._timed:
            return
        cycle = sum(self._waits) + self._wrap_wait
        if self._loop and cycle > 0 and now - self._since > cycle:
            # A whole lap from any position lands back on it: skip laps at once.
            laps = int((now - self._since) // cycle)
            self._step += laps * self._total
            self._since += laps * cycle
        while (wait := self._wait()) is not None and now >= self._since + wait:
            self._since += wait
            self._step += 1

    def advance(self, now: float) -> None:
        """Move on by hand; the last snapshot holds unless the replay loops."""
        if self._loop or self.position < self._total - 1:
            self._step += 1
        self._since = now

    def next_change_in(self, now: float) -> float | None:
        """Seconds until the next timed move, or None when none will come."""
        wait = self._wait() if self._timed else None
        if wait is None:
            return None
        return max(0.0, self._since + wait - now)

    def _wait(self) -> float | None:
        position = self.position
        if position < self._total - 1:
            return self._waits[position]
        return self._wrap_wait if self._loop else None
