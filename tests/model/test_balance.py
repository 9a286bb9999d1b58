"""Balance of power: seats and electoral votes per party, and certain control."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from electionboard.model import (
    Candidate,
    Measure,
    Race,
    Rule,
    Threshold,
    tabulate,
    tabulate_election,
)
from electionboard.model.balance import (
    Control,
    electoral_balance,
    majority,
    race_seats,
    seat_balance,
    seat_party,
    seat_winners,
)
from electionboard.resource_paths import sample_snapshots
from electionboard.sources import load_election
from tests.balance_chambers import house, seat, standings
from tests.shared_feeds import shared_feed


def test_majority_is_more_than_half() -> None:
    assert (majority(435), majority(538), majority(8), majority(0)) == (218, 270, 5, 1)


def test_party_codes_group_independents_and_no_party() -> None:
    assert [seat_party(p) for p in ("Dem", "GOP", "NPA", "ind", None, "NP", "Lib")] == [
        "DEM",
        "REP",
        "IND",
        "IND",
        "OTH",
        "OTH",
        "LIB",
    ]


def test_called_seats_count_for_the_winners_party() -> None:
    balance = seat_balance(standings(house(["REP", "REP", "DEM"], 2)), None)
    assert (balance.total, balance.undecided, balance.needed) == (5, 2, 3)
    assert [(p.party, p.won) for p in balance.parties] == [("REP", 2), ("DEM", 1)]
    assert balance.tally("REP") is not None
    assert balance.controlling is None
    rep = balance.tally("REP")
    assert rep is not None
    assert rep.control is Control.OPEN
    assert rep.reason == "REP 2 of 3 needed; 2 undecided"


def test_control_needs_the_seats_and_says_so_in_numbers() -> None:
    balance = seat_balance(standings(house(["REP", "REP", "REP", "DEM"], 1)), None)
    rep, dem = balance.parties
    assert rep.control is Control.CONTROL
    assert rep.reason == "REP has control: 3 seats, 3 needed"
    assert dem.control is Control.CANNOT_REACH
    assert dem.reason == (
        "DEM cannot reach control: 1 won + 1 undecided is under 3 needed"
    )
    assert balance.controlling == rep


def test_a_producers_lower_number_is_not_control_while_a_rival_can_tie_it() -> None:
    # 50 of 100 with a tie-break: 50 each is nobody's control by seats alone.
    balance = seat_balance(standings(house(["DEM"] * 3 + ["REP"] * 2, 1)), 3)
    assert balance.controlling is None
    assert balance.tally("DEM") is not None
    settled = seat_balance(standings(house(["DEM"] * 3 + ["REP"] * 3, 0)), 3)
    assert settled.controlling is None


def test_math_settles_a_seat_without_a_call() -> None:
    race = seat("FL-9", ["DEM", "REP"], [60_000, 40_000], final=True)
    balance = seat_balance(standings([race]), None)
    assert [(p.party, p.won) for p in balance.parties] == [("DEM", 1), ("REP", 0)]
    assert balance.undecided == 0


def test_a_top_two_primary_advancing_is_no_seat() -> None:
    primary = Race(
        id="cd",
        name="Council District 5",
        rule=Rule(advance=2, majority_wins=True),
        candidates=tuple(
            Candidate(id=c, name=c.upper(), ballot_order=n + 1)
            for n, c in enumerate("abc")
        ),
        totals=(40, 35, 25),
        precincts_reporting=10,
        precincts_total=10,
        final=True,
        remaining_ballots=0,
    )
    settled = tabulate(primary)
    assert {s.outcome.value for s in settled.candidates[:2]} == {"advances"}
    balance = seat_balance([settled], None)
    assert (balance.total, balance.undecided, balance.partisan) == (1, 1, False)
    assert balance.runoff == 1
    assert seat_winners(settled) == ()
    counting = replace(
        primary, final=False, remaining_ballots=None, precincts_reporting=5
    )
    assert seat_balance([tabulate(counting)], None).runoff == 0


def test_an_outright_majority_in_a_primary_wins_the_seat() -> None:
    primary = Race(
        id="cd",
        name="Council District 1",
        rule=Rule(advance=2, majority_wins=True),
        candidates=tuple(
            Candidate(id=c, name=c.upper(), ballot_order=n + 1)
            for n, c in enumerate("abc")
        ),
        totals=(60, 25, 15),
        precincts_reporting=10,
        precincts_total=10,
        final=True,
        remaining_ballots=0,
    )
    balance = seat_balance([tabulate(primary)], None)
    assert balance.won == 1
    assert [(p.party, p.won) for p in balance.parties] == [("OTH", 1)]
    assert balance.parties[0].control is not Control.CONTROL


def test_vote_for_n_gives_a_seat_per_winner() -> None:
    board = seat(
        "board",
        ["DEM", "REP", "DEM", "REP"],
        [400, 300, 200, 100],
        seats=2,
        final=True,
    )
    settled = tabulate(board)
    assert race_seats(settled) == 2
    balance = seat_balance([settled], None)
    assert [(p.party, p.won) for p in balance.parties] == [("DEM", 1), ("REP", 1)]


def test_a_measure_is_no_seat() -> None:
    measure = Race(
        id="m",
        name="Measure A",
        rule=Rule(),
        candidates=(Candidate("yes", "Yes"), Candidate("no", "No")),
        totals=(60, 40),
        final=True,
        measure=Measure("yes", Threshold(Fraction(1, 2))),
    )
    races = [*house(["DEM"], 0)]
    balance = seat_balance([*standings(races), tabulate(measure)], None)
    assert (balance.total, balance.won) == (1, 1)


def test_independent_winner_is_its_own_line() -> None:
    balance = seat_balance(standings(house(["IND", "DEM", "REP", "REP"], 1)), None)
    assert [(p.party, p.won) for p in balance.parties] == [
        ("REP", 2),
        ("DEM", 1),
        ("IND", 1),
    ]


parties = st.sampled_from(["DEM", "REP", "IND", "LIB", None])


@st.composite
def chambers(draw: st.DrawFn) -> list[Race]:
    """Races of two to four candidates, each called, settled or counting."""
    races = []
    for n in range(draw(st.integers(0, 9))):
        size = draw(st.integers(2, 4))
        who = draw(st.lists(parties, min_size=size, max_size=size))
        votes = draw(st.lists(st.integers(0, 1000), min_size=size, max_size=size))
        mode = draw(st.sampled_from(["call", "final", "counting"]))
        races.append(
            seat(
                f"r{n}",
                who,
                votes,
                won_by=draw(st.integers(0, size - 1)) if mode == "call" else None,
                final=mode == "final",
            )
        )
    return races


@given(chambers(), st.none() | st.integers(1, 10))
def test_won_and_undecided_make_every_seat(
    races: list[Race], needed: int | None
) -> None:
    balance = seat_balance(standings(races), needed)
    assert sum(p.won for p in balance.parties) + balance.undecided == balance.total
    assert 0 <= balance.runoff <= balance.undecided
    assert balance.total == len(races)
    assert balance.undecided >= 0


@given(chambers(), st.none() | st.integers(1, 10))
def test_control_is_certain_and_single(races: list[Race], needed: int | None) -> None:
    balance = seat_balance(standings(races), needed)
    holders = [p for p in balance.parties if p.has_control]
    assert len(holders) <= 1
    for holder in holders:
        assert holder.won >= balance.needed
        for rival in balance.parties:
            if rival is not holder:
                # However the undecided seats fall, no rival reaches needed.
                assert rival.won + balance.undecided < balance.needed
    for party in balance.parties:
        reach = party.won + balance.undecided
        assert (party.control is Control.CANNOT_REACH) == (reach < balance.needed)


@given(chambers())
def test_default_needed_is_a_strict_majority(races: list[Race]) -> None:
    balance = seat_balance(standings(races), None)
    assert 2 * balance.needed > balance.total
    assert 2 * (balance.needed - 1) <= balance.total


@given(chambers())
def test_deciding_more_seats_never_takes_control_away(races: list[Race]) -> None:
    results = standings(races)
    before = seat_balance(results, None)
    settled = [
        r
        if seat_winners(s)
        else seat(r.id, [c.party for c in r.candidates], list(r.totals or ()), won_by=0)
        for r, s in zip(races, results, strict=True)
    ]
    after = seat_balance(standings(settled), None)
    assert after.undecided == 0
    if before.controlling is not None:
        assert after.controlling is not None
        assert after.controlling.party == before.controlling.party


def test_electoral_votes_from_electwon_and_elect_total() -> None:
    races = [
        seat("AK", ["REP", "DEM"], [164_676, 122_640], won_by=0, state="AK",
             electoral_votes=3, electoral_won=[3, 0]),
        seat("CA", ["DEM", "REP"], [7_854_285, 4_839_958], won_by=0, state="CA",
             electoral_votes=55),
        seat("FL", ["DEM", "REP"], [4_237_756, 4_163_447], state="FL",
             electoral_votes=29),
        seat("FL-S", ["DEM", "REP"], [4_523_451, 3_458_267], state="FL"),
    ]  # fmt: skip
    balance = electoral_balance(standings(races))
    assert (balance.total, balance.undecided, balance.needed) == (87, 29, 44)
    assert [(p.party, p.won) for p in balance.parties] == [("DEM", 55), ("REP", 3)]
    assert electoral_balance(standings(races), needed=270).needed == 270
    dem = balance.tally("DEM")
    assert dem is not None
    assert dem.control is Control.CONTROL


def test_more_electoral_votes_won_than_at_stake_is_a_problem() -> None:
    race = seat("X", ["DEM", "REP"], [1, 0], electoral_votes=3, electoral_won=[4, 0])
    balance = electoral_balance(standings([race]))
    assert balance.total == 4
    assert balance.undecided == 0
    assert balance.problems == ("District X: 4 electoral votes won of 3 at stake",)


def test_alaska_2012_gives_its_three_electoral_votes_to_the_republican() -> None:
    election = load_election(str(shared_feed("ap/20121106_ak_prez.json")))

    balance = electoral_balance(tabulate_election(election))
    assert (balance.total, balance.undecided, balance.needed) == (3, 0, 2)
    assert [(p.party, p.won) for p in balance.parties][:2] == [("REP", 3), ("DEM", 0)]


def test_maine_and_florida_2012_senate_seats() -> None:

    election = load_election(str(shared_feed("ap/20121106_me_fl_senate.json")))
    balance = seat_balance(tabulate_election(election), None)
    # Maine is called for King (an independent); Florida is still counting.
    assert (balance.total, balance.undecided, balance.needed) == (2, 1, 2)
    assert balance.parties[0].party == "IND"
    assert balance.parties[0].won == 1
    assert balance.controlling is None


def test_kentucky_2015_governor_is_a_seat_and_colorados_issues_are_not() -> None:

    election = load_election(str(shared_feed("ap/20151103_national.json")))
    results = tabulate_election(election)
    balance = seat_balance(results, None)
    kinds = {s.race.name: race_seats(s) for s in results}
    assert kinds["Kentucky · Governor"] == 1
    assert balance.won >= 1
    assert balance.tally("REP") is not None


def test_the_los_angeles_night_ends_in_a_mayoral_runoff_and_one_council_seat() -> None:
    final = load_election(str(sample_snapshots()[-1]))
    balance = seat_balance(tabulate_election(final), None)
    # The mayor's top two go to a runoff; District 1 was won outright.
    assert (balance.total, balance.won, balance.runoff) == (2, 1, 1)


@st.composite
def electoral_nights(draw: st.DrawFn) -> list[Race]:
    """States of 1-55 electoral votes: called (electWon or not), split, or open."""
    races = []
    for n in range(draw(st.integers(0, 12))):
        votes = draw(st.integers(1, 55))
        mode = draw(st.sampled_from(["electwon", "call", "split", "open"]))
        won: list[int | None] | None = None
        if mode == "electwon":
            won = [votes, 0]
        elif mode == "split":
            first = draw(st.integers(0, votes))
            won = [first, votes - first]
        races.append(
            seat(
                f"s{n}",
                draw(st.lists(parties, min_size=2, max_size=2)),
                [10, 5],
                won_by=0 if mode == "call" else None,
                electoral_votes=votes,
                electoral_won=won,
            )
        )
    return races


@given(electoral_nights(), st.none() | st.integers(1, 300))
def test_electoral_votes_add_up_and_one_winner_at_most(
    races: list[Race], needed: int | None
) -> None:
    balance = electoral_balance(standings(races), needed=needed)
    assert balance.total == sum(r.electoral_votes or 0 for r in races)
    assert sum(p.won for p in balance.parties) + balance.undecided == balance.total
    holders = [p for p in balance.parties if p.has_control]
    assert len(holders) <= 1
    for holder in holders:
        assert all(
            rival.won + balance.undecided < balance.needed
            for rival in balance.parties
            if rival is not holder
        )


def test_a_called_state_counts_before_electwon_catches_up() -> None:
    race = seat("OH", ["DEM", "REP"], [40, 60], won_by=1, electoral_votes=17,
                electoral_won=[0, 0])  # fmt: skip
    balance = electoral_balance(standings([race]))
    assert [(p.party, p.won) for p in balance.parties] == [("REP", 17), ("DEM", 0)]
    open_race = seat("PA", ["DEM", "REP"], [40, 60], electoral_votes=19,
                     electoral_won=[0, 0])  # fmt: skip
    assert electoral_balance(standings([open_race])).undecided == 19


def test_ap_winner_x_is_a_called_seat_on_super_tuesday_2016() -> None:
    # Massachusetts' two primaries, each called by AP (winner "X"): read as
    # one seat each. A producer pins general-election races for a chamber;
    # a party's nomination is not a seat (the model cannot tell them apart).
    election = load_election(str(shared_feed("ap/20160301_super_tuesday.json")))
    balance = seat_balance(tabulate_election(election), None)
    assert (balance.total, balance.undecided, balance.needed) == (2, 0, 2)
    assert [(p.party, p.won) for p in balance.parties] == [("DEM", 1), ("REP", 1)]
    assert balance.controlling is None
