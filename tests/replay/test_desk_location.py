"""Where the ``desk`` command's store is, and that no password is ever shown."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from electionboard.replay.desk_lines import one_line
from electionboard.replay.desk_location import chosen_location, redacted
from electionboard.replay.desk_votes import parsed_votes
from electionboard.store import DeskStore, SqliteDeskStore, StoreError
from tests.replay.desk_script import run_in_process

URL = "postgresql://desk:s3cret@db.newsroom:5432/night"
TYPED = "postgresql://desk@db.newsroom:5432/night"
"""A URL fit for a command line: the password comes from PGPASSWORD or ~/.pgpass."""


@pytest.fixture(autouse=True)
def _no_store_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ELECTIONBOARD_STORE", raising=False)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (URL, "postgresql://desk:***@db.newsroom:5432/night"),
        (f"cannot reach {URL} now", "cannot reach postgresql://desk:***@db."),
        ("postgresql://db/night?user=d&password=pw&x=1", "password=***&x=1"),
        ("postgresql://desk@db/night", "postgresql://desk@db/night"),
        ("/srv/desk-data", "/srv/desk-data"),
    ],
)
def test_passwords_are_redacted(text: str, shown: str) -> None:
    assert shown in redacted(text)
    assert "s3cret" not in redacted(text)
    assert "=pw" not in redacted(text)


def test_the_command_line_wins_over_the_environment() -> None:
    env = {"ELECTIONBOARD_STORE": URL}
    assert chosen_location("x", None, env) == "x"
    assert chosen_location(None, Path("d"), env) == "d"
    assert chosen_location(None, None, env) == URL
    assert chosen_location(None, None, {"ELECTIONBOARD_STORE": ""}) is None


def _without_server_stores(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in this version: no ``electionboard.store.open`` to import."""
    monkeypatch.setitem(sys.modules, "electionboard.store.open", None)


def test_a_url_without_server_stores_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _without_server_stores(monkeypatch)
    ran = run_in_process(capsys, "--store", TYPED, "--operator", "Ann", "undo")
    assert (ran.status, ran.out) == (1, "")
    assert ran.err_lines == [
        "electionboard desk: refused: PostgreSQL stores are not built in this version"
    ]


def test_a_url_from_the_environment_is_never_printed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(location: str) -> DeskStore:
        raise StoreError(f"could not connect to {location}: refused")

    monkeypatch.setitem(
        sys.modules, "electionboard.store.open", _opener_module(failing)
    )
    monkeypatch.setenv("ELECTIONBOARD_STORE", URL)
    ran = run_in_process(capsys, "--operator", "Ann", "undo")
    assert ran.status == 1
    assert "s3cret" not in ran.err
    assert ran.err_lines == [
        "electionboard desk: refused: could not connect to "
        "postgresql://desk:***@db.newsroom:5432/night: refused"
    ]
    usage = run_in_process(capsys, "--store", URL, "--bogus")
    assert usage.status == 2
    assert "s3cret" not in usage.err


def test_a_password_on_the_command_line_is_refused_unshown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ran = run_in_process(capsys, "--store", URL, "--operator", "Ann", "undo")
    assert ran.status == 2
    assert "s3cret" not in ran.err
    assert "PGPASSWORD" in ran.err_lines[0]
    assert len(ran.err_lines) == 1


def _opener_module(open_store: object) -> types.ModuleType:
    module = types.ModuleType("electionboard.store.open")
    module.open_store = open_store  # type: ignore[attr-defined]
    return module


def test_a_url_goes_to_open_store_when_it_is_built(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    asked: list[str] = []

    def open_store(location: str) -> DeskStore:
        asked.append(location)
        return SqliteDeskStore(tmp_path / "server")

    monkeypatch.setitem(
        sys.modules, "electionboard.store.open", _opener_module(open_store)
    )
    ran = run_in_process(capsys, "--store", TYPED, "--operator", "Ann", "undo")
    assert asked == [TYPED]
    assert ran.err_lines == ["electionboard desk: refused: Ann has nothing to undo"]
    assert (tmp_path / "server").is_dir()


_ids = st.text(
    st.characters(exclude_characters="=", codec="utf-8"),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip() == s and s != "")


@given(st.dictionaries(_ids, st.integers(0, 10**9), min_size=1, max_size=6))
def test_votes_read_back_as_written(votes: dict[str, int]) -> None:
    assert parsed_votes([f"{c}={n}" for c, n in votes.items()]) == votes


@given(st.text(max_size=60))
def test_one_line_is_one_printable_line(text: str) -> None:
    line = one_line(text)
    assert line.isprintable()
    assert line == line.strip()
    assert "  " not in line
