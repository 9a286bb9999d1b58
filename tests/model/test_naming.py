"""File names: unique per race, stable across runs, bounded, never an archive."""

from __future__ import annotations

import datetime as dt

import pytest

from electionboard.model.naming import (
    MAX_NAME_BYTES,
    id_hash,
    parse_archive,
    race_part,
    stable_name,
    timestamped_name,
)

MOMENT = dt.datetime(2022, 6, 8, 4, 0, 5, tzinfo=dt.UTC)


def test_a_safe_lower_case_id_is_kept_as_it_is() -> None:
    assert stable_name("board", "ca-sen_2024") == "board_ca-sen_2024.png"
    assert stable_name("board", "la-mayor") == "board_la-mayor.png"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("measure-ñ", "measure-é"),
        ("a/b", "a.b"),
        ("a/b", "a_b"),  # the sanitised form of one is the other's plain id
        ("LA-Mayor", "la-mayor"),  # one file on a case-insensitive disk
        ("x" * 300, "x" * 301),
        ("r1", "r1_" + id_hash("r1")),  # an id dressed as a hashed name
    ],
)
def test_races_that_sanitise_alike_get_their_own_files(first: str, second: str) -> None:
    assert stable_name("board", first) != stable_name("board", second)
    assert timestamped_name(first, MOMENT) != timestamped_name(second, MOMENT)
    assert stable_name("board", first).lower() != stable_name("board", second).lower()


def test_the_same_race_gets_the_same_name_every_run() -> None:
    # Fixed here so a change to the rule cannot slip by: playout systems are
    # configured with these names.
    assert stable_name("board", "measure-ñ") == "board_measure-__62977b2c.png"
    assert stable_name("Studio A/B", "r1") == "Studio_A_B_r1.png"


@pytest.mark.parametrize("race_id", ["x" * 300, "ñ" * 300, "/" * 1000, "a\x00b"])
def test_every_name_is_bounded(race_id: str) -> None:
    for name in (
        stable_name("B" * 500, race_id),
        timestamped_name(race_id, MOMENT, "B" * 500),
    ):
        assert len(name.encode()) <= MAX_NAME_BYTES
        assert "/" not in name
        assert "\x00" not in name


def test_archive_names_read_back_and_stable_names_never_do() -> None:
    archived = parse_archive(timestamped_name("la-mayor", MOMENT, "studio"))
    assert archived is not None
    assert archived.stem == "studio_la-mayor"
    assert archived.moment == MOMENT.replace(second=5)
    fill = parse_archive("studio_la-mayor_20220608T040005Z_fill.png")
    assert fill is not None
    assert fill.stem == "studio_la-mayor"
    for race_id in ("x_20220608T040005Z", "x_20220608T040005Z_fill", "x_key"):
        assert parse_archive(stable_name("studio", race_id)) is None
        assert race_part(race_id) != race_id
    assert parse_archive("studio_la-mayor.png") is None
    assert parse_archive(".studio_la-mayor_20220608T040005Z.1234abcd.tmp") is None
    assert parse_archive("studio_la-mayor_20221308T040005Z.png") is None  # month 13
