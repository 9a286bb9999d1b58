"""Operator entries, desk calls and the audit log, kept in SQLite. No Qt here."""

from electionboard.model.overlay import DropNotConfirmed, EntryRejected
from electionboard.store.errors import (
    ActionRefused,
    BatchRejected,
    CallConflict,
    EntryConflict,
    SchemaTooNew,
    StoreBusy,
    StoreDamaged,
    StoreError,
)
from electionboard.store.history import Stacks, next_step, replay, stacks
from electionboard.store.protocol import DeskStore
from electionboard.store.records import (
    ActionKind,
    AuditRecord,
    EntryRow,
    ManualEntry,
    Subject,
)
from electionboard.store.schema import SCHEMA_VERSION
from electionboard.store.sqlite_store import DB_NAME, SqliteDeskStore

__all__ = [
    "DB_NAME",
    "SCHEMA_VERSION",
    "ActionKind",
    "ActionRefused",
    "AuditRecord",
    "BatchRejected",
    "CallConflict",
    "DeskStore",
    "DropNotConfirmed",
    "EntryConflict",
    "EntryRejected",
    "EntryRow",
    "ManualEntry",
    "SchemaTooNew",
    "SqliteDeskStore",
    "Stacks",
    "StoreBusy",
    "StoreDamaged",
    "StoreError",
    "Subject",
    "next_step",
    "replay",
    "stacks",
]
