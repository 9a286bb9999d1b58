"""Poll jobs against real files and a real loopback server: outcomes, never raises."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path

import pytest

from electionboard.sources.polling import (
    LocationSource,
    PollFailed,
    PollOk,
    PollOutcome,
    PollUnchanged,
    SequenceSource,
)
from tests.builders import one_race_feed as feed
from tests.feedserver import Answer, FeedServer


def ann_votes(outcome: PollOutcome) -> int:
    assert isinstance(outcome, PollOk), outcome
    totals = outcome.election.race("mayor").totals
    assert totals is not None
    return totals[0]


def rewrite(path: Path, data: bytes) -> None:
    """Replace a file's content and move its mtime on, as a feed writer would."""
    before = path.stat().st_mtime_ns
    path.write_bytes(data)
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


def poll(source: LocationSource | SequenceSource, sequence: int) -> PollOutcome:
    """One poll as the poller does it: prepare, run, settle."""
    outcome = source.prepare(sequence)()
    source.settle(outcome)
    return outcome


# LocationSource on a file


def test_file_gives_a_snapshot_then_unchanged_then_the_new_one(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(feed(100))
    source = LocationSource(str(path))

    first = poll(source, 1)
    assert ann_votes(first) == 100
    assert first.sequence == 1
    second = poll(source, 2)
    assert isinstance(second, PollUnchanged)
    assert second.sequence == 2

    rewrite(path, feed(250))
    assert ann_votes(poll(source, 3)) == 250


def test_outcomes_are_stamped_in_utc(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(feed(1))
    before = dt.datetime.now(dt.UTC)
    outcome = LocationSource(str(path)).prepare(1)()
    assert outcome.fetched_at.utcoffset() == dt.timedelta(0)
    assert before <= outcome.fetched_at <= dt.datetime.now(dt.UTC)


def test_missing_file_fails_in_words(tmp_path: Path) -> None:
    outcome = LocationSource(str(tmp_path / "gone.json")).prepare(4)()
    assert isinstance(outcome, PollFailed)
    assert outcome.sequence == 4
    assert "no such file" in outcome.message
    assert outcome.retry_after is None


def test_unexpected_exception_becomes_a_failure_and_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="electionboard.sources.polling"):
        outcome = LocationSource("bad\0name.json").prepare(1)()
    assert isinstance(outcome, PollFailed)
    assert outcome.message == "internal error while reading the feed: ValueError"
    [record] = caplog.records
    assert record.exc_info is not None


def test_file_label_is_its_name(tmp_path: Path) -> None:
    assert LocationSource(str(tmp_path / "night.json")).label == "night.json"


# LocationSource on a real HTTP server


def test_etag_revalidation_gives_unchanged(feed_server: FeedServer) -> None:
    feed_server.answer = Answer(feed(100))
    source = LocationSource(feed_server.url)

    first = poll(source, 1)
    assert ann_votes(first) == 100
    assert isinstance(first, PollOk)
    assert first.etag
    assert "If-None-Match" not in feed_server.requests[0]

    assert isinstance(poll(source, 2), PollUnchanged)
    assert feed_server.requests[1]["If-None-Match"] == first.etag

    feed_server.answer = Answer(feed(300))
    assert ann_votes(poll(source, 3)) == 300


def test_validators_come_only_from_a_settled_snapshot(feed_server: FeedServer) -> None:
    feed_server.answer = Answer(feed(100))
    source = LocationSource(feed_server.url)
    unsettled = source.prepare(1)()
    assert isinstance(unsettled, PollOk)
    assert isinstance(source.prepare(2)(), PollOk)  # nothing remembered yet
    assert "If-None-Match" not in feed_server.requests[1]

    source.settle(unsettled)
    feed_server.answer = Answer(b"down", status=503)
    assert isinstance(poll(source, 3), PollFailed)  # keeps the validators
    feed_server.answer = Answer(feed(100))
    assert isinstance(poll(source, 4), PollUnchanged)


def test_a_job_is_a_snapshot_of_the_validators(feed_server: FeedServer) -> None:
    feed_server.answer = Answer(feed(100))
    source = LocationSource(feed_server.url)
    early_job = source.prepare(1)
    poll(source, 2)
    assert isinstance(early_job(), PollOk)
    assert "If-None-Match" not in feed_server.requests[-1]


def test_server_error_fails_with_the_status_in_words(feed_server: FeedServer) -> None:
    feed_server.answer = Answer(b"", status=503)
    outcome = LocationSource(feed_server.url).prepare(1)()
    assert isinstance(outcome, PollFailed)
    assert "HTTP 503 Service Unavailable" in outcome.message
    assert outcome.retry_after is None


def test_retry_after_is_passed_on(feed_server: FeedServer) -> None:
    feed_server.answer = Answer(b"", status=429, headers={"Retry-After": "7"})
    outcome = LocationSource(feed_server.url).prepare(1)()
    assert isinstance(outcome, PollFailed)
    assert "429" in outcome.message
    assert outcome.retry_after == 7.0


def test_garbage_body_fails_naming_the_problem(feed_server: FeedServer) -> None:
    feed_server.answer = Answer(b"<html>maintenance</html>")
    outcome = LocationSource(feed_server.url).prepare(1)()
    assert isinstance(outcome, PollFailed)
    assert "HTML" in outcome.message


def test_named_format_reports_broken_json(feed_server: FeedServer) -> None:
    feed_server.answer = Answer(b'{"format": "electionboard/1", ')
    outcome = LocationSource(feed_server.url, format_name="native").prepare(1)()
    assert isinstance(outcome, PollFailed)
    assert "not valid JSON" in outcome.message


def test_url_label_shows_no_secrets() -> None:
    source = LocationSource("https://user:s3cret@feeds.example.org:8443/v2/x?apiKey=k1")
    assert source.label == "https://feeds.example.org:8443"


# SequenceSource


@pytest.fixture
def night(tmp_path: Path) -> list[Path]:
    """Three snapshots of a recorded night, in a folder named after it."""
    folder = tmp_path / "la2022"
    folder.mkdir()
    paths = []
    for n, votes in enumerate((10, 20, 30)):
        path = folder / f"{n:02d}.json"
        path.write_bytes(feed(votes))
        paths.append(path)
    return paths


def test_replay_gives_the_files_in_order_then_holds(night: list[Path]) -> None:
    source = SequenceSource(night)
    assert (source.position, source.length, source.done) == (0, 3, False)
    assert [ann_votes(poll(source, n)) for n in (1, 2, 3)] == [10, 20, 30]
    assert source.done
    assert source.position == 3

    for sequence in (4, 5):
        held = poll(source, sequence)
        assert isinstance(held, PollUnchanged)
        assert held.sequence == sequence
    assert source.position == 3


def test_replay_advances_only_on_a_snapshot(night: list[Path]) -> None:
    source = SequenceSource(night)
    source.prepare(1)()  # run but never settled
    assert ann_votes(poll(source, 2)) == 10

    night[1].write_bytes(b"not json")
    failed = poll(source, 3)
    assert isinstance(failed, PollFailed)
    assert source.position == 1

    rewrite(night[1], feed(21))
    assert ann_votes(poll(source, 4)) == 21
    assert source.position == 2


def test_replay_is_named_after_its_folder(night: list[Path]) -> None:
    assert "la2022" in SequenceSource(night).label


def test_replay_needs_files() -> None:
    with pytest.raises(ValueError, match="at least one file"):
        SequenceSource([])


# SequenceSource's position file: a restart resumes the night where it was.


def test_a_restarted_replay_resumes_at_the_snapshot_it_was_on(
    night: list[Path], tmp_path: Path
) -> None:
    noted = tmp_path / "state" / "replay-position.json"
    first = SequenceSource(night, position_file=noted)
    assert [ann_votes(poll(first, n)) for n in (1, 2)] == [10, 20]

    again = SequenceSource(night, position_file=noted)
    assert again.position == 1
    assert ann_votes(poll(again, 1)) == 20  # the picture it was on, not 10
    assert ann_votes(poll(again, 2)) == 30


def test_a_failed_read_is_not_noted_as_shown(night: list[Path], tmp_path: Path) -> None:
    noted = tmp_path / "position.json"
    source = SequenceSource(night, position_file=noted)
    poll(source, 1)
    night[1].write_bytes(b"not json")
    assert isinstance(poll(source, 2), PollFailed)
    assert SequenceSource(night, position_file=noted).position == 0


def test_a_position_from_another_night_is_ignored(
    night: list[Path], tmp_path: Path
) -> None:
    noted = tmp_path / "position.json"
    source = SequenceSource(night, position_file=noted)
    for n in (1, 2, 3):
        poll(source, n)
    other = SequenceSource(night[:2], position_file=noted)
    assert other.position == 0
    assert ann_votes(poll(other, 1)) == 10


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b'{"night": [',
        b"\xff\xfe not text",
        b"[1, 2]",
        b'{"shown": 1}',
        b'{"night": null, "shown": 1}',
        b'{"night": NIGHT, "shown": "1"}',
        b'{"night": NIGHT, "shown": 3}',
        b'{"night": NIGHT, "shown": -1}',
    ],
    ids=[
        "empty",
        "truncated",
        "not-utf8",
        "a-list",
        "no-night",
        "null-night",
        "shown-as-text",
        "shown-past-the-end",
        "shown-negative",
    ],
)
def test_a_damaged_position_file_is_ignored(
    night: list[Path], tmp_path: Path, damage: bytes
) -> None:
    noted = tmp_path / "position.json"
    first = SequenceSource(night, position_file=noted)
    poll(first, 1)
    poll(first, 2)
    document = json.loads(noted.read_text(encoding="utf-8"))
    assert document["shown"] == 1  # the real file names the same night
    noted.write_bytes(damage.replace(b"NIGHT", json.dumps(document["night"]).encode()))

    source = SequenceSource(night, position_file=noted)
    assert source.position == 0
    assert ann_votes(poll(source, 1)) == 10
    assert json.loads(noted.read_text(encoding="utf-8"))["shown"] == 0


def test_the_position_is_written_aside_then_moved_into_place(
    night: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    noted = tmp_path / "position.json"
    source = SequenceSource(night, position_file=noted)
    poll(source, 1)
    before = noted.read_bytes()
    moves: list[tuple[str, str]] = []
    real_replace = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        moves.append((Path(src).name, Path(dst).name))
        # The complete new document is in the side file before the move.
        assert json.loads(Path(src).read_text(encoding="utf-8"))["shown"] == 1
        assert Path(dst).read_bytes() == before  # the old one whole until then
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    poll(source, 2)
    assert moves == [("position.json.new", "position.json")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["la2022", "position.json"]
    assert json.loads(noted.read_text(encoding="utf-8"))["shown"] == 1


@pytest.mark.allow_log(r"^could not note the replay's position")
def test_a_position_that_cannot_be_written_does_not_stop_the_replay(
    night: list[Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    source = SequenceSource(night, position_file=blocker / "position.json")
    assert [ann_votes(poll(source, n)) for n in (1, 2)] == [10, 20]
    assert "could not note the replay's position" in caplog.text
