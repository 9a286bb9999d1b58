"""A child process standing in for a display board on the shared database.

Run as ``python -m tests.store.board_process [--entries]`` with the database
URL in ``ELECTIONBOARD_STORE`` (never on the command line, where other users
see it). It opens a ``PostgresDeskStore`` and its ``PgChangeListener``, prints
``ready`` once listening, then one JSON line per revision pushed:
``{"revision": N, "received": time.time()}``, plus ``"entries"`` (what the
board reads from the store on that push) with ``--entries``. It stops at end
of file on stdin, so a parent that dies takes its boards with it.

The receipt time is wall-clock ``time.time()``: the processes share one
machine's clock, and no monotonic clock is comparable across processes.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time

from electionboard.store import PostgresDeskStore

STORE_VARIABLE = "ELECTIONBOARD_STORE"


def _entries(store: PostgresDeskStore) -> dict[str, dict[str, object]]:
    """Entries in force as 'race/precinct' -> who, which action, the figures."""
    return {
        f"{race_id}/{precinct_id}": {
            "operator": entry.operator,
            "audit_id": entry.audit_id,
            "votes": dict(entry.votes),
        }
        for (race_id, precinct_id), entry in sorted(store.entries().items())
    }


def main(argv: list[str]) -> None:
    """Listen until stdin closes, printing each revision as it arrives."""
    read_entries = "--entries" in argv
    lock = threading.Lock()  # one JSON line at a time on stdout
    with PostgresDeskStore(os.environ[STORE_VARIABLE]) as store:

        def pushed(revision: int) -> None:
            line: dict[str, object] = {"revision": revision, "received": time.time()}
            if read_entries:
                line["entries"] = _entries(store)
            with lock:
                sys.stdout.write(json.dumps(line) + "\n")
                sys.stdout.flush()

        with store.change_listener(pushed) as listener:
            if not listener.listening.wait(30):
                raise SystemExit("board: the listener did not connect")
            with lock:
                sys.stdout.write("ready\n")
                sys.stdout.flush()
            sys.stdin.read()


if __name__ == "__main__":
    main(sys.argv[1:])
