"""Desk processes on one PostgreSQL database while desks and the server die.

Writers are SIGKILLed at random and the server crashes (an immediate
shutdown: no checkpoint, crash recovery on start) under them. Every action a
writer reported saved must be in the log afterwards, and the state must be
the replay of the log.
"""

from __future__ import annotations

import random
import signal
import subprocess
import time
from collections.abc import Iterator

import pytest

from electionboard.store import PostgresDeskStore, stacks
from tests.pgserver import PgServer, start_server
from tests.store.desk import replayed, reported_ids, spawn_writer, state_of

OPERATORS = ("Ann", "Bob", "Cat")
ROUNDS = 6


@pytest.fixture(scope="module")
def own_server() -> Iterator[PgServer]:
    server, why = start_server()
    if server is None:
        pytest.skip(why)
    try:
        yield server
    finally:
        server.destroy()


class Writers:
    """Desk processes; each is SIGKILLed and reaped, and what it said is kept."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.running: list[subprocess.Popen[str]] = []
        self.outputs: list[str] = []
        self.failures: list[str] = []

    def spawn(self, who: str, seed: int) -> subprocess.Popen[str]:
        writer = spawn_writer(self.url, who, seed)
        self.running.append(writer)
        return writer

    def kill(self, writer: subprocess.Popen[str]) -> None:
        writer.send_signal(signal.SIGKILL)
        output, errors = writer.communicate(timeout=10)
        self.running.remove(writer)
        self.outputs.append(output)
        if writer.returncode != -signal.SIGKILL:
            self.failures.append(errors)

    def kill_all(self) -> None:
        for writer in list(self.running):
            self.kill(writer)

    def confirmed(self) -> list[int]:
        return [i for output in self.outputs for i in reported_ids(output)]


def test_killed_desks_and_a_crashed_server_lose_no_confirmed_action(
    own_server: PgServer,
) -> None:
    url = own_server.new_schema()
    PostgresDeskStore(url).close()  # the schema, so start-up kills test desks
    rng = random.Random(20221108)
    writers = Writers(url)
    desks = [writers.spawn(who, seed) for seed, who in enumerate(OPERATORS)]
    try:
        for desk in desks:
            assert desk.stdout is not None
            assert desk.stdout.readline() == "ready\n"
        for round_ in range(ROUNDS):
            time.sleep(rng.uniform(0.1, 0.3))
            if round_ % 2:
                own_server.crash()
                time.sleep(rng.uniform(0.0, 0.2))
                own_server.start()
            else:
                victim = rng.randrange(len(desks))
                writers.kill(desks[victim])
                desks[victim] = writers.spawn(OPERATORS[victim], 100 + round_)
        time.sleep(0.3)
    finally:
        writers.kill_all()  # reaped before any assertion can leave one behind
    assert writers.failures == []
    confirmed = writers.confirmed()
    assert len(confirmed) >= 3 * ROUNDS, "the writers barely wrote; nothing was tested"
    assert len(set(confirmed)) == len(confirmed)
    with PostgresDeskStore(url) as store:
        log = store.audit_log()
        assert state_of(store) == replayed(store)
        for operator in OPERATORS:
            stacks(log, operator)
    assert set(confirmed) <= {record.id for record in log}
    assert [record.id for record in log] == list(range(1, len(log) + 1))
