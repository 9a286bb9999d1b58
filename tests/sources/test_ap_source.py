"""The AP polling source against a real loopback server: next requests and the key."""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from electionboard.model import Election
from electionboard.sources.ap_source import (
    API_KEY_HEADER,
    ApPollFailed,
    ApPollOk,
    ApSource,
    _next_location,
)
from electionboard.sources.polling import (
    FeedSource,
    PollFailed,
    PollOk,
    PollOutcome,
    PollUnchanged,
)
from tests.feedserver import Answer, FeedServer, serve
from tests.shared_feeds import read_shared_feed

SUPER_TUESDAY = "ap/20160301_super_tuesday.json"
KEY = "k3y-ZQX7-do-not-leak-0451"
NEXT = "/v2/elections/2024-11-05?level=ru&minDateTime=2024-11-06T02%3A00%3A00Z"
NEXT_2 = "/v2/elections/2024-11-05?level=ru&minDateTime=2024-11-06T02%3A05%3A00Z"
TIMEOUT = (0.5, 0.5)


def line(candidate_id: str, last: str, votes: int) -> dict[str, Any]:
    return {
        "first": "A",
        "last": last,
        "party": "Dem" if candidate_id.endswith("1") else "GOP",
        "candidateID": candidate_id,
        "polID": f"p{candidate_id}",
        "ballotOrder": int(candidate_id[-1]),
        "voteCount": votes,
    }


def race(state: str, race_id: str, office: str, a: int, b: int) -> dict[str, Any]:
    return {
        "test": False,
        "raceID": race_id,
        "raceType": "General",
        "raceTypeID": "G",
        "officeID": "S",
        "officeName": office,
        "reportingUnits": [
            {
                "statePostal": state,
                "level": "state",
                "precinctsReporting": 10,
                "precinctsTotal": 20,
                "candidates": [
                    line(f"{race_id}1", "Ames", a),
                    line(f"{race_id}2", "Bell", b),
                ],
            }
        ],
    }


def answer(
    *races: dict[str, Any],
    next_url: str | None,
    timestamp: str = "2024-11-06T02:00:00Z",
    date: str = "2024-11-05",
) -> Answer:
    document: dict[str, Any] = {
        "electionDate": date,
        "timestamp": timestamp,
        "races": list(races),
    }
    if next_url is not None:
        document["nextrequest"] = next_url
    return Answer(json.dumps(document).encode())


def full(server: FeedServer) -> Answer:
    return answer(
        race("GA", "10", "U.S. Senate", 100, 90),
        race("OH", "20", "U.S. Senate", 50, 60),
        next_url=server.url_for(NEXT),
    )


def poll(source: FeedSource, sequence: int) -> PollOutcome:
    """One poll as the poller does it: prepare, run (here), settle."""
    outcome = source.prepare(sequence)()
    source.settle(outcome)
    return outcome


def totals(outcome: PollOutcome, race_id: str) -> tuple[int, ...] | None:
    assert isinstance(outcome, PollOk), outcome
    return outcome.election.race(race_id).totals


@pytest.fixture
def other_server() -> Iterator[FeedServer]:
    """A second loopback server: "another host" for redirects and next requests."""
    yield from serve()


@pytest.fixture
def source(feed_server: FeedServer) -> ApSource:
    return ApSource(feed_server.url, KEY, timeout=TIMEOUT)


# The next-request chain


def test_full_then_next_requests_merged_into_the_held_election(
    feed_server: FeedServer, source: ApSource
) -> None:
    feed_server.answer = full(feed_server)
    feed_server.routes[NEXT] = answer(
        race("OH", "20", "U.S. Senate", 70, 61),
        race("PA", "30", "Governor", 5, 4),
        next_url=feed_server.url_for(NEXT_2),
        timestamp="2024-11-06T02:05:00Z",
    )
    feed_server.routes[NEXT_2] = answer(
        next_url=feed_server.url_for(NEXT_2), timestamp="2024-11-06T02:10:00Z"
    )

    first = poll(source, 1)
    assert isinstance(first, ApPollOk)
    assert first.next_request == feed_server.url_for(NEXT)
    assert source.incremental
    second = poll(source, 2)
    third = poll(source, 3)

    assert feed_server.paths == ["/feed.json", NEXT, NEXT_2]
    assert all(r[API_KEY_HEADER] == KEY for r in feed_server.requests)
    assert isinstance(second, ApPollOk)
    assert [r.id for r in second.election.races] == ["GA-10", "OH-20", "PA-30"]
    assert second.election.race("GA-10") is first.election.race("GA-10")
    assert totals(second, "OH-20") == (70, 61)
    assert totals(second, "PA-30") == (5, 4)
    # An answer with no changed races still moves the clock on.
    assert isinstance(third, ApPollOk)
    assert third.election.races == second.election.races
    assert third.election.updated > second.election.updated


def test_the_merge_uses_the_election_held_when_the_poll_was_prepared(
    feed_server: FeedServer, source: ApSource
) -> None:
    feed_server.answer = full(feed_server)
    feed_server.routes[NEXT] = answer(
        race("OH", "20", "U.S. Senate", 70, 61),
        next_url=feed_server.url_for(NEXT),
        timestamp="2024-11-06T02:05:00Z",
    )
    poll(source, 1)
    job = source.prepare(2)
    dropped = source.prepare(3)()  # e.g. the outcome of a poll begun before stop
    assert isinstance(dropped, ApPollOk)
    outcome = job()
    assert totals(outcome, "GA-10") == (100, 90)
    assert totals(outcome, "OH-20") == (70, 61)


def test_real_ap_file_then_a_next_request(
    feed_server: FeedServer, source: ApSource
) -> None:
    document = json.loads(read_shared_feed(SUPER_TUESDAY))
    document["nextrequest"] = feed_server.url_for(NEXT)
    feed_server.answer = Answer(json.dumps(document).encode())
    update = copy.deepcopy(document)
    del update["races"][0]
    update["timestamp"] = "2016-03-09T16:00:00Z"
    for unit in update["races"][0]["reportingUnits"]:
        for candidate in unit["candidates"]:
            candidate["voteCount"] += 1
    feed_server.routes[NEXT] = Answer(json.dumps(update).encode())

    first = poll(source, 1)
    second = poll(source, 2)

    assert isinstance(first, ApPollOk)
    assert isinstance(second, ApPollOk)
    assert [r.id for r in second.election.races] == ["MA-24547", "MA-24548"]
    assert second.election.race("MA-24547") is first.election.race("MA-24547")
    assert totals(second, "MA-24548") == (603785, 586717, 8153, 4745, 1532)


def test_without_a_next_request_every_poll_is_a_full_one(
    feed_server: FeedServer, source: ApSource
) -> None:
    feed_server.answer = answer(race("GA", "10", "Senate", 1, 2), next_url=None)
    for sequence in (1, 2):
        assert isinstance(poll(source, sequence), PollOk)
    assert feed_server.paths == ["/feed.json", "/feed.json"]
    assert not source.incremental


@pytest.mark.parametrize(
    ("broken", "words"),
    [
        (Answer(b'{"electionDate": "2024-11-05", "races": ['), "not valid JSON"),
        (Answer(b"<html>gateway</html>"), "not valid JSON"),
        (Answer(b"gone", status=404), "HTTP 404"),
        (Answer(b"expired", status=410), "HTTP 410"),
        (Answer(b"no", status=403), "HTTP 403"),
    ],
)
def test_a_broken_next_request_falls_back_to_a_full_request(
    feed_server: FeedServer,
    source: ApSource,
    broken: Answer,
    words: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    feed_server.answer = full(feed_server)
    feed_server.routes[NEXT] = broken
    first = poll(source, 1)
    assert isinstance(first, ApPollOk)

    failed = poll(source, 2)
    assert isinstance(failed, ApPollFailed)
    assert failed.restart
    assert words in failed.message
    assert "full results next time" in failed.message
    assert not source.incremental
    assert "AP next request failed; asking for the full results" in caplog.text

    again = poll(source, 3)
    assert feed_server.paths == ["/feed.json", NEXT, "/feed.json"]
    assert isinstance(again, ApPollOk)
    assert again.election.races == first.election.races


@pytest.mark.parametrize(
    ("update", "words"),
    [
        (
            answer(race("GA", "10", "Senate", 1, 1), next_url=None, date="2024-03-05"),
            "answered for election 2024-03-05, not 2024-11-05",
        ),
        (
            answer(
                race("GA", "10", "Senate", 1, 1),
                next_url=None,
                timestamp="2024-11-06T01:00:00Z",
            ),
            "older than those held",
        ),
    ],
)
def test_a_next_request_that_cannot_belong_restarts_the_chain(
    feed_server: FeedServer,
    source: ApSource,
    update: Answer,
    words: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    feed_server.answer = full(feed_server)
    feed_server.routes[NEXT] = update
    poll(source, 1)
    failed = poll(source, 2)
    assert isinstance(failed, ApPollFailed)
    assert failed.restart
    assert words in failed.message
    assert "AP next request failed" in caplog.text
    poll(source, 3)
    assert feed_server.paths[-1] == "/feed.json"


@pytest.mark.parametrize(
    ("trouble", "retry_after"),
    [
        (Answer(b"busy", status=503), None),
        (Answer(b"slow down", status=429, headers={"Retry-After": "7"}), 7.0),
        (Answer(b"", delay=5), None),  # no answer within the read timeout
    ],
)
def test_a_passing_trouble_keeps_the_chain(
    feed_server: FeedServer,
    source: ApSource,
    trouble: Answer,
    retry_after: float | None,
) -> None:
    feed_server.answer = full(feed_server)
    feed_server.routes[NEXT] = trouble
    poll(source, 1)
    failed = poll(source, 2)
    assert isinstance(failed, ApPollFailed)
    assert not failed.restart
    assert failed.retry_after == retry_after
    assert source.incremental
    feed_server.routes[NEXT] = answer(
        race("OH", "20", "U.S. Senate", 70, 61),
        next_url=feed_server.url_for(NEXT),
        timestamp="2024-11-06T02:05:00Z",
    )
    recovered = poll(source, 3)
    assert feed_server.paths[-1] == NEXT
    assert totals(recovered, "GA-10") == (100, 90)
    assert totals(recovered, "OH-20") == (70, 61)


def test_a_failed_full_request_leaves_nothing_behind(
    feed_server: FeedServer, source: ApSource
) -> None:
    feed_server.answer = Answer(b"[]")
    failed = poll(source, 1)
    assert isinstance(failed, PollFailed)
    assert not source.incremental
    feed_server.answer = full(feed_server)
    assert isinstance(poll(source, 2), ApPollOk)


def test_not_modified_is_unchanged(feed_server: FeedServer, source: ApSource) -> None:
    feed_server.answer = full(feed_server)
    feed_server.routes[NEXT] = Answer(status=304, etag=False)
    poll(source, 1)
    assert isinstance(poll(source, 2), PollUnchanged)
    assert source.incremental


# Where the key may go


def test_label_is_scheme_and_host(feed_server: FeedServer, source: ApSource) -> None:
    assert source.label == feed_server.url.removesuffix("/feed.json")
    assert ApSource("https://api.ap.org/v2/elections/2024-11-05?level=ru").label == (
        "https://api.ap.org"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://api.ap.org/v2/elections?apiKey=abc",
        "https://api.ap.org/v2/elections?format=json&API_KEY=abc",
        "/tmp/ap.json",
        "ftp://api.ap.org/v2",
        "https:///v2/elections",
    ],
)
def test_urls_that_cannot_be_polled_safely_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="AP") as raised:
        ApSource(url)
    assert "abc" not in str(raised.value)


def test_a_key_that_is_not_a_header_value_is_refused() -> None:
    with pytest.raises(ValueError, match="API key") as raised:
        ApSource("https://api.ap.org/v2/elections", f"{KEY}\r\nX-Evil: 1")
    assert KEY not in str(raised.value)


def test_no_key_sends_no_key_header(feed_server: FeedServer) -> None:
    feed_server.answer = full(feed_server)
    poll(ApSource(feed_server.url, api_key=""), 1)
    assert API_KEY_HEADER not in {name.lower() for name in feed_server.requests[0]}


def test_a_next_request_to_another_server_is_not_followed(
    feed_server: FeedServer,
    other_server: FeedServer,
    source: ApSource,
    caplog: pytest.LogCaptureFixture,
) -> None:
    feed_server.answer = answer(
        race("GA", "10", "Senate", 1, 2), next_url=other_server.url_for(NEXT)
    )
    first = poll(source, 1)
    assert isinstance(first, ApPollOk)
    assert first.next_request is None
    assert "another server" in caplog.text
    poll(source, 2)
    assert other_server.requests == []
    assert feed_server.paths == ["/feed.json", "/feed.json"]


@pytest.mark.parametrize(
    ("next_url", "followed"),
    [
        (
            "https://api.ap.org/v2/e?minDateTime=1",
            "https://api.ap.org/v2/e?minDateTime=1",
        ),
        ("https://API.ap.org:443/v2/e", "https://API.ap.org:443/v2/e"),
        # AP's own files have http:// next requests: upgraded, never downgraded.
        ("http://api.ap.org/v2/e?x=1", "https://api.ap.org/v2/e?x=1"),
        ("http://api.ap.org:80/v2/e", "https://api.ap.org/v2/e"),
        ("https://api.ap.org/v2/e?apiKey=abc&x=1", "https://api.ap.org/v2/e?x=1"),
        ("https://api.ap.org.evil.example/v2/e", None),
        ("https://api.ap.org:8443/v2/e", None),
        ("https://user:pw@api.ap.org/v2/e", None),
        ("http://api.ap.org:8080/v2/e", None),
        ("file:///etc/passwd", None),
        ("/etc/passwd", None),
        ("https://api.ap.org:99999/v2/e", None),
    ],
)
def test_where_a_next_request_may_lead(
    next_url: str, followed: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    """Checked directly: the loopback server cannot speak https."""
    assert _next_location(next_url, "https://api.ap.org:443", "k3y") == followed
    assert ("points at another server" in caplog.text) == (followed is None)


def test_a_key_in_a_next_request_url_is_taken_out(
    feed_server: FeedServer, source: ApSource
) -> None:
    feed_server.answer = answer(
        race("GA", "10", "Senate", 1, 2),
        next_url=feed_server.url_for(f"/v2/next?apikey={KEY}&minDateTime=x"),
    )
    feed_server.routes["/v2/next?minDateTime=x"] = full(feed_server)
    poll(source, 1)
    poll(source, 2)
    assert feed_server.paths == ["/feed.json", "/v2/next?minDateTime=x"]


def test_a_redirect_to_another_server_does_not_carry_the_key(
    feed_server: FeedServer, other_server: FeedServer, source: ApSource
) -> None:
    other_server.answer = full(feed_server)
    feed_server.answer = Answer(
        status=302, headers={"Location": other_server.url}, etag=False
    )
    assert isinstance(poll(source, 1), ApPollOk)
    assert feed_server.requests[0][API_KEY_HEADER] == KEY
    assert API_KEY_HEADER not in {name.lower() for name in other_server.requests[0]}


def test_a_redirect_on_the_same_server_keeps_the_key(
    feed_server: FeedServer, source: ApSource
) -> None:
    feed_server.answer = Answer(
        status=301, headers={"Location": "/v2/moved"}, etag=False
    )
    feed_server.routes["/v2/moved"] = full(feed_server)
    assert isinstance(poll(source, 1), ApPollOk)
    assert feed_server.requests[1][API_KEY_HEADER] == KEY


def test_a_next_request_repeating_the_key_is_not_followed(
    feed_server: FeedServer, source: ApSource, caplog: pytest.LogCaptureFixture
) -> None:
    feed_server.answer = answer(
        race("GA", "10", "Senate", 1, 2), next_url=feed_server.url_for(f"/v2/{KEY}")
    )
    first = poll(source, 1)
    assert isinstance(first, ApPollOk)
    assert first.next_request is None
    assert "repeats the API key" in caplog.text


def test_a_redirect_repeating_the_key_is_not_followed(
    feed_server: FeedServer, source: ApSource
) -> None:
    feed_server.answer = Answer(
        status=302, headers={"Location": f"/login?key={KEY}"}, etag=False
    )
    failed = poll(source, 1)
    assert isinstance(failed, PollFailed)
    assert "repeats a credential; not following it" in failed.message
    assert KEY not in failed.message
    assert feed_server.paths == ["/feed.json"]


def echoing_answers(server: FeedServer) -> list[Answer]:
    """A server that repeats the key back in every way it can."""
    duplicate = race("GA", KEY, "Senate", 1, 2)
    return [
        Answer(f"invalid key {KEY}".encode(), status=401),
        Answer(f"<h1>{KEY} is rate limited</h1>".encode(), status=429),
        Answer(f"oops {KEY}".encode(), status=500, headers={"X-Echo": KEY}, etag=False),
        answer(duplicate, duplicate, next_url=None),
        Answer(
            json.dumps(
                {
                    "electionDate": "2024-11-05",
                    "timestamp": KEY,
                    "races": [],
                    "message": KEY,
                }
            ).encode()
        ),
        Answer(
            status=302,
            headers={"Location": server.url_for(f"/loop?apiKey={KEY}")},
            etag=False,
        ),
        Answer(f'{{"electionDate": "{KEY}"'.encode()),
    ]


def test_the_key_appears_in_no_message_log_or_label(
    feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    messages: list[str] = []
    for bad in echoing_answers(feed_server):
        # Each fault both as the first request and as a next request.
        for incremental in (False, True):
            source = ApSource(feed_server.url, KEY, timeout=TIMEOUT)
            messages += [source.label, repr(source)]
            feed_server.answer = full(feed_server) if incremental else bad
            feed_server.routes = {NEXT: bad, f"/loop?apiKey={KEY}": bad}
            if incremental:
                assert isinstance(poll(source, 1), ApPollOk)
            job = source.prepare(2)
            messages.append(repr(job))
            outcome = job()
            source.settle(outcome)
            assert isinstance(outcome, PollFailed), (bad, incremental)
            messages += [outcome.message, repr(outcome)]
    assert len(feed_server.requests) > 20
    assert all(r[API_KEY_HEADER] == KEY for r in feed_server.requests)
    assert any("[API key]" in message for message in messages)
    for text in [*messages, caplog.text]:
        assert KEY not in text
    for record in caplog.records:
        assert KEY not in record.getMessage()
        assert KEY not in str(record.args)


def test_election_snapshots_do_not_repeat_the_key(
    feed_server: FeedServer, source: ApSource
) -> None:
    feed_server.answer = full(feed_server)
    outcome = poll(source, 1)
    assert isinstance(outcome, ApPollOk)
    election: Election = outcome.election
    assert KEY not in repr(election)
    assert outcome.next_request is not None
    assert KEY not in outcome.next_request
