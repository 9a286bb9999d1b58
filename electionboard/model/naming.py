"""File names for boards and races: safe characters, one name per race, bounded.

The rule (documented in docs/studio.md, "Watch folder file names"):

- a name part keeps only ``[A-Za-z0-9_-]``; every other character becomes ``_``;
- a race part gets ``_`` and 8 hex digits of a hash of the exact race id
  appended whenever the id is not already a safe, short, lower-case name
  without a reserved ending, so two races never share a file, even on a
  case-insensitive file system, and the same race gets the same name every run;
- parts are cut to a bound first, so every name stays far under 255 bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
# Endings a name of ours gives meaning to: a hash, an archive stamp, a key or
# fill file. An id ending so is hashed, so it can never pass for one of them.
_RESERVED_ENDING = re.compile(r"_(?:[0-9a-f]{8}|\d{8}T\d{6}Z|fill|key)$")
_ARCHIVE = re.compile(
    r"^(?P<stem>.+)_(?P<stamp>\d{8}T\d{6}Z)(?P<part>_fill|_key)?\.png$"
)

MAX_BOARD = 40
"""Characters of a board name kept."""
MAX_RACE = 80
"""Characters of a sanitised race id kept before the hash."""
HASH_DIGITS = 8
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
MAX_NAME_BYTES = 200
"""No name built here is longer; a file system allows 255."""


def safe_name(text: str) -> str:
    """``text`` with everything but ``[A-Za-z0-9_-]`` turned into ``_``."""
    return _UNSAFE.sub("_", text)


def id_hash(text: str) -> str:
    """8 hex digits that tell ids apart; the same for the same id on every run."""
    import hashlib  # here: loading OpenSSL costs the board's first frame 7 ms

    data = text.encode("utf-8", "surrogatepass")
    return hashlib.blake2s(data, digest_size=HASH_DIGITS // 2).hexdigest()


def board_part(board: str) -> str:
    """A board name as the first part of a file name (``board`` when empty)."""
    return safe_name(board)[:MAX_BOARD] or "board"


def race_part(race_id: str) -> str:
    """A race id as a file-name part, unique per race (see the module rule)."""
    safe = safe_name(race_id)
    if (
        safe == race_id
        and len(safe) <= MAX_RACE
        and safe == safe.lower()
        and not _RESERVED_ENDING.search(safe)
    ):
        return safe
    return f"{safe[:MAX_RACE]}_{id_hash(race_id)}"


def stable_stem(board: str, race_id: str) -> str:
    """``<board>_<race>``: what a race's stable and archive names start with."""
    return f"{board_part(board)}_{race_part(race_id)}"


def stable_name(board: str, race_id: str) -> str:
    """``<board>_<race>.png``: the name a playout system watches."""
    return f"{stable_stem(board, race_id)}.png"


def stamp(moment: dt.datetime) -> str:
    """``YYYYMMDDTHHMMSSZ`` in UTC."""
    return moment.astimezone(dt.UTC).strftime(STAMP_FORMAT)


def timestamped_name(race_id: str, moment: dt.datetime, board: str = "board") -> str:
    """``<board>_<race>_<YYYYMMDDTHHMMSSZ>.png``: an archive copy's name."""
    return f"{stable_stem(board, race_id)}_{stamp(moment)}.png"


@dataclass(frozen=True, slots=True)
class ArchiveName:
    """A file name read back as an archive copy of one race at one moment."""

    name: str
    stem: str  # <board>_<race>: the copies of one race of one board
    moment: dt.datetime


def parse_archive(name: str) -> ArchiveName | None:
    """``name`` as an archive copy (or its key/fill half); None for any other.

    A stable name never parses: a race id that could look like a stamp is
    hashed by the rule above.
    """
    match = _ARCHIVE.match(name)
    if match is None:
        return None
    try:
        moment = dt.datetime.strptime(match["stamp"], STAMP_FORMAT)
    except ValueError:
        return None
    return ArchiveName(name, match["stem"], moment.replace(tzinfo=dt.UTC))
