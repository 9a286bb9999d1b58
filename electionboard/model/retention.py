"""Which archive copies to keep: the last N per race, the last H hours, or none.

Pure: it reads names (see ``model.naming``) and a moment, never the disk, so
the rule is the same for the watch folder, the exports folder and any other
folder of timestamped copies.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from electionboard.model.naming import ArchiveName

_COUNT = re.compile(r"^\s*(\d+)\s*$")
_HOURS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*h\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Retention:
    """Keep the newest ``count`` copies per race, or those under ``hours`` old.

    Neither set means no archive copies at all (``none``).
    """

    count: int | None = None
    hours: float | None = None

    @property
    def archives(self) -> bool:
        """False for ``none``: write no archive copies."""
        return self.count is not None or self.hours is not None

    def __str__(self) -> str:
        if self.count is not None:
            return str(self.count)
        if self.hours is not None:
            return f"{self.hours:g}h"
        return "none"


DEFAULT_RETENTION = Retention(count=50)
"""The last 50 copies per race: about 15 MB a race at 300 KB a 1080 PNG."""
DEFAULT_ARCHIVE_KEEP = str(DEFAULT_RETENTION)


def parse_retention(text: str) -> Retention:
    """``N`` (copies per race), ``Nh`` (hours) or ``none``.

    Raises:
        ValueError: anything else, or zero (say ``none`` to keep none).
    """
    if text.strip().lower() in ("none", "off"):
        return Retention()
    if match := _COUNT.match(text):
        count = int(match[1])
        if count > 0:
            return Retention(count=count)
    elif (match := _HOURS.match(text)) and float(match[1]) > 0:
        return Retention(hours=float(match[1]))
    raise ValueError(
        f"archive retention must be N (copies per race), Nh (hours) or none, "
        f"got {text!r}"
    )


def expired(
    archives: Iterable[ArchiveName], rule: Retention, now: dt.datetime
) -> list[str]:
    """Names of the copies ``rule`` no longer keeps, oldest first.

    The halves of a key+fill copy share a moment and go together. With
    ``none`` nothing is expired: turning archives off keeps what was written.
    """
    if not rule.archives:
        return []
    gone: list[ArchiveName] = []
    if rule.hours is not None:
        oldest = now - dt.timedelta(hours=rule.hours)
        gone = [a for a in archives if a.moment < oldest]
    elif rule.count is not None:
        by_race: dict[str, list[ArchiveName]] = defaultdict(list)
        for archive in archives:
            by_race[archive.stem].append(archive)
        for copies in by_race.values():
            moments = sorted({a.moment for a in copies}, reverse=True)
            if len(moments) > rule.count:
                newest_dropped = moments[rule.count]
                gone.extend(a for a in copies if a.moment <= newest_dropped)
    return [a.name for a in sorted(gone, key=lambda a: (a.moment, a.name))]
