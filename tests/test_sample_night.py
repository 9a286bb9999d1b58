"""The bundled Los Angeles 2022 night tells its real story and ends certified."""

from __future__ import annotations

import itertools
import json

import pytest

from electionboard.model import Outcome, RaceStatus, tabulate
from electionboard.resource_paths import sample_night_dir, sample_snapshots
from electionboard.sources import load_election

CERTIFIED = {
    "bass": 278_511,
    "caruso": 232_490,
    "deleon": 50_372,
    "viola": 44_341,
    "feuer": 12_087,
    "kim": 9_405,
    "smith": 6_153,
    "buscaino": 4_485,
    "greiwe": 2_439,
    "wilson": 2_336,
    "varma": 1_916,
    "jackson": 1_511,
}


@pytest.fixture(scope="module")
def night() -> list[dict[str, int]]:
    totals = []
    for path in sample_snapshots():
        standings = tabulate(load_election(str(path)).race("la-mayor"))
        totals.append({s.candidate.id: s.votes for s in standings.candidates})
    return totals


def test_index_lists_every_snapshot_in_time_order() -> None:
    index = json.loads((sample_night_dir() / "index.json").read_text())
    files = [entry["file"] for entry in index["snapshots"]]
    assert files == [path.name for path in sample_snapshots()]
    times = [entry["at"] for entry in index["snapshots"]]
    assert times == sorted(times)


def test_starts_empty_and_ends_at_the_certified_totals(
    night: list[dict[str, int]],
) -> None:
    assert sum(night[0].values()) == 0
    assert night[-1] == CERTIFIED
    final = tabulate(load_election(str(sample_snapshots()[-1])).race("la-mayor"))
    assert final.outstanding == 0
    assert [s.candidate.id for s in final.candidates[:2]] == ["bass", "caruso"]
    assert [s.outcome for s in final.candidates[:2]] == [Outcome.ADVANCES] * 2
    assert all(s.outcome is Outcome.ELIMINATED for s in final.candidates[2:])


def test_votes_never_go_down(night: list[dict[str, int]]) -> None:
    for before, after in itertools.pairwise(night):
        assert all(after[c] >= before[c] for c in CERTIFIED)


def test_semi_final_had_caruso_ahead() -> None:
    semi = next(n for n in sample_snapshots() if n.name == "12.json")
    standings = tabulate(load_election(str(semi)).race("la-mayor"))
    assert standings.standing("caruso").votes == 133_059
    assert standings.standing("bass").votes == 116_688
    assert standings.candidates[0].candidate.id == "caruso"
    assert standings.status is RaceStatus.CALLED
    assert standings.call is not None
    assert standings.call.by == "AP"


def test_withdrawn_candidates_are_marked() -> None:
    race = load_election(str(sample_snapshots()[-1])).race("la-mayor")
    withdrawn = {c.id for c in race.candidates if c.withdrawn}
    assert withdrawn == {"buscaino", "feuer", "varma"}
