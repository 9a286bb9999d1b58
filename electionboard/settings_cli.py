"""``electionboard settings``: list every setting with its help, or change one.

The settings file is JSON that a newsroom may also edit by hand; this command
is the checked way to change it, and the one place its help text is shown.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from electionboard import APP_NAME
from electionboard.settings import (
    FILE_NAME,
    Settings,
    SettingsError,
    describe_settings,
    load_settings,
    parse_setting,
    save_settings,
    user_dir,
    with_value,
)
from electionboard.store.urls import holds_password


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{APP_NAME} settings",
        description="List the board's settings with their help, or change one.",
    )
    parser.add_argument("--config-dir", type=Path, help="settings folder")
    parser.add_argument("--json", action="store_true", help="list as JSON")
    commands = parser.add_subparsers(dest="action")
    change = commands.add_parser("set", help="check a value and save it")
    change.add_argument("name")
    change.add_argument("value")
    reset = commands.add_parser("reset", help="put a setting back to its default")
    reset.add_argument("name")
    return parser


def _shown(value: object) -> str:
    return json.dumps(value) if isinstance(value, str) else str(value).lower()


def run_settings(argv: Sequence[str]) -> int:
    """List the settings, or set or reset one; 2 with one line on a refusal."""
    args = _parser().parse_args(argv)
    config_dir: Path = args.config_dir or user_dir("config")
    try:
        settings = load_settings(config_dir)
        if args.action == "set":
            if args.name == "store" and holds_password(args.value):
                raise SettingsError(
                    "store: this URL holds a password, and the settings file is "
                    "no place for it; put it in PGPASSWORD or ~/.pgpass"
                )
            settings = with_value(
                settings, args.name, parse_setting(args.name, args.value)
            )
        elif args.action == "reset":
            default = getattr(Settings(), args.name, None)
            settings = with_value(settings, args.name, default)
    except SettingsError as error:
        sys.stderr.write(f"{APP_NAME}: error: {error}\n")
        return 2
    if args.action is not None:
        try:
            path = save_settings(settings, config_dir)
        except OSError as error:
            sys.stderr.write(f"{APP_NAME}: error: cannot save settings: {error}\n")
            return 2
        sys.stdout.write(f"saved {args.name} in {path}\n")
        return 0
    infos = describe_settings(settings)
    if args.json:
        document = {
            i.name: {"value": i.value, "default": i.default, "help": i.help}
            for i in infos
        }
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
        return 0
    sys.stdout.write(f"# {config_dir / FILE_NAME}\n")
    for info in infos:
        default = (
            "" if info.value == info.default else f" (default {_shown(info.default)})"
        )
        sys.stdout.write(
            f"{info.name} = {_shown(info.value)}{default}\n    {info.help}\n"
        )
    return 0
