"""One race's figures at one moment of the night, for the trend screen.

A trend is the ordered samples of a race seen over the night; samples are
plain data so the store can keep them and a replay can rebuild them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TrendSample:
    """A race's votes per candidate as of ``at`` (the feed's update time).

    Attributes:
        at: the snapshot's update time (aware).
        votes: (candidate id, votes) in the race's candidate order.
        counted: the share of the vote counted, 0-100, where known
            (expected vote, else precincts); None when the feed says neither.
    """

    at: dt.datetime
    votes: tuple[tuple[str, int], ...]
    counted: float | None = None
