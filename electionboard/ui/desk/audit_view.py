"""The audit log on screen, newest last and following every change, and its export.

The log only ever grows, so the model inserts the new rows at the end instead
of resetting, and the table keeps the operator's scroll position and selection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from electionboard.presentation.desk_state import DeskView
from electionboard.presentation.desk_wording import (
    NameBook,
    kind_word,
    value_text,
)
from electionboard.presentation.text import plain
from electionboard.store import AuditRecord
from electionboard.ui.desk.look import muted_label
from electionboard.ui.desk.prompts import FileChooser
from electionboard.ui.desk.worker import DeskClient

COLUMNS = ("#", "Time", "Operator", "Action", "Race · precinct", "Before", "After")
_BEFORE, _AFTER = 5, 6
_VALUE_WIDTH = 260
"""Before and After are long; the tooltip shows them whole."""
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's AuditRecord."""

Index = QModelIndex | QPersistentModelIndex


class AuditModel(QAbstractTableModel):
    """Rows of the audit log, oldest first, with values in words."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[AuditRecord] = []
        self._names = NameBook()

    def set_records(self, records: Sequence[AuditRecord]) -> None:
        """Show ``records``; rows appended to the log are inserted, not reset."""
        old = self._records
        grows = len(records) >= len(old) and all(
            a.id == b.id for a, b in zip(old, records, strict=False)
        )
        if grows and len(records) == len(old):
            return
        if grows:
            self.beginInsertRows(QModelIndex(), len(old), len(records) - 1)
            self._records = list(records)
            self.endInsertRows()
            return
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def set_names(self, names: NameBook) -> None:
        """Word the rows with these names (after a feed snapshot renames)."""
        if names == self._names:
            return
        self._names = names
        if self._records:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._records) - 1, len(COLUMNS) - 1),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole],
            )

    def record(self, row: int) -> AuditRecord:
        """The record shown in ``row``."""
        return self._records[row]

    def rowCount(self, parent: Index | None = None) -> int:  # Qt virtual
        """Qt: one row per action; a table's cells have no children."""
        return 0 if parent is not None and parent.isValid() else len(self._records)

    def columnCount(self, parent: Index | None = None) -> int:  # Qt virtual
        """Qt: the fixed columns."""
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(  # Qt virtual
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        """Qt: column titles."""
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(  # Qt virtual
        self, index: Index, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Qt: the words of a cell; the full value as its tooltip."""
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (_BEFORE, _AFTER):
            text = self._text(record, column)
            # Our own first line keeps Qt from reading a name as rich text.
            return f"{COLUMNS[column]}:\n{text}" if text else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RECORD_ROLE:
            return record
        return None

    def _text(self, record: AuditRecord, column: int) -> str:
        names = self._names
        if column == 0:
            return str(record.id)
        if column == 1:
            return names.stamp(record.at)
        if column == 2:
            return plain(record.operator)
        if column == 3:
            action = kind_word(record.kind)
            if record.target_id is not None:
                action += f" of #{record.target_id}"
            elif record.note:
                action += f" ({plain(record.note)})"
            return action
        if column == 4:
            return names.subject(record.race_id, record.precinct_id)
        value = record.before if column == _BEFORE else record.after
        return value_text(value, record.race_id, names)


class AuditPanel(QWidget):
    """The log as a table, following new rows, with an Export button."""

    action_settled = Signal(str)

    def __init__(
        self, client: DeskClient, files: FileChooser, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._files = files
        self.model = AuditModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.count = muted_label("", self)
        self.export_button = QPushButton("Export CSV…", self)
        self.export_button.clicked.connect(self.export)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.model.rowsInserted.connect(self._follow)
        self.model.modelReset.connect(self._follow)

    def show_view(self, view: DeskView) -> None:
        """Show the log as of ``view``'s state."""
        self.model.set_names(view.names())
        if view.state is not None:
            at_end = self._at_end()
            self.model.set_records(view.state.log)
            if at_end:
                self.table.scrollToBottom()
        rows = self.model.rowCount()
        self.count.setText(f"{rows:,} action{'s' if rows != 1 else ''} in the log")

    def _at_end(self) -> bool:
        bar = self.table.verticalScrollBar()
        return bar.value() >= bar.maximum()

    def _follow(self) -> None:
        for column in range(_BEFORE):
            self.table.resizeColumnToContents(column)
        self.table.setColumnWidth(_BEFORE, _VALUE_WIDTH)

    def export(self) -> None:
        """Ask where, then write the log as CSV on the desk thread."""
        today = dt.date.today().isoformat()
        path = self._files.save_csv("Export the audit log", f"audit-{today}.csv")
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write the whole log to ``path`` (off the GUI thread)."""

        def done(count: int) -> None:
            self.action_settled.emit(f"Wrote {count:,} actions to {path}")

        def failed(error: Exception) -> None:
            self.action_settled.emit(f"Audit export failed: {error}")

        self._client.submit(lambda store: store.export_audit_csv(path), done, failed)
