"""Questions the desk asks the operator, behind small interfaces tests can answer.

Every confirmation goes through a ``Confirmer`` and every file choice through a
``FileChooser``, so tests answer them directly instead of driving modal loops.
All text is plain: race and candidate names come from feeds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


@dataclass(frozen=True, slots=True)
class Confirmation:
    """One yes-or-no question.

    Attributes:
        title: the dialog's title, a few words.
        text: the question with everything the operator needs to decide.
        accept: the label of the button that goes ahead ("Call the race").
        risky: go-ahead is not the default button (against the math, drops).
    """

    title: str
    text: str
    accept: str = "OK"
    risky: bool = False


Confirmer = Callable[[Confirmation], bool]
"""Asks a question; True to go ahead."""


def message_box_confirmer(parent: QWidget | None = None) -> Confirmer:
    """Ask with a modal QMessageBox whose default answer is the safe one."""

    def confirm(question: Confirmation) -> bool:
        box = QMessageBox(parent)
        box.setIcon(
            QMessageBox.Icon.Warning if question.risky else QMessageBox.Icon.Question
        )
        box.setWindowTitle(question.title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(question.text)
        go = box.addButton(question.accept, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel if question.risky else go)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is go

    return confirm


class FileChooser(Protocol):
    """Where to read an import from or write an export to; None if cancelled."""

    def open_csv(self, title: str) -> Path | None:
        """A CSV file to read."""
        ...

    def save_csv(self, title: str, suggested: str) -> Path | None:
        """A CSV file to write, ``suggested`` being the proposed name."""
        ...


class DialogFileChooser:
    """:class:`FileChooser` with Qt's file dialogs, starting in ``folder``."""

    _FILTER = "CSV files (*.csv);;All files (*)"

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        self.folder = folder
        self._parent = parent

    def open_csv(self, title: str) -> Path | None:
        """Ask for an existing CSV file."""
        name, _ = QFileDialog.getOpenFileName(
            self._parent, title, str(self.folder), self._FILTER
        )
        return self._remember(name)

    def save_csv(self, title: str, suggested: str) -> Path | None:
        """Ask where to write a CSV file."""
        name, _ = QFileDialog.getSaveFileName(
            self._parent, title, str(self.folder / suggested), self._FILTER
        )
        return self._remember(name)

    def _remember(self, name: str) -> Path | None:
        if not name:
            return None
        path = Path(name)
        self.folder = path.parent
        return path
