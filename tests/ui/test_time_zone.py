"""Every time on air and on the desk is on the election's clock, the same on both.

The desk's store stamps its actions in UTC (03:00:0x UTC in the rig's clock,
8:00 PM on June 7 in Los Angeles); the machine running the tests is on UTC, so
a raw or machine-local time would read 3:00.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pytestqt.qtbot import QtBot

from electionboard.settings import Settings
from tests.store.desk import night
from tests.ui.desk.rig import Rig, close_desk, open_desk


def call_mayor(rig: Rig) -> str:
    calls = rig.desk.calls
    rig.desk.tabs.setCurrentWidget(calls)
    calls.race_picker.edit.setText("mayor")
    calls.race_picker.commit()
    calls.set_checked(["a", "b"])
    rig.answers.will(True)
    return rig.settle(calls.advance_button.click)


def test_a_desk_call_reads_the_same_election_time_on_air_and_on_the_desk(
    qtbot: QtBot, tmp_path: Path
) -> None:
    election = dataclasses.replace(night(), time_zone="America/Los_Angeles")
    rig = open_desk(qtbot, tmp_path, "Ann", election=election)
    try:
        assert call_mayor(rig).startswith("Called Mayor")
        _, detail = rig.banner()
        assert detail.startswith("Called by Decision Desk at 8:00 PM"), detail
        assert rig.desk.calls.now.text() == (
            "Desk call: Ana and Bo advance, by Ann at 8:00 PM"
        )
        assert rig.scene.header_texts()["updated"] == "RESULTS AS OF JUN 7, 8:00 PM"
        audit = rig.desk.audit.model
        assert str(audit.data(audit.index(0, 1))).startswith("Jun 7, 8:00:")
        assert str(audit.data(audit.index(0, 1))).endswith(" PM")
    finally:
        close_desk(rig)


def test_the_time_zone_setting_overrides_the_feeds_zone(
    qtbot: QtBot, tmp_path: Path
) -> None:
    election = dataclasses.replace(night(), time_zone="America/Los_Angeles")
    settings = Settings(time_zone="America/New_York")
    rig = open_desk(qtbot, tmp_path, "Ann", election=election, settings=settings)
    try:
        call_mayor(rig)
        assert rig.banner()[1].startswith("Called by Decision Desk at 11:00 PM")
        assert rig.desk.calls.now.text().endswith("by Ann at 11:00 PM")
        assert rig.scene.header_texts()["updated"] == "RESULTS AS OF JUN 7, 11:00 PM"
    finally:
        close_desk(rig)


def test_without_a_zone_the_feeds_own_offset_is_the_clock_of_both(
    qtbot: QtBot, tmp_path: Path
) -> None:
    rig = open_desk(qtbot, tmp_path, "Ann")  # stamped in UTC, no zone named
    try:
        call_mayor(rig)
        assert rig.banner()[1].startswith("Called by Decision Desk at 3:00 AM")
        assert rig.desk.calls.now.text().endswith("by Ann at 3:00 AM")
    finally:
        close_desk(rig)
