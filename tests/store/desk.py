"""Desk test helpers: a small election, comparable state, writer processes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from electionboard.model import Candidate, Election, Precinct, Race, Rule
from electionboard.store import DeskStore, Subject, replay

UPDATED = dt.datetime(2022, 6, 8, 3, 0, tzinfo=dt.UTC)


def desk_election() -> Election:
    """Mayor (top two, three precincts), a measure, and a totals-only race."""
    mayor = Race(
        id="mayor",
        name="Mayor",
        rule=Rule(advance=2),
        candidates=(Candidate("a", "Ana"), Candidate("b", "Bo"), Candidate("c", "Cy")),
        precincts=(
            Precinct("p1", "Precinct 1", True, (700, 434, 100), 2000),
            Precinct("p2", "Precinct 2", False, (0, 0, 0), 500),
            Precinct("p3", "Precinct 3", False, (0, 0, 0)),
        ),
    )
    measure = Race(
        id="measure",
        name="Measure M",
        rule=Rule(advance=1),
        candidates=(Candidate("yes", "Yes"), Candidate("no", "No")),
        precincts=(Precinct("q1", "Precinct 1", False, (0, 0), 800),),
    )
    council = Race(
        id="council",
        name="Council",
        rule=Rule(advance=1),
        candidates=(Candidate("x", "Xi"), Candidate("y", "Yu")),
        totals=(10, 20),
    )
    return Election(
        id="e",
        name="Test night",
        date=dt.date(2022, 6, 7),
        updated=UPDATED,
        races=(mayor, measure, council),
    )


def night() -> Election:
    """The store tests' election plus a sheriff's race the math has settled."""
    base = desk_election()
    sheriff = Race(
        id="sheriff",
        name="Sheriff",
        rule=Rule(advance=1),
        candidates=(Candidate("dee", "Dee"), Candidate("eve", "Eve")),
        precincts=(Precinct("s1", "Harbor", True, (600, 300), 1000),),
        remaining_ballots=40,
    )
    return dataclasses.replace(base, races=(*base.races, sheriff))


def state_of(store: DeskStore) -> dict[Subject, object]:
    """Entries and calls in force, as the JSON objects the audit log holds."""
    state: dict[Subject, object] = {}
    for (race_id, precinct_id), entry in store.entries().items():
        state[(race_id, precinct_id)] = {"votes": dict(entry.votes), "note": entry.note}
    for race_id, call in store.calls().items():
        state[(race_id, None)] = {
            "outcome": call.outcome.value,
            "candidate_ids": list(call.candidate_ids),
        }
    return state


def replayed(store: DeskStore) -> dict[Subject, object]:
    """The state rebuilt from the audit log alone, in the same form."""
    return {key: json.loads(value) for key, value in replay(store.audit_log()).items()}


class Clock:
    """A clock that ticks one second per reading, so audit times are known."""

    def __init__(self, start: dt.datetime = UPDATED) -> None:
        self._times: Iterator[dt.datetime] = (
            start + dt.timedelta(seconds=n) for n in range(1_000_000)
        )

    def __call__(self) -> dt.datetime:
        return next(self._times)


ROOT = Path(__file__).resolve().parents[2]


def spawn_writer(
    data_dir: Path | str,
    operator: str,
    seed: int,
    count: int | None = None,
    burst: int | None = None,
) -> subprocess.Popen[str]:
    """Start ``tests.store.desk_writer`` in a fresh interpreter; use it in ``with``.

    ``data_dir`` is a data folder, or a ``postgresql://`` URL for the shared store.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [str(data_dir), operator, str(seed)]
    if count is not None:
        args.append(str(count))
    if burst is not None:
        args.append(str(burst))
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.desk_writer", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def reported_ids(output: str) -> list[int]:
    """The ids a writer confirmed: complete lines only, ``ready`` skipped."""
    return [int(line) for line in output.split("\n")[:-1] if line != "ready"]
