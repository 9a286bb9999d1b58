"""The one fetch path: a total deadline, credentials kept at home, only files.

Real loopback servers throughout; "another host" is a second server on
127.0.0.2, which the kernel routes over loopback like 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from electionboard.sources.ap_source import ApSource
from electionboard.sources.errors import FetchError
from electionboard.sources.fetch import FetchRequest, fetch, origin, read_local
from electionboard.sources.polling import LocationSource, PollOk
from tests.builders import one_race_feed
from tests.feedserver import OTHER_HOST, Answer, FeedServer, serve

DEADLINE = 0.5
DRIP = 0.05
"""A byte every 50 ms: each read is far inside the read timeout, the whole is not."""
TIMEOUT = (0.5, 0.5)
BODY = json.dumps({"padding": "x" * 2000}).encode()
KEY = "k3y-ZQX7-never-elsewhere"


@pytest.fixture
def other_host() -> Iterator[FeedServer]:
    """A loopback server on 127.0.0.2: another host as far as a URL can tell."""
    yield from serve(OTHER_HOST)


def timed_fetch(request: FetchRequest) -> tuple[FetchError, float]:
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(request)
    return caught.value, time.monotonic() - started


# The deadline: however the answer trickles, the fetch ends on time.


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(Answer(BODY, drip=DRIP, drip_headers=True), id="headers-dripping"),
        pytest.param(Answer(BODY, drip=DRIP), id="body-dripping"),
        pytest.param(
            Answer(BODY, drip=DRIP, content_length=False),
            id="close-delimited-body-dripping",
        ),
        pytest.param(Answer(drip=DRIP, endless_chunked=True), id="endless-chunked"),
    ],
)
def test_a_dripping_answer_fails_at_the_deadline(
    feed_server: FeedServer, bad: Answer
) -> None:
    feed_server.answer = bad
    request = FetchRequest(feed_server.url, timeout=TIMEOUT, deadline=DEADLINE)
    error, took = timed_fetch(request)
    assert "the feed is answering too slowly" in str(error)
    assert "in 0.5 s" in str(error)
    assert DEADLINE * 0.9 <= took < DEADLINE + 1.0


def test_a_quick_answer_is_not_cut(feed_server: FeedServer) -> None:
    feed_server.answer = Answer(BODY)
    result = fetch(FetchRequest(feed_server.url, timeout=TIMEOUT, deadline=DEADLINE))
    assert result.data == BODY


def test_the_deadline_covers_every_hop_of_a_redirect(
    feed_server: FeedServer,
) -> None:
    feed_server.answer = Answer(status=302, headers={"Location": "/slow"}, etag=False)
    feed_server.routes["/slow"] = Answer(BODY, drip=DRIP)
    error, took = timed_fetch(
        FetchRequest(feed_server.url, timeout=TIMEOUT, deadline=DEADLINE)
    )
    assert "answering too slowly" in str(error)
    assert took < DEADLINE + 1.0


# Credentials: never to another scheme, host or port.

CREDENTIALS = {
    "x-api-key": KEY,
    "Authorization": "Bearer t0ken",
    "Cookie": "session=c00kie",
    "X-Station-Token": "st4tion",
}


def credential_request(url: str) -> FetchRequest:
    headers = (*CREDENTIALS.items(), ("X-Trace", "kept"))
    return FetchRequest(
        url, timeout=TIMEOUT, headers=headers, secret_headers=("x-station-token",)
    )


def received(server: FeedServer, number: int) -> dict[str, str]:
    return {name.lower(): value for name, value in server.requests[number].items()}


def test_no_credential_reaches_another_host(
    feed_server: FeedServer, other_host: FeedServer
) -> None:
    other_host.answer = Answer(BODY)
    feed_server.answer = Answer(
        status=302, headers={"Location": other_host.url}, etag=False
    )
    assert fetch(credential_request(feed_server.url)).data == BODY
    first, second = received(feed_server, 0), received(other_host, 0)
    for name, value in CREDENTIALS.items():
        assert first[name.lower()] == value
        assert name.lower() not in second
    assert second["x-trace"] == "kept"


@pytest.mark.usefixtures("other_host")
def test_no_credential_reaches_another_port(feed_server: FeedServer) -> None:
    same_host = FeedServer()
    same_host.start()
    try:
        same_host.answer = Answer(BODY)
        feed_server.answer = Answer(
            status=307, headers={"Location": same_host.url}, etag=False
        )
        fetch(credential_request(feed_server.url))
        assert not set(received(same_host, 0)) & {n.lower() for n in CREDENTIALS}
    finally:
        same_host.stop()


def test_a_redirect_on_the_same_origin_keeps_the_credentials(
    feed_server: FeedServer,
) -> None:
    feed_server.answer = Answer(status=301, headers={"Location": "/moved"}, etag=False)
    feed_server.routes["/moved"] = Answer(BODY)
    fetch(credential_request(feed_server.url))
    assert received(feed_server, 1)["x-api-key"] == KEY
    assert received(feed_server, 1)["x-station-token"] == "st4tion"


def test_a_redirect_repeating_a_credential_is_not_followed(
    feed_server: FeedServer, other_host: FeedServer
) -> None:
    feed_server.answer = Answer(
        status=302, headers={"Location": other_host.url_for(f"/?t={KEY}")}, etag=False
    )
    with pytest.raises(FetchError, match="repeats a credential") as caught:
        fetch(credential_request(feed_server.url))
    assert KEY not in str(caught.value)
    assert other_host.requests == []


def test_the_board_poll_job_sends_no_password_to_another_host(
    feed_server: FeedServer, other_host: FeedServer
) -> None:
    other_host.answer = Answer(one_race_feed(1))
    feed_server.answer = Answer(
        status=302, headers={"Location": other_host.url}, etag=False
    )
    url = feed_server.url.replace("http://", "http://desk:s3cret@")
    outcome = LocationSource(url, timeout=TIMEOUT).prepare(1)()
    assert isinstance(outcome, PollOk), outcome
    assert received(feed_server, 0)["authorization"].startswith("Basic ")
    assert "authorization" not in received(other_host, 0)


def test_the_ap_source_sends_no_key_to_another_host(
    feed_server: FeedServer, other_host: FeedServer
) -> None:
    other_host.answer = Answer(
        json.dumps(
            {"electionDate": "2024-11-05", "timestamp": "2024-11-06T02:00:00Z"}
            | {"races": []}
        ).encode()
    )
    feed_server.answer = Answer(
        status=302, headers={"Location": other_host.url}, etag=False
    )
    outcome = ApSource(feed_server.url, KEY, timeout=TIMEOUT).prepare(1)()
    assert isinstance(outcome, PollOk), outcome
    assert received(feed_server, 0)["x-api-key"] == KEY
    assert "x-api-key" not in received(other_host, 0)
    assert other_host.paths == ["/feed.json"]


def test_origins_compare_scheme_host_and_port() -> None:
    assert origin("http://Example.org/a") == origin("http://example.org:80/b")
    assert origin("https://example.org/") == "https://example.org:443"
    assert origin("http://u:p@example.org/") == "http://example.org:80"
    assert origin("http://example.org:8080/") != origin("http://example.org/")
    assert origin("https://example.org/") != origin("http://example.org/")
    assert origin("http://example.org:nope/") == ""


# Files: only regular ones, within the limit, never hanging.


def finishes_quickly(action: Callable[[], object], seconds: float = 5.0) -> object:
    """Run ``action`` on a thread; fail (rather than hang) if it does not end."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(action())
        except Exception as error:
            outcome.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "reading the file hung"
    return outcome[0]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_not_read_to_exhaustion() -> None:
    error = finishes_quickly(lambda: fetch(FetchRequest("/dev/zero")))
    assert isinstance(error, FetchError)
    assert "/dev/zero is a character device, not a regular file" in str(error)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.json"
    os.mkfifo(fifo)
    error = finishes_quickly(lambda: fetch(FetchRequest(str(fifo))))
    assert isinstance(error, FetchError)
    assert "is a named pipe (FIFO), not a regular file" in str(error)


def test_a_file_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 5000)
    with pytest.raises(FetchError, match="larger than the 4,096-byte limit"):
        read_local(path, max_bytes=4096)
    assert read_local(path, max_bytes=5000) == b" " * 5000


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="is a folder, not a feed file"):
        fetch(FetchRequest(str(tmp_path)))


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"deadline": 0.0}, "deadline must be positive, not 0.0"),
        ({"deadline": -1.0}, "deadline must be positive, not -1.0"),
        ({"deadline": float("nan")}, "deadline must be positive, not nan"),
        ({"timeout": (0.0, 10.0)}, "connect timeout must be positive"),
        ({"timeout": (3.0, -5.0)}, "read timeout must be positive"),
    ],
)
def test_a_time_that_would_fail_every_fetch_is_refused(
    changes: dict[str, object], words: str
) -> None:
    with pytest.raises(ValueError, match=words):
        FetchRequest("feed.json", **changes)  # type: ignore[arg-type]


def test_a_small_positive_deadline_is_kept() -> None:
    request = FetchRequest("feed.json", timeout=(0.01, 0.01), deadline=0.01)
    assert request.deadline == 0.01
    assert request.timeout == (0.01, 0.01)


def test_an_http_body_is_read_with_a_pause_point_between_chunks(
    feed_server: FeedServer,
) -> None:
    # A frame being painted goes first (model/pacing.py): a statewide body is
    # 17 chunks, each read beside a glide.
    from electionboard.model import pacing
    from electionboard.sources.fetch import CHUNK

    body = b"x" * (4 * CHUNK)
    feed_server.answer = Answer(body)
    paused: list[int] = []
    previous = pacing.install_gate(lambda: paused.append(1))
    try:
        result = fetch(FetchRequest(feed_server.url, timeout=TIMEOUT))
    finally:
        pacing.install_gate(previous)
    assert result.data == body
    assert len(paused) >= 4
