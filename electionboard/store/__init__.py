"""Operator entries, desk calls and the audit log, in SQLite or PostgreSQL. No Qt."""

from electionboard.model.overlay import DropNotConfirmed, EntryRejected
from electionboard.store.errors import (
    ActionRefused,
    BatchRejected,
    SchemaTooNew,
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreUnreachable,
)
from electionboard.store.history import Stacks, next_step, replay, stacks
from electionboard.store.open import open_store
from electionboard.store.pg_listener import PgChangeListener
from electionboard.store.pg_store import PostgresDeskStore
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
from electionboard.store.urls import redacted

__all__ = [
    "DB_NAME",
    "SCHEMA_VERSION",
    "ActionKind",
    "ActionRefused",
    "AuditRecord",
    "BatchRejected",
    "DeskStore",
    "DropNotConfirmed",
    "EntryRejected",
    "EntryRow",
    "ManualEntry",
    "PgChangeListener",
    "PostgresDeskStore",
    "SchemaTooNew",
    "SqliteDeskStore",
    "Stacks",
    "StoreBusy",
    "StoreDamaged",
    "StoreError",
    "StoreUnreachable",
    "Subject",
    "next_step",
    "open_store",
    "redacted",
    "replay",
    "stacks",
]
