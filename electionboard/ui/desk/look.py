"""The desk's few semantic colours and label kinds, declared once.

Every label is plain text: the names in them come from feeds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

ERROR = "#c62828"
"""Messages at a field, and the problem list of a rejected import."""
MANUAL = "#b26a00"
"""The MANUAL badge of a race or precinct with desk figures."""
MUTED = "#6b7280"
"""Secondary facts: the merge rule, feed figures."""


def _label(parent: QWidget | None, colour: str | None, *, wrap: bool) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if colour is not None:
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        label.setPalette(palette)
    return label


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """An ordinary plain-text label."""
    label = _label(parent, None, wrap=False)
    label.setText(text)
    return label


def field_label(text: str, field: QWidget, parent: QWidget | None = None) -> QLabel:
    """A label for a field that may grow below (a picker's matches, a message).

    As tall as the field's first line, so the two read level when both are
    aligned to the top of their grid row.
    """
    label = plain_label(text, parent)
    label.setMinimumHeight(field.sizeHint().height())
    label.setBuddy(field)
    return label


def error_label(parent: QWidget | None = None) -> QLabel:
    """A message under a field; hidden while empty (see :func:`show_error`)."""
    label = _label(parent, ERROR, wrap=True)
    label.setObjectName("fieldError")
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    """Set an error label's text and show it, or hide it for ''."""
    label.setText(text)
    label.setVisible(bool(text))


def error_text(label: QLabel) -> str:
    """What an error label says, '' while hidden."""
    return "" if label.isHidden() else label.text()


def muted_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """Secondary, wrapped text."""
    label = _label(parent, MUTED, wrap=True)
    label.setText(text)
    return label


def badge_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A bold marker such as MANUAL; hidden until shown."""
    label = _label(parent, MANUAL, wrap=False)
    label.setText(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    label.hide()
    return label
