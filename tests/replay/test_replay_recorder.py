"""Recording a live feed: one file per change, an atomic index, no secrets kept."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from electionboard.cli import main
from electionboard.replay import Recorder, load_recording
from electionboard.replay.recorder import headers_from_environment
from electionboard.sources import FeedFormatError
from electionboard.sources.backoff import MAX_RETRY_AFTER
from tests.feedserver import OTHER_HOST, Answer, FeedServer, serve
from tests.replay.helpers import get, sample_bytes, sample_night, serving

KEY = "sekret-4f1c9"


def test_records_each_change_and_replays_the_same_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "night"
    with serving(sample_night()) as live:
        recorder = Recorder(live.url, folder)
        assert recorder.poll() is not None
        assert recorder.poll() is None  # 304: nothing new, nothing saved

        def next_snapshot(_seconds: float) -> bool:
            live.advance()
            return False

        saved = recorder.run(interval=30, count=2, wait=next_snapshot)
    assert saved == 2
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["0000.json", "0001.json", "0002.json", "index.json"]
    index = json.loads((folder / "index.json").read_text())["snapshots"]
    assert [entry["file"] for entry in index] == names[:3]
    assert all(entry["at"].endswith("+00:00") for entry in index)
    with serving(load_recording([folder])) as replay:
        served = [get(replay.url).content]
        for _ in range(2):
            replay.advance()
            served.append(get(replay.url).content)
    assert served == [sample_bytes(0), sample_bytes(1), sample_bytes(2)]


def test_a_second_recorder_continues_the_folder(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.answer = Answer(sample_bytes(0))
    assert Recorder(feed_server.url, tmp_path).poll() is not None
    resumed = Recorder(feed_server.url, tmp_path)
    assert resumed.poll() is None  # the same bytes as the last file: skipped
    feed_server.answer = Answer(sample_bytes(1), etag=False)
    saved = resumed.poll()
    assert saved is not None
    assert saved.path.name == "0001.json"
    assert len(load_recording([tmp_path]).snapshots) == 2


def test_the_api_key_is_sent_but_never_kept(
    tmp_path: Path,
    feed_server: FeedServer,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("AP_API_KEY", KEY)
    feed_server.answer = Answer(sample_bytes(0))
    folder = tmp_path / "ap"
    assert main(["record", feed_server.url, str(folder), "--count", "1"]) == 0
    assert feed_server.requests[-1]["x-api-key"] == KEY
    for path in folder.iterdir():
        assert KEY.encode() not in path.read_bytes()
    output = capsys.readouterr()
    assert KEY not in output.out + output.err + caplog.text
    assert "saved 0000.json (native)" in output.out
    assert headers_from_environment({"AP_API_KEY": ""}) == ()


def test_feed_errors_are_one_log_line_and_retried(
    tmp_path: Path, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    feed_server.answer = Answer(b"busy", status=503, headers={"Retry-After": "90"})
    waits: list[float] = []

    def recover(seconds: float) -> bool:
        waits.append(seconds)
        feed_server.answer = Answer(sample_bytes(0))
        return False

    recorder = Recorder(feed_server.url, tmp_path)
    assert recorder.run(interval=5, count=1, wait=recover) == 1
    (record,) = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert "HTTP 503" in record.getMessage()
    assert "\n" not in record.getMessage()
    assert waits == [90]


def test_an_answer_that_is_not_a_feed_is_not_saved(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.answer = Answer(b"<html>sign in</html>")
    recorder = Recorder(feed_server.url, tmp_path)
    with pytest.raises(FeedFormatError):
        recorder.poll()
    assert list(tmp_path.iterdir()) == []


def test_duration_stops_the_command(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_server.answer = Answer(sample_bytes(0))
    argv = ["record", feed_server.url, str(tmp_path), "--interval", "0.01"]
    assert main([*argv, "--duration", "0.05"]) == 0
    assert "recorded 1 snapshots" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0000.json", "index.json"]


@pytest.fixture
def other_host() -> Iterator[FeedServer]:
    """A loopback server on 127.0.0.2: another host as far as a URL can tell."""
    yield from serve(OTHER_HOST)


def test_the_api_key_never_follows_a_redirect_to_another_host(
    tmp_path: Path,
    feed_server: FeedServer,
    other_host: FeedServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AP_API_KEY", KEY)
    other_host.answer = Answer(sample_bytes(0))
    feed_server.answer = Answer(
        status=302, headers={"Location": other_host.url}, etag=False
    )
    assert main(["record", feed_server.url, str(tmp_path), "--count", "1"]) == 0
    assert feed_server.requests[0]["x-api-key"] == KEY
    assert "x-api-key" not in {name.lower() for name in other_host.requests[0]}
    assert (tmp_path / "0000.json").read_bytes() == sample_bytes(0)


@pytest.mark.allow_log(r"^poll failed, next in 3600 s: .* answered HTTP 503")
@pytest.mark.parametrize(
    "retry_after",
    ["9" * 400, "99999999999", "Fri, 31 Dec 9999 23:59:59 GMT"],
    ids=["400-digits", "3000-years", "year-9999"],
)
def test_a_huge_retry_after_is_capped_as_the_board_caps_it(
    tmp_path: Path, feed_server: FeedServer, retry_after: str
) -> None:
    feed_server.answer = Answer(
        b"busy", status=503, headers={"Retry-After": retry_after}
    )
    waits: list[float] = []

    def recover(seconds: float) -> bool:
        waits.append(seconds)
        feed_server.answer = Answer(sample_bytes(0))
        return False

    recorder = Recorder(feed_server.url, tmp_path)
    assert recorder.run(interval=5, count=1, wait=recover) == 1
    assert waits == [MAX_RETRY_AFTER]


def test_record_gives_up_on_a_dripping_answer_at_its_deadline(
    tmp_path: Path, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    feed_server.answer = Answer(sample_bytes(0), drip=0.05)
    recorder = Recorder(feed_server.url, tmp_path, deadline=0.5)
    waits: list[float] = []

    def stop(seconds: float) -> bool:
        waits.append(seconds)
        return True

    assert recorder.run(interval=5, wait=stop) == 0
    assert waits == [5]
    (record,) = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert "answering too slowly" in record.getMessage()
