"""The operator desk: precinct entry, race calls, the audit log, undo and redo."""
