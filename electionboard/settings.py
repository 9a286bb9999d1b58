"""Typed settings, declared once with defaults and help, saved with a version.

Qt-free and passed explicitly from the composition root: no global config.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import sys
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import Field, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from electionboard import APP_NAME

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
FILE_NAME = "settings.json"

RASTERS = ("1920x1080", "3840x2160")
"""The broadcast rasters the board lays itself out at."""
THEME_NAMES = ("dark", "light", "green", "blue", "transparent")
"""The board's themes; ``ui.theme.THEMES`` has exactly these (a test checks)."""


class SettingsError(Exception):
    """A settings file or value the program must not use; the message says why."""


def _option(
    default: Any, help_text: str, check: Callable[[Any], str | None] | None = None
) -> Any:
    """A setting's default with its help text and check, kept in field metadata.

    The help is data rather than a docstring so ``electionboard settings`` can
    show it; ``check`` returns what is wrong with a value, or None.
    """
    return field(default=default, metadata={"help": help_text, "check": check})


def _positive(value: Any) -> str | None:
    if value > 0 and math.isfinite(value):
        return None
    return "must be a positive number"


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value in choices else f"must be one of {', '.join(choices)}"

    return check


def _share(value: Any) -> str | None:
    return None if 0 <= value < 1 else "must be at least 0 and below 1"


def _at_least(lowest: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value >= lowest else f"must be at least {lowest}"

    return check


_ARCHIVE_KEEP = re.compile(r"^(none|[1-9][0-9]*h?)$")


def _archive_keep(value: Any) -> str | None:
    if _ARCHIVE_KEEP.match(value.strip().lower()):
        return None
    return "must be N (the last N per race), Nh (the last N hours) or none"


def _time_zone(value: Any) -> str | None:
    if not value:
        return None
    try:
        zoneinfo.ZoneInfo(value)
    except (ValueError, KeyError, OSError):
        return "must be empty or an IANA time zone name such as America/Los_Angeles"
    return None


@dataclass(frozen=True, slots=True)
class Settings:
    """Every option the board has; each field's metadata carries its help."""

    poll_interval: float = _option(
        10.0, "Seconds between polls of a live feed.", _positive
    )
    replay_seconds: float = _option(
        120.0, "How long the bundled sample night takes to replay.", _positive
    )
    raster: str = _option(
        "1920x1080",
        "Broadcast raster the board is laid out at: 1920x1080 or 3840x2160.",
        _one_of(RASTERS),
    )
    max_rows: int = _option(
        7,
        "Candidate bars shown; past this the rest share one 'others' bar.",
        _at_least(1),
    )
    too_close_share: float = _option(
        0.05,
        "An undecided race is too close when the cutoff margin is at most this "
        "share of the outstanding vote.",
        _share,
    )
    export_dir: str = _option(
        "", "Where Ctrl+E writes screenshots; empty means <data dir>/exports."
    )
    theme: str = _option(
        "dark",
        "Look of the board: dark, light, green, blue (chroma key) or transparent.",
        _one_of(THEME_NAMES),
    )
    broadcast_safe: bool = _option(
        False, "Keep every colour channel within 16-235 (legal range)."
    )
    store: str = _option(
        "",
        "Where desk entries, calls and the audit log are kept: empty = SQLite in "
        "the data folder; a postgresql:// URL shares one database server "
        "(give its password in PGPASSWORD or ~/.pgpass, never here).",
    )
    watch_folder: str = _option(
        "", "Folder that gets a PNG of the program board on every change; empty = off."
    )
    watch_board_name: str = _option(
        "board", "First part of the watch-folder file names: <board>_<race>.png."
    )
    archive_keep: str = _option(
        "50",
        "Archive copies kept in the watch and export folders: N (the last N per "
        "race), Nh (the last N hours) or none (no archive copies).",
        _archive_keep,
    )
    min_free_mb: int = _option(
        300,
        "Below this many MB free on the watch folder's disk, archive copies "
        "pause; the stable files go on updating.",
        _at_least(0),
    )
    time_zone: str = _option(
        "",
        "Time zone of every time on air and on the desk, as an IANA name "
        "(America/Chicago); empty = the election's own, from the feed or its state.",
        _time_zone,
    )
    inhibit_screen_saver: bool = _option(
        True, "Keep the studio display from blanking or sleeping during the night."
    )
    connect_timeout: float = _option(
        3.05, "Seconds to wait for a feed server to accept the connection.", _positive
    )
    read_timeout: float = _option(
        10.0, "Seconds to wait for a feed server to send the answer.", _positive
    )
    fetch_deadline: float = _option(
        20.0,
        "Seconds a feed has for its whole answer, from connecting to the last "
        "byte; a server that trickles its answer slower fails the poll.",
        _positive,
    )
    decision_desk: str = _option(
        "Decision Desk",
        'Who a call made at this desk is credited to on air ("Called by ..."): '
        "the station's or network's decision desk; the operator stays in the "
        "audit log.",
    )
    keep_source_casing: bool = _option(
        False,
        'Show names and titles exactly as the feed cases them ("JOHN SMITH") '
        "instead of in proper case.",
    )
    headshots_dir: str = _option(
        "",
        "Folder of candidate headshots named <candidate id>.png or .jpg; "
        "a candidate without one gets an initials disc. Empty = no headshots.",
    )
    logo: str = _option(
        "", "The station logo bug (a PNG or JPEG file); empty = no bug."
    )
    locator: str = _option(
        "",
        'Locator words on air ("TAMPA BAY · SENATE"); empty = the feed\'s '
        "state, only when the race's title does not name it already.",
    )


Upgrade = Callable[[dict[str, Any]], dict[str, Any]]
UPGRADES: dict[int, Upgrade] = {}
"""Version N -> N+1 upgrades, applied in order to older files."""


@dataclass(frozen=True, slots=True)
class SettingInfo:
    """One setting as ``electionboard settings`` lists it."""

    name: str
    value: Any
    default: Any
    help: str


def describe_settings(settings: Settings) -> list[SettingInfo]:
    """Every setting with its value, default and help, in declaration order."""
    defaults = Settings()
    return [
        SettingInfo(
            f.name,
            getattr(settings, f.name),
            getattr(defaults, f.name),
            f.metadata["help"],
        )
        for f in fields(Settings)
    ]


def _field(name: str) -> Field[Any]:
    for candidate in fields(Settings):
        if candidate.name == name:
            return candidate
    known = ", ".join(f.name for f in fields(Settings))
    raise SettingsError(f"no setting {name!r} (settings: {known})")


def checked_value(name: str, value: Any) -> Any:
    """``value`` for setting ``name`` if it has the right type and range.

    Raises:
        SettingsError: no such setting, or the value is of the wrong type or range.
    """
    spec = _field(name)
    expected = type(getattr(Settings(), name))
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise SettingsError(f"{name} must be {expected.__name__}, not {value!r}")
    check = spec.metadata["check"]
    problem = check(value) if check is not None else None
    if problem is not None:
        raise SettingsError(f"{name} {problem}, not {value!r}")
    return value


def parse_setting(name: str, text: str) -> Any:
    """The value ``text`` gives setting ``name``, as typed on a command line.

    Raises:
        SettingsError: no such setting, or ``text`` is not a valid value for it.
    """
    expected = type(getattr(Settings(), _field(name).name))
    value: Any = text
    if expected is bool:
        words = {"true": True, "yes": True, "on": True, "1": True}
        words |= {"false": False, "no": False, "off": False, "0": False}
        if text.strip().lower() not in words:
            raise SettingsError(f"{name} must be true or false, not {text!r}")
        value = words[text.strip().lower()]
    elif expected in (int, float):
        try:
            value = expected(text)
        except ValueError:
            raise SettingsError(f"{name} must be a number, not {text!r}") from None
    return checked_value(name, value)


def with_value(settings: Settings, name: str, value: Any) -> Settings:
    """``settings`` with one setting changed, checked as ``checked_value`` does."""
    values = asdict(settings)
    values[name] = checked_value(name, value)
    return Settings(**values)


def user_dir(kind: str) -> Path:
    """The per-user config, data or cache folder on this platform.

    The cache holds what can be made again (the map's simplified shapes).
    """
    home = Path.home()
    if kind == "cache":
        if sys.platform == "win32":
            local = home / "AppData" / "Local"
            return Path(os.environ.get("LOCALAPPDATA", local)) / APP_NAME / "cache"
        if sys.platform == "darwin":
            return home / "Library" / "Caches" / APP_NAME
        return Path(os.environ.get("XDG_CACHE_HOME", home / ".cache")) / APP_NAME
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", home / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    elif kind == "config":
        base = Path(os.environ.get("XDG_CONFIG_HOME", home / ".config"))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
    return base / APP_NAME


def load_settings(
    config_dir: Path,
    upgrades: Mapping[int, Upgrade] = UPGRADES,
    schema_version: int = SCHEMA_VERSION,
) -> Settings:
    """Settings from ``config_dir``; defaults where the file is missing or bad.

    A value of the wrong type or range is ignored with a warning, so one typo
    never stops a board on election night.

    Raises:
        SettingsError: the file was written by a newer version of the program
            (its schema is unknown here, and saving over it would lose what
            that version knew), or names a version no upgrade leads from.
    """
    path = config_dir / FILE_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as error:
        log.warning("ignoring unreadable settings %s: %s", path, error)
        return Settings()
    if not isinstance(raw, dict):
        log.warning("ignoring settings %s: not a JSON object", path)
        return Settings()
    version = raw.pop("schema_version", schema_version)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SettingsError(f"{path} has no valid schema_version: {version!r}")
    if version > schema_version:
        raise SettingsError(
            f"{path} is from a newer electionboard (settings version {version}; "
            f"this one knows up to {schema_version}): upgrade, or use --config-dir"
        )
    while version < schema_version:
        if version not in upgrades:
            raise SettingsError(f"{path}: no upgrade from settings version {version}")
        raw = upgrades[version](raw)
        version += 1
    values: dict[str, Any] = {}
    known = {f.name for f in fields(Settings)}
    for name in sorted(set(raw) - known):
        log.warning("ignoring unknown setting %s in %s", name, path)
    for name in known & set(raw):
        try:
            values[name] = checked_value(name, raw[name])
        except SettingsError as error:
            log.warning("ignoring setting: %s", error)
    return Settings(**values)


def save_settings(
    settings: Settings, config_dir: Path, schema_version: int = SCHEMA_VERSION
) -> Path:
    """Write settings with their schema version, atomically; returns the file."""
    config_dir.mkdir(parents=True, exist_ok=True)
    document = {"schema_version": schema_version, **asdict(settings)}
    temporary = config_dir / f".{FILE_NAME}.tmp"
    temporary.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    target = config_dir / FILE_NAME
    temporary.replace(target)
    return target
