"""AP recordings: nextrequest points back at the replay, and ?since=N gives deltas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from electionboard.model import Election
from electionboard.replay import load_recording
from electionboard.replay.apnext import changes_since, race_digests, with_next_request
from electionboard.sources.ap import next_request_url, parse_ap
from electionboard.sources.merge import merge_elections
from tests.replay.helpers import get, sample_bytes, serving, write
from tests.shared_feeds import read_shared_feed

NATIONAL = "ap/20151103_national.json"
CHANGED = "KY-18525"


def totals(election: Election) -> list[tuple[str, tuple[int, ...] | None]]:
    return [(race.id, race.totals) for race in election.races]


@pytest.fixture
def ap_night(tmp_path: Path) -> tuple[bytes, bytes]:
    """Two AP snapshots an hour apart in which only KY race 18525 changed."""
    first = read_shared_feed(NATIONAL)
    document: dict[str, Any] = json.loads(first)
    document["timestamp"] = "2015-11-10T19:55:18.832Z"
    (race,) = (r for r in document["races"] if r["raceID"] == "18525")
    for unit in race["reportingUnits"]:
        if unit["level"] == "state":
            unit["candidates"][0]["voteCount"] += 1000
    second = json.dumps(document).encode()
    write(tmp_path, "00.json", first)
    write(tmp_path, "01.json", second)
    return first, second


def test_full_answer_keeps_the_bytes_but_points_nextrequest_home(
    tmp_path: Path, ap_night: tuple[bytes, bytes]
) -> None:
    first, _ = ap_night
    with serving(load_recording([tmp_path])) as server:
        body = get(server.url).content
    next_url = next_request_url(body)
    assert next_url == f"{server.url}?since=0"
    original = next_request_url(first)
    assert original is not None
    assert body == first.replace(original.encode(), next_url.encode())


def test_since_gives_only_what_changed_and_merges_to_the_full_snapshot(
    tmp_path: Path, ap_night: tuple[bytes, bytes]
) -> None:
    first, second = ap_night
    with serving(load_recording([tmp_path])) as server:
        next_url = next_request_url(get(server.url).content)
        assert next_url is not None
        assert get(next_url).json()["races"] == []  # nothing new yet
        server.advance()
        answer = get(next_url)
        again = get(next_url, **{"If-None-Match": answer.headers["ETag"]})
        later = next_request_url(answer.content)
        assert later is not None
        assert get(later).json()["races"] == []
    assert answer.headers["Content-Type"] == "application/json"
    assert again.status_code == 304
    assert later == f"{server.url}?since=1"
    delta = parse_ap(answer.content)
    assert [race.id for race in delta.races] == [CHANGED]
    merged = merge_elections(parse_ap(first), delta)
    assert totals(merged) == totals(parse_ap(second))
    assert merged.updated == parse_ap(second).updated


@pytest.mark.usefixtures("ap_night")
def test_a_bad_since_is_refused(tmp_path: Path) -> None:
    with serving(load_recording([tmp_path])) as server:
        assert get(f"{server.url}?since=2").status_code == 400
        assert get(f"{server.url}?since=x").status_code == 400


def test_since_on_a_native_recording_is_the_whole_snapshot(tmp_path: Path) -> None:
    data = sample_bytes(0)
    write(tmp_path, "a.json", data)
    with serving(load_recording([tmp_path / "a.json"])) as server:
        assert get(f"{server.url}?since=0").content == data


def test_nextrequest_is_added_after_the_brace_when_missing() -> None:
    data = b' {"electionDate": "2024-05-21", "races": []}'
    out = with_next_request(data, "http://h/f")
    assert out == b' {"nextrequest":"http://h/f",' + data.lstrip()[1:]
    assert with_next_request(b"{}", "u") == b'{"nextrequest":"u"}'
    assert with_next_request(b"not json", "u") == b"not json"


def test_nextrequest_spelt_with_escapes_is_rewritten() -> None:
    data = b'{"next\\u0072equest": "http://live/", "races": []}'
    out = json.loads(with_next_request(data, "http://h/feed?since=0"))
    assert out == {"nextrequest": "http://h/feed?since=0", "races": []}


def test_changes_since_treats_an_unreadable_base_as_all_new() -> None:
    data = read_shared_feed(NATIONAL)
    everything = changes_since(None, data, "u")
    unchanged = changes_since(race_digests(data), data, "u")
    assert everything is not None
    assert unchanged is not None
    assert len(json.loads(everything)["races"]) == 5
    assert json.loads(unchanged)["races"] == []
    assert changes_since(None, b"[1, 2]", "u") is None
