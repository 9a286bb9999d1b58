"""The retention rule: last N per race, last H hours, or none."""

from __future__ import annotations

import datetime as dt

import pytest

from electionboard.model.naming import parse_archive, timestamped_name
from electionboard.model.retention import (
    DEFAULT_ARCHIVE_KEEP,
    Retention,
    expired,
    parse_retention,
)

START = dt.datetime(2022, 6, 8, 4, 0, tzinfo=dt.UTC)


def archives(race_id: str, minutes: range, *, key_fill: bool = False) -> list[str]:
    names = []
    for minute in minutes:
        name = timestamped_name(race_id, START + dt.timedelta(minutes=minute))
        if key_fill:
            stem = name.removesuffix(".png")
            names += [f"{stem}_fill.png", f"{stem}_key.png"]
        else:
            names.append(name)
    return names


def parsed(names: list[str]) -> list:  # type: ignore[type-arg]
    return [a for n in names if (a := parse_archive(n)) is not None]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("50", Retention(count=50)),
        (" 3 ", Retention(count=3)),
        ("12h", Retention(hours=12.0)),
        ("1.5H", Retention(hours=1.5)),
        ("none", Retention()),
        ("OFF", Retention()),
    ],
)
def test_rules_read_from_text(text: str, rule: Retention) -> None:
    assert parse_retention(text) == rule
    assert parse_retention(str(rule)) == rule


@pytest.mark.parametrize("text", ["0", "0h", "-3", "h", "12m", "", "ten"])
def test_nonsense_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="N \\(copies per race\\), Nh"):
        parse_retention(text)


def test_the_default_keeps_some() -> None:
    assert parse_retention(DEFAULT_ARCHIVE_KEEP).count == 50


def test_last_n_per_race_keeps_the_newest_of_each_race() -> None:
    names = archives("r1", range(10)) + archives("r2", range(3))
    gone = expired(parsed(names), Retention(count=4), START)
    assert gone == archives("r1", range(6))


def test_a_key_fill_pair_goes_together() -> None:
    names = archives("r1", range(5), key_fill=True)
    gone = expired(parsed(names), Retention(count=2), START)
    assert gone == archives("r1", range(3), key_fill=True)


def test_last_hours_keeps_what_is_younger() -> None:
    names = archives("r1", range(0, 300, 30))  # every half hour for 5 hours
    now = START + dt.timedelta(hours=5)
    gone = expired(parsed(names), Retention(hours=2), now)
    assert gone == archives("r1", range(0, 180, 30))


def test_none_writes_none_and_deletes_none() -> None:
    assert not Retention().archives
    assert expired(parsed(archives("r1", range(10))), Retention(), START) == []
