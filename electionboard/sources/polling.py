"""Polling a feed without Qt: what one poll fetches, and the outcome it reports.

A source hands the GUI thread an immutable job; the job runs on a worker thread,
touches no shared state and turns every failure into a value, so nothing is
raised across threads. The source only learns what happened (new validators, the
next file of a replay) when the GUI thread settles the outcome.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeAlias

from electionboard.model import Election, RaceStandings
from electionboard.sources.errors import FeedError, NotModifiedError
from electionboard.sources.fetch import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    FetchRequest,
    HttpStatusError,
    fetch,
    is_url,
    public_location,
)
from electionboard.sources.formats import parse_feed
from electionboard.sources.native import RaceMemo

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PollOk:
    """A poll that gave a fresh snapshot, with the validators to send next time."""

    sequence: int
    election: Election
    fetched_at: dt.datetime
    etag: str | None = None
    last_modified: str | None = None
    standings: tuple[RaceStandings, ...] = ()
    """Standings tabulated on the worker, when the poller was asked to."""


@dataclass(frozen=True, slots=True)
class PollUnchanged:
    """A poll that reached the feed and found nothing new (HTTP 304, same file)."""

    sequence: int
    fetched_at: dt.datetime


@dataclass(frozen=True, slots=True)
class PollFailed:
    """A poll that gave no snapshot; ``message`` is for the operator."""

    sequence: int
    fetched_at: dt.datetime
    message: str
    retry_after: float | None = None


PollOutcome: TypeAlias = PollOk | PollUnchanged | PollFailed
PollJob: TypeAlias = Callable[[], PollOutcome]
"""Runs on a worker thread; never raises and touches no shared state."""


class FeedSource(Protocol):
    """Where snapshots come from; called only on the GUI thread."""

    @property
    def label(self) -> str:
        """A short name for the status bar, free of secrets and query strings."""
        ...

    def prepare(self, sequence: int) -> PollJob:
        """Snapshot what the next poll fetches, so the worker shares nothing."""
        ...

    def settle(self, outcome: PollOutcome) -> None:
        """Learn from a delivered outcome: remember validators, move on."""
        ...


def job(
    request: FetchRequest,
    sequence: int,
    format_name: str | None = None,
    *,
    rehearsal: bool = False,
    memo: RaceMemo | None = None,
) -> PollOutcome:
    """Fetch and parse one snapshot, reporting every failure as a value.

    A snapshot from a replay (``rehearsal``, or a server that marks its
    answers as one) is flagged as test data, so it is watermarked on air.
    ``memo`` is the source's: a native feed's races unchanged since its last
    answer are that answer's own (``native.RaceMemo``).

    This is the body of every source's job, so errors are mapped to outcomes in
    one place. It runs on a worker thread and must never raise: an unexpected
    exception is logged with its traceback and reported without its details,
    which may hold a URL with a key in it.
    """
    try:
        result = fetch(request)
        election = parse_feed(result.data, format_name, memo=memo)
        if (rehearsal or result.rehearsal) and not election.test:
            election = dataclasses.replace(election, test=True)
    except NotModifiedError:
        return PollUnchanged(sequence, _now())
    except HttpStatusError as error:
        return PollFailed(sequence, _now(), str(error), error.retry_after)
    except FeedError as error:
        return PollFailed(sequence, _now(), str(error))
    except Exception as error:
        log.exception("reading the feed failed unexpectedly")
        return PollFailed(
            sequence,
            _now(),
            f"internal error while reading the feed: {type(error).__name__}",
        )
    return PollOk(sequence, election, _now(), result.etag, result.last_modified)


class LocationSource:
    """A file or an http(s) URL polled again and again, revalidated each time."""

    def __init__(
        self,
        location: str,
        format_name: str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        deadline: float = DEFAULT_DEADLINE,
    ) -> None:
        self._location = location
        self._format_name = format_name
        self._timeout = timeout
        self._max_bytes = max_bytes
        self._deadline = deadline
        self._etag: str | None = None
        self._last_modified: str | None = None
        self._memo = RaceMemo()  # one poll at a time: only its worker reads it

    @property
    def label(self) -> str:
        """The URL's scheme and host (no credentials, path or query), or a file name."""
        if is_url(self._location):
            return public_location(self._location)
        return Path(self._location).name or self._location

    def prepare(self, sequence: int) -> PollJob:
        """A job that revalidates with the validators of the last snapshot."""
        request = FetchRequest(
            self._location,
            etag=self._etag,
            last_modified=self._last_modified,
            timeout=self._timeout,
            max_bytes=self._max_bytes,
            deadline=self._deadline,
        )
        return functools.partial(
            job, request, sequence, self._format_name, memo=self._memo
        )

    def settle(self, outcome: PollOutcome) -> None:
        """Keep the validators of a fresh snapshot; other outcomes change nothing."""
        if isinstance(outcome, PollOk):
            self._etag = outcome.etag
            self._last_modified = outcome.last_modified


class SequenceSource:
    """A recorded night replayed from files, one snapshot per poll.

    After the last file every poll is unchanged, so the board holds the final
    result. A file that fails is tried again rather than skipped, so a replay
    never silently leaves out a step.

    With ``position_file``, the file last shown is noted there (by the worker,
    never the GUI thread), and a replay of the same files started again
    resumes at it: a restart after a crash comes back to the picture it was
    on, not to the night's first snapshot.

    Raises:
        ValueError: ``paths`` is empty, so there is nothing to replay.
    """

    def __init__(
        self,
        paths: Sequence[Path],
        format_name: str | None = None,
        *,
        position_file: Path | None = None,
    ) -> None:
        if not paths:
            raise ValueError("a replay needs at least one file")
        self._paths = tuple(paths)
        self._format_name = format_name
        self._position_file = position_file
        self._position = 0
        self._memo = RaceMemo()  # one poll at a time: only its worker reads it
        if position_file is not None:
            self._position = _read_shown(position_file, self._night()) or 0

    @property
    def label(self) -> str:
        """The folder of the first file, as operators name recorded nights by it."""
        first = self._paths[0]
        return f"replay of {first.parent.name or first.name}"

    @property
    def position(self) -> int:
        """How many files have been shown; the index of the next one to read."""
        return self._position

    @property
    def length(self) -> int:
        """How many files the replay has."""
        return len(self._paths)

    @property
    def done(self) -> bool:
        """True once the last file has been shown."""
        return self._position >= len(self._paths)

    def prepare(self, sequence: int) -> PollJob:
        """A job reading the next file, or reporting no change once all are shown."""
        if self.done:
            return functools.partial(_unchanged, sequence)
        request = FetchRequest(str(self._paths[self._position]))
        read = functools.partial(
            job, request, sequence, self._format_name, rehearsal=True, memo=self._memo
        )
        if self._position_file is None:
            return read
        return functools.partial(
            _noting_shown, read, self._position_file, self._night(), self._position
        )

    def settle(self, outcome: PollOutcome) -> None:
        """Move to the next file only once this one gave a snapshot."""
        if isinstance(outcome, PollOk) and not self.done:
            self._position += 1

    def _night(self) -> list[str]:
        """Names the replay, so a position is never applied to another night."""
        return [str(self._paths[0]), str(self._paths[-1]), str(len(self._paths))]


def _noting_shown(
    read: PollJob, position_file: Path, night: list[str], index: int
) -> PollOutcome:
    """Run ``read``; once it gave a snapshot, note ``index`` as shown."""
    outcome = read()
    if isinstance(outcome, PollOk):
        document = json.dumps({"night": night, "shown": index})
        aside = position_file.with_name(position_file.name + ".new")
        try:
            position_file.parent.mkdir(parents=True, exist_ok=True)
            aside.write_text(document, encoding="utf-8")
            os.replace(aside, position_file)
        except OSError as error:  # the replay goes on; only a resume is lost
            log.warning("could not note the replay's position: %s", error)
    return outcome


def _read_shown(position_file: Path, night: list[str]) -> int | None:
    """The index of the file last shown of ``night``, or None if not noted."""
    try:
        document = json.loads(position_file.read_text(encoding="utf-8"))
        shown = document["shown"]
        if document["night"] != night or not isinstance(shown, int):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return shown if 0 <= shown < int(night[2]) else None


def _unchanged(sequence: int) -> PollOutcome:
    return PollUnchanged(sequence, _now())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


__all__ = [
    "FeedSource",
    "LocationSource",
    "PollFailed",
    "PollJob",
    "PollOk",
    "PollOutcome",
    "PollUnchanged",
    "SequenceSource",
    "job",
]
