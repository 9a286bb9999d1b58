"""Dataclass methods compiled once and kept across starts, as bytecode is.

Every ``@dataclass`` writes its ``__init__``, ``__repr__``, ``__eq__`` and the
rest as source text and compiles it when its class is made: about a millisecond
a class, so 50-odd model, settings and board classes cost the board's first frame
70-100 ms on the project's 2-core machine, compiling the same text as last time.
``install`` lets the ``dataclasses`` module find that text's code object in a
cache beside the package's bytecode instead; ``save`` writes what was compiled.

The cache holds only code objects that ``exec`` would have compiled from that
very text (same file name, no inherited ``__future__`` flags), keyed by the
text, so a class made from it is the class made without it. It follows the
interpreter's own rules for bytecode: nothing is read or written when
``sys.dont_write_bytecode`` is set at ``install`` (nor in a frozen app), it lives under
``sys.pycache_prefix`` when one is set, its name carries the interpreter's cache
tag, and a file that cannot be read or written is passed over.
"""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import os
import sys
from pathlib import Path
from types import CodeType
from typing import Any

_FILE_NAME = "<string>"
"""What ``exec`` of a string names its code's file: the same, so tracebacks are."""

_MOST_KEPT = 5000
"""More methods than the app has many times over: past this, a save keeps only
those this run used, so the texts of classes long changed do not pile up."""

_cache: dict[str, bytes] | None = None
"""Each method's text and its code, marshalled: a code object is made only for
the classes a run makes (reading them all up front cost as much as compiling)."""
_used: set[str] = set()
_added = 0
_path: Path | None = None


def cache_path() -> Path | None:
    """Where the cache is kept, as a package's bytecode would be; None if nowhere."""
    tag: str | None = sys.implementation.cache_tag
    if tag is None:  # an interpreter that keeps no bytecode
        return None
    name = f"dataclass_methods.{tag}.marshal"
    package = Path(__file__).resolve().parent
    prefix = sys.pycache_prefix
    if prefix:
        # As importlib places bytecode under the prefix: the source folder's
        # path without its anchor.
        return Path(prefix, *package.parts[1:]) / name
    return package / "__pycache__" / name


def _load(path: Path) -> dict[str, bytes]:
    try:
        with path.open("rb") as file:
            loaded = marshal.load(file)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {
        text: code
        for text, code in loaded.items()
        if isinstance(text, str) and isinstance(code, bytes)
    }


def _code(marshalled: bytes) -> CodeType | None:
    try:
        code = marshal.loads(marshalled)
    except (EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def _cached_exec(
    source: Any, globals: dict[str, Any] | None = None, locals: Any = None
) -> None:
    """``exec`` for the ``dataclasses`` module, compiling each text once."""
    global _added
    if _cache is not None and isinstance(source, str):
        marshalled = _cache.get(source)
        code = _code(marshalled) if marshalled is not None else None
        if code is None:
            # dont_inherit: this module's ``__future__`` imports must not change
            # what the dataclasses module's own ``exec`` would compile.
            code = compile(source, _FILE_NAME, "exec", dont_inherit=True)
            _cache[source] = marshal.dumps(code)
            _added += 1
        _used.add(source)
        source = code
    builtins.exec(source, globals, locals)


def install() -> bool:
    """Have ``dataclasses`` reuse cached methods; False when bytecode is off.

    Call before the classes are made (at the start of the command line).
    """
    global _cache, _path
    if _cache is not None:
        return True
    if sys.dont_write_bytecode or getattr(sys, "frozen", False):
        return False  # a frozen app's package folder may be a new one each start
    _path = cache_path()
    if _path is None:
        return False
    _cache = _load(_path)
    dataclasses.exec = _cached_exec  # type: ignore[attr-defined]
    return True


def save() -> bool:
    """Write the cache if classes were compiled since it was read; True if written."""
    global _added
    if _cache is None or _path is None or not _added:
        return False
    import tempfile  # only when there is something to write: not every start

    kept = _cache
    if len(kept) > _MOST_KEPT:
        kept = {text: code for text, code in kept.items() if text in _used}
    try:
        _path.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(dir=_path.parent, prefix=".dataclass-")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as file:
            marshal.dump(kept, file)
        os.chmod(scratch, 0o644)  # readable as bytecode is; mkstemp makes it 0600
        os.replace(scratch, _path)  # whole, even with another start writing too
    except OSError:
        Path(scratch).unlink(missing_ok=True)
        return False
    _added = 0
    return True


def uninstall() -> None:
    """Make classes the plain way again (for tests)."""
    global _cache, _path, _added
    if getattr(dataclasses, "exec", None) is _cached_exec:
        del dataclasses.exec  # type: ignore[attr-defined]
    _cache, _path, _added = None, None, 0
    _used.clear()


__all__ = ["cache_path", "install", "save", "uninstall"]
