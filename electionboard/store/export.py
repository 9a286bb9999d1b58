"""The audit log as CSV, for the desk's records after the night.

Written through ``SafeCsvWriter``, so a formula in a note or a feed's race id
opens in a spreadsheet as text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from electionboard.store.csv_cells import SafeCsvWriter
from electionboard.store.records import AuditRecord

HEADER = (
    "id",
    "at",
    "operator",
    "kind",
    "race_id",
    "precinct_id",
    "before",
    "after",
    "note",
    "target_id",
    "batch",
)


def write_audit_csv(records: Iterable[AuditRecord], path: Path) -> int:
    """Write ``records`` to ``path`` whole or not at all; the row count back.

    The file is written beside the target and renamed over it, so a reader
    never sees half an export.
    """
    partial = path.with_name(path.name + ".partial")
    count = 0
    try:
        with partial.open("w", newline="", encoding="utf-8") as stream:
            writer = SafeCsvWriter(stream)
            writer.writerow(HEADER)
            for record in records:
                writer.writerow(
                    (
                        record.id,
                        record.at.isoformat(),
                        record.operator,
                        record.kind.value,
                        record.race_id,
                        record.precinct_id or "",
                        record.before or "",
                        record.after or "",
                        record.note,
                        "" if record.target_id is None else record.target_id,
                        "" if record.batch is None else record.batch,
                    )
                )
                count += 1
            stream.flush()
            os.fsync(stream.fileno())
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return count
