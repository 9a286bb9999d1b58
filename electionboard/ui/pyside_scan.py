"""PySide's question to every module imported after it, answered by a file read.

Once PySide6 is loaded, shiboken replaces ``__import__`` and asks of each
module imported from then on whether its source mentions "PySide6", to know
which modules its ``from __feature__ import ...`` switches apply to
(``shibokensupport.feature._mod_uses_pyside``, PYSIDE-2029; napari#8584
calls it PySide's start-up tax). It asks through ``inspect.getsource``, which
tokenises and caches each module's lines: some 0.1 ms a module, 15-20 ms of
the board's start to first frame (``bench/startup_bench.py``, interleaved).

``quicken_feature_scan`` answers the same question by searching the module's
file: same answer for every ``.py`` file in UTF-8 (all of ours); anything
else (no source file, another encoding, a read error) still gets PySide's
own answer. This app uses no ``__feature__`` switch, so nothing else changes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

MARK = b"PySide6"
"""What PySide searches a module's source for."""


def uses_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    """Whether ``module``'s source names PySide6, as ``fallback`` would say."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return fallback(module)
    try:
        with open(path, "rb") as source:
            data = source.read()
    except OSError:
        return fallback(module)
    if MARK in data:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return fallback(module)  # UTF-16 and the like: PySide decodes it
    return False


def quicken_feature_scan() -> bool:
    """Put ``uses_pyside`` in PySide's place, if PySide is loaded and has one.

    Returns:
        True if installed now; False if PySide is not loaded, asks no such
        question (another version), or already asks this one.
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "quickened", False):
        return False

    def quick(module: ModuleType) -> bool:
        return uses_pyside(module, original)

    quick.quickened = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = quick  # type: ignore[attr-defined]
    return True
