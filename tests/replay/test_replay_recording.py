"""Reading a recorded night: index, name order, recorded times, and bad input."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import os
import zipfile
from pathlib import Path

import pytest

from electionboard.replay import RecordingError, load_recording
from electionboard.replay.recording import (
    fill_times,
    media_type,
    read_index,
    write_index,
)
from electionboard.resource_paths import sample_snapshots
from tests.replay.helpers import sample_bytes, sample_night, write

CSV = b"race_id,candidate_id,votes\nmayor,ann,%d\nmayor,bo,3\n"
UTC = dt.UTC


def test_the_bundled_night_follows_its_index() -> None:
    night = sample_night()
    assert night.label == "la2022"
    assert [s.name for s in night.snapshots] == [p.name for p in sample_snapshots()]
    assert night.snapshots[0].data == sample_bytes(0)
    assert night.snapshots[12].at.isoformat() == "2022-06-08T02:05:00-07:00"
    assert {s.format_name for s in night.snapshots} == {"native"}
    assert night.snapshots[0].content_type == "application/json"


def test_without_an_index_files_go_in_name_order_timed_by_their_data(
    tmp_path: Path,
) -> None:
    for name, position in (("b.json", 1), ("a.json", 0), ("c.json", 12)):
        write(tmp_path, name, sample_bytes(position))
    write(tmp_path, "README.txt", b"notes, not a snapshot")
    write(tmp_path, ".hidden.json", b"{}")
    night = load_recording([tmp_path])
    assert [s.name for s in night.snapshots] == ["a.json", "b.json", "c.json"]
    assert [s.at.isoformat() for s in night.snapshots] == [
        "2022-06-07T20:00:00-07:00",
        "2022-06-07T20:30:00-07:00",
        "2022-06-08T02:05:00-07:00",
    ]


def test_untimed_snapshots_are_a_minute_apart(tmp_path: Path) -> None:
    for number in range(3):
        write(tmp_path, f"{number}.csv", CSV % number)
    night = load_recording([tmp_path])
    gaps = {b.at - a.at for a, b in itertools.pairwise(night.snapshots)}
    assert gaps == {dt.timedelta(minutes=1)}
    assert night.snapshots[0].content_type.startswith("text/csv")


def test_files_are_served_in_argument_order(tmp_path: Path) -> None:
    late = write(tmp_path, "late.json", sample_bytes(3))
    early = write(tmp_path, "early.json", sample_bytes(1))
    night = load_recording([late, early])
    assert [s.name for s in night.snapshots] == ["late.json", "early.json"]
    assert night.label == "late.json and 1 more"


def test_missing_times_fill_around_known_ones() -> None:
    known = dt.datetime(2024, 11, 5, 20, tzinfo=UTC)
    minute = dt.timedelta(minutes=1)
    assert fill_times([None, known, None]) == [known - minute, known, known + minute]
    assert len(set(fill_times([None, None]))) == 2


def test_an_index_entry_without_a_time_takes_the_snapshots_own(tmp_path: Path) -> None:
    write(tmp_path, "x.json", sample_bytes(2))
    write(tmp_path, "index.json", b'{"snapshots": [{"file": "x.json"}]}')
    (snapshot,) = load_recording([tmp_path]).snapshots
    assert snapshot.at.isoformat() == "2022-06-07T21:00:00-07:00"


def test_a_broken_snapshot_is_served_as_it_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path, "0.json", b"<html>gateway timeout</html>")
    (snapshot,) = load_recording([tmp_path]).snapshots
    assert snapshot.format_name is None
    assert snapshot.content_type == "application/json"
    assert "served as it is" in caplog.text


def test_clarity_zip_and_xml_keep_their_types() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("detail.xml", "<ElectionResult/>")
    assert media_type(buffer.getvalue(), "clarity") == ("zip", "application/zip")
    assert media_type(b"<ElectionResult/>", "clarity") == ("xml", "application/xml")


@pytest.mark.parametrize(
    ("index", "words"),
    [
        (b"[]", "expected"),
        (b'{"snapshots": []}', "lists no snapshots"),
        (b'{"snapshots": [{"at": "2022-06-07T20:00:00Z"}]}', "needs a 'file'"),
        (b'{"snapshots": [{"file": "a.json", "at": "2022-06-07T20:00"}]}', "offset"),
        (b'{"snapshots": [{"file": "gone.json"}]}', "no such file"),
    ],
)
def test_a_bad_index_names_the_problem(
    tmp_path: Path, index: bytes, words: str
) -> None:
    write(tmp_path, "a.json", sample_bytes(0))
    write(tmp_path, "index.json", index)
    with pytest.raises(RecordingError, match=words):
        load_recording([tmp_path])


def test_missing_and_empty_recordings_are_refused(tmp_path: Path) -> None:
    with pytest.raises(RecordingError, match="no such file or folder"):
        load_recording([tmp_path / "nope"])
    with pytest.raises(RecordingError, match="no snapshot files"):
        load_recording([tmp_path])
    with pytest.raises(RecordingError, match="no recording"):
        load_recording([])


def test_the_index_written_is_the_index_read(tmp_path: Path) -> None:
    at = dt.datetime(2024, 11, 5, 20, 0, 0, 123000, tzinfo=UTC)
    write_index(tmp_path, [("0000.json", at), ("0001.json", None)])
    assert read_index(tmp_path) == [("0000.json", at), ("0001.json", None)]
    assert json.loads((tmp_path / "index.json").read_text())["snapshots"][1] == {
        "file": "0001.json"
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_among_the_snapshots_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "0001.json"
    os.mkfifo(fifo)
    good = write(tmp_path, "0000.json", sample_bytes(0))
    with pytest.raises(RecordingError, match=r"named pipe \(FIFO\)"):
        load_recording([good, fifo])


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_as_a_snapshot_is_refused() -> None:
    with pytest.raises(RecordingError, match="character device"):
        load_recording([Path("/dev/zero")])
