"""Every registered parser, fed hostile bytes: an Election or FeedFormatError, only.

A parser runs on the poller's worker thread; any other exception would escape
as a crash instead of an operator-facing message, so this holds for all input.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from electionboard.model import Election, tabulate_election
from electionboard.resource_paths import resource
from electionboard.sources import FORMATS, FeedFormatError
from tests.shared_feeds import read_shared_feed

NATIVE_SEED = resource("samples", "la2022", "00.json")
SHARED_SEEDS = {
    "ap": "ap/20151103_national.json",
    "clarity": "clarity/greenup-ky-2014-primary-precinct.xml",
}
CSV_SEED = (
    b"race_id,race_name,advance,majority_wins,precinct_id,reporting,"
    b"registered_voters,candidate_id,party,votes\n"
    b"r,Mayor,2,yes,p1,true,100,a,DEM,40\nr,,,,p1,,,b,,30\nr,,,,p2,no,,a,,0\n"
)
KEYS = [
    "format",
    "electionboard/1",
    "election",
    "updated",
    "races",
    "id",
    "name",
    "date",
    "advance",
    "majority_wins",
    "candidates",
    "precincts",
    "totals",
    "votes",
    "reporting",
    "call",
    "outcome",
    "by",
    "electionDate",
    "timestamp",
    "nextrequest",
    "raceID",
    "raceType",
    "raceTypeID",
    "officeName",
    "seatName",
    "party",
    "test",
    "reportingUnits",
    "level",
    "state",
    "statePostal",
    "precinctsReporting",
    "precinctsTotal",
    "candidateID",
    "polID",
    "first",
    "last",
    "ballotOrder",
    "voteCount",
    "winner",
    "X",
    "R",
    "2024-11-05",
    "2024-11-05T21:00:00Z",
]
"""Keys and values the parsers look for, so random documents get past the door."""
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(KEYS)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(KEYS) | st.text(max_size=8), children, max_size=6
        )
    ),
    max_leaves=40,
)


def seed(name: str) -> bytes:
    if name == "csv":
        return CSV_SEED
    if name == "native":
        return NATIVE_SEED.read_bytes()
    return read_shared_feed(SHARED_SEEDS[name])


def outcome(name: str, data: bytes) -> Election | None:
    """Parse with the named format; None when it refused with FeedFormatError."""
    feed_format = FORMATS[name]
    assert isinstance(feed_format.sniff(data), bool)
    try:
        election = feed_format.parse(data)
    except FeedFormatError:
        return None
    assert isinstance(election, Election)
    tabulate_election(election)
    return election


def test_real_formats_are_registered_after_native() -> None:
    assert next(iter(FORMATS)) == "native"
    assert {"ap", "clarity", "csv"} <= set(FORMATS)
    assert all(FORMATS[name].name == name for name in FORMATS)


@pytest.mark.parametrize("name", list(FORMATS))
@FUZZ
@given(data=st.binary(max_size=2048))
def test_random_bytes(name: str, data: bytes) -> None:
    outcome(name, data)


@pytest.mark.parametrize("name", list(FORMATS))
@FUZZ
@given(value=json_values)
def test_random_json(name: str, value: Any) -> None:
    outcome(name, json.dumps(value).encode())


@pytest.mark.parametrize("name", list(FORMATS))
@FUZZ
@given(
    edits=st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.binary(max_size=4)),
        min_size=1,
        max_size=6,
    ),
    cut=st.floats(0.05, 1),
)
def test_damaged_real_documents(
    name: str, edits: list[tuple[float, bytes]], cut: float
) -> None:
    data = bytearray(seed(name))
    for where, replacement in edits:
        at = int(where * len(data))
        data[at : at + len(replacement)] = replacement
    outcome(name, bytes(data[: max(1, int(cut * len(data)))]))


@FUZZ
@given(
    edits=st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.binary(max_size=4)),
        min_size=1,
        max_size=6,
    ),
    method=st.sampled_from(
        [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_LZMA]
    ),
)
def test_damaged_detail_zip(edits: list[tuple[float, bytes]], method: int) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        archive.writestr("detail.xml", seed("clarity"))
    data = bytearray(buffer.getvalue())
    for where, replacement in edits:
        at = int(where * len(data))
        data[at : at + len(replacement)] = replacement
    outcome("clarity", bytes(data))


@pytest.mark.parametrize("name", ["ap", "clarity", "csv"])
def test_seeds_parse(name: str) -> None:
    election = outcome(name, seed(name))
    assert election is not None
    assert election.races


PATHOLOGICAL = {
    "deep-json-value": b'{"a":' + b"[" * 100_000,
    "deep-json": b"[" * 100_000,
    "deep-xml": b"<ElectionResult>" + b"<a>" * 100_000,
    "nul": b"\x00" * 10_000,
    "quotes": b'"' * 10_001,
    "bad-utf8-in-string": (
        b'{"format": "\x80", "electionDate": "2024-11-05", '
        b'"timestamp": "2024-11-05T21:00:00Z", "races": [{"raceID": "\x80"}]}'
    ),
}


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param(name, data, id=f"{name}-{label}")
        for name in FORMATS
        for label, data in PATHOLOGICAL.items()
    ],
)
def test_pathological_documents(name: str, data: bytes) -> None:
    assert outcome(name, data) is None
