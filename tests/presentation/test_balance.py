"""The balance screen's words, ends, blocks and control lines, without Qt."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electionboard.model import tabulate_election
from electionboard.model.screens import ScreenOptions
from electionboard.presentation.balance import BalanceView, balance_view, surname_of
from electionboard.presentation.balance_geometry import block_spans, marker_fractions
from electionboard.presentation.content import BannerTone
from electionboard.presentation.screen_input import ScreenInput
from electionboard.sources import load_election
from tests.balance_chambers import (
    council,
    election,
    electoral_night,
    house,
    standings,
)
from tests.shared_feeds import shared_feed


def view_of(races: list, **options: object) -> BalanceView:  # type: ignore[type-arg]
    return balance_view(
        ScreenInput(
            election(races),
            standings(races),
            options=ScreenOptions(**options),  # type: ignore[arg-type]
        )
    )


def test_title_from_office_and_state_filters_or_the_chamber() -> None:
    races = house(["REP", "DEM"], 1)
    assert view_of(races).title == "U.S. HOUSE · FLORIDA"
    assert view_of(races, chamber="Florida Delegation").title == "FLORIDA DELEGATION"
    night = electoral_night({})
    assert view_of(night, electoral=True).title == "ELECTORAL VOTES"
    assert view_of(night[:1], electoral=True).title == "ELECTORAL VOTES · ALABAMA"


def test_democrats_stay_left_and_republicans_right_whoever_leads() -> None:
    for won in (["REP"] * 5 + ["DEM"], ["DEM"] * 5 + ["REP"]):
        view = view_of(house(won, 2))
        assert (view.left.key, view.right.key) == ("DEM", "REP")
        assert (view.left.name, view.right.name) == ("DEMOCRATS", "REPUBLICANS")
        assert [b.key for b in view.blocks] == ["DEM", "undecided", "REP"]


def test_counts_statuses_and_the_control_line() -> None:
    view = view_of(house(["REP"] * 4 + ["DEM"] * 3, 2))
    assert (view.left.count, view.right.count, view.total, view.needed) == (3, 4, 9, 5)
    assert view.left.status == "NEEDS 2 MORE"
    assert view.right.status == "NEEDS 1 MORE"
    assert view.control_words == "5 FOR CONTROL"
    assert view.markers == (0.5,)
    assert view.undecided_words == "2 UNDECIDED"
    assert view.subtitle == "BALANCE OF POWER · 9 SEATS"
    assert view.headline == "CONTROL NOT YET DECIDED"
    assert view.detail == "DEM needs 2 more · REP needs 1 more · 2 undecided"
    assert view.tone is BannerTone.EARLY


def test_control_is_the_calls_colour_and_says_who() -> None:
    view = view_of(house(["REP"] * 5 + ["DEM"] * 3, 1))
    assert view.right.control
    assert view.right.status == "CONTROL"
    assert view.left.status == "CANNOT REACH 5"
    assert view.headline == "REPUBLICANS WIN CONTROL"
    assert view.detail == "5 seats won; 5 needed; 1 still undecided"
    assert view.tone is BannerTone.CALLED


def test_before_any_seat_is_won() -> None:
    view = view_of(house([], 27))
    assert (view.left.count, view.right.count) == (0, 0)
    assert view.headline == "NO SEATS DECIDED YET"
    assert view.detail == "27 seats; 14 needed"
    assert view.tone is BannerTone.WAITING


def test_other_parties_sit_between_the_left_end_and_the_middle() -> None:
    view = view_of(house(["REP", "REP", "DEM", "IND", "LIB"], 2))
    assert [b.key for b in view.blocks] == ["DEM", "IND", "LIB", "undecided", "REP"]
    assert [(o.name, o.count) for o in view.others] == [
        ("INDEPENDENTS", 1),
        ("LIBERTARIANS", 1),
    ]
    assert [o.colour for o in view.others] == ["minor:0", "party:LIB"]


def test_a_producers_number_draws_a_line_from_each_end() -> None:
    view = view_of(house(["REP"] * 4 + ["DEM"] * 3, 3), seats_needed=7)
    assert view.markers == pytest.approx((0.3, 0.7))
    assert view.control_words == "7 FOR CONTROL"
    assert marker_fractions(11, 10) == ()
    assert marker_fractions(270, 538) == (0.5,)


def test_a_nonpartisan_council_shows_won_runoff_and_counting() -> None:
    view = view_of(council(3, 4, 1), chamber="Los Angeles City Council")
    assert view.subtitle == "8 SEATS · NONPARTISAN"
    assert (view.left.name, view.left.count) == ("WON", 3)
    assert (view.right.name, view.right.count) == ("UNDECIDED", 5)
    assert view.right.status == "4 TO RUNOFF · 1 COUNTING"
    assert [(b.key, b.count) for b in view.blocks] == [
        ("decided", 3),
        ("runoff", 4),
        ("undecided", 1),
    ]
    assert view.markers == ()
    assert view.headline == "3 OF 8 SEATS WON"
    assert view.detail == "3 won outright; 4 to a runoff; 1 still counting"
    settled = view_of(council(2, 6, 0))
    assert settled.headline == "6 SEATS HEAD TO A RUNOFF"
    assert settled.tone is BannerTone.DECIDED
    assert view_of(council(1, 1, 0)).headline == "1 SEAT HEADS TO A RUNOFF"
    assert view_of(council(8, 0, 0)).headline == "ALL 8 SEATS WON"
    assert view_of(council(0, 0, 8)).headline == "NO SEATS DECIDED YET"


def test_electoral_votes_name_the_nominees() -> None:
    night = electoral_night({"CA": "DEM", "TX": "REP", "FL": "REP"})
    view = view_of(night, electoral=True)
    assert (view.left.name, view.left.count) == ("ALDER", 54)
    assert (view.right.name, view.right.count) == ("BIRCH", 70)
    assert view.subtitle == "270 TO WIN · 538 AT STAKE"
    assert view.control_words == "270 TO WIN"
    assert view.headline == "NO WINNER YET"
    assert view.detail.startswith("Alder needs 216 more · Birch needs 200 more")


def test_alaska_2012_electoral_votes() -> None:
    ak = load_election(str(shared_feed("ap/20121106_ak_prez.json")))
    view = balance_view(
        ScreenInput(ak, tabulate_election(ak), options=ScreenOptions(electoral=True))
    )
    assert (view.left.name, view.left.count) == ("OBAMA", 0)
    assert (view.right.name, view.right.count) == ("ROMNEY", 3)
    assert view.headline == "ROMNEY REACHES 2 ELECTORAL VOTES"


def test_surnames_keep_particles_and_suffixes() -> None:
    assert surname_of("Kevin de León") == "de León"
    assert surname_of("John A. Smith Jr.") == "Smith Jr."
    assert surname_of("Cher") == "Cher"


@given(st.lists(st.integers(0, 300), min_size=2, max_size=6))
def test_blocks_tile_the_bar_in_order(counts: list[int]) -> None:
    total = sum(counts)
    spans = block_spans([float(c) for c in counts], float(total))
    assert len(spans) == len(counts)
    if total:
        assert spans[0][0] == 0.0
        assert spans[-1][1] == 1.0
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert abs(end - start) < 1e-9
        for (start, end), count in zip(spans, counts, strict=True):
            assert abs((end - start) - count / total) < 1e-9


def test_an_independent_who_can_still_take_control_is_named() -> None:
    feed = load_election(str(shared_feed("ap/20121106_me_fl_senate.json")))
    view = balance_view(ScreenInput(feed, tabulate_election(feed)))
    # King (I) holds Maine; Florida's seat would give him the chamber of two.
    assert (view.left.status, view.right.status) == ("CANNOT REACH 2", "CANNOT REACH 2")
    assert view.headline == "CONTROL NOT YET DECIDED"
    assert view.detail == "IND needs 1 more · 1 undecided"


def test_no_majority_when_nobody_can_reach_it() -> None:
    tied = view_of(house(["DEM", "DEM", "REP", "REP"], 0))
    assert (tied.headline, tied.detail) == ("NO MAJORITY", "Nobody has 3 seats")
    assert tied.tone is BannerTone.CLOSE
    short = view_of(house(["DEM", "REP"], 1), seats_needed=3)
    assert short.detail == "No party can reach 3 seats"
    one = view_of(house([], 1))
    assert one.detail == "1 seat; 1 needed"
