"""The replay server over real loopback HTTP: bytes, validators, timing, status."""

from __future__ import annotations

import json
import logging
import socket
from email.utils import parsedate_to_datetime

import pytest
import requests

from electionboard.cli import main
from electionboard.replay import Recording
from electionboard.replay.server import LISTEN_BACKLOG, ReplayServer, is_loopback
from electionboard.resource_paths import sample_snapshots
from tests.replay.helpers import (
    TIMEOUT,
    FakeClock,
    get,
    sample_bytes,
    sample_night,
    serving,
    status_of,
)


@pytest.fixture(scope="module")
def night() -> Recording:
    return sample_night()


def test_serves_the_first_snapshot_byte_for_byte(night: Recording) -> None:
    with serving(night) as server:
        assert server.url.startswith("http://127.0.0.1:")
        response = get(server.url)
        root = get(server.url.removesuffix("feed"))
    assert response.status_code == 200
    assert response.content == sample_bytes(0)
    assert root.content == sample_bytes(0)
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["X-Electionboard-Replay"] == "1"
    assert response.headers["ETag"].startswith('"')
    assert response.headers["Last-Modified"].endswith("GMT")


def test_advance_moves_on_and_holds_at_the_end(night: Recording) -> None:
    with serving(night) as server:
        assert server.advance().position == 1
        assert get(server.url).content == sample_bytes(1)
        for _ in range(30):
            server.advance()
        assert get(server.url).content == sample_bytes(19)
        status = status_of(server)
    assert status["position"] == 19
    assert status["total"] == 20
    assert status["file"] == "19.json"
    assert status["at"] == "2022-07-01T17:00:00-07:00"
    assert status["lap"] == 0
    assert status["next_change_in"] is None


def test_etag_gives_304_until_the_snapshot_changes(night: Recording) -> None:
    with serving(night) as server:
        tag = get(server.url).headers["ETag"]
        unchanged = get(server.url, **{"If-None-Match": tag})
        server.advance()
        changed = get(server.url, **{"If-None-Match": tag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged.headers["ETag"] == tag
    assert unchanged.headers["X-Electionboard-Replay"] == "1"
    assert changed.status_code == 200
    assert changed.headers["ETag"] != tag
    assert changed.content == sample_bytes(1)


def test_last_modified_and_if_modified_since(night: Recording) -> None:
    with serving(night) as server:
        stamp = get(server.url).headers["Last-Modified"]
        unchanged = get(server.url, **{"If-Modified-Since": stamp})
        server.advance()
        changed = get(server.url, **{"If-Modified-Since": stamp})
    assert parsedate_to_datetime(stamp).isoformat() == "2022-06-08T03:00:00+00:00"
    assert unchanged.status_code == 304
    assert changed.status_code == 200
    later = parsedate_to_datetime(changed.headers["Last-Modified"])
    assert later > parsedate_to_datetime(stamp)


def test_if_none_match_outranks_if_modified_since(night: Recording) -> None:
    with serving(night) as server:
        first = get(server.url)
        answer = get(
            server.url,
            **{
                "If-None-Match": '"some-other-tag"',
                "If-Modified-Since": first.headers["Last-Modified"],
            },
        )
    assert answer.status_code == 200


def test_loop_starts_over_with_new_validators(night: Recording) -> None:
    with serving(night, loop=True) as server:
        first = get(server.url)
        for _ in range(19):
            server.advance()
        last = get(server.url)
        status = server.advance()
        again = get(server.url, **{"If-None-Match": first.headers["ETag"]})
    assert (status.position, status.lap) == (0, 1)
    assert again.status_code == 200
    assert again.content == sample_bytes(0)
    restarted = parsedate_to_datetime(again.headers["Last-Modified"])
    assert restarted > parsedate_to_datetime(last.headers["Last-Modified"])


def test_timed_advance_follows_recorded_gaps_over_speed(night: Recording) -> None:
    clock = FakeClock()
    # speed 3600: the night's 30-minute gaps take half a second.
    with serving(night, step=False, speed=3600, max_wait=10, clock=clock) as server:
        assert server.status().next_change_in == pytest.approx(0.5)
        clock.now += 0.499
        assert get(server.url).content == sample_bytes(0)
        clock.now += 0.002
        assert get(server.url).content == sample_bytes(1)
        clock.now += 10 * 0.5
        assert server.status().position == 11
        clock.now += 35 * 60 / 3600  # 01:30 to 02:05
        assert server.status().position == 12
        # 02:05 to the first canvass update 2.6 days later waits only max_wait.
        assert server.status().next_change_in == pytest.approx(10, abs=0.01)
        clock.now += 10
        assert status_of(server)["position"] == 13
        clock.now += 1000
        assert server.status().position == 19
        assert server.status().next_change_in is None


def test_timed_loop_restarts_after_max_wait(night: Recording) -> None:
    clock = FakeClock()
    three = Recording("three", night.snapshots[:3])  # 20:00, 20:30, 21:00
    with serving(
        three, step=False, loop=True, speed=1800, max_wait=5, clock=clock
    ) as server:
        clock.now += 2
        assert server.status().position == 2
        clock.now += 4.99
        assert server.status().position == 2
        clock.now += 0.01
        status = server.status()
        assert (status.position, status.lap) == (0, 1)
        clock.now += 7 * 1000 + 1.5  # a thousand laps of 1 + 1 + 5 s at once
        status = server.status()
        assert (status.position, status.lap) == (1, 1001)


def test_step_mode_ignores_the_clock(night: Recording) -> None:
    clock = FakeClock()
    with serving(night, step=True, clock=clock) as server:
        clock.now += 10**6
        assert server.status().position == 0
        assert server.status().next_change_in is None


def test_unknown_path_is_404_and_head_has_no_body(night: Recording) -> None:
    with serving(night) as server:
        missing = get(server.url.removesuffix("feed") + "nope")
        with requests.Session() as session:
            head = session.head(server.url, timeout=TIMEOUT)
    assert missing.status_code == 404
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["Content-Length"] == str(len(sample_bytes(0)))


def test_summary_over_the_replay_matches_the_file(
    night: Recording, capsys: pytest.CaptureFixture[str]
) -> None:
    with serving(night) as server:
        for _ in range(5):
            server.advance()
        assert main(["summary", server.url, "--json"]) == 0
        served = json.loads(capsys.readouterr().out)
    assert main(["summary", str(sample_snapshots()[5]), "--json"]) == 0
    assert served == json.loads(capsys.readouterr().out)
    assert served["races"]


def test_a_newsroom_of_connections_waits_in_the_listen_queue(night: Recording) -> None:
    # Not started: nothing accepts, so every connection must fit in the backlog
    # (with the old backlog of 5, the seventh connect timed out).
    server = ReplayServer(night, port=0)
    port = int(server.url.rsplit(":", 1)[1].split("/")[0])
    clients: list[socket.socket] = []
    try:
        for _ in range(200):
            clients.append(socket.create_connection(("127.0.0.1", port), timeout=2))
        assert len(clients) == 200
        assert LISTEN_BACKLOG >= 200
    finally:
        for client in clients:
            client.close()
        server.stop()


def test_serving_the_whole_network_is_said_loudly(
    night: Recording, caplog: pytest.LogCaptureFixture
) -> None:
    server = ReplayServer(night, host="0.0.0.0", port=0)
    server.stop()
    (record,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "serves the whole network on 0.0.0.0" in record.getMessage()
    assert "--host 127.0.0.1" in record.getMessage()


def test_serving_this_machine_only_is_quiet(
    night: Recording, caplog: pytest.LogCaptureFixture
) -> None:
    ReplayServer(night, host="127.0.0.1", port=0).stop()
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("", False),
        ("::", False),
        ("192.168.1.20", False),
        ("studio-pc", False),
    ],
)
def test_which_hosts_are_this_machine_only(host: str, *, loopback: bool) -> None:
    assert is_loopback(host) is loopback
