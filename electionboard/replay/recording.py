"""A recorded night: snapshot files in order, each with the time it was current.

A folder may carry an ``index.json`` naming its files and their recorded times
(the bundled night has one and the recorder writes one). Without it the files
are taken in name order and each is timed by its own data where the format
says when it was current, else one minute after the one before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import mimetypes
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from electionboard.sources import FORMATS, FeedError, FeedFormatError, detect_format
from electionboard.sources.errors import FetchError
from electionboard.sources.fetch import DEFAULT_MAX_BYTES, read_local

log = logging.getLogger(__name__)

INDEX_NAME = "index.json"
SNAPSHOT_SUFFIXES = (".json", ".xml", ".zip", ".csv")
"""What a folder without an index offers as snapshots; anything else is skipped."""
FALLBACK_GAP = dt.timedelta(minutes=1)
_TIMED_FORMATS = frozenset({"native", "ap", "clarity"})
"""Formats whose documents always say when they were current (CSV may not)."""
_FALLBACK_START = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_ZIP_MAGIC = b"PK\x03\x04"


class RecordingError(Exception):
    """A recording cannot be read; the message names the file, for operators."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One recorded answer, served byte for byte."""

    name: str
    data: bytes
    at: dt.datetime
    format_name: str | None
    """The detected format, or None when no parser knows the bytes."""

    @property
    def digest(self) -> str:
        """A short content hash, so ETags change exactly when the bytes do."""
        return hashlib.sha1(self.data, usedforsecurity=False).hexdigest()[:16]

    @property
    def content_type(self) -> str:
        """The Content-Type a live server would send for these bytes."""
        return media_type(self.data, self.format_name, self.name)[1]


@dataclass(frozen=True, slots=True)
class Recording:
    """Snapshots in replay order; never empty."""

    label: str
    snapshots: tuple[Snapshot, ...]


def media_type(data: bytes, format_name: str | None, name: str = "") -> tuple[str, str]:
    """The file extension and Content-Type for a document of ``format_name``."""
    if format_name in ("native", "ap"):
        return "json", "application/json"
    if format_name == "clarity":
        if data.startswith(_ZIP_MAGIC):
            return "zip", "application/zip"
        return "xml", "application/xml"
    if format_name == "csv":
        return "csv", "text/csv; charset=utf-8"
    guessed, _ = mimetypes.guess_type(name)
    return "bin", guessed or "application/octet-stream"


def load_recording(paths: Sequence[Path]) -> Recording:
    """Read the snapshots of one folder, or of several files in argument order.

    Raises:
        RecordingError: a path is missing or unreadable, an index is malformed,
            or there is no snapshot at all.
    """
    if not paths:
        raise RecordingError("no recording given")
    named: list[tuple[Path, dt.datetime | None]] = []
    for path in paths:
        if path.is_dir():
            named.extend(_folder_entries(path))
        elif path.exists():  # not a regular file: _read says what it is instead
            named.append((path, None))
        else:
            raise RecordingError(f"no such file or folder: {path}")
    snapshots: list[tuple[str, bytes, dt.datetime | None, str | None]] = []
    for path, at in named:
        data = _read(path)
        format_name = _format_of(path, data)
        if at is None:
            at = _own_time(path, data, format_name)
        snapshots.append((path.name, data, at, format_name))
    times = fill_times([at for _, _, at, _ in snapshots])
    first = paths[0]
    label = first.name if len(paths) == 1 else f"{first.name} and {len(paths) - 1} more"
    return Recording(
        label=label or str(first),
        snapshots=tuple(
            Snapshot(name, data, at, format_name)
            for (name, data, _, format_name), at in zip(snapshots, times, strict=True)
        ),
    )


def fill_times(times: Sequence[dt.datetime | None]) -> list[dt.datetime]:
    """Every missing time one minute after the one before (before the first known)."""
    index, start = next(
        ((i, at) for i, at in enumerate(times) if at is not None),
        (0, _FALLBACK_START),
    )
    previous = start - FALLBACK_GAP * (index + 1)
    filled: list[dt.datetime] = []
    for at in times:
        previous = at if at is not None else previous + FALLBACK_GAP
        filled.append(previous)
    return filled


def read_index(folder: Path) -> list[tuple[str, dt.datetime | None]] | None:
    """The ``(file, at)`` entries of a folder's index, or None without an index.

    Raises:
        RecordingError: the index is not the documented shape.
    """
    path = folder / INDEX_NAME
    if not path.is_file():
        return None
    try:
        document = json.loads(path.read_bytes())
        entries = document["snapshots"]
        if not isinstance(entries, list):
            raise TypeError
    except (OSError, ValueError, KeyError, TypeError):
        raise RecordingError(
            f'{path}: expected {{"snapshots": [{{"file": ..., "at": ...}}, ...]}}'
        ) from None
    return [_index_entry(path, number, entry) for number, entry in enumerate(entries)]


def write_index(
    folder: Path, entries: Sequence[tuple[str, dt.datetime | None]]
) -> None:
    """Replace the folder's index atomically, so a reader never sees half of one."""
    document = {
        "snapshots": [
            {"file": name} if at is None else {"file": name, "at": at.isoformat()}
            for name, at in entries
        ]
    }
    write_atomically(folder / INDEX_NAME, json.dumps(document, indent=2).encode())


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _index_entry(
    path: Path, number: int, entry: object
) -> tuple[str, dt.datetime | None]:
    where = f"{path}: snapshot {number + 1}"
    if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
        raise RecordingError(f"{where}: needs a 'file' name")
    at = entry.get("at")
    if at is None:
        return entry["file"], None
    try:
        when = dt.datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise RecordingError(f"{where}: 'at' must be an ISO time with a UTC offset")
    return entry["file"], when


def _folder_entries(folder: Path) -> list[tuple[Path, dt.datetime | None]]:
    index = read_index(folder)
    if index is not None:
        if not index:
            raise RecordingError(f"{folder / INDEX_NAME} lists no snapshots")
        return [(folder / name, at) for name, at in index]
    files = sorted(
        path
        for path in folder.iterdir()
        if path.is_file()
        and path.suffix.lower() in SNAPSHOT_SUFFIXES
        and not path.name.startswith(".")
        and path.name != INDEX_NAME
    )
    if not files:
        kinds = ", ".join(SNAPSHOT_SUFFIXES)
        raise RecordingError(f"no snapshot files ({kinds}) in {folder}")
    return [(path, None) for path in files]


def _read(path: Path) -> bytes:
    """Through the one file reader: the size limit, and no FIFO or device."""
    try:
        return read_local(path, DEFAULT_MAX_BYTES)
    except FetchError as error:
        raise RecordingError(str(error)) from None


def _format_of(path: Path, data: bytes) -> str | None:
    try:
        return detect_format(data).name
    except FeedFormatError as error:
        # A broken answer is worth rehearsing too: serve it as it is.
        log.warning("%s: %s; served as it is", path.name, error)
        return None


def _own_time(path: Path, data: bytes, format_name: str | None) -> dt.datetime | None:
    if format_name is None or format_name not in _TIMED_FORMATS:
        return None
    try:
        return FORMATS[format_name].parse(data).updated
    except FeedError as error:
        log.warning("%s: no time from the snapshot itself: %s", path.name, error)
        return None
