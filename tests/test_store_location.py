"""The board's desk store is where the option, the setting or the environment say."""

from __future__ import annotations

from pathlib import Path

import pytest

from electionboard.app import BoardOptions, desk_store_factory
from electionboard.replay.desk_location import STORE_VARIABLE
from electionboard.settings import Settings
from electionboard.store import SqliteDeskStore


@pytest.mark.parametrize(
    ("option", "setting", "variable", "used"),
    [
        (None, "", None, "data"),
        ("opt", "set", "env", "opt"),
        (None, "set", "env", "set"),
        (None, "", "env", "env"),
    ],
)
def test_the_option_wins_then_the_setting_then_the_environment_then_the_data_folder(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    option: str | None,
    setting: str,
    variable: str | None,
    used: str,
) -> None:
    if variable is None:
        monkeypatch.delenv(STORE_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(STORE_VARIABLE, str(tmp_path / variable))
    options = BoardOptions(store=str(tmp_path / option) if option else None)
    settings = Settings(store=str(tmp_path / setting) if setting else "")
    store = desk_store_factory(options, settings, tmp_path / "data")()
    assert isinstance(store, SqliteDeskStore)
    assert store.path.parent == tmp_path / used
    store.close()
