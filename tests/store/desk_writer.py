"""A child process for the kill and two-instance tests: random desk actions.

Prints ``ready`` once the store is open, then each action's audit id only after
the store has returned it, that is after its transaction committed. Run as
``python -m tests.store.desk_writer STORE OPERATOR SEED [COUNT [BURST]]``
(STORE a data folder or a ``postgresql://`` URL);
with a COUNT it waits for a line on stdin before each BURST of actions (all
COUNT by default), pauses up to 2 ms between actions (as operators do, and so a
writer waiting on SQLite's busy handler gets its turn) and stops after COUNT
actions; without one it runs flat out until killed. Bursts let a test release
two writers together again and again, so their interleaving does not hang on
how the machine happens to schedule them.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from electionboard.model import CallOutcome, Election
from electionboard.store import (
    ActionRefused,
    DeskStore,
    StoreUnreachable,
    open_store,
)
from tests.store.desk import desk_election

PRECINCTS = (("mayor", "p1", 2000), ("mayor", "p2", 500), ("mayor", "p3", 5000))


def _act(store: DeskStore, election: Election, who: str, rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.45:
        race_id, precinct_id, registered = rng.choice(PRECINCTS)
        votes = {c: rng.randrange(registered // 3) for c in ("a", "b", "c")}
        note = f"call {rng.randrange(1000)}"
        row = store.record_entry(
            who,
            race_id,
            precinct_id,
            votes,
            election=election,
            note=note,
            confirm_drop=True,
        )
    elif roll < 0.55:
        row = store.release_entry(who, "mayor", rng.choice(PRECINCTS)[1])
    elif roll < 0.65:
        ids = rng.sample(["a", "b", "c"], rng.randint(1, 2))
        row = store.call_race(who, "mayor", CallOutcome.ADVANCE, ids, election=election)
    elif roll < 0.7:
        row = store.mark_too_close(who, "mayor", election=election)
    elif roll < 0.75:
        row = store.retract_call(who, "mayor")
    elif roll < 0.9:
        row = store.undo(who)
    else:
        row = store.redo(who)
    return row.id


def _open(location: str) -> DeskStore:
    """Open the store, waiting out a database server that is restarting."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return open_store(
                location if "://" in location else Path(location), timeout=2
            )
        except StoreUnreachable:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def main(argv: list[str]) -> None:
    """Open the store, say so, then act and report each committed id."""
    location, who, seed = argv[0], argv[1], int(argv[2])
    count = int(argv[3]) if len(argv) > 3 else None
    burst = int(argv[4]) if len(argv) > 4 else count
    rng = random.Random(seed)
    election = desk_election()
    store = _open(location)
    try:
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        done = 0
        released = 0
        while count is None or done < count:
            if burst is not None and released == done:
                sys.stdin.readline()
                released += burst
            try:
                audit_id = _act(store, election, who, rng)
            except (ActionRefused, StoreUnreachable):
                continue  # not saved, so not reported; the server may be back
            sys.stdout.write(f"{audit_id}\n")
            sys.stdout.flush()
            done += 1
            if count is not None:
                time.sleep(rng.uniform(0, 0.002))
    finally:
        store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
