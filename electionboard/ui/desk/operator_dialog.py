"""Who is at the desk: asked once at start-up unless ``--operator`` names them.

The name signs every action in the audit log and every call on the board, and
keys the operator's undo history, so it cannot be empty. Started without a
feed (``make run``), the dialog also says that the night is a rehearsal replay.
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from electionboard.ui.desk.look import muted_label, plain_label


def default_operator() -> str:
    """The login name, as a starting suggestion; '' if the system has none."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id
        return ""


PURPOSE = (
    "Your name signs every entry and call you make at this desk. It is written "
    "into the audit log, the record of who did what tonight, and undo reverses "
    "only your own actions."
)
REHEARSAL = (
    "Rehearsal: no feed was named, so the board replays the bundled June 7, 2022 "
    "Los Angeles mayoral primary night in about two minutes, marked TEST DATA, "
    "then holds on the certified result. Practise freely: nothing here reaches a "
    "live feed, but your entries and calls are kept in this data folder's audit "
    "log like any others. For a real night, start with the feed's address: "
    "electionboard URL."
)


class OperatorDialog(QDialog):
    """A name field and OK, which stays disabled while the name is blank.

    ``rehearsal`` says that the board replays the bundled sample night.
    """

    def __init__(
        self,
        suggested: str = "",
        parent: QWidget | None = None,
        *,
        rehearsal: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            "Operator desk · rehearsal" if rehearsal else "Operator desk"
        )
        self.name = QLineEdit(suggested, self)
        self.name.setPlaceholderText("Your name")
        self.name.selectAll()
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Who is at this desk?", self))
        layout.addWidget(self.name)
        self.purpose = muted_label(PURPOSE, self)
        self.purpose.setWordWrap(True)
        layout.addWidget(self.purpose)
        self.rehearsal = plain_label(REHEARSAL if rehearsal else "", self)
        self.rehearsal.setWordWrap(True)
        self.rehearsal.setVisible(rehearsal)
        layout.addWidget(self.rehearsal)
        layout.addWidget(self._buttons)
        self.setMinimumWidth(440)
        self.name.textChanged.connect(self._update_ok)
        self._update_ok()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_ok(self) -> None:
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(bool(self.operator()))

    def operator(self) -> str:
        """The name typed, without surrounding spaces."""
        return self.name.text().strip()


def ask_operator(
    suggested: str = "", parent: QWidget | None = None, *, rehearsal: bool = False
) -> str | None:
    """Ask for the operator's name; None if the dialog was cancelled."""
    dialog = OperatorDialog(
        suggested or default_operator(), parent, rehearsal=rehearsal
    )
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    name = dialog.operator()
    dialog.deleteLater()
    return name if accepted and name else None
