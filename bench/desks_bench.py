"""The newsroom bench: many desks and boards, each a process, on one PostgreSQL.

Starts a throwaway server (``tests/pgserver.py``, imported: the bench runs from
a checkout), N board processes (``tests.store.board_process``, each a
``PgChangeListener`` stamping every revision pushed) and D desk processes (this
file with ``--desk-process``), each entering R precinct figures a second for
S seconds. Prints one JSON report: actions attempted, saved and lost (every id
a desk was told was saved must be in the audit log as that desk's action),
commit-to-board latency per board, the rate sustained, and what it leaves out.

Run with ``make desks-bench`` (60 s); never a test, and CI never runs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.pgserver, tests.store.board_process

from electionboard.model import Candidate, Election, Precinct, Race, Rule  # noqa: E402
from electionboard.store import EntryRejected, PostgresDeskStore, StoreError  # noqa: E402
from tests.pgserver import DATABASE, start_server  # noqa: E402

STORE_VARIABLE = "ELECTIONBOARD_STORE"
"""How each child gets the URL: never on a command line other users can read."""
PRECINCTS_PER_DESK = 50
RACE = "council"
LEAVES_OUT = [
    "times are time.time() on one machine (no monotonic clock is shared "
    "across processes); a board on another machine adds the network and "
    "clock skew",
    "the commit happens between the desk sending record_entry and its "
    "return, so latency is bracketed: from_saved (from the return; a push "
    "that beats the desk's own return shows negative) is a lower bound, "
    "from_sent (from the call) an upper bound",
    "the board's listener receiving the revision is the end point: its "
    "reading of the state and drawing are not included",
    "only precinct entries, each desk on its own precincts: no calls, undo, "
    "conflicts or server faults (tests/store/test_pg_durability.py kills those)",
    "one server on loopback with fsync off, as the tests run it",
]


def bench_election(desks: int) -> Election:
    """One race with a block of precincts per desk, as a newsroom assigns them."""
    precincts = tuple(
        Precinct(_precinct(desk, n), f"Desk {desk} precinct {n}", False, (0, 0))
        for desk in range(desks)
        for n in range(PRECINCTS_PER_DESK)
    )
    race = Race(
        id=RACE,
        name="Council",
        rule=Rule(advance=1),
        candidates=(Candidate("a", "Ana"), Candidate("b", "Bo")),
        precincts=precincts,
    )
    return Election(
        id="bench",
        name="Bench night",
        date=dt.date(2026, 11, 3),
        updated=dt.datetime(2026, 11, 4, 3, 0, tzinfo=dt.UTC),
        races=(race,),
    )


def _precinct(desk: int, n: int) -> str:
    return f"d{desk}-p{n}"


def run_desk(index: int, desks: int, seconds: float, rate: float) -> None:
    """One desk: ``rate`` entries a second on a fixed schedule; JSON at the end.

    Each saved action is ``[audit id, started, saved]`` in ``time.time()``;
    ``saved`` is taken when ``record_entry`` returned, after its commit.
    """
    election = bench_election(desks)
    operator = f"desk{index}"
    saved: list[list[float]] = []
    failures: list[str] = []
    attempted = 0
    with PostgresDeskStore(os.environ[STORE_VARIABLE]) as store:
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        sys.stdin.readline()  # all desks start together
        start = time.monotonic()
        count = int(seconds * rate)
        for k in range(count):
            delay = start + k / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            attempted += 1
            votes = {"a": k + 1, "b": k}  # totals rise, so no drop check
            began = time.time()
            try:
                record = store.record_entry(
                    operator,
                    RACE,
                    _precinct(index, k % PRECINCTS_PER_DESK),
                    votes,
                    election=election,
                )
            except (StoreError, EntryRejected) as error:
                failures.append(str(error))
                continue
            saved.append([record.id, began, time.time()])
    report = {
        "operator": operator,
        "attempted": attempted,
        "saved": saved,
        "failures": failures[:5],
        "failed": len(failures),
    }
    sys.stdout.write(json.dumps(report) + "\n")


def _percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of sorted ``values``."""
    rank = max(0, min(len(values) - 1, round(share * len(values) + 0.5) - 1))
    return values[rank]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _spawn(args: list[str], url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), STORE_VARIABLE: url}
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


class _Drain:
    """Reads a board's lines as they come: a full pipe would stall its listener."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def finish(self) -> str:
        """Close the board's stdin (it stops) and return all it printed."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(30)
        self._thread.join(30)
        return "".join(self.lines)


def _wait_ready(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    while line.startswith("{"):  # a board's initial revision may come first
        line = process.stdout.readline().strip()
    if line != "ready":
        raise SystemExit(f"a bench process did not start: {line!r}")


def _spread(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    if not ordered:
        return {}
    return {
        "min": _ms(ordered[0]),
        "p50": _ms(_percentile(ordered, 0.50)),
        "p99": _ms(_percentile(ordered, 0.99)),
        "max": _ms(ordered[-1]),
    }


def _shown_at(received: dict[int, float]) -> dict[int, float]:
    """When a board first knew each revision: its own push or any later one.

    A listener that reconnects reports only the latest revision, and a board
    reads the whole state on a push, so revision 7 shows 5 and 6 too.
    """
    shown: dict[int, float] = {}
    earliest = float("inf")
    revisions = sorted(received, reverse=True)
    for upper, lower in zip(revisions, [*revisions[1:], 0], strict=True):
        earliest = min(earliest, received[upper])
        for revision in range(lower + 1, upper + 1):
            shown[revision] = earliest
    return shown


def _board_report(
    name: str, output: str, saved: dict[int, tuple[float, float]]
) -> dict[str, Any]:
    received: dict[int, float] = {}
    for line in output.splitlines():
        if line.startswith("{"):
            pushed = json.loads(line)
            received[int(pushed["revision"])] = float(pushed["received"])
    shown_at = _shown_at(received)
    shown = [(shown_at[i], times) for i, times in saved.items() if i in shown_at]
    return {
        "board": name,
        "pushes": len(received),
        "saved_actions_shown": len(shown),
        "never_shown": len(saved) - len(shown),
        "latency_ms_from_saved": _spread([at - saved for at, (_, saved) in shown]),
        "latency_ms_from_sent": _spread([at - sent for at, (sent, _) in shown]),
    }


def _rate(saved: dict[int, tuple[float, float]]) -> float:
    """Saved actions per second, first send to last save."""
    if len(saved) < 2:
        return 0.0
    first = min(sent for sent, _ in saved.values())
    last = max(at for _, at in saved.values())
    return round(len(saved) / (last - first), 1)


def run_bench(seconds: float, desks: int, rate: float, boards: int) -> dict[str, Any]:
    """Server, boards, desks; then compare what desks saved with the audit log."""
    server, why = start_server()
    if server is None:
        raise SystemExit(why)
    try:
        url = server.url(DATABASE)
        with PostgresDeskStore(url):
            pass  # the schema, before boards read it
        board_procs = [
            _spawn(["-m", "tests.store.board_process"], url) for _ in range(boards)
        ]
        drains = [_Drain(board) for board in board_procs]
        for drain in drains:
            _wait_ready(drain.process)
            drain.start()
        desk_procs = [
            _spawn(
                [
                    __file__,
                    "--desk-process",
                    str(index),
                    "--desks",
                    str(desks),
                    "--seconds",
                    str(seconds),
                    "--rate",
                    str(rate),
                ],
                url,
            )
            for index in range(desks)
        ]
        for desk in desk_procs:
            _wait_ready(desk)
        started = time.time()
        for desk in desk_procs:
            assert desk.stdin is not None
            desk.stdin.write("go\n")
            desk.stdin.flush()
        desk_reports = [json.loads(desk.communicate()[0]) for desk in desk_procs]
        finished = time.time()
        time.sleep(1.0)  # the last pushes reach the boards
        board_outputs = [drain.finish() for drain in drains]
        with PostgresDeskStore(url) as store:
            logged = {record.id: record.operator for record in store.audit_log()}
    finally:
        server.destroy()

    saved_at: dict[int, tuple[float, float]] = {}
    lost = 0
    for report in desk_reports:
        for audit_id, began, at in report["saved"]:
            saved_at[int(audit_id)] = (float(began), float(at))
            if logged.get(int(audit_id)) != report["operator"]:
                lost += 1
    save_times = [at - began for began, at in saved_at.values()]
    attempted = sum(int(r["attempted"]) for r in desk_reports)
    return {
        "desks": desks,
        "rate_per_desk": rate,
        "seconds": seconds,
        "boards": boards,
        "actions_attempted": attempted,
        "actions_saved": len(saved_at),
        "actions_failed": sum(int(r["failed"]) for r in desk_reports),
        "actions_lost": lost,
        "audit_rows_not_reported_saved": len(set(logged) - set(saved_at)),
        "actions_per_second_sustained": _rate(saved_at),
        "wall_seconds": round(finished - started, 1),
        "desk_save_ms": _spread(save_times),
        "commit_to_board": [
            _board_report(f"board{n}", output, saved_at)
            for n, output in enumerate(board_outputs)
        ],
        "failures_sample": [f for r in desk_reports for f in r["failures"]][:5],
        "leaves_out": LEAVES_OUT,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--desks", type=int, default=10)
    parser.add_argument("--rate", type=float, default=10.0, help="actions/s per desk")
    parser.add_argument("--boards", type=int, default=2)
    parser.add_argument("--desk-process", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.desk_process is not None:
        run_desk(args.desk_process, args.desks, args.seconds, args.rate)
        return
    report = run_bench(args.seconds, args.desks, args.rate, args.boards)
    print(json.dumps(report, indent=2))
    never_shown = sum(board["never_shown"] for board in report["commit_to_board"])
    if report["actions_lost"] or never_shown:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
