"""A real published contest: Alaska's 2022 special general election for U.S. House.

The official round table is typed in ``resources/samples/rcv/`` (sources in its
README). Its rounds load through the native parser; and ballot patterns built
here from the table alone (first choices as round 1, each eliminated
candidate's ballots sent where the table says, the rest inactive) reproduce
those rounds exactly through ``tabulate_rcv``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from electionboard.model import (
    OVERVOTE,
    BallotPattern,
    InactiveReason,
    RankCell,
    RcvRound,
    RcvRules,
    tabulate_rcv,
)
from electionboard.resource_paths import resource
from electionboard.sources.native import parse_native

ALASKA = resource("samples", "rcv", "ak2022-special-house.json")


def alaska_rounds() -> tuple[RcvRound, ...]:
    race = parse_native(ALASKA.read_bytes()).race("ak-us-house-special")
    assert race.ranked_choice is not None
    return race.ranked_choice.rounds


@dataclass
class _Group:
    """Ballots that read alike so far: their rankings and how many."""

    rankings: list[RankCell]
    count: int


def patterns_from_table(rounds: Sequence[RcvRound]) -> tuple[BallotPattern, ...]:
    """Ballot patterns whose count reproduces ``rounds`` (round 1 inactive: blanks).

    Each round's eliminated candidates' ballots are handed out, in order, to
    each continuing candidate's gain in the next round and then to its new
    inactive ballots (overvoted ones get an ``overvote`` ranking, the rest end).
    """
    first = rounds[0]
    standing = {c: [_Group([c], votes)] for c, votes in first.tallies}
    done: list[_Group] = [_Group([], first.inactive)] if first.inactive else []
    for before, after in itertools.pairwise(rounds):
        pool = [g for c in before.eliminated for g in standing.pop(c)]
        shares: list[tuple[RankCell | str, int]] = [
            (c, votes - (before.votes_of(c) or 0)) for c, votes in after.tallies
        ]
        overvoted = dict(after.inactive_by_reason).get(InactiveReason.OVERVOTE, 0)
        overvoted -= dict(before.inactive_by_reason).get(InactiveReason.OVERVOTE, 0)
        shares.append((OVERVOTE, overvoted))
        shares.append((None, after.inactive - before.inactive - overvoted))
        for target, wanted in shares:
            while wanted:
                group = pool[0]
                taken = min(wanted, group.count)
                moved = _Group([*group.rankings, target], taken)
                group.count -= taken
                wanted -= taken
                if not group.count:
                    pool.pop(0)
                if isinstance(target, str):
                    standing[target].append(moved)
                else:
                    done.append(moved)
        assert not pool, "the table's transfers must use every eliminated ballot"
    groups = done + [g for gs in standing.values() for g in gs]
    width = max(len(g.rankings) for g in groups)
    return tuple(
        BallotPattern(tuple(g.rankings) + (None,) * (width - len(g.rankings)), g.count)
        for g in groups
        if g.count
    )


def csv_from_patterns(patterns: Sequence[BallotPattern]) -> str:
    """The ranked-ballot CSV of ``patterns`` (docs/feed-format.md)."""
    width = len(patterns[0].rankings)
    header = ",".join(["count", *(f"rank{n}" for n in range(1, width + 1))])

    def cell(value: RankCell) -> str:
        return "" if value is None else "overvote" if value is OVERVOTE else str(value)

    rows = [",".join([str(p.count), *map(cell, p.rankings)]) for p in patterns]
    return "\n".join([header, *rows]) + "\n"


def write_alaska_ballots(folder: Path) -> Path:
    """The Alaska ballot-pattern CSV built from the official table, in ``folder``."""
    path = folder / "ak2022-ballots.csv"
    path.write_text(csv_from_patterns(patterns_from_table(alaska_rounds())))
    return path


def test_the_official_rounds_load_as_published() -> None:
    race = parse_native(ALASKA.read_bytes()).race("ak-us-house-special")
    assert race.problems == ()
    assert race.final
    assert race.ranked_choice is not None
    assert race.ranked_choice.published
    first, final = race.ranked_choice.rounds
    assert first.tallies == (("peltola", 75_761), ("palin", 58_945), ("begich", 53_756))
    assert first.eliminated == ("begich",)
    assert final.tallies == (("peltola", 91_206), ("palin", 85_987))
    assert final.elected == ("peltola",)
    assert final.inactive == 11_222 + 47
    # The Division's transfers: 15,445 to Peltola, 27,042 to Palin.
    assert [(t.target, t.votes) for t in final.transfers] == [
        ("peltola", 15_445),
        ("palin", 27_042),
        (None, 11_269),
    ]
    # First choices are the race's ordinary votes; every round keeps the ballots.
    assert race.totals == (53_756, 58_945, 75_761)
    assert {r.continuing_votes + r.inactive for r in (first, final)} == {188_462}


def test_patterns_built_from_the_table_reproduce_it_through_the_tabulator() -> None:
    race = parse_native(ALASKA.read_bytes()).race("ak-us-house-special")
    assert race.ranked_choice is not None
    official = race.ranked_choice.rounds
    patterns = patterns_from_table(official)
    assert sum(p.count for p in patterns) == 188_462
    candidates = [c.id for c in race.candidates]
    tabulation = tabulate_rcv(patterns, candidates, race.ranked_choice.rules)
    assert tabulation.winners == ("peltola",)
    assert tabulation.ballots == 188_462
    assert [
        (r.number, r.tallies, r.inactive, r.eliminated, r.elected)
        for r in tabulation.rounds
    ] == [(r.number, r.tallies, r.inactive, r.eliminated, r.elected) for r in official]
    final = tabulation.rounds[-1]
    assert dict(final.inactive_by_reason) == {
        InactiveReason.EXHAUSTED: 11_222,
        InactiveReason.OVERVOTE: 47,
    }
    assert set(final.transfers) == set(official[-1].transfers)


def test_the_built_patterns_are_a_plain_ballot_file(tmp_path: Path) -> None:
    text = write_alaska_ballots(tmp_path).read_text()
    assert text.splitlines() == [
        "count,rank1,rank2",
        "47,begich,overvote",
        "11222,begich,",
        "75761,peltola,",
        "15445,begich,peltola",
        "58945,palin,",
        "27042,begich,palin",
    ]


def test_the_builder_follows_a_longer_table_with_blank_first_rankings() -> None:
    table = (
        RcvRound(1, (("a", 40), ("b", 30), ("c", 20), ("d", 8)), 2, ("d",)),
        RcvRound(2, (("a", 43), ("b", 32), ("c", 21)), 4, ("c",)),
        RcvRound(3, (("a", 52), ("b", 40)), 8, (), ("a",)),
    )
    patterns = patterns_from_table(table)
    tabulation = tabulate_rcv(patterns, ["a", "b", "c", "d"], RcvRules())
    assert [
        (r.tallies, r.inactive, r.eliminated, r.elected) for r in tabulation.rounds
    ] == [(r.tallies, r.inactive, r.eliminated, r.elected) for r in table]
