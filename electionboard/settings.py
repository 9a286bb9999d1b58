"""Typed settings, declared once with defaults and help, saved with a version.

Qt-free and passed explicitly from the composition root: no global config.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from electionboard import APP_NAME

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
FILE_NAME = "settings.json"


@dataclass(frozen=True, slots=True)
class Settings:
    """Every option the board has. Field metadata carries the help text."""

    poll_interval: float = 10.0
    """Seconds between polls of a live feed."""
    replay_seconds: float = 120.0
    """How long the bundled sample night takes to replay."""
    raster: str = "1920x1080"
    """Broadcast raster the board is laid out at: 1920x1080 or 3840x2160."""
    max_rows: int = 7
    """Candidate bars shown; past this the rest share one 'others' bar."""
    too_close_share: float = 0.05
    """An undecided race is too close when the cutoff margin is at most this
    share of the outstanding vote."""
    export_dir: str = ""
    """Where Ctrl+E writes screenshots; empty means <data dir>/exports."""
    theme: str = "dark"
    """Look of the board: dark, light, green, blue (chroma key) or transparent."""
    broadcast_safe: bool = False
    """Keep every colour channel within 16-235 (legal range)."""
    watch_folder: str = ""
    """Folder that gets a PNG of the program board on every change; empty = off."""
    watch_board_name: str = "board"
    """First part of the watch-folder file names: <board>_<race>.png."""
    archive_keep: str = "50"
    """Archive copies kept in the watch and export folders: N (the last N per
    race), Nh (the last N hours) or none (no archive copies)."""
    min_free_mb: int = 300
    """Below this many MB free on the watch folder's disk, archive copies
    pause; the stable files go on updating."""
    inhibit_screen_saver: bool = True
    """Keep the studio display from blanking or sleeping during the night."""
    connect_timeout: float = 3.05
    """Seconds to wait for a feed server to accept the connection."""
    read_timeout: float = 10.0
    """Seconds to wait for a feed server to send the answer."""
    fetch_deadline: float = 20.0
    """Seconds a feed has for its whole answer, from connecting to the last
    byte; a server that trickles its answer slower fails the poll."""


Upgrade = Callable[[dict[str, Any]], dict[str, Any]]
UPGRADES: dict[int, Upgrade] = {}
"""Version N -> N+1 upgrades, applied in order to older files."""


def user_dir(kind: str) -> Path:
    """The per-user config or data folder on this platform."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", home / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    elif kind == "config":
        base = Path(os.environ.get("XDG_CONFIG_HOME", home / ".config"))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
    return base / APP_NAME


def load_settings(config_dir: Path) -> Settings:
    """Settings from ``config_dir``; defaults where the file is missing or bad."""
    path = config_dir / FILE_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as error:
        log.warning("ignoring unreadable settings %s: %s", path, error)
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    version = raw.pop("schema_version", SCHEMA_VERSION)
    while isinstance(version, int) and version < SCHEMA_VERSION:
        raw = UPGRADES[version](raw)
        version += 1
    defaults = Settings()
    values: dict[str, Any] = {}
    for field in fields(Settings):
        value = raw.get(field.name, getattr(defaults, field.name))
        expected = type(getattr(defaults, field.name))
        if expected is float and isinstance(value, int):
            value = float(value)
        if isinstance(value, expected):
            values[field.name] = value
        else:
            log.warning("ignoring setting %s=%r", field.name, value)
    return Settings(**values)


def save_settings(settings: Settings, config_dir: Path) -> None:
    """Write settings with their schema version, atomically."""
    config_dir.mkdir(parents=True, exist_ok=True)
    document = {"schema_version": SCHEMA_VERSION, **asdict(settings)}
    temporary = config_dir / f".{FILE_NAME}.tmp"
    temporary.write_text(json.dumps(document, indent=2), encoding="utf-8")
    temporary.replace(config_dir / FILE_NAME)
