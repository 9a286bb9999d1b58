"""A field that picks a race or precinct from part of its name, keyboard first.

Typing filters a short list under the field; Tab or Enter takes the one match,
an exact name or id, or the row chosen with the arrow keys. The list is part of
the panel rather than a popup window, so it behaves the same on a second screen
and offscreen, and it never steals the keyboard.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from electionboard.presentation.text import plain
from electionboard.ui.desk.look import error_label, error_text, show_error

Option = tuple[str, str]
"""(id, name) of one choice."""

_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
_VISIBLE_ROWS = 6


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def resolve_pick(
    text: str, options: Sequence[Option], kind: str
) -> tuple[str | None, str]:
    """The option ``text`` names, or None and why not ('' for empty text).

    An exact id wins, then an exact name, then the only name or id containing
    the text; several matches are never guessed between.
    """
    wanted = _key(text)
    if not wanted:
        return None, ""
    for option_id, _ in options:
        if option_id.casefold() == wanted:
            return option_id, ""
    exact = [i for i, name in options if _key(name) == wanted]
    if len(exact) == 1:
        return exact[0], ""
    if exact:
        return None, f"{len(exact)} {kind}s have this name: pick one with Down"
    found = [i for i, name in options if wanted in _key(name) or wanted in i.casefold()]
    if len(found) == 1:
        return found[0], ""
    if not found:
        return None, f"no {kind} matches {plain(text)!r}"
    return None, f"{len(found)} {kind}s match: type more, or pick one with Down"


class Picker(QWidget):
    """A line edit with a filtered list of matches under it and its own error."""

    picked = Signal(str)  # the id picked, or "" when the pick was cleared
    committed = Signal()  # Enter with a good pick: the panel moves on

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._options: list[Option] = []
        self._names: dict[str, str] = {}
        self._current: str | None = None
        self._navigated = False

        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(f"Type part of the {kind}'s name or id")
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self._model = QStandardItemModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)
        self._proxy.setFilterRole(_SEARCH_ROLE)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.matches = QListView(self)
        self.matches.setModel(self._proxy)
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matches.setUniformItemSizes(True)
        self.matches.hide()
        self.error = error_label(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.matches)
        layout.addWidget(self.error)
        self.setFocusProxy(self.edit)

        self.edit.textEdited.connect(self._on_edited)
        self.edit.editingFinished.connect(self.commit)
        self.edit.returnPressed.connect(self._on_return)
        self.matches.clicked.connect(self._on_clicked)

    # -- state -----------------------------------------------------------------

    def current(self) -> str | None:
        """The id picked, or None."""
        return self._current

    def problem(self) -> str:
        """The message shown under the field, '' when none."""
        return error_text(self.error)

    def set_problem(self, text: str) -> None:
        """Show ``text`` under the field, or hide the message for ''."""
        show_error(self.error, text)

    def set_options(self, options: Sequence[Option]) -> None:
        """Offer ``options``; the pick stays if it is still among them."""
        options = list(options)
        if options == self._options:
            return
        self._options = options
        self._names = dict(options)
        self._model.clear()
        for option_id, name in options:
            label = plain(name)
            shown = label if label == option_id else f"{label}  ({plain(option_id)})"
            item = QStandardItem(shown)
            item.setData(option_id, _ID_ROLE)
            item.setData(f"{label}\n{option_id}", _SEARCH_ROLE)
            item.setEditable(False)
            self._model.appendRow(item)
        if self._current is not None and self._current not in self._names:
            self._set_current(None)

    def set_current(self, option_id: str | None) -> None:
        """Pick ``option_id`` (or clear the pick) as if the operator had."""
        if option_id is not None and option_id not in self._names:
            option_id = None
        self.edit.setText("" if option_id is None else plain(self._names[option_id]))
        self.matches.hide()
        self.set_problem("")
        self._set_current(option_id)

    def _set_current(self, option_id: str | None) -> None:
        if option_id == self._current:
            return
        self._current = option_id
        self.picked.emit(option_id or "")

    # -- typing ------------------------------------------------------------------

    def commit(self) -> None:
        """Take what the text names, or say why it names nothing."""
        text = self.edit.text()
        if self._current is not None and text == plain(self._names[self._current]):
            self.matches.hide()
            return
        chosen = self._highlighted() if self._navigated else None
        if chosen is None:
            chosen, problem = resolve_pick(text, self._options, self.kind)
        else:
            problem = ""
        if chosen is None:
            self.set_problem(problem)
            self._set_current(None)
            return
        self.set_current(chosen)

    def _on_return(self) -> None:
        self.commit()
        if self._current is not None:
            self.committed.emit()

    def _on_edited(self, text: str) -> None:
        self._navigated = False
        self.set_problem("")
        self._proxy.setFilterFixedString(" ".join(text.split()))
        self.matches.setVisible(bool(text.strip()) and self._proxy.rowCount() > 0)
        self._fit_list()
        self.matches.setCurrentIndex(QModelIndex())
        self._set_current(None)

    def _on_clicked(self, index: QModelIndex | QPersistentModelIndex) -> None:
        option_id = index.data(_ID_ROLE)
        if isinstance(option_id, str):
            self.set_current(option_id)
            self.edit.setFocus(Qt.FocusReason.MouseFocusReason)

    def _highlighted(self) -> str | None:
        index = self.matches.currentIndex()
        if self.matches.isHidden() or not index.isValid():
            return None
        option_id = index.data(_ID_ROLE)
        return option_id if isinstance(option_id, str) else None

    def _fit_list(self) -> None:
        rows = min(_VISIBLE_ROWS, max(1, self._proxy.rowCount()))
        height = self.matches.sizeHintForRow(0) if self._proxy.rowCount() else 20
        frame = 2 * self.matches.frameWidth()
        self.matches.setFixedHeight(rows * max(height, 1) + frame)

    def _step(self, delta: int) -> None:
        if self.matches.isHidden():
            self._proxy.setFilterFixedString(" ".join(self.edit.text().split()))
            if self._proxy.rowCount() == 0:
                return
            self.matches.show()
            self._fit_list()
        count = self._proxy.rowCount()
        if count == 0:
            return
        row = self.matches.currentIndex().row()
        row = 0 if row < 0 else min(count - 1, max(0, row + delta))
        self.matches.setCurrentIndex(self._proxy.index(row, 0))
        self._navigated = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt virtual
        """Qt: Up and Down walk the matches, Escape hides them."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key == Qt.Key.Key_Escape and not self.matches.isHidden():
                self.matches.hide()
                self._navigated = False
                return True
        return super().eventFilter(watched, event)
