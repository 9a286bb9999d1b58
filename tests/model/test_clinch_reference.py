"""The O(n log n) clinch math gives exactly what the per-candidate sort gave.

``reference_verdicts`` is the earlier implementation, kept here verbatim in
substance: it sorted every candidate's rivals twice, which made a race's
tabulation quadratic (seconds at 4,000 candidates). The fast one must match it
word for word, on small races by property and on large ones with many ties.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from electionboard.model import MAX_CANDIDATES, Outcome, tabulate
from electionboard.model.clinch import PlaceVerdict, _join, place_verdicts
from tests.builders import race


def _words(remaining: int) -> str:
    return "none remain" if remaining == 0 else f"only {remaining:,} remain"


def reference_verdicts(
    names: Sequence[str], votes: Sequence[int], places: int, remaining: int | None
) -> list[PlaceVerdict]:
    """The quadratic greedy, as it stood before: one candidate at a time."""
    count = len(votes)
    verdicts: list[PlaceVerdict] = []
    for me in range(count):
        mine = votes[me]
        rivals = [j for j in range(count) if j != me]
        if len(rivals) < places:
            verdicts.append(
                PlaceVerdict(
                    clinched=True,
                    eliminated=False,
                    reason=f"{count} candidates for {places} places: "
                    f"{names[me]} cannot finish outside them",
                )
            )
            continue
        by_deficit = sorted(rivals, key=lambda j: max(0, mine - votes[j]))
        catchers = by_deficit[:places]
        cost = sum(max(0, mine - votes[j]) for j in catchers)
        by_votes = sorted(rivals, key=lambda j: votes[j], reverse=True)
        gatekeeper = by_votes[places - 1]
        gap = votes[gatekeeper] - mine
        climbing = [names[j] for j in catchers if votes[j] < mine]
        if remaining is None:
            verdict = PlaceVerdict(
                clinched=False,
                eliminated=False,
                reason="the number of votes still to be counted is unknown",
            )
        elif cost > remaining:
            verb = "needs" if len(climbing) == 1 else "together need"
            verdict = PlaceVerdict(
                clinched=True,
                eliminated=False,
                reason=f"{_join(climbing)} {verb} {cost:,} more votes than {names[me]} "
                f"gains; {_words(remaining)}",
            )
        elif gap > remaining:
            verdict = PlaceVerdict(
                clinched=False,
                eliminated=True,
                reason=f"{names[me]} trails {names[gatekeeper]} by {gap:,} votes; "
                f"{_words(remaining)}",
            )
        elif gap > 0:
            verdict = PlaceVerdict(
                clinched=False,
                eliminated=False,
                reason=f"{names[me]} needs {gap:,} of the {remaining:,} votes "
                f"remaining to draw level with {names[gatekeeper]}",
            )
        elif climbing:
            verdict = PlaceVerdict(
                clinched=False,
                eliminated=False,
                reason=f"{_join(climbing)} could draw level with {names[me]} "
                f"using {cost:,} of the {remaining:,} votes remaining",
            )
        else:
            verdict = PlaceVerdict(
                clinched=False,
                eliminated=False,
                reason=f"{names[me]} is tied at the cutoff",
            )
        verdicts.append(verdict)
    return verdicts


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.integers(0, 12), min_size=0, max_size=9),
    st.integers(1, 5),
    st.one_of(st.none(), st.integers(0, 40)),
)
def test_matches_the_reference_on_small_races(
    votes: list[int], places: int, remaining: int | None
) -> None:
    names = [f"N{i}" for i in range(len(votes))]
    assert place_verdicts(names, votes, places, remaining) == reference_verdicts(
        names, votes, places, remaining
    )


def test_matches_the_reference_at_the_candidate_bound() -> None:
    rng = random.Random(20221108)
    count = MAX_CANDIDATES
    names = [f"Candidate {i}" for i in range(count)]
    for places, spread, remaining in [
        (1, 50, 30),  # many ties, a small R
        (2, 10_000, 5_000),
        (4, 300, 0),
        (7, 1_000_000, 10**6),
        (1, 3, None),
    ]:
        votes = [rng.randrange(spread) for _ in range(count)]
        fast = place_verdicts(names, votes, places, remaining)
        assert fast == reference_verdicts(names, votes, places, remaining)
    # The check has teeth: a clinched leader and eliminated tail exist here.
    votes = [10_000] + [rng.randrange(100) for _ in range(count - 1)]
    fast = place_verdicts(names, votes, 1, 500)
    assert fast[0].clinched
    assert sum(v.eliminated for v in fast) == count - 1


def test_a_race_at_the_candidate_bound_tabulates_correctly() -> None:
    count = MAX_CANDIDATES
    # Pairs tie: 499 and 499, 498 and 498, ... 1 and 1; then a lone 0.
    votes = [5_000] + [(count - i) // 2 for i in range(1, count)]
    standings = tabulate(
        race(votes, advance=2, remaining=100, names=[f"C{i}" for i in range(count)])
    )
    lines = standings.candidates
    assert lines[0].candidate.name == "C0"
    assert lines[0].outcome is Outcome.ADVANCES
    assert not lines[0].tied
    assert [line.rank for line in lines[1:5]] == [2, 2, 4, 4]
    assert all(line.tied for line in lines[1:-1])
    assert (lines[-1].votes, lines[-1].tied, lines[-1].rank) == (0, False, count)
    ranks = [line.rank for line in lines]
    assert ranks == sorted(ranks)
    assert sum(line.votes for line in lines) == standings.total_votes == sum(votes)
    # Second place is held at 499: whoever trails it by more than R is out.
    out = sum(1 for v in votes if 499 - v > 100)
    assert sum(line.eliminated for line in lines) == out == 797
