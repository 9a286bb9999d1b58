"""The bundled Los Angeles 2022 night tells its real story and ends certified."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

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


# --------------------------------------------------------------------------
# The other city races (scripts/make_la2022_sample.py DISTRICTS)
# --------------------------------------------------------------------------
CD1 = "la-council-1"
CD1_CERTIFIED = {"hernandez": 16_108, "cedillo": 13_700}


@pytest.fixture(scope="module")
def documents() -> list[dict[str, Any]]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sample_snapshots()]


def _race(document: dict[str, Any], race_id: str) -> dict[str, Any]:
    return next(r for r in document["races"] if r["id"] == race_id)


def test_the_mayor_comes_first_and_every_race_names_its_office(
    documents: list[dict[str, Any]],
) -> None:
    for document in documents:
        races = document["races"]
        assert [r["id"] for r in races] == ["la-mayor", CD1]
        assert all(r["state"] == "CA" for r in races)
        assert [r["office"] for r in races] == ["Mayor", "City Council"]
        assert "seat" not in races[0]
        assert races[1]["seat"] == "District 1"


def test_council_district_1_ends_certified_with_hernandez_elected() -> None:
    final = tabulate(load_election(str(sample_snapshots()[-1])).race(CD1))
    assert {s.candidate.id: s.votes for s in final.candidates} == CD1_CERTIFIED
    assert final.outstanding == 0
    assert [s.candidate.id for s in final.candidates] == ["hernandez", "cedillo"]
    assert [s.outcome for s in final.candidates] == [Outcome.WON, Outcome.ELIMINATED]
    assert final.call is not None
    assert final.call.candidate_ids == ("hernandez",)


def test_cedillo_led_the_night_and_hernandez_overtook_him_on_june_14() -> None:
    def leader(index: int) -> str:
        race = load_election(str(sample_snapshots()[index])).race(CD1)
        return tabulate(race).candidates[0].candidate.id

    assert [leader(k) for k in (1, 12, 13)] == ["cedillo"] * 3
    assert [leader(k) for k in (14, 15, 19)] == ["hernandez"] * 3


def test_council_district_1_is_called_only_after_the_june_17_update() -> None:
    calls = [
        load_election(str(path)).race(CD1).call is not None
        for path in sample_snapshots()
    ]
    assert calls == [False] * 16 + [True] * 4


def test_council_precincts_are_mayoral_precincts_counted_with_them(
    documents: list[dict[str, Any]],
) -> None:
    for before, after in itertools.pairwise(documents):
        for document in (before, after):
            mayor = {p["id"]: p for p in _race(document, "la-mayor")["precincts"]}
            council = _race(document, CD1)["precincts"]
            assert 0 < len(council) < len(mayor)
            for precinct in council:
                city = mayor[precinct["id"]]
                assert precinct["reporting"] == city["reporting"]
                # The council ballots are the mayor's ballots: never more of them.
                assert sum(precinct["votes"].values()) <= sum(city["votes"].values())
        old = {p["id"]: p["votes"] for p in _race(before, CD1)["precincts"]}
        for precinct in _race(after, CD1)["precincts"]:
            assert all(
                v >= old[precinct["id"]][c] for c, v in precinct["votes"].items()
            )
    first = _race(documents[0], CD1)
    assert sum(sum(p["votes"].values()) for p in first["precincts"]) == 0


def test_the_generator_rebuilds_the_bundled_files_byte_for_byte(
    tmp_path: Path,
) -> None:
    script = (
        Path(__file__).resolve().parent.parent / "scripts" / "make_la2022_sample.py"
    )
    subprocess.run(
        [sys.executable, str(script), "--quiet", "--out", str(tmp_path)], check=True
    )
    bundled = sorted(sample_night_dir().glob("*.json"))
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.name for p in bundled]
    for path in bundled:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
