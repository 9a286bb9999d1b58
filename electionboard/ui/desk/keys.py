"""Ctrl+Z in a desk field: the field's own typing first, then the desk's actions.

A QLineEdit claims Ctrl+Z and Ctrl+Shift+Z even with nothing to undo, which
would leave the desk's undo unreachable while the cursor sits in a field. This
filter lets the field keep them only while it has typing of its own to undo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit


class UndoKeys(QObject):
    """Event filter for line edits; install with :meth:`watch`."""

    def watch(self, edit: QLineEdit) -> None:
        """Route ``edit``'s undo keys to the desk when it has nothing to undo."""
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt virtual
        """Qt: decline the shortcut override the line edit would claim."""
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(
            watched, QLineEdit
        ):
            return False
        assert isinstance(event, QKeyEvent)
        if event.matches(QKeySequence.StandardKey.Undo):
            own = watched.isUndoAvailable()
        elif event.matches(QKeySequence.StandardKey.Redo):
            own = watched.isRedoAvailable()
        else:
            return False
        if own:
            return False
        event.ignore()
        return True
