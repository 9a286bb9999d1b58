"""The board's words never contradict themselves: LEAD before WINNER, names by
rank, the decision desk on air, one party label for a party primary."""

from __future__ import annotations

import dataclasses

import pytest

from electionboard.model import CallOutcome, Candidate, tabulate
from electionboard.model.tabulate import tabulate_election
from electionboard.presentation.content import (
    AirStyle,
    BannerTone,
    BoardContent,
    Tag,
    board_content,
    locator_for,
)
from electionboard.sources import load_election
from tests.builders import UPDATED, call, race
from tests.shared_feeds import shared_feed

REAL_FEEDS = [
    "ap/20121106_me_fl_senate.json",
    "ap/20121106_ak_prez.json",
    "ap/20151103_national.json",
    "ap/20160201_district_results.json",
    "ap/20160301_super_tuesday.json",
    "ap/20160426-ri_mail_ballots.json",
    "ap/00000000_fake.json",
    "clarity/greenup-ky-2014-primary-precinct.xml",
    "clarity/ga_counties_11-3.xml",
]


def aired_texts(content: BoardContent) -> list[str]:
    """Every text the content puts on air (the cutoff chip only when drawn)."""
    texts = [content.title, content.rule, content.headline, content.detail]
    if content.cutoff_after is not None:
        texts.append(content.cutoff_label)
    texts += [row.tag.value for row in content.rows]
    return texts


@pytest.mark.parametrize("name", REAL_FEEDS)
def test_winner_airs_at_most_once_and_never_under_an_open_race(name: str) -> None:
    election = load_election(str(shared_feed(name)))
    checked = 0
    for standings in tabulate_election(election):
        content = board_content(standings, election.updated)
        winners = sum(text.count("WINNER") for text in aired_texts(content))
        assert winners <= 1, (content.title, aired_texts(content))
        if content.tone in (BannerTone.EARLY, BannerTone.CLOSE, BannerTone.WAITING):
            assert winners == 0, (content.title, aired_texts(content))
        checked += 1
    assert checked > 0


def test_florida_at_17_precincts_says_lead_not_winner() -> None:
    election = load_election(str(shared_feed("ap/20121106_me_fl_senate.json")))
    florida = next(
        s for s in tabulate_election(election) if s.race.name.startswith("Florida")
    )
    content = board_content(florida, election.updated)
    assert content.headline == "TOO EARLY TO CALL"
    assert content.cutoff_label == "LEAD · MARGIN 62,277 (19.8 PTS)"
    assert all(row.tag is Tag.NONE for row in content.rows)


def test_a_settled_one_seat_race_says_winner_once_on_the_row() -> None:
    won = race([90, 10], final=True)
    content = board_content(tabulate(won), UPDATED)
    assert content.rows[0].tag is Tag.WINNER
    assert content.cutoff_label.startswith("MARGIN 80")  # settled: no LEAD, no WINNER
    assert sum(t.count("WINNER") for t in aired_texts(content)) == 1


def test_names_in_the_banner_go_in_rank_order_not_tick_order() -> None:
    # The desk ticked Caruso first; Bass has since taken the lead.
    runoff = race(
        [116_688, 133_059, 20_000],
        advance=2,
        majority_wins=True,
        names=["Rick Caruso", "Karen Bass", "Kevin de León"],
        call=call("rick caruso", "karen bass"),
    )
    content = board_content(tabulate(runoff), UPDATED)
    assert content.headline == "KAREN BASS AND RICK CARUSO ADVANCE TO RUNOFF"


def test_a_desk_call_airs_as_the_decision_desk_never_the_operator() -> None:
    made = dataclasses.replace(call("a", outcome=CallOutcome.WON), by="jsmith")
    called = race([90, 10], call=made)
    standings = tabulate(called)
    style = AirStyle(decision_desk="KXYZ Decision Desk")
    content = board_content(standings, UPDATED, style=style, desk_call=True)
    assert content.detail.startswith("Called by KXYZ Decision Desk at ")
    assert "jsmith" not in " ".join(aired_texts(content))
    default = board_content(standings, UPDATED, desk_call=True)
    assert default.detail.startswith("Called by Decision Desk at ")
    # The feed's own call keeps its desk's name (AP's, say).
    assert board_content(standings, UPDATED).detail.startswith("Called by jsmith")


def test_a_party_primary_names_the_party_once_in_the_header() -> None:
    base = race([50, 30, 20])
    primary = dataclasses.replace(
        base,
        name="President (DEM)",
        candidates=tuple(
            dataclasses.replace(c, party=party)
            for c, party in zip(base.candidates, ["DEM", "Dem", "D"], strict=True)
        ),
    )
    content = board_content(tabulate(primary), UPDATED)
    assert content.party_label == "DEMOCRATIC PRIMARY"
    assert content.rule == "DEMOCRATIC PRIMARY · MOST VOTES WINS"
    assert content.title == "President"
    assert [row.party for row in content.rows] == ["", "", ""]
    mixed = dataclasses.replace(
        primary,
        candidates=(
            *primary.candidates[:2],
            Candidate(id="c", name="C", party="REP", ballot_order=3),
        ),
    )
    content = board_content(tabulate(mixed), UPDATED)
    assert content.party_label == ""
    assert [row.party for row in content.rows] == ["DEM", "DEM", "REP"]


def test_the_locator_comes_from_the_setting_else_the_feeds_state() -> None:
    standings = tabulate(
        dataclasses.replace(race([5, 3]), name="Florida · U.S. Senate")
    )
    # The title names the state already: no locator saying it again.
    assert board_content(standings, UPDATED).locator == ""
    style = AirStyle(locator="Tampa Bay · Senate")
    assert board_content(standings, UPDATED, style=style).locator == (
        "TAMPA BAY · SENATE"
    )
    assert board_content(tabulate(race([5, 3])), UPDATED).locator == ""
    assert locator_for("Florida · U.S. Senate", state="Florida") == ""
    assert locator_for("U.S. Senate", state="Florida") == "FLORIDA"
