"""Shared pieces of the replay tests: a clock tests move by hand, and HTTP gets."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from electionboard.replay import Recording, ReplayServer, load_recording
from electionboard.replay.server import DEFAULT_MAX_WAIT, DEFAULT_SPEED
from electionboard.resource_paths import sample_night_dir, sample_snapshots

TIMEOUT = (2.0, 5.0)


class FakeClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def sample_night() -> Recording:
    """The bundled Los Angeles night, read the way ``replay sample`` reads it."""
    return load_recording([sample_night_dir()])


def sample_bytes(position: int) -> bytes:
    """The bytes of the bundled night's snapshot at ``position``."""
    return sample_snapshots()[position].read_bytes()


@contextmanager
def serving(
    recording: Recording,
    *,
    step: bool = True,
    loop: bool = False,
    speed: float = DEFAULT_SPEED,
    max_wait: float = DEFAULT_MAX_WAIT,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[ReplayServer]:
    """A started server on a free port, by hand unless told otherwise."""
    server = ReplayServer(
        recording, speed=speed, max_wait=max_wait, loop=loop, step=step, clock=clock
    )
    with server:
        yield server


def get(url: str, **headers: str) -> requests.Response:
    """A GET that reads the whole body and closes its connection."""
    with requests.Session() as session:
        return session.get(url, headers=headers, timeout=TIMEOUT)


def status_of(server: ReplayServer) -> dict[str, object]:
    """The server's ``/status`` document, over HTTP."""
    document = get(server.url.removesuffix("/feed") + "/status").json()
    assert isinstance(document, dict)
    return document


def write(folder: Path, name: str, data: bytes) -> Path:
    """Write a snapshot file and return its path."""
    path = folder / name
    path.write_bytes(data)
    return path
