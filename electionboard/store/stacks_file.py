"""The producer's stacks and the last on-air state, as small JSON files.

Both live in the studio folder of the data folder, each with a schema version,
and are replaced atomically (written under a temporary name, flushed, renamed
into place), so a crash mid-write leaves the previous file whole. A file that
cannot be read is copied aside as ``<name>.bad`` and defaults are used, so the
next save never destroys a producer's work without a copy.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

from electionboard.model.rundown import OnAirState
from electionboard.model.screens import (
    MANY_RACE_KINDS,
    ScreenKind,
    ScreenOptions,
    TrendMeasure,
)
from electionboard.model.stacks import DEFAULT_DWELL, Stack, StackBook, StackEntry

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
STACKS_FILE = "stacks.json"
ON_AIR_FILE = "on_air.json"
BAD_SUFFIX = ".bad"

T = TypeVar("T")


# -- reading ---------------------------------------------------------------------


def load_stacks(folder: Path) -> StackBook:
    """The saved stacks; an empty book when there are none or the file is bad."""
    return _load(folder / STACKS_FILE, _book, StackBook())


def load_on_air(folder: Path) -> OnAirState:
    """The last on-air state; nothing on air when unsaved or unreadable."""
    return _load(folder / ON_AIR_FILE, _on_air, OnAirState())


def on_air_from_text(text: str) -> OnAirState:
    """The on-air state a display station was sent, as :func:`on_air_text` wrote it.

    Raises:
        ValueError: the text is not such a document.
    """
    raw = json.loads(text)
    if not isinstance(raw, dict) or raw.get("schema_version") != SCHEMA_VERSION:
        raise ValueError("not an on-air document of this version")
    try:
        return _on_air(raw)
    except (KeyError, TypeError) as error:
        raise ValueError(f"malformed on-air document: {error}") from None


def _load(path: Path, decode: Callable[[dict[str, Any]], T], default: T) -> T:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return default
    except (OSError, ValueError) as error:
        return _set_aside(path, f"unreadable: {error}", default)
    if not isinstance(raw, dict):
        return _set_aside(path, "not a JSON object", default)
    version = raw.get("schema_version")
    if version != SCHEMA_VERSION:
        return _set_aside(path, f"schema version {version!r} unknown", default)
    try:
        return decode(raw)
    except (KeyError, TypeError, ValueError) as error:
        return _set_aside(path, f"malformed: {error}", default)


def _set_aside(path: Path, why: str, default: T) -> T:
    bad = path.with_name(path.name + BAD_SUFFIX)
    try:
        shutil.copy2(path, bad)
    except OSError as error:
        log.warning("ignoring %s (%s); no copy kept: %s", path, why, error)
    else:
        log.warning("ignoring %s (%s); kept a copy as %s", path, why, bad.name)
    return default


def _text(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be a non-empty string")
    return value


def _optional(value: object, kind: type[T], what: str) -> T | None:
    if value is None:
        return None
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if isinstance(value, bool) and kind is not bool:
        raise TypeError(f"{what} must be a {kind.__name__}")
    if not isinstance(value, kind):
        raise TypeError(f"{what} must be a {kind.__name__}")
    return value


def _entry(raw: object) -> StackEntry:
    if not isinstance(raw, dict):
        raise TypeError("an entry must be an object")
    max_rows = _optional(raw.get("max_rows"), int, "max_rows")
    if max_rows is not None and max_rows < 1:
        raise ValueError("max_rows must be at least 1")
    screen = ScreenKind(_optional(raw.get("screen"), str, "screen") or "race")
    race_id = raw["race_id"]
    if not (screen in MANY_RACE_KINDS and race_id == ""):
        race_id = _text(race_id, "race_id")
    options = raw.get("options")
    return StackEntry(
        race_id=race_id,
        theme=_optional(raw.get("theme"), str, "theme"),
        max_rows=max_rows,
        dwell=_optional(raw.get("dwell"), float, "dwell"),
        screen=screen,
        options=ScreenOptions() if options is None else _options(options),
    )


def _options(raw: object) -> ScreenOptions:
    """A screen's options; a key this version does not know is an error."""
    if not isinstance(raw, dict):
        raise TypeError("options must be an object")
    known = ScreenOptions.__dataclass_fields__
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ValueError(f"unknown screen options: {', '.join(unknown)}")
    races = raw.get("races", [])
    if not isinstance(races, list) or not all(isinstance(r, str) for r in races):
        raise TypeError("races must be a list of race ids")
    defaults = ScreenOptions()
    grid = _optional(raw.get("grid", defaults.grid), int, "grid")
    l_bar = _optional(raw.get("l_bar", False), bool, "l_bar")
    dwell = _optional(raw.get("race_dwell", defaults.race_dwell), float, "race_dwell")
    speed = _optional(raw.get("speed", defaults.speed), float, "speed")
    measure = _optional(raw.get("measure", defaults.measure.value), str, "measure")
    electoral = _optional(raw.get("electoral", False), bool, "electoral")
    return ScreenOptions(
        races=tuple(races),
        office=_optional(raw.get("office"), str, "office"),
        state=_optional(raw.get("state"), str, "state"),
        grid=defaults.grid if grid is None else grid,
        l_bar=bool(l_bar),
        race_dwell=defaults.race_dwell if dwell is None else dwell,
        speed=defaults.speed if speed is None else speed,
        measure=TrendMeasure(measure or defaults.measure.value),
        seats_needed=_optional(raw.get("seats_needed"), int, "seats_needed"),
        chamber=_optional(raw.get("chamber"), str, "chamber"),
        electoral=bool(electoral),
    )


def _stack(raw: object) -> Stack:
    if not isinstance(raw, dict):
        raise TypeError("a stack must be an object")
    entries = raw.get("entries", [])
    if not isinstance(entries, list):
        raise TypeError("entries must be a list")
    dwell = _optional(raw.get("dwell", DEFAULT_DWELL), float, "dwell")
    loop = _optional(raw.get("loop", True), bool, "loop")
    return Stack(
        name=_text(raw["name"], "name"),
        entries=tuple(_entry(entry) for entry in entries),
        dwell=DEFAULT_DWELL if dwell is None else dwell,
        loop=True if loop is None else loop,
    )


def _book(raw: dict[str, Any]) -> StackBook:
    stacks = raw.get("stacks", [])
    if not isinstance(stacks, list):
        raise TypeError("stacks must be a list")
    book = StackBook()
    for item in stacks:
        stack = _stack(item)
        if book.named(stack.name) is not None:
            raise ValueError(f"two stacks are called {stack.name!r}")
        book = book.with_stack(stack)
    return book


def _on_air(raw: dict[str, Any]) -> OnAirState:
    on_air, cued = raw.get("on_air"), raw.get("cued")
    full_frame, layer = raw.get("full_frame"), raw.get("layer")
    return OnAirState(
        stack=_optional(raw.get("stack"), str, "stack"),
        on_air=None if on_air is None else _entry(on_air),
        program=_optional(raw.get("program"), int, "program"),
        preview=_optional(raw.get("preview"), int, "preview"),
        cued=None if cued is None else _entry(cued),
        locked=bool(_optional(raw.get("locked", False), bool, "locked")),
        auto_advance=bool(
            _optional(raw.get("auto_advance", False), bool, "auto_advance")
        ),
        on_air_name=_optional(raw.get("on_air_name"), str, "on_air_name"),
        full_frame=None if full_frame is None else _entry(full_frame),
        layer=None if layer is None else _entry(layer),
    )


# -- writing ---------------------------------------------------------------------


def save_stacks(folder: Path, book: StackBook) -> None:
    """Replace the saved stacks with ``book``, atomically.

    Raises:
        OSError: the folder or file could not be written.
    """
    document = {
        "schema_version": SCHEMA_VERSION,
        "stacks": [asdict(stack) for stack in book.stacks],
    }
    write_json_atomically(folder / STACKS_FILE, document)


def save_on_air(folder: Path, state: OnAirState) -> None:
    """Replace the saved on-air state with ``state``, atomically.

    Raises:
        OSError: the folder or file could not be written.
    """
    write_json_atomically(folder / ON_AIR_FILE, _on_air_document(state))


def on_air_text(state: OnAirState) -> str:
    """``state`` as the JSON document the on-air file holds, for the database."""
    return json.dumps(_on_air_document(state), ensure_ascii=False)


def _on_air_document(state: OnAirState) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, **asdict(state)}


def write_json_atomically(path: Path, document: dict[str, Any]) -> None:
    """Write ``document`` to a temporary file beside ``path``, then rename it over.

    Raises:
        OSError: the write or the rename failed; the old file is untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    data = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
    try:
        with temporary.open("wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
