"""The polling delay: the interval when healthy, doubling after failures."""

from __future__ import annotations

import pytest

from electionboard.sources.backoff import MAX_RETRY_AFTER, retry_delay


def test_healthy_feed_waits_the_interval() -> None:
    assert retry_delay(10.0, 0) == 10.0


@pytest.mark.parametrize(
    ("failures", "expected"), [(1, 20.0), (2, 40.0), (3, 80.0), (4, 160.0)]
)
def test_failures_double_the_delay(failures: int, expected: float) -> None:
    assert retry_delay(10.0, failures) == expected


def test_backoff_stops_at_the_cap() -> None:
    assert retry_delay(10.0, 5) == 300.0
    assert retry_delay(10.0, 6, cap=60.0) == 60.0


def test_a_long_interval_is_never_shortened_by_the_cap() -> None:
    assert retry_delay(600.0, 0) == 600.0
    assert retry_delay(600.0, 3) == 600.0


def test_a_long_outage_does_not_overflow() -> None:
    assert retry_delay(10.0, 10_000) == 300.0


def test_retry_after_lengthens_the_delay() -> None:
    assert retry_delay(10.0, 1, retry_after=7.0) == 20.0
    assert retry_delay(10.0, 1, retry_after=45.0) == 45.0
    assert retry_delay(10.0, 0, retry_after=45.0) == 45.0


def test_retry_after_is_honoured_above_the_cap() -> None:
    assert retry_delay(10.0, 8, retry_after=900.0) == 900.0


def test_retry_after_is_limited_to_an_hour() -> None:
    assert MAX_RETRY_AFTER == 3600.0
    assert retry_delay(10.0, 1, retry_after=86_400.0) == 3600.0


def test_a_past_retry_after_date_changes_nothing() -> None:
    assert retry_delay(10.0, 2, retry_after=0.0) == 40.0


@pytest.mark.parametrize(("interval", "failures"), [(0.0, 0), (-1.0, 0), (5.0, -1)])
def test_rejects_nonsense(interval: float, failures: int) -> None:
    with pytest.raises(ValueError, match=r"interval|failures"):
        retry_delay(interval, failures)
