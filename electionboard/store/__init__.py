"""Operator entries, desk calls and the audit log, in SQLite or PostgreSQL. No Qt."""

from typing import TYPE_CHECKING

from electionboard.model.overlay import DropNotConfirmed, EntryRejected
from electionboard.store.errors import (
    ActionRefused,
    BatchConflict,
    BatchRejected,
    CallConflict,
    EntryConflict,
    NotPermitted,
    SchemaTooNew,
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreUnreachable,
)
from electionboard.store.history import Stacks, next_step, replay, stacks
from electionboard.store.open import open_store
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

if TYPE_CHECKING:
    from electionboard.store.pg_listener import PgChangeListener
    from electionboard.store.pg_store import PostgresDeskStore


def __getattr__(name: str) -> object:
    """The PostgreSQL classes, imported on first use: psycopg takes ~0.13 s to
    load, which a station on the embedded SQLite store should not pay."""
    if name == "PostgresDeskStore":
        from electionboard.store.pg_store import PostgresDeskStore

        return PostgresDeskStore
    if name == "PgChangeListener":
        from electionboard.store.pg_listener import PgChangeListener

        return PgChangeListener
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DB_NAME",
    "SCHEMA_VERSION",
    "ActionKind",
    "ActionRefused",
    "AuditRecord",
    "BatchConflict",
    "BatchRejected",
    "CallConflict",
    "DeskStore",
    "DropNotConfirmed",
    "EntryConflict",
    "EntryRejected",
    "EntryRow",
    "ManualEntry",
    "NotPermitted",
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
