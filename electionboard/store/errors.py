"""Errors the store raises besides the model's ``EntryRejected``."""

from __future__ import annotations


class StoreError(Exception):
    """The desk store could not do what was asked; the message says why."""


class ActionRefused(StoreError):
    """The action makes no sense now (nothing to undo, no call to retract)."""


class StoreBusy(StoreError):
    """Another instance held the write lock past the busy timeout; not saved."""


class SchemaTooNew(StoreError):
    """The data folder was written by a newer electionboard; never downgrade it."""
