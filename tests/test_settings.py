"""Settings: declared once with help, checked, saved, upgraded, refused when newer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from electionboard.settings import (
    SCHEMA_VERSION,
    Settings,
    SettingsError,
    checked_value,
    describe_settings,
    load_settings,
    parse_setting,
    save_settings,
    with_value,
)
from electionboard.settings_cli import run_settings


def write(folder: Path, document: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "settings.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_every_setting_has_help_the_program_can_show() -> None:
    infos = describe_settings(Settings())
    assert len(infos) >= 15
    for info in infos:
        assert info.help.endswith(".") or info.help.endswith(")"), info.name
        assert info.value == info.default


def test_save_then_load_gives_the_same_settings(tmp_path: Path) -> None:
    changed = with_value(with_value(Settings(), "theme", "green"), "max_rows", 9)
    path = save_settings(changed, tmp_path)
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == 1
    assert load_settings(tmp_path) == changed
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == Settings()


def test_older_files_are_upgraded_in_order(tmp_path: Path) -> None:
    """A v1 file through v2 and v3: each step sees the one before's output."""
    write(tmp_path, {"schema_version": 1, "interval": 4, "raster": "3840x2160"})
    seen: list[int] = []

    def v1_to_v2(raw: dict[str, Any]) -> dict[str, Any]:
        seen.append(1)
        raw["poll_interval"] = raw.pop("interval")
        return raw

    def v2_to_v3(raw: dict[str, Any]) -> dict[str, Any]:
        seen.append(2)
        assert raw["poll_interval"] == 4
        return {**raw, "poll_interval": raw["poll_interval"] * 2}

    settings = load_settings(tmp_path, {1: v1_to_v2, 2: v2_to_v3}, schema_version=3)
    assert seen == [1, 2]
    assert settings.poll_interval == 8.0
    assert settings.raster == "3840x2160"


def test_a_version_with_no_upgrade_is_refused(tmp_path: Path) -> None:
    write(tmp_path, {"schema_version": 1})
    with pytest.raises(SettingsError, match="no upgrade from settings version 1"):
        load_settings(tmp_path, {}, schema_version=2)


def test_a_newer_file_is_refused_not_overwritten(tmp_path: Path) -> None:
    path = write(tmp_path, {"schema_version": SCHEMA_VERSION + 1, "theme": "gold"})
    before = path.read_bytes()
    with pytest.raises(SettingsError, match="from a newer electionboard"):
        load_settings(tmp_path)
    assert run_settings(["--config-dir", str(tmp_path), "set", "theme", "light"]) == 2
    assert path.read_bytes() == before


@pytest.mark.parametrize("version", ["2", None, True, 0])
def test_a_schema_version_that_is_not_a_version_is_refused(
    tmp_path: Path, version: object
) -> None:
    write(tmp_path, {"schema_version": version})
    with pytest.raises(SettingsError, match="schema_version"):
        load_settings(tmp_path)


def test_bad_and_unknown_values_are_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(
        tmp_path,
        {
            "schema_version": 1,
            "poll_interval": -1,
            "fetch_deadline": 0,
            "theme": "gold",
            "max_rows": "many",
            "broadcast_safe": 1,
            "read_timeout": 4,
            "colour": "red",
        },
    )
    settings = load_settings(tmp_path)
    assert settings == with_value(Settings(), "read_timeout", 4.0)
    text = caplog.text
    for name in ("poll_interval", "fetch_deadline", "theme", "max_rows"):
        assert name in text
    assert "broadcast_safe must be bool" in text
    assert "unknown setting colour" in text


def test_an_unreadable_file_gives_the_defaults_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    assert load_settings(tmp_path) == Settings()
    assert "ignoring unreadable settings" in caplog.text


@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        ("poll_interval", "2.5", 2.5),
        ("max_rows", "12", 12),
        ("broadcast_safe", "yes", True),
        ("inhibit_screen_saver", "off", False),
        ("archive_keep", "6h", "6h"),
        ("archive_keep", "none", "none"),
        ("raster", "3840x2160", "3840x2160"),
    ],
)
def test_values_typed_on_a_command_line(name: str, text: str, value: object) -> None:
    assert parse_setting(name, text) == value


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("poll_interval", "0", "positive"),
        ("poll_interval", "inf", "positive"),
        ("poll_interval", "soon", "number"),
        ("max_rows", "0", "at least 1"),
        ("too_close_share", "1.5", "below 1"),
        ("raster", "1280x720", "one of"),
        ("theme", "gold", "one of"),
        ("archive_keep", "-3", "none"),
        ("broadcast_safe", "maybe", "true or false"),
        ("colour", "red", "no setting"),
    ],
)
def test_bad_values_are_refused_with_the_reason(
    name: str, text: str, words: str
) -> None:
    with pytest.raises(SettingsError, match=words):
        parse_setting(name, text)


def test_the_settings_command_lists_sets_and_resets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = ["--config-dir", str(tmp_path)]
    assert run_settings([*folder, "set", "poll_interval", "4"]) == 0
    assert load_settings(tmp_path).poll_interval == 4.0
    capsys.readouterr()
    assert run_settings(folder) == 0
    listing = capsys.readouterr().out
    assert "poll_interval = 4.0 (default 10.0)" in listing
    assert "Seconds between polls of a live feed." in listing
    assert run_settings([*folder, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["theme"] == {
        "value": "dark",
        "default": "dark",
        "help": describe_settings(Settings())[6].help,
    }
    assert run_settings([*folder, "reset", "poll_interval"]) == 0
    assert load_settings(tmp_path) == Settings()
    assert run_settings([*folder, "set", "poll_interval", "-1"]) == 2
    assert "poll_interval must be a positive number" in capsys.readouterr().err


def test_the_settings_know_exactly_the_rasters_the_board_lays_out() -> None:
    from electionboard.presentation.geometry import RASTERS as LAID_OUT
    from electionboard.settings import RASTERS

    assert set(RASTERS) == set(LAID_OUT)


def test_the_time_zone_setting_is_empty_or_an_iana_name() -> None:
    assert checked_value("time_zone", "America/Chicago") == "America/Chicago"
    assert checked_value("time_zone", "") == ""
    for bad in ("Pacific Time", "../etc/passwd", "America"):
        with pytest.raises(SettingsError, match="IANA time zone"):
            checked_value("time_zone", bad)


def test_a_store_url_with_a_password_is_never_written_to_the_settings_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql://ann:s3cret@db.newsroom/night"
    assert run_settings(["--config-dir", str(tmp_path), "set", "store", url]) == 2
    assert "PGPASSWORD" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())  # nothing saved
    typed = "postgresql://ann@db.newsroom/night"
    assert run_settings(["--config-dir", str(tmp_path), "set", "store", typed]) == 0
    assert load_settings(tmp_path).store == typed
