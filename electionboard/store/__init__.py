"""Operator entries, desk calls and the audit log, kept in SQLite. No Qt here."""
