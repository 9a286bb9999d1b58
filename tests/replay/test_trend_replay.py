"""The bundled LA night's trend: Caruso leads on election night, Bass overtakes."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from electionboard.model.screens import TrendMeasure
from electionboard.model.trend import TrendSample, series
from electionboard.replay.recording import load_recording
from electionboard.replay.trend_replay import history_from_recording
from electionboard.resource_paths import sample_night_dir, sample_snapshots


@pytest.fixture(scope="module")
def mayor() -> tuple[TrendSample, ...]:
    return history_from_recording([sample_night_dir()])["la-mayor"]


def leader(sample: TrendSample) -> str:
    return max(sample.votes, key=lambda pair: pair[1])[0]


def test_every_snapshot_is_a_sample_in_time_order(
    mayor: tuple[TrendSample, ...],
) -> None:
    assert len(mayor) == len(sample_snapshots())
    assert [s.at for s in mayor] == sorted({s.at for s in mayor})
    assert mayor[0].total == 0
    assert dict(mayor[-1].votes)["bass"] == 278_511


def test_caruso_leads_early_and_bass_overtakes_him(
    mayor: tuple[TrendSample, ...],
) -> None:
    counted = [s for s in mayor if s.total]
    leaders = [leader(s) for s in counted]
    first_bass = leaders.index("bass")
    assert first_bass > 0
    assert set(leaders[:first_bass]) == {"caruso"}, "Caruso led all election night"
    assert set(leaders[first_bass:]) == {"bass"}, "and Bass never gave it back"
    assert counted[first_bass].at.date().isoformat() == "2022-06-14"
    shares = {line.candidate_id: line for line in series(mayor, TrendMeasure.SHARE)}
    assert shares["caruso"].points[0][1] > shares["bass"].points[0][1]
    assert shares["bass"].last is not None
    assert round(shares["bass"].last, 1) == 43.1


def test_a_recording_object_gives_the_same_trend(
    mayor: tuple[TrendSample, ...],
) -> None:
    recording = load_recording([sample_night_dir()])
    assert history_from_recording(recording)["la-mayor"] == mayor


def test_an_unreadable_snapshot_is_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first, second = sample_snapshots()[1:3]
    shutil.copy(first, tmp_path / "01.json")
    (tmp_path / "02.json").write_text("{not a feed")
    shutil.copy(second, tmp_path / "03.json")
    with caplog.at_level(logging.WARNING):
        history = history_from_recording([tmp_path])
    assert len(history["la-mayor"]) == 2
    assert "02.json skipped" in caplog.text
