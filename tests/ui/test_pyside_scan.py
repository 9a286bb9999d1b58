"""PySide's per-import scan, quickened: the same answer as PySide's own."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from types import ModuleType

import electionboard.ui.window  # noqa: F401 - a board's worth of modules
from electionboard.ui.pyside_scan import quicken_feature_scan, uses_pyside


def _pyside_answer(module: ModuleType) -> bool:
    """What shibokensupport.feature._mod_uses_pyside answers (its own code)."""
    try:
        source = inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False
    return "PySide6" in source


def test_every_loaded_module_gets_the_answer_pyside_would_give() -> None:
    asked: list[str] = []

    def fallback(module: ModuleType) -> bool:
        asked.append(module.__name__)
        return _pyside_answer(module)

    modules = [m for m in list(sys.modules.values()) if isinstance(m, ModuleType)]
    assert len(modules) > 100
    for module in modules:
        assert uses_pyside(module, fallback) == _pyside_answer(module), module
    ours = [m for m in modules if m.__name__.startswith("electionboard.")]
    assert not {m.__name__ for m in ours} & set(asked)  # our files are read


def test_a_file_in_another_encoding_gets_pyside_s_own_answer(tmp_path: Path) -> None:
    path = tmp_path / "wide.py"
    path.write_text("# -*- coding: utf-16 -*-\nimport PySide6\n", encoding="utf-16")
    module = ModuleType("wide")
    module.__file__ = str(path)
    assert uses_pyside(module, lambda _: True)  # not found in the bytes: asked
    assert not uses_pyside(module, lambda _: False)


def test_it_is_installed_once_with_the_ui() -> None:
    feature = sys.modules["shibokensupport.feature"]
    assert getattr(feature._mod_uses_pyside, "quickened", False)
    assert not quicken_feature_scan()  # already in place
