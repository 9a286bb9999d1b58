"""Where a producer's takes go and where a display station follows them from.

On a data folder the producer's studio folder is the channel (``on_air.json``).
On a server store the takes are also published to the database, so display
stations on other machines follow them: :class:`StudioPublisher` for the
producer, :func:`open_studio` for a station.
"""

from __future__ import annotations

import threading

from electionboard.locations import is_url
from electionboard.model.rundown import OnAirState
from electionboard.store.errors import StoreUnreachable
from electionboard.store.pg_studio import PostgresStudio


def open_studio(url: str) -> PostgresStudio:
    """The producer's program on the server at ``url`` (network I/O: a worker).

    Raises:
        StoreError: the server cannot be reached or its schema is too new.
    """
    return PostgresStudio(url)


class StudioPublisher:
    """Publishes each take to the shared database; opens it on first use.

    Called on the studio writer's worker thread, one take at a time. A lost
    server costs that take an error (the console says so) and the next take
    opens a fresh connection, so a producer never has to restart.
    """

    def __init__(self, url: str) -> None:
        self._url = url
        self._studio: PostgresStudio | None = None
        self._lock = threading.Lock()

    def __call__(self, state: OnAirState) -> None:
        """Make ``state`` what every display station shows.

        Raises:
            StoreError: not published (unreachable, or not a producer).
        """
        with self._lock:
            if self._studio is None:
                self._studio = open_studio(self._url)
            try:
                self._studio.publish_on_air(state)
            except StoreUnreachable:
                self._studio.close()
                self._studio = None
                raise

    def close(self) -> None:
        """Close the connection, if one was opened."""
        with self._lock:
            if self._studio is not None:
                self._studio.close()
                self._studio = None


def studio_publisher(location: str) -> StudioPublisher | None:
    """A publisher for a server store at ``location``; None for a data folder."""
    return StudioPublisher(location) if is_url(location) else None
