"""The night's trend on disk: each race's samples, kept across a restart. No Qt.

One append-only JSON-lines file per election in the data folder
(``trend-<election>.jsonl``), one line a sample, each written and fsync'd as
the poll that brought it is recorded. Reading the file back replays the lines
through the model's ``with_sample``, so a restarted app draws the same lines
as before. A crash can tear the last line; it is skipped with a warning and
the next write starts on a fresh line.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from electionboard.model.election import Election
from electionboard.model.naming import race_part
from electionboard.model.standings import RaceStandings
from electionboard.model.trend import TrendSample, sample_of, with_sample

log = logging.getLogger(__name__)

PREFIX = "trend-"
SUFFIX = ".jsonl"

History = dict[str, tuple[TrendSample, ...]]
"""Each race's samples, oldest first, by race id."""


def trend_path(folder: Path, election_id: str) -> Path:
    """The file holding ``election_id``'s trend: unique per id, safe on every disk."""
    return folder / f"{PREFIX}{race_part(election_id)}{SUFFIX}"


def _line(election_id: str, race_id: str, sample: TrendSample) -> str:
    record = {
        "election": election_id,
        "race": race_id,
        "at": sample.at.isoformat(),
        "votes": [[candidate, count] for candidate, count in sample.votes],
        "counted": sample.counted,
    }
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def _parsed(record: Any, election_id: str) -> tuple[str, TrendSample] | None:
    """A line's race and sample; None for another election's line."""
    if record["election"] != election_id:
        return None
    at = dt.datetime.fromisoformat(record["at"])
    if at.tzinfo is None:
        raise ValueError("a sample's time has no offset")
    votes = tuple((str(c), int(n)) for c, n in record["votes"])
    counted = record["counted"]
    return str(record["race"]), TrendSample(
        at, votes, None if counted is None else float(counted)
    )


def read_history(path: Path, election_id: str) -> History:
    """The trend kept in ``path``; empty when there is no file yet.

    A line that cannot be read is skipped with a warning (a torn last line
    after a crash, or damage); the lines around it still count.
    """
    history: History = {}
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return history
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            parsed = _parsed(json.loads(raw), election_id)
        except (ValueError, KeyError, TypeError):
            log.warning("%s line %d is damaged or torn: skipped", path.name, number)
            continue
        if parsed is not None:
            race_id, sample = parsed
            history[race_id] = with_sample(history.get(race_id, ()), sample)
    return history


class TrendStore:
    """Records each poll's samples and gives the night's trend back after a restart.

    Args:
        folder: the data folder; created if missing.
    """

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._election_id: str | None = None
        self._history: History = {}

    def record(self, election: Election, standings: Iterable[RaceStandings]) -> History:
        """Add each race's figures as of ``election.updated``; returns the trend.

        Only samples that change a race's trend are written, so polls of an
        unchanged feed write nothing. Raises OSError when the disk refuses.
        """
        self._switch_to(election.id)
        lines: list[str] = []
        for line in standings:
            race_id = line.race.id
            before = self._history.get(race_id, ())
            sample = sample_of(line, election.updated)
            after = with_sample(before, sample)
            if after != before:
                self._history[race_id] = after
                lines.append(_line(election.id, race_id, sample))
        if lines:
            self._append(trend_path(self._folder, election.id), "".join(lines))
        return dict(self._history)

    def history(self, election_id: str | None = None) -> History:
        """Each race's samples for ``election_id``.

        None: the election last recorded here, else the one whose file was
        written last (what a restarted app resumes before its first poll).
        """
        if election_id is None:
            election_id = self._election_id or self._latest_on_disk()
            if election_id is None:
                return {}
        if election_id == self._election_id:
            return dict(self._history)
        return read_history(trend_path(self._folder, election_id), election_id)

    def _switch_to(self, election_id: str) -> None:
        if election_id != self._election_id:
            self._history = read_history(
                trend_path(self._folder, election_id), election_id
            )
            self._election_id = election_id

    def _latest_on_disk(self) -> str | None:
        try:
            files = sorted(
                self._folder.glob(f"{PREFIX}*{SUFFIX}"),
                key=lambda p: p.stat().st_mtime_ns,
            )
        except OSError:
            return None
        for path in reversed(files):
            election_id = _first_election(path)
            if election_id is not None:
                return election_id
        return None

    def _append(self, path: Path, text: str) -> None:
        self._folder.mkdir(parents=True, exist_ok=True)
        with path.open("a+b") as handle:
            if handle.tell() > 0:
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":
                    text = "\n" + text  # a torn line: start on a fresh one
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())


def _first_election(path: Path) -> str | None:
    """The election a trend file holds, from its first readable line."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for raw in handle:
                try:
                    record: Mapping[str, Any] = json.loads(raw)
                    return str(record["election"])
                except (ValueError, KeyError, TypeError):
                    continue
    except OSError:
        return None
    return None
