"""One clock for air and desk: the election's zone, whatever this computer's is."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo

import pytest

from electionboard.model import CallOutcome
from electionboard.model.election import Call
from electionboard.model.tabulate import tabulate_election
from electionboard.presentation.clock_words import (
    clock_text,
    day_text,
    election_zone,
    zone_text,
)
from electionboard.presentation.content import board_content, updated_text
from electionboard.presentation.desk_wording import NameBook, described_call
from tests.store.desk import night

PACIFIC = zoneinfo.ZoneInfo("America/Los_Angeles")
# 6:45 PM Pacific Daylight Time on election night is 01:45 UTC the next day.
CALLED_AT = dt.datetime(2022, 6, 8, 1, 45, 30, tzinfo=dt.UTC)


def test_a_time_reads_on_the_clock_of_the_zone() -> None:
    assert clock_text(CALLED_AT, PACIFIC) == "6:45 PM"
    assert clock_text(CALLED_AT, PACIFIC, seconds=True) == "6:45:30 PM"
    assert day_text(CALLED_AT, PACIFIC) == "Jun 7"
    assert zone_text(CALLED_AT, PACIFIC) == "PDT"
    assert clock_text(CALLED_AT) == "1:45 AM"  # no zone: the moment's own offset
    assert zone_text(CALLED_AT) == "UTC"
    fixed = dt.timezone(dt.timedelta(hours=-7))
    assert zone_text(CALLED_AT, fixed) == "UTC-07:00"
    assert clock_text(dt.datetime(2022, 6, 8, 12, 5, tzinfo=PACIFIC)) == "12:05 PM"
    assert clock_text(dt.datetime(2022, 6, 8, 0, 5, tzinfo=PACIFIC)) == "12:05 AM"


def test_the_zone_is_the_setting_then_the_feed_then_the_feed_stamps() -> None:
    election = dataclasses.replace(night(), time_zone="America/Los_Angeles")
    assert election_zone(election) == PACIFIC
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    assert election_zone(election, "America/Chicago") == chicago
    plain = dataclasses.replace(
        night(), updated=dt.datetime(2022, 6, 8, 2, 5, tzinfo=PACIFIC)
    )
    assert election_zone(plain) is PACIFIC  # the stamp's own zone
    assert election_zone(None) is None
    assert election_zone(None, "America/Chicago") == chicago


@pytest.mark.allow_log(r"unknown time zone 'Mars/Olympus_Mons'")
def test_an_unknown_zone_from_a_feed_falls_back_to_its_stamps() -> None:
    election = dataclasses.replace(night(), time_zone="Mars/Olympus_Mons")
    assert election_zone(election) is dt.UTC


def test_board_and_desk_read_a_desk_call_at_the_same_time() -> None:
    call = Call(CallOutcome.ADVANCE, ("a", "b"), by="Ann", at=CALLED_AT)
    base = night()
    races = tuple(
        dataclasses.replace(r, call=call) if r.id == "mayor" else r for r in base.races
    )
    election = dataclasses.replace(base, races=races, time_zone="America/Los_Angeles")
    called = next(s for s in tabulate_election(election) if s.race.id == "mayor")
    zone = election_zone(election)
    content = board_content(called, election.updated, zone=zone)
    assert content.detail.startswith("Called by Ann at 6:45 PM"), content.detail
    desk = described_call(call, "mayor", NameBook.of(election))
    assert desk == "Ana and Bo advance, by Ann at 6:45 PM"
    # election.updated is 03:00 UTC: 8:00 PM on June 7 in Los Angeles.
    assert content.updated == "RESULTS AS OF JUN 7, 8:00 PM"
    assert updated_text(election.updated) == "RESULTS AS OF JUN 8, 3:00 AM"
    assert NameBook.of(election).stamp(CALLED_AT) == "Jun 7, 6:45:30 PM"
    assert NameBook.of(election, "America/New_York").clock(CALLED_AT) == "9:45 PM"
