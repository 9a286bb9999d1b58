"""The running board against a loopback server that misbehaves on purpose.

For every fault: the board stays up, the last good data stays on screen, the
stale badge and the status line say what happened, polling backs off and
recovers on its own timer once the server is good again, and nothing of a
failed answer is applied. Then the answers that arrive but are wrong in
content: corrections, vanishings, older data and markup in names.

Only 127.0.0.1 is ever contacted. A ``.invalid`` name is answered by a stand-in
resolver (as RFC 6761 says a resolver should), because this machine's real
resolver would send the query to a DNS server off the machine.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import ipaddress
import json
import socket
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from pytestqt.qtbot import QtBot

from electionboard.app import BoardOptions, Hooks, RunningBoard, build_board
from electionboard.app import shut_down_board as shut_down
from electionboard.cli import main
from electionboard.model.live import LiveResults
from electionboard.presentation.content import BoardContent
from electionboard.settings import Settings
from electionboard.sources.ap_source import ApSource
from electionboard.sources.fetch import DEFAULT_MAX_BYTES
from electionboard.sources.polling import FeedSource, LocationSource
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.controller import BoardController
from electionboard.ui.feed_monitor import FeedMonitor
from electionboard.ui.poller import (
    FeedHealth,
    Poller,
    ThreadPoolExecutor,
    run_synchronously,
)
from tests.feedserver import Answer, FeedServer
from tests.shared_feeds import has_shared_feed, needs_shared_feed, read_shared_feed

INTERVAL = 0.05
"""Seconds between healthy polls: backoff runs 0.1, 0.2, ... so recovery is quick."""
TIMEOUT = (0.3, 0.3)
DEADLINE = 1.0
"""The whole-answer deadline the board gets here (20 s in the field)."""
DRIP = 0.05
"""A dripping server's byte interval: inside TIMEOUT per read, far past DEADLINE."""
SMALL_LIMIT = 64 * 1024
GREENUP = "clarity/greenup-ky-2014-primary-precinct.xml"
T0 = "2022-06-07T21:00:00-07:00"
T1 = "2022-06-07T22:00:00-07:00"
T2 = "2022-06-07T23:00:00-07:00"

FEED: dict[str, Any] = {
    "format": "electionboard/1",
    "election": {"id": "e", "name": "Primary", "date": "2022-06-07"},
    "updated": T0,
    "races": [
        {
            "id": "mayor",
            "name": "Mayor of Testville",
            "advance": 2,
            "majority_wins": True,
            "candidates": [
                {"id": "bass", "name": "Karen Bass", "party": "DEM"},
                {"id": "caruso", "name": "Rick Caruso", "party": "REP"},
                {"id": "deleon", "name": "Kevin de León", "party": "GRN"},
            ],
            "precincts": [
                {
                    "id": "north",
                    "name": "North",
                    "reporting": True,
                    "votes": {"bass": 20_000, "caruso": 25_000, "deleon": 6_000},
                },
                {
                    "id": "south",
                    "name": "South",
                    "reporting": True,
                    "votes": {"bass": 10_000, "caruso": 15_000, "deleon": 4_000},
                },
            ],
        },
        {
            "id": "council",
            "name": "Council District 5",
            "advance": 1,
            "majority_wins": False,
            "candidates": [{"id": "x", "name": "Xi"}, {"id": "y", "name": "Yu"}],
            "totals": {"x": 5, "y": 3},
        },
    ],
}


def document(updated: str = T0) -> dict[str, Any]:
    feed = copy.deepcopy(FEED)
    feed["updated"] = updated
    return feed


def encode(feed: dict[str, Any]) -> bytes:
    return json.dumps(feed).encode()


GOOD = encode(document(T0))


def hours_ahead(hours: int) -> str:
    """This machine's clock plus ``hours`` and a half, as a feed stamp.

    The rows are made at collection, minutes before the test runs: the half
    hour keeps the refusal reading "{hours} h ... min ahead" all the while.
    """
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return (now + dt.timedelta(hours=hours, minutes=30)).isoformat()


def recovered() -> Answer:
    """A newer answer in which Bass gains 5,000 votes in the north."""
    feed = document(T2)
    feed["races"][0]["precincts"][0]["votes"]["bass"] = 25_000
    return Answer(encode(feed))


@functools.cache
def gzip_bomb(size: int) -> bytes:
    """Over ``size`` bytes of JSON-looking padding, gzipped about 1,000 to 1."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip
    spaces = b" " * 2**20
    parts = [packer.compress(b"{")]
    parts += [packer.compress(spaces) for _ in range(size // len(spaces) + 1)]
    parts.append(packer.flush())
    return b"".join(parts)


@dataclass(frozen=True)
class OnScreen:
    """What an operator would read off the board."""

    race_id: str | None
    order: list[str]
    caruso_votes: str
    bass_votes: str
    content: BoardContent | None


@dataclass
class Board:
    """The board as the app wires it (``app.build_board``), and what it said."""

    qtbot: QtBot
    parts: RunningBoard
    scene: BoardScene
    live: LiveResults
    poller: Poller
    controller: BoardController
    monitor: FeedMonitor
    executor: ThreadPoolExecutor | None
    messages: list[str] = field(default_factory=list)
    healths: list[FeedHealth] = field(default_factory=list)

    def start(self) -> None:
        """Start polling; the first poll's outcome has arrived on return."""
        self._run(self.poller.start)
        self.scene.finish_animation()

    def poll(self) -> None:
        """Poll now (as the timer would); its outcome has arrived on return."""
        self._run(self.poller.poll_now)

    def _run(self, action: Callable[[], None]) -> None:
        if self.executor is None:
            action()
            return
        with self.qtbot.waitSignal(self.poller.health_changed, timeout=5000):
            action()

    def on_screen(self) -> OnScreen:
        return OnScreen(
            self.controller.race_id,
            self.scene.row_order(),
            self.scene.row("caruso").texts()["votes"],
            self.scene.row("bass").texts()["votes"],
            self.scene.content,
        )


MakeBoard = Callable[..., Board]


@pytest.fixture
def make_board(qtbot: QtBot, tmp_path: Path) -> Iterator[MakeBoard]:
    boards: list[Board] = []

    def make(
        url: str | FeedSource,
        *,
        threaded: bool = False,
        format_name: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        deadline: float = DEADLINE,
    ) -> Board:
        source = (
            LocationSource(
                url,
                format_name,
                timeout=TIMEOUT,
                max_bytes=max_bytes,
                deadline=deadline,
            )
            if isinstance(url, str)
            else url
        )
        parts = build_board(
            BoardOptions(interval=INTERVAL),
            Settings(),
            operator="Ann",
            data_dir=tmp_path / f"board{len(boards)}",
            hooks=Hooks(
                source=source, executor=None if threaded else run_synchronously
            ),
        )
        qtbot.addWidget(parts.window)
        board = Board(
            qtbot,
            parts,
            parts.scene,
            parts.live,
            parts.poller,
            parts.controller,
            parts.monitor,
            parts.pool,
        )
        parts.monitor.status_changed.connect(board.messages.append)
        parts.controller.status_changed.connect(board.messages.append)
        parts.poller.health_changed.connect(board.healths.append)
        boards.append(board)
        return board

    yield make
    for board in boards:
        assert shut_down(board.parts)


@pytest.fixture
def servers() -> Iterator[Callable[[int], FeedServer]]:
    """Start extra loopback servers, e.g. on a port another one just left."""
    started: list[FeedServer] = []

    def start(port: int = 0) -> FeedServer:
        server = FeedServer(port)
        server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection a test here would open to an address off this machine."""
    connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = ipaddress.ip_address(address[0])
            assert host.is_loopback, f"a test tried to reach {host}"
        connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


class Resolver:
    """Stands in for DNS, so that no query leaves the machine.

    ``.invalid`` names fail until ``working`` is set, then mean 127.0.0.1;
    every other name goes to the real resolver.
    """

    def __init__(self) -> None:
        self.working = False
        self._real = socket.getaddrinfo

    def getaddrinfo(self, host: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, str) and host.endswith(".invalid"):
            if not self.working:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            host = "127.0.0.1"
        return self._real(host, *args, **kwargs)


@pytest.fixture
def resolver(monkeypatch: pytest.MonkeyPatch) -> Resolver:
    stand_in = Resolver()
    monkeypatch.setattr(socket, "getaddrinfo", stand_in.getaddrinfo)
    return stand_in


def no_answer_listener(port: int) -> tuple[socket.socket, socket.socket]:
    """A socket listening on ``port`` whose one-place backlog is already taken.

    Nothing accepts, so the kernel drops further SYNs and a client's connect
    times out, as with a host that is down: a real connect timeout on loopback.
    """
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(0)
    filler = socket.create_connection(("127.0.0.1", port), timeout=1)
    return listener, filler


def ride_out(
    board: Board,
    fault: Callable[[], None],
    heal: Callable[[], None],
    words: str,
    retry_after: float | None = None,
    within: float | None = None,
) -> None:
    """Good data, then two failed polls, then recovery on the poller's own timer.

    ``within``: each failed poll must have ended (and STALE shown) in so long.
    """
    board.start()
    shown = board.on_screen()
    assert shown.order == ["caruso", "bass", "deleon"]
    assert shown.caruso_votes == "40,000"
    assert board.scene.stale_text() == ""
    held = board.live.feed_election
    board.messages.clear()
    board.healths.clear()

    fault()
    started = time.monotonic()
    board.poll()
    board.poll()
    if within is not None:
        assert time.monotonic() - started < 2 * within

    # (d) Two failures in a row, each waiting longer (or as long as asked).
    assert [h.failures for h in board.healths] == [1, 2]
    waits = [h.next_poll_in for h in board.healths]
    if retry_after is None:
        assert INTERVAL < waits[0] < waits[1]
    else:
        assert all(wait >= retry_after for wait in waits)
    for health in board.healths:
        assert health.last_error is not None
        assert words in health.last_error
    # (a), (b) and (e): still up, the same figures, nothing half-applied.
    assert board.on_screen() == shown
    assert board.live.feed_election is held
    # (c) In words, on air and to the operator.
    assert board.scene.stale_text().startswith("STALE · ")
    reason = board.monitor.stale_reason
    assert reason is not None
    assert words in reason
    status = board.messages[-1]
    assert words in status
    assert "2 in a row" in status
    assert "Showing the last good data" in status

    failed_at = time.monotonic()
    heal()
    board.qtbot.waitUntil(lambda: board.poller.health.failures == 0, timeout=5000)
    if retry_after is not None:
        assert time.monotonic() - failed_at >= retry_after * 0.95
    board.scene.finish_animation()
    assert board.scene.stale_text() == ""
    assert board.monitor.stale_reason is None
    assert board.on_screen().bass_votes == "35,000"
    assert board.messages[-1].startswith("Updated ")


# Faults of the answer: the server is reached and answers badly.

HALF_GOOD = GOOD[: len(GOOD) // 2]
# Parametrized at collection: empty (and those cases skipped) without ../shared.
GREENUP_BYTES = read_shared_feed(GREENUP) if has_shared_feed(GREENUP) else b""
ANSWER_FAULTS: list[Any] = [
    pytest.param(Answer(b"Not Found", status=404), "HTTP 404 Not Found", id="404"),
    pytest.param(Answer(b"oops", status=500), "HTTP 500", id="500"),
    pytest.param(Answer(b"bad gw", status=502), "HTTP 502 Bad Gateway", id="502"),
    pytest.param(Answer(b"later", status=503), "HTTP 503", id="503"),
    pytest.param(
        Answer(status=302, headers={"Location": "/feed.json"}, etag=False),
        "too many redirects",
        id="redirect-loop",
    ),
    pytest.param(Answer(b""), "the feed is empty", id="empty-body"),
    pytest.param(Answer(HALF_GOOD), "not valid JSON", id="truncated-json"),
    pytest.param(
        Answer(GREENUP_BYTES[: len(GREENUP_BYTES) // 2]),
        "not well-formed XML",
        id="truncated-clarity-xml",
        marks=needs_shared_feed(GREENUP),
    ),
    pytest.param(
        Answer(b"<!DOCTYPE html><html><body>Sign in</body></html>"),
        "got HTML or XML that is not a known results format",
        id="html-for-json",
    ),
    pytest.param(
        Answer(b'{"status": "ok", "items": []}'),
        "not a results feed in any known format",
        id="json-of-no-format",
    ),
    # Answer content: refused, so the real answers after it are not "older".
    pytest.param(
        Answer(encode(document("9999-12-31T23:59:59+14:00"))),
        "days ahead of this machine's clock; refused",
        id="stamped-9999",
    ),
    pytest.param(
        Answer(encode(document(hours_ahead(5)))),
        "stamped 5 h ",
        id="stamped-hours-ahead",
    ),
]


@pytest.mark.parametrize(("bad", "words"), ANSWER_FAULTS)
def test_a_bad_answer_is_ridden_out(
    make_board: MakeBoard, feed_server: FeedServer, bad: Answer, words: str
) -> None:
    feed_server.answer = Answer(GOOD)
    board = make_board(feed_server.url)

    def fault() -> None:
        feed_server.answer = bad

    def heal() -> None:
        feed_server.answer = recovered()

    ride_out(board, fault, heal, words)


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        pytest.param(
            Answer(b"race_id,candidate_id,votes\nmayor,bass,1\n"),
            "not valid JSON",
            id="csv-for-native",
        ),
        pytest.param(
            Answer(b'{"hello": "world"}'),
            "missing required field `format`",
            id="other-json-for-native",
        ),
        pytest.param(
            Answer(b"<html><body>Portal</body></html>"),
            "not valid JSON",
            id="html-for-native",
        ),
    ],
)
def test_a_valid_document_of_the_wrong_format_is_refused(
    make_board: MakeBoard, feed_server: FeedServer, bad: Answer, words: str
) -> None:
    feed_server.answer = Answer(GOOD)
    board = make_board(feed_server.url, format_name="native")

    def fault() -> None:
        feed_server.answer = bad

    def heal() -> None:
        feed_server.answer = recovered()

    ride_out(board, fault, heal, words)


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        pytest.param(
            lambda: Answer(b" " * (SMALL_LIMIT + 1)),
            "sent more than the 65,536-byte limit",
            id="declared-too-big",
        ),
        pytest.param(
            lambda: Answer(b" " * (SMALL_LIMIT * 4), content_length=False),
            "sent more than the 65,536-byte limit",
            id="streamed-too-big",
        ),
        pytest.param(
            lambda: Answer(gzip_bomb(50_000_000), headers={"Content-Encoding": "gzip"}),
            "sent more than the 65,536-byte limit",
            id="gzip-bomb-content-encoding",
        ),
        pytest.param(
            lambda: Answer(gzip_bomb(50_000_000)),
            "feed is larger than the 65,536-byte limit",
            id="gzip-bomb-body",
        ),
    ],
)
def test_a_huge_answer_is_refused_past_the_limit(
    make_board: MakeBoard,
    feed_server: FeedServer,
    bad: Callable[[], Answer],
    words: str,
) -> None:
    feed_server.answer = Answer(GOOD)
    board = make_board(feed_server.url, max_bytes=SMALL_LIMIT)

    def fault() -> None:
        feed_server.answer = bad()

    def heal() -> None:
        feed_server.answer = recovered()

    ride_out(board, fault, heal, words)


def test_too_many_requests_waits_as_long_as_asked(
    make_board: MakeBoard, feed_server: FeedServer
) -> None:
    feed_server.answer = Answer(GOOD)
    board = make_board(feed_server.url)

    def fault() -> None:
        feed_server.answer = Answer(
            b"slow down", status=429, headers={"Retry-After": "1"}
        )

    def heal() -> None:
        feed_server.answer = recovered()

    ride_out(board, fault, heal, "HTTP 429 Too Many Requests", retry_after=1.0)
    assert "retrying in 1 s" in board.messages[-2]


# Hanging servers: with the real thread pool as well, where the board must not
# wait for the worker.


@pytest.mark.parametrize("threaded", [False, True], ids=["sync", "thread-pool"])
def test_a_server_that_never_answers(
    make_board: MakeBoard, feed_server: FeedServer, *, threaded: bool
) -> None:
    feed_server.answer = Answer(GOOD)
    board = make_board(feed_server.url, threaded=threaded)

    def fault() -> None:
        feed_server.answer = Answer(GOOD, delay=30)

    def heal() -> None:
        feed_server.answer = recovered()

    ride_out(board, fault, heal, "did not answer in time")


@pytest.mark.parametrize("threaded", [False, True], ids=["sync", "thread-pool"])
def test_an_answer_that_stalls_halfway(
    make_board: MakeBoard, feed_server: FeedServer, *, threaded: bool
) -> None:
    feed_server.answer = Answer(GOOD)
    board = make_board(feed_server.url, threaded=threaded)

    def fault() -> None:
        feed_server.answer = Answer(recovered().body, stall_after=len(GOOD) // 2)

    def heal() -> None:
        feed_server.answer = recovered()

    ride_out(board, fault, heal, "broke off: timed out")


DRIPPING = [
    pytest.param(
        lambda: Answer(recovered().body, drip=DRIP, drip_headers=True),
        id="headers-dripping",
    ),
    pytest.param(lambda: Answer(recovered().body, drip=DRIP), id="body-dripping"),
    pytest.param(
        lambda: Answer(drip=DRIP, endless_chunked=True), id="endless-chunked-body"
    ),
]


# urllib3 says so when the deadline cuts a header off halfway.
@pytest.mark.allow_log(r"^Failed to parse headers")
@pytest.mark.parametrize("bad", DRIPPING)
def test_a_dripping_server_fails_the_poll_at_the_deadline(
    make_board: MakeBoard, feed_server: FeedServer, bad: Callable[[], Answer]
) -> None:
    feed_server.answer = Answer(GOOD)
    board = make_board(feed_server.url)

    def fault() -> None:
        feed_server.answer = bad()

    def heal() -> None:
        feed_server.answer = recovered()

    # Within one poll interval of the deadline, STALE is up each time.
    ride_out(board, fault, heal, "answering too slowly", within=DEADLINE + INTERVAL)
    assert "no complete answer from http://127.0.0.1" in (
        board.healths[0].last_error or ""
    )


def test_a_dripping_server_does_not_hold_the_thread_pool(
    make_board: MakeBoard, feed_server: FeedServer
) -> None:
    feed_server.answer = Answer(GOOD)
    board = make_board(feed_server.url, threaded=True)

    def fault() -> None:
        feed_server.answer = Answer(recovered().body, drip=DRIP)

    def heal() -> None:
        feed_server.answer = recovered()

    ride_out(board, fault, heal, "answering too slowly", within=DEADLINE + INTERVAL)


@pytest.mark.parametrize("threaded", [False, True], ids=["sync", "thread-pool"])
def test_a_connect_timeout(
    make_board: MakeBoard,
    servers: Callable[[int], FeedServer],
    *,
    threaded: bool,
) -> None:
    first = servers(0)
    first.answer = Answer(GOOD)
    port = urlsplit(first.url).port or 0
    board = make_board(first.url, threaded=threaded)
    blockers: list[socket.socket] = []

    def fault() -> None:
        first.stop()
        blockers.extend(no_answer_listener(port))

    def heal() -> None:
        for blocker in blockers:
            blocker.close()
        servers(port).answer = recovered()

    try:
        ride_out(board, fault, heal, "timed out connecting to http://127.0.0.1")
    finally:
        for blocker in blockers:
            blocker.close()


def test_connection_refused(
    make_board: MakeBoard, servers: Callable[[int], FeedServer]
) -> None:
    first = servers(0)
    first.answer = Answer(GOOD)
    port = urlsplit(first.url).port or 0
    board = make_board(first.url)

    def heal() -> None:
        servers(port).answer = recovered()

    ride_out(board, first.stop, heal, "cannot connect to http://127.0.0.1")
    assert "connection refused" in (board.healths[0].last_error or "")


def test_host_name_not_found(
    make_board: MakeBoard, feed_server: FeedServer, resolver: Resolver
) -> None:
    resolver.working = True
    feed_server.answer = Answer(GOOD)
    url = feed_server.url.replace("127.0.0.1", "results.invalid")
    board = make_board(url)

    def fault() -> None:
        resolver.working = False

    def heal() -> None:
        resolver.working = True
        feed_server.answer = recovered()

    ride_out(board, fault, heal, "cannot connect to http://results.invalid")
    assert "host name not found" in (board.healths[0].last_error or "")


# Answers that arrive but are wrong in content.


def test_votes_that_go_down_are_applied_and_flagged(
    make_board: MakeBoard, feed_server: FeedServer
) -> None:
    feed_server.answer = Answer(GOOD)
    board = make_board(feed_server.url)
    board.start()
    lowered = document(T1)
    lowered["races"][0]["precincts"][0]["votes"]["caruso"] = 24_000
    feed_server.answer = Answer(encode(lowered))
    board.poll()
    board.scene.finish_animation()

    assert board.on_screen().caruso_votes == "39,000"
    assert board.scene.stale_text() == ""
    status = board.messages[-1]
    assert status.startswith("Updated ")
    assert (
        "Mayor of Testville, precinct North: Rick Caruso corrected down "
        "from 25,000 to 24,000" in status
    )


def test_a_vanished_race_is_kept_and_marked(
    make_board: MakeBoard, feed_server: FeedServer
) -> None:
    feed_server.answer = Answer(GOOD)
    board = make_board(feed_server.url)
    board.start()
    without = document(T1)
    del without["races"][1]
    feed_server.answer = Answer(encode(without))
    board.poll()

    assert "Council District 5: no longer in the feed" in board.messages[-1]
    board.controller.select_race("council")
    board.scene.finish_animation()
    assert board.controller.race_id == "council"
    assert board.scene.row_order() == ["x", "y"]
    assert board.scene.row("x").texts()["votes"] == "5"
    assert "NOT IN FEED" in board.scene.flags_text()


def test_a_vanished_candidate_is_kept_and_marked(
    make_board: MakeBoard, feed_server: FeedServer
) -> None:
    feed_server.answer = Answer(GOOD)
    board = make_board(feed_server.url)
    board.start()
    without = document(T1)
    mayor = without["races"][0]
    mayor["candidates"] = mayor["candidates"][:2]
    for precinct in mayor["precincts"]:
        del precinct["votes"]["deleon"]
    feed_server.answer = Answer(encode(without))
    board.poll()
    board.scene.finish_animation()

    assert board.scene.row_order() == ["caruso", "bass", "deleon"]
    row = board.scene.row("deleon").texts()
    assert row["votes"] == "10,000"
    assert row["note"] == "NOT IN FEED"
    assert "Kevin de León is no longer in the feed" in board.messages[-1]


def test_an_older_answer_is_ignored_and_said_so(
    make_board: MakeBoard, feed_server: FeedServer
) -> None:
    feed_server.answer = Answer(encode(document(T1)))
    board = make_board(feed_server.url)
    board.start()
    shown = board.on_screen()
    held = board.live.feed_election
    older = document(T0)
    older["races"][0]["precincts"][0]["votes"]["caruso"] = 1
    feed_server.answer = Answer(encode(older))
    board.poll()
    board.scene.finish_animation()

    assert board.on_screen() == shown
    assert board.live.feed_election is held
    assert board.messages[-1] == "Ignored an answer older than the data on screen"


def test_markup_in_names_is_drawn_as_plain_text(
    make_board: MakeBoard, feed_server: FeedServer
) -> None:
    hostile = document(T0)
    hostile["races"][0]["name"] = "<img src=x>"
    hostile["races"][0]["candidates"][1]["name"] = "<b>Bold</b>\x07"
    feed_server.answer = Answer(encode(hostile))
    board = make_board(feed_server.url)
    races: list[list[tuple[str, str]]] = []
    board.controller.races_changed.connect(races.append)
    board.start()

    assert board.scene.header_texts()["title"] == "<img src=x>"
    assert board.scene.row("caruso").texts()["name"] == "<b>Bold</b>"
    assert races[-1][0] == ("mayor", "<img src=x>")


def test_an_ap_next_request_that_breaks_keeps_the_merged_picture(
    make_board: MakeBoard, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    def ap(timestamp: str, votes: int, *state_races: str) -> bytes:
        races = [
            {
                "raceID": race_id,
                "officeName": f"Race {race_id}",
                "reportingUnits": [
                    {
                        "statePostal": "GA",
                        "level": "state",
                        "precinctsReporting": 1,
                        "precinctsTotal": 2,
                        "candidates": [
                            {"last": "Ames", "candidateID": "1", "voteCount": votes},
                            {"last": "Bell", "candidateID": "2", "voteCount": 10},
                        ],
                    }
                ],
            }
            for race_id in state_races
        ]
        return json.dumps(
            {
                "electionDate": "2024-11-05",
                "timestamp": timestamp,
                "races": races,
                "nextrequest": feed_server.url_for("/next"),
            }
        ).encode()

    feed_server.answer = Answer(ap("2024-11-06T02:00:00Z", 5, "1", "2"))
    feed_server.routes["/next"] = Answer(ap("2024-11-06T02:05:00Z", 50, "2"))
    board = make_board(ApSource(feed_server.url, "secret-key", timeout=TIMEOUT))
    board.start()
    board.poll()
    board.scene.finish_animation()
    assert board.scene.row("1").texts()["votes"] == "5"  # GA-1 kept as held
    board.controller.select_race("GA-2")
    board.scene.finish_animation()
    assert board.scene.row("1").texts()["votes"] == "50"  # GA-2 from the update
    held = board.live.feed_election

    feed_server.routes["/next"] = Answer(b"gone", status=404)
    board.poll()
    assert board.live.feed_election is held
    assert board.scene.row("1").texts()["votes"] == "50"
    assert "full results next time" in board.messages[-1]
    assert "AP next request failed" in caplog.text

    feed_server.routes.clear()
    feed_server.answer = Answer(ap("2024-11-06T02:10:00Z", 70, "1", "2"))
    board.qtbot.waitUntil(lambda: board.poller.health.failures == 0, timeout=5000)
    assert feed_server.paths[-2:] == ["/next", "/feed.json"]
    board.scene.finish_animation()
    assert board.scene.row("1").texts()["votes"] == "70"


# The headless summary fails in one line on the same faults.


def one_line_failure(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("electionboard: error: ")
    return lines[0]


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        (Answer(b"Not Found", status=404), "HTTP 404"),
        (Answer(b"oops", status=500), "HTTP 500"),
        (Answer(b"bad gw", status=502), "HTTP 502"),
        (Answer(b"wait", status=429, headers={"Retry-After": "9"}), "HTTP 429"),
        (
            Answer(status=302, headers={"Location": "/feed.json"}, etag=False),
            "too many redirects",
        ),
        (Answer(b""), "the feed is empty"),
        (Answer(HALF_GOOD), "not valid JSON"),
        pytest.param(
            Answer(GREENUP_BYTES[:5000]),
            "not well-formed XML",
            marks=needs_shared_feed(GREENUP),
        ),
        (Answer(b'{"status": "ok"}'), "not a results feed in any known format"),
        (None, "larger than the 67,108,864-byte"),
    ],
    ids=[
        "404",
        "500",
        "502",
        "429",
        "redirect-loop",
        "empty",
        "truncated-json",
        "truncated-xml",
        "json-of-no-format",
        "gzip-bomb",
    ],
)
def test_summary_fails_in_one_line(
    feed_server: FeedServer,
    capsys: pytest.CaptureFixture[str],
    bad: Answer | None,
    words: str,
) -> None:
    # None: a gzip bomb past the default limit, built only when this case runs.
    feed_server.answer = bad or Answer(gzip_bomb(DEFAULT_MAX_BYTES + 1))
    assert words in one_line_failure(capsys, ["summary", feed_server.url])


@pytest.mark.allow_log(r"^Failed to parse headers")
@pytest.mark.parametrize("bad", DRIPPING)
def test_summary_gives_up_on_a_dripping_server_in_one_line(
    feed_server: FeedServer,
    capsys: pytest.CaptureFixture[str],
    bad: Callable[[], Answer],
) -> None:
    feed_server.answer = bad()
    argv = ["summary", feed_server.url, "--deadline", str(DEADLINE)]
    assert "the feed is answering too slowly" in one_line_failure(capsys, argv)


@pytest.mark.usefixtures("resolver")
def test_summary_fails_in_one_line_when_the_name_does_not_resolve(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = one_line_failure(capsys, ["summary", "http://results.invalid:9/feed.json"])
    assert "host name not found" in line


def test_summary_exits_non_zero_when_nothing_listens(
    servers: Callable[[int], FeedServer],
) -> None:
    gone = servers(0)
    gone.stop()
    result = subprocess.run(
        [sys.executable, "-m", "electionboard", "summary", gone.url],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert "connection refused" in result.stderr
