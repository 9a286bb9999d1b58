"""A child process for the batch kill test: imports, undoes and redoes flat out.

Prints ``ready`` once the store is open, then the last audit id of each batch
only after the store returned it. Run as
``python -m tests.store.batch_writer DATA_DIR SEED`` until killed.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

from electionboard.store import ActionRefused, EntryRow, SqliteDeskStore
from tests.store.desk import ROOT, desk_election

BATCH_SIZE = 3
PRECINCTS = (("p1", 2000), ("p2", 500), ("p3", 5000))


def spawn_batch_writer(data_dir: Path, seed: int) -> subprocess.Popen[str]:
    """Start this module in a fresh interpreter; use it in ``with``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.batch_writer", str(data_dir), str(seed)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def main(argv: list[str]) -> None:
    """Open the store, say so, then write batches and report each committed one."""
    data_dir, rng = Path(argv[0]), random.Random(int(argv[1]))
    election = desk_election()
    with SqliteDeskStore(data_dir) as store:
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        while True:
            roll = rng.random()
            try:
                if roll < 0.6:
                    rows = [
                        EntryRow(
                            "mayor",
                            precinct,
                            {c: rng.randrange(registered // 3) for c in "abc"},
                        )
                        for precinct, registered in PRECINCTS
                    ]
                    last = store.record_entries(
                        "Ann", rows, election=election, confirm_drop=True
                    )[-1]
                elif roll < 0.8:
                    last = store.undo("Ann")
                else:
                    last = store.redo("Ann")
            except ActionRefused:
                continue
            sys.stdout.write(f"{last.id}\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
