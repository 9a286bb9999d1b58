"""Prunes timestamped copies from a folder and reads its free space; Qt-free.

Only names that parse as archive copies (``model.naming.parse_archive``) are
ever removed, so the stable files a playout system reads are never touched.
Called from worker threads (the watch folder's, the export's), never the GUI.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from collections.abc import Callable, Collection
from pathlib import Path

from electionboard.model.naming import parse_archive, stable_stem
from electionboard.model.retention import Retention, expired

log = logging.getLogger(__name__)

Unlink = Callable[[Path], None]
FreeSpace = Callable[[Path], int]

DEFAULT_MIN_FREE_MB = 300
"""Below this much free space, archive copies stop and stable files go on."""


def _unlink(path: Path) -> None:
    path.unlink(missing_ok=True)


def free_bytes(folder: Path) -> int:
    """Bytes free for this user on ``folder``'s file system.

    Raises:
        OSError: the folder cannot be read.
    """
    return shutil.disk_usage(folder).free


def _remove(paths: list[Path], unlink: Unlink) -> list[Path]:
    """Remove what can be removed; a held or vanished file waits for next time."""
    removed = []
    for path in paths:
        try:
            unlink(path)
        except OSError as error:  # e.g. Windows: a reader holds it open
            log.info("could not remove %s yet: %s", path, error)
        else:
            removed.append(path)
    return removed


def prune_archives(
    folder: Path, rule: Retention, now: dt.datetime, *, unlink: Unlink = _unlink
) -> list[Path]:
    """Remove the archive copies in ``folder`` that ``rule`` no longer keeps.

    Returns:
        The files removed. A file that cannot be removed now (held open on
        Windows) is skipped and tried again on the next prune.
    """
    try:
        names = os.listdir(folder)
    except OSError as error:
        log.info("cannot list %s to prune it: %s", folder, error)
        return []
    archives = [a for name in names if (a := parse_archive(name)) is not None]
    gone = expired(archives, rule, now)
    return _remove([folder / name for name in gone], unlink)


def prune_frames(
    folder: Path,
    board: str,
    keep_race_ids: Collection[str],
    *,
    unlink: Unlink = _unlink,
) -> list[Path]:
    """Remove ``<board>_<race>.png`` files of races not in ``keep_race_ids``.

    For kept frames (the studio's ``program_<race>.png``): one file per race
    ever on air, so the caller passes the races it may still hold.
    """
    keep = {f"{stable_stem(board, race_id)}.png" for race_id in keep_race_ids}
    prefix = stable_stem(board, "")
    try:
        names = os.listdir(folder)
    except OSError as error:
        log.info("cannot list %s to prune it: %s", folder, error)
        return []
    stale = [
        folder / name
        for name in sorted(names)
        if name.startswith(prefix)
        and name.endswith(".png")
        and name not in keep
        and parse_archive(name) is None
    ]
    return _remove(stale, unlink)
