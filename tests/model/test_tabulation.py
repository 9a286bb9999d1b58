"""Tabulation: totals, shares, ranks, ties, margins, outstanding vote, status."""

from __future__ import annotations

import pytest

from electionboard.model import (
    CallOutcome,
    Candidate,
    Outcome,
    Precinct,
    Race,
    RaceStatus,
    Rule,
    tabulate,
    tabulate_election,
)
from tests.builders import call, election, race


def precinct_race(*precincts: Precinct, registered: int | None = None) -> Race:
    return Race(
        id="p",
        name="Precinct race",
        rule=Rule(advance=2),
        candidates=(Candidate("a", "A"), Candidate("b", "B"), Candidate("c", "C")),
        precincts=precincts,
        registered_voters=registered,
    )


def test_precinct_votes_are_summed_and_reporting_counted() -> None:
    standings = tabulate(
        precinct_race(
            Precinct("1", "One", True, (10, 20, 5)),
            Precinct("2", "Two", True, (7, 1, 0)),
            Precinct("3", "Three", False, (0, 0, 0)),
        )
    )
    assert [s.candidate.id for s in standings.candidates] == ["b", "a", "c"]
    assert [s.votes for s in standings.candidates] == [21, 17, 5]
    assert standings.total_votes == 43
    assert standings.precincts_reporting == 2
    assert standings.precincts_total == 3
    assert standings.reporting_share == pytest.approx(200 / 3)


def test_shares_are_percent_of_votes_counted() -> None:
    standings = tabulate(race([300, 100]))
    assert [s.share for s in standings.candidates] == [75.0, 25.0]


def test_ties_share_a_rank_and_are_flagged() -> None:
    standings = tabulate(race([50, 80, 50, 10]))
    ranks = [(s.candidate.id, s.rank, s.tied) for s in standings.candidates]
    assert ranks == [("b", 1, False), ("a", 2, True), ("c", 2, True), ("d", 4, False)]


def test_tie_for_first_has_no_leader() -> None:
    standings = tabulate(race([40, 40, 10]))
    assert standings.leader is None
    assert standings.lead_margin is not None
    assert standings.lead_margin.votes == 0


def test_margins_between_first_second_and_across_cutoff() -> None:
    standings = tabulate(race([500, 300, 150, 50], advance=2))
    assert standings.leader is not None
    assert standings.leader.candidate.id == "a"
    assert standings.lead_margin is not None
    assert standings.lead_margin.votes == 200
    assert standings.lead_margin.points == pytest.approx(20.0)
    assert standings.cutoff_margin is not None
    assert standings.cutoff_margin.votes == 150
    assert standings.cutoff_margin.points == pytest.approx(15.0)


def test_no_cutoff_margin_when_everyone_advances() -> None:
    standings = tabulate(race([5, 3], advance=2))
    assert standings.cutoff_margin is None
    assert all(s.outcome is Outcome.ADVANCES for s in standings.candidates)


@pytest.mark.parametrize(
    ("remaining", "registered", "final", "expected"),
    [
        (None, None, False, None),
        (100, None, False, 100),
        (None, 1000, False, 400),
        (100, 1000, False, 100),
        (900, 1000, False, 400),
        (100, 1000, True, 0),
        (None, 500, False, 0),
    ],
)
def test_outstanding_is_the_tightest_bound(
    remaining: int | None, registered: int | None, *, final: bool, expected: int | None
) -> None:
    standings = tabulate(
        race([400, 200], remaining=remaining, registered=registered, final=final)
    )
    assert standings.outstanding == expected


def test_registered_voters_fall_back_to_precinct_sum() -> None:
    standings = tabulate(
        precinct_race(
            Precinct("1", "One", True, (10, 5, 0), registered_voters=100),
            Precinct("2", "Two", False, (0, 0, 0), registered_voters=50),
        )
    )
    assert standings.outstanding == 150 - 15


def test_unknown_precinct_registration_leaves_outstanding_unbounded() -> None:
    standings = tabulate(
        precinct_race(
            Precinct("1", "One", True, (10, 5, 0), registered_voters=100),
            Precinct("2", "Two", False, (0, 0, 0)),
        )
    )
    assert standings.outstanding is None


def test_status_not_started_without_votes() -> None:
    assert tabulate(race([0, 0, 0], remaining=10)).status is RaceStatus.NOT_STARTED


def test_status_counting_then_decided() -> None:
    assert tabulate(race([60, 40, 5], remaining=100)).status is RaceStatus.COUNTING
    assert tabulate(race([600, 40, 5], remaining=100)).status is RaceStatus.DECIDED


def test_status_too_close_when_margin_within_share_of_outstanding() -> None:
    close = tabulate(race([1000, 990], remaining=1000), too_close_share=0.05)
    assert close.status is RaceStatus.TOO_CLOSE
    wide = tabulate(race([1000, 900], remaining=1000), too_close_share=0.05)
    assert wide.status is RaceStatus.COUNTING


def test_final_tie_at_cutoff_is_too_close_and_unsettled() -> None:
    standings = tabulate(race([50, 30, 30], advance=2, final=True))
    assert standings.status is RaceStatus.TOO_CLOSE
    b, c = standings.standing("b"), standings.standing("c")
    assert (b.clinched, b.eliminated, b.outcome) == (False, False, Outcome.PENDING)
    assert (c.clinched, c.eliminated, c.outcome) == (False, False, Outcome.PENDING)


def test_call_outranks_decided_but_verdicts_stay_the_math() -> None:
    standings = tabulate(race([600, 40, 5], remaining=100, call=call("b")))
    assert standings.status is RaceStatus.CALLED
    assert standings.standing("a").outcome is Outcome.WON
    assert standings.standing("b").outcome is Outcome.ELIMINATED


def test_desk_call_outranks_feed_call() -> None:
    desk = call("a", outcome=CallOutcome.TOO_CLOSE)
    standings = tabulate(race([60, 40], remaining=100, call=call("a")), call=desk)
    assert standings.call == desk
    assert standings.status is RaceStatus.TOO_CLOSE


def test_tabulate_election_applies_desk_calls_by_race_id() -> None:
    desk = call("a", outcome=CallOutcome.WON)
    (standings,) = tabulate_election(election(race([60, 40])), {"r1": desk})
    assert standings.call == desk
    assert standings.status is RaceStatus.CALLED


def test_withdrawn_candidates_keep_their_votes() -> None:
    base = race([60, 40])
    withdrawn = Candidate("b", "B", ballot_order=2, withdrawn=True)
    standings = tabulate(
        Race(
            id=base.id,
            name=base.name,
            rule=base.rule,
            candidates=(base.candidates[0], withdrawn),
            totals=base.totals,
        )
    )
    assert standings.standing("b").votes == 40
    assert standings.standing("b").candidate.withdrawn
