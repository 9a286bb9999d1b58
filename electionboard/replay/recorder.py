"""Record a live feed into a folder that ``electionboard replay`` can serve.

Each poll revalidates with the last ETag; an answer that changed is saved as
the next numbered file and the folder's index is rewritten atomically, so a
recording cut short by a crash or Ctrl+C is still a valid recording. Request
headers (which may carry an API key) are sent but never written or logged.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from electionboard.replay.recording import (
    media_type,
    read_index,
    write_atomically,
    write_index,
)
from electionboard.sources import FeedError, NotModifiedError, detect_format
from electionboard.sources.backoff import retry_delay
from electionboard.sources.fetch import (
    DEFAULT_DEADLINE,
    FetchRequest,
    HttpStatusError,
    fetch,
)
from electionboard.sources.polling import LocationSource

log = logging.getLogger(__name__)

DEFAULT_INTERVAL = 30.0
SECRET_HEADERS = (("AP_API_KEY", "x-api-key"),)
"""Environment variable and the request header its value is sent in."""


@dataclass(frozen=True, slots=True)
class Saved:
    """One answer written to the recording."""

    path: Path
    at: dt.datetime
    format_name: str


def headers_from_environment(
    environ: Mapping[str, str],
) -> tuple[tuple[str, str], ...]:
    """Secret headers to send, taken from the environment and nowhere else."""
    return tuple(
        (header, environ[variable])
        for variable, header in SECRET_HEADERS
        if environ.get(variable)
    )


class Recorder:
    """Polls one location and saves each new answer into ``folder``.

    A folder that already holds a recording is continued, not overwritten.
    """

    def __init__(
        self,
        location: str,
        folder: Path,
        *,
        headers: Sequence[tuple[str, str]] = (),
        deadline: float = DEFAULT_DEADLINE,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._location = location
        self._folder = folder
        self._headers = tuple(headers)
        self._deadline = deadline
        self._now = now or (lambda: dt.datetime.now(dt.UTC))
        self._entries = read_index(folder) or []
        self._etag: str | None = None
        self._last_modified: str | None = None
        self._last_data = self._last_file_bytes()
        self.saved: list[Saved] = []
        if "apikey" in location.lower().replace("_", "").replace("-", ""):
            log.warning("the URL seems to hold an API key; set AP_API_KEY instead")

    @property
    def label(self) -> str:
        """Scheme and host only: the full URL may hold a key in its query."""
        return LocationSource(self._location).label

    def poll(self) -> Saved | None:
        """Fetch once and save the answer if it changed; None if it did not.

        Raises:
            FeedError: the feed could not be fetched or is not a results feed;
                nothing is saved, and the next poll starts afresh.
            OSError: the folder cannot be written.
        """
        request = FetchRequest(
            self._location,
            etag=self._etag,
            last_modified=self._last_modified,
            headers=self._headers,
            deadline=self._deadline,
            secret_headers=tuple(header for _, header in SECRET_HEADERS),
        )
        try:
            result = fetch(request)
        except NotModifiedError:
            return None
        at = self._now()
        if result.data != self._last_data:
            format_name = detect_format(result.data).name
            saved = self._save(result.data, at, format_name)
        else:
            saved = None
        self._etag, self._last_modified = result.etag, result.last_modified
        self._last_data = result.data
        return saved

    def run(
        self,
        *,
        interval: float = DEFAULT_INTERVAL,
        count: int | None = None,
        duration: float | None = None,
        wait: Callable[[float], bool],
        on_saved: Callable[[Saved], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> int:
        """Poll every ``interval`` seconds until ``count`` saves or ``duration``.

        ``wait(seconds)`` pauses between polls and returns True to stop early,
        so a caller can stop the loop from outside and tests need not sleep.
        A failed poll is logged in one line and tried again at the next interval
        (later if the server asked with Retry-After, capped as the board caps
        it, so a huge one neither crashes the wait nor stops the recording for
        good). Returns how many were saved.
        """
        deadline = None if duration is None else clock() + duration
        saved = 0
        while True:
            delay = interval
            try:
                snapshot = self.poll()
            except HttpStatusError as error:
                delay = retry_delay(interval, 0, error.retry_after)
                log.warning("poll failed, next in %.0f s: %s", delay, error)
            except FeedError as error:
                log.warning("poll failed, next in %.0f s: %s", delay, error)
            else:
                if snapshot is not None:
                    saved += 1
                    if on_saved is not None:
                        on_saved(snapshot)
            if count is not None and saved >= count:
                return saved
            if deadline is not None:
                left = deadline - clock()
                if left <= 0:
                    return saved
                delay = min(delay, left)
            if wait(delay):
                return saved

    def _save(self, data: bytes, at: dt.datetime, format_name: str) -> Saved:
        extension, _ = media_type(data, format_name)
        number = len(self._entries)
        path = self._folder / f"{number:04d}.{extension}"
        while path.exists():
            number += 1
            path = self._folder / f"{number:04d}.{extension}"
        write_atomically(path, data)
        self._entries.append((path.name, at))
        write_index(self._folder, self._entries)
        snapshot = Saved(path, at, format_name)
        self.saved.append(snapshot)
        return snapshot

    def _last_file_bytes(self) -> bytes | None:
        """The last recorded answer, so a resumed recording skips a repeat."""
        if not self._entries:
            return None
        try:
            return (self._folder / self._entries[-1][0]).read_bytes()
        except OSError:
            return None
