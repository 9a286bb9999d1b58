"""Typed calls into pytest-qt's QtBot, whose key and mouse helpers are untyped.

mypy's strict mode refuses untyped calls in typed code; rather than silence
that file by file, the few QtBot helpers the suite uses are typed here once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

if TYPE_CHECKING:  # importing it needs pytest-qt's Qt API, set only once tests run
    from pytestqt.modeltest import ModelTester

_NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def _bot(qtbot: QtBot) -> Any:
    """The bot as Any: its helpers are untyped, so they are called through this."""
    return qtbot


def key_click(
    qtbot: QtBot,
    widget: QWidget,
    key: Qt.Key | str,
    modifier: Qt.KeyboardModifier = _NO_MODIFIER,
) -> None:
    """Press and release ``key`` on ``widget``."""
    _bot(qtbot).keyClick(widget, key, modifier)


def key_clicks(
    qtbot: QtBot,
    widget: QWidget,
    text: str,
    modifier: Qt.KeyboardModifier = _NO_MODIFIER,
) -> None:
    """Type ``text`` into ``widget``, one key at a time."""
    _bot(qtbot).keyClicks(widget, text, modifier)


def mouse_click(
    qtbot: QtBot,
    widget: QWidget,
    button: Qt.MouseButton = Qt.MouseButton.LeftButton,
    modifier: Qt.KeyboardModifier = _NO_MODIFIER,
    pos: QPoint | None = None,
) -> None:
    """Click ``button`` on ``widget`` (at ``pos``, else its centre)."""
    if pos is None:
        _bot(qtbot).mouseClick(widget, button, modifier)
    else:
        _bot(qtbot).mouseClick(widget, button, modifier, pos)


def check_model(tester: ModelTester, model: QAbstractItemModel) -> None:
    """Run pytest-qt's model checks on ``model`` in pure Python (no Qt tester)."""
    checker: Any = tester
    checker.check(model, force_py=True)
