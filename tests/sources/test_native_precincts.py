"""The native parser's one-loop precinct build equals the plain reading."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from electionboard.model import Precinct
from electionboard.sources import parse_feed

_ids = st.lists(
    st.text("abcxyz", min_size=1, max_size=3), min_size=1, max_size=5, unique=True
)


@st.composite
def _race(draw: st.DrawFn) -> tuple[list[str], list[dict[str, object]]]:
    ids = draw(_ids)
    rows = []
    for n in range(draw(st.integers(0, 6))):
        listed = draw(st.lists(st.sampled_from(ids), unique=True))
        listed = draw(st.permutations(listed))
        votes = {i: draw(st.integers(0, 1_000)) for i in listed}
        row: dict[str, object] = {"id": f"p{n}", "reporting": n % 2 == 0}
        row["votes"] = votes
        if draw(st.booleans()):
            row["name"] = f"Precinct {n}"
        rows.append(row)
    return ids, rows


def _document(ids: list[str], rows: list[dict[str, object]]) -> bytes:
    race = {
        "id": "r",
        "name": "Race",
        "candidates": [{"id": i, "name": i.upper()} for i in ids],
        "precincts": rows,
    }
    return json.dumps(
        {
            "format": "electionboard/1",
            "election": {"id": "e", "name": "E", "date": "2026-06-02"},
            "updated": "2026-06-02T20:00:00-07:00",
            "races": [race],
        }
    ).encode()


@given(_race())
def test_precincts_read_as_the_plain_alignment(
    race: tuple[list[str], list[dict[str, object]]],
) -> None:
    """Any key order, any candidate left out (0 votes): votes in ballot order."""
    ids, rows = race
    parsed = parse_feed(_document(ids, rows), "native").race("r")
    expected = []
    for row in rows:
        votes = row["votes"]
        assert isinstance(votes, dict)
        name = row.get("name", row["id"])
        expected.append(
            Precinct(
                str(row["id"]),
                str(name),
                bool(row["reporting"]),
                tuple(votes.get(i, 0) for i in ids),
            )
        )
    assert parsed.problems == ()
    assert parsed.precincts == tuple(expected)
    assert all(type(p) is Precinct for p in parsed.precincts)
