"""Which login a server store signs in as, read from its URL without connecting."""

from __future__ import annotations

import pytest

from electionboard.store.urls import login_of


@pytest.mark.parametrize(
    ("url", "environment", "login"),
    [
        ("postgresql://ann:s3cret@db.example:5432/night", {}, "ann"),
        ("postgresql://ann@db.example/night", {"PGUSER": "bob"}, "ann"),
        ("postgresql://d%C3%A9sir%C3%A9e@db/night", {}, "désirée"),
        ("postgresql://db.example/night?user=cy&sslmode=require", {}, "cy"),
        ("postgresql://db.example/night", {"PGUSER": "bob"}, "bob"),
        ("postgresql://db.example/night", {}, None),
        ("postgresql://:pw@db/night", {}, None),
    ],
)
def test_the_login_is_what_libpq_would_sign_in_as(
    url: str, environment: dict[str, str], login: str | None
) -> None:
    assert login_of(url, environment) == login
