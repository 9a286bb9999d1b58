"""Command line: the board by default, and headless commands beside it."""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from electionboard import APP_NAME, __version__

if TYPE_CHECKING:
    # Imported where used: the board's first frame needs none of them here.
    from electionboard.model.retention import Retention
    from electionboard.model.screens import ScreenOptions

log = logging.getLogger(__name__)

Command = Callable[[Sequence[str]], int]


def _summary_parser() -> argparse.ArgumentParser:
    from electionboard.sources.fetch import DEFAULT_DEADLINE

    parser = argparse.ArgumentParser(
        prog=f"{APP_NAME} summary",
        description="Print the standings of a feed (file path or http(s) URL).",
    )
    parser.add_argument("source", help="feed file path or http(s) URL")
    parser.add_argument("--race", help="only this race id")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--format", dest="format_name", help="feed format name")
    parser.add_argument(
        "--deadline",
        type=_positive,
        default=DEFAULT_DEADLINE,
        metavar="S",
        help="give up on a feed that gives no complete answer in S seconds "
        "(default %(default)g)",
    )
    return parser


def run_summary(argv: Sequence[str]) -> int:
    """``electionboard summary``: standings as a table or JSON."""
    from electionboard.model import tabulate_election
    from electionboard.model.report import standings_table, summary_document
    from electionboard.sources import FeedError, load_election

    args = _summary_parser().parse_args(argv)
    try:
        election = load_election(args.source, args.format_name, args.deadline)
    except FeedError as error:
        return _fail(str(error))
    standings = tabulate_election(election)
    if args.race is not None:
        standings = tuple(s for s in standings if s.race.id == args.race)
        if not standings:
            return _fail(f"no race {args.race!r} in this feed")
    if args.json:
        json.dump(summary_document(standings), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n\n".join(standings_table(s) for s in standings) + "\n")
    return 0


def _fail(message: str) -> int:
    first_line = message.strip().splitlines()[0] if message.strip() else "failed"
    sys.stderr.write(f"{APP_NAME}: error: {first_line}\n")
    return 2


def _board_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="Election-night results board. With no SOURCE, replays the "
        "bundled 2022 Los Angeles mayoral primary night in about two minutes.",
        epilog=f"Commands: {', '.join(_commands())} (use COMMAND --help).",
    )
    parser.add_argument("source", nargs="?", help="feed file path or http(s) URL")
    parser.add_argument("--format", dest="format_name", help="feed format name")
    parser.add_argument("--interval", type=_positive, help="seconds between polls")
    parser.add_argument("--size", help="raster: 1920x1080 (default) or 3840x2160")
    parser.add_argument("--race", help="race id to show first")
    parser.add_argument("--fullscreen", action="store_true", help="start full screen")
    parser.add_argument(
        "--screen", type=int, help="full screen on display N (0 = primary)"
    )
    parser.add_argument("--config-dir", type=Path, help="settings folder")
    parser.add_argument("--data-dir", type=Path, help="data and exports folder")
    parser.add_argument(
        "--store",
        metavar="LOCATION",
        help="desk store: a folder, or a postgresql:// URL shared by every desk "
        "(password from PGPASSWORD or ~/.pgpass; or set ELECTIONBOARD_STORE)",
    )
    parser.add_argument(
        "--operator",
        metavar="NAME",
        help="who is at the operator desk; asked at start-up when not given",
    )
    parser.add_argument(
        "--quit-after", type=_positive, help=argparse.SUPPRESS
    )  # smoke tests
    parser.add_argument(
        "--theme", help="dark (default), light, green, blue or transparent"
    )
    parser.add_argument(
        "--broadcast-safe",
        action="store_true",
        help="keep colours within the legal 16-235 range",
    )
    parser.add_argument(
        "--watch-folder",
        type=Path,
        help="write a PNG of the board here on every change, for playout",
    )
    parser.add_argument(
        "--archive-keep",
        type=_retention,
        metavar="N|Nh|none",
        help="archive copies to keep beside the watch folder's stable files: "
        "the last N per race, the last N hours, or none (default: the "
        "archive_keep setting, 50)",
    )
    parser.add_argument(
        "--output-screen",
        type=int,
        metavar="N",
        help="open the studio output window (program only, no cursor) full "
        "screen on display N (0 = first)",
    )
    parser.add_argument(
        "--allow-screen-saver",
        dest="inhibit_screen_saver",
        action="store_false",
        help="let the displays blank or sleep (by default they are kept awake)",
    )
    parser.add_argument("--version", action="version", version=__version__)
    return parser


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text}") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be positive, got {text}")
    return value


def _retention(text: str) -> Retention:
    from electionboard.model.retention import parse_retention

    try:
        return parse_retention(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _board_option_problem(args: argparse.Namespace) -> str | None:
    """Why the board's options cannot work, before any window opens."""
    from electionboard.presentation.geometry import parse_raster
    from electionboard.ui.theme import theme_named

    try:
        if args.theme is not None:
            theme_named(args.theme)
        if args.size is not None:
            parse_raster(args.size)
    except ValueError as error:
        return str(error)
    return None


def _holds_password(location: str) -> bool:
    from electionboard.store.urls import holds_password

    return holds_password(location)


def _password_refusal() -> str:
    from electionboard.store.urls import PASSWORD_ON_COMMAND_LINE

    return PASSWORD_ON_COMMAND_LINE


def run_board(argv: Sequence[str]) -> int:
    """The on-screen board."""
    args = _board_parser().parse_args(argv)
    if args.store and _holds_password(args.store):
        return _fail(_password_refusal())
    problem = _board_option_problem(args)
    if problem is not None:
        return _fail(problem)
    from electionboard.app import BoardOptions
    from electionboard.app import run_board as start
    from electionboard.settings import SettingsError

    try:
        return start(
            BoardOptions(
                source=args.source,
                format_name=args.format_name,
                interval=args.interval,
                size=args.size,
                race=args.race,
                fullscreen=args.fullscreen,
                screen=args.screen,
                config_dir=args.config_dir,
                data_dir=args.data_dir,
                store=args.store,
                quit_after=args.quit_after,
                operator=args.operator,
                theme=args.theme,
                broadcast_safe=args.broadcast_safe,
                watch_folder=args.watch_folder,
                archive_keep=args.archive_keep,
                output_screen=args.output_screen,
                inhibit_screen_saver=args.inhibit_screen_saver,
            )
        )
    except SettingsError as error:
        return _fail(str(error))


def _export_parser() -> argparse.ArgumentParser:
    from electionboard.ui.export import ExportFormat
    from electionboard.ui.theme import THEMES

    parser = argparse.ArgumentParser(
        prog=f"{APP_NAME} export",
        description="Render a race of a feed (or every race) to exact-size PNGs, "
        "headless.",
    )
    parser.add_argument("source", help="feed file path or http(s) URL")
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help="PNG file to write (with --all-races: the folder to write into)",
    )
    parser.add_argument("--race", help="race id (default: the first race)")
    parser.add_argument(
        "--round",
        type=int,
        dest="round_number",
        metavar="N",
        help="a ranked-choice race's round N (default: the last round)",
    )
    parser.add_argument(
        "--all-races",
        action="store_true",
        help="write <board>_<race>.png for every race into the --out folder",
    )
    parser.add_argument(
        "--board", default="board", help="board name in --all-races file names"
    )
    parser.add_argument("--size", default="1920x1080", help="1920x1080 or 3840x2160")
    parser.add_argument(
        "--theme", choices=list(THEMES), help="look of the board (default: dark)"
    )
    parser.add_argument(
        "--broadcast-safe",
        action="store_true",
        help="keep every colour channel inside the legal range 16-235",
    )
    parser.add_argument(
        "--image-format",
        choices=[f.value for f in ExportFormat],
        default=ExportFormat.RGBA.value,
        help="rgba: straight-alpha PNG (default); key-fill: <name>_fill.png and "
        "<name>_key.png; opaque: RGB PNG over the background (black if none)",
    )
    parser.add_argument(
        "--transparent",
        action="store_true",
        help="shorthand for --theme transparent: alpha 0 background for keying",
    )
    parser.add_argument("--format", dest="format_name", help="feed format name")
    parser.add_argument(
        "--config-dir",
        type=Path,
        help="settings folder for the station's words and identity (decision "
        "desk, casing, headshots, logo, locator); default: none, the defaults",
    )
    _screen_arguments(parser)
    return parser


def _screen_arguments(parser: argparse.ArgumentParser) -> None:
    """``--screen`` and what each board kind needs."""
    from electionboard.model.screens import BIG_BOARD_GRIDS, ScreenKind, TrendMeasure

    screens = parser.add_argument_group("screens other than the race board")
    screens.add_argument(
        "--screen",
        choices=[kind.value for kind in ScreenKind],
        default=ScreenKind.RACE.value,
        help="board kind to render (default: race); trend and map show --race",
    )
    screens.add_argument(
        "--races",
        help="comma-separated race ids a big board, lower third, ticker or "
        "balance shows, in order (default: every race, or --office/--state)",
    )
    screens.add_argument("--office", help="only races for this office")
    screens.add_argument("--state", help="only races in this state (postal code)")
    screens.add_argument(
        "--grid",
        type=int,
        choices=BIG_BOARD_GRIDS,
        default=6,
        help="races on a big board (default: 6)",
    )
    screens.add_argument(
        "--l-bar", action="store_true", help="the lower third as an L-bar"
    )
    screens.add_argument(
        "--measure",
        choices=[m.value for m in TrendMeasure],
        default=TrendMeasure.SHARE.value,
        help="the trend's share (default) or votes",
    )
    screens.add_argument(
        "--history",
        type=Path,
        help="a recorded night's folder for the trend (e.g. the bundled sample)",
    )
    screens.add_argument(
        "--seats-needed", type=int, help="seats for control (default: a majority)"
    )
    screens.add_argument("--chamber", help="the chamber's name on a balance of power")
    screens.add_argument(
        "--electoral",
        action="store_true",
        help="balance of power in electoral votes, not seats",
    )


def _screen_options(args: argparse.Namespace) -> ScreenOptions:
    """The ScreenOptions ``export`` was asked for."""
    from electionboard.model.screens import ScreenOptions, TrendMeasure

    races = tuple(r.strip() for r in (args.races or "").split(",") if r.strip())
    return ScreenOptions(
        races=races,
        office=args.office,
        state=args.state,
        grid=args.grid,
        l_bar=args.l_bar,
        measure=TrendMeasure(args.measure),
        seats_needed=args.seats_needed,
        chamber=args.chamber,
        electoral=args.electoral,
    )


def run_export(argv: Sequence[str]) -> int:
    """``electionboard export``: PNGs at broadcast raster, one per line on stdout."""
    args = _export_parser().parse_args(argv)
    from electionboard.app import ExportError, ExportOptions
    from electionboard.app import run_export as export

    try:
        paths = export(
            ExportOptions(
                source=args.source,
                out=args.out,
                race=args.race,
                size=args.size,
                transparent=args.transparent,
                format_name=args.format_name,
                theme=args.theme,
                broadcast_safe=args.broadcast_safe,
                image_format=args.image_format,
                all_races=args.all_races,
                board=args.board,
                round_number=args.round_number,
                config_dir=args.config_dir,
                screen=args.screen,
                screen_options=_screen_options(args),
                history=args.history,
            )
        )
    except ExportError as error:
        return _fail(str(error))
    sys.stdout.write("".join(f"{path}\n" for path in paths))
    return 0


def _run_replay(argv: Sequence[str]) -> int:
    """``electionboard replay``: imported only when used."""
    from electionboard.replay.commands import run_replay

    return run_replay(argv)


def _run_record(argv: Sequence[str]) -> int:
    """``electionboard record``: imported only when used."""
    from electionboard.replay.commands import run_record

    return run_record(argv)


def _run_rcv(argv: Sequence[str]) -> int:
    """``electionboard rcv``: imported only when used."""
    from electionboard.replay.rcv_command import run_rcv

    return run_rcv(argv)


def _run_desk(argv: Sequence[str]) -> int:
    """``electionboard desk``: imported only when used."""
    from electionboard.replay.desk_command import run_desk

    return run_desk(argv)


def _run_roles(argv: Sequence[str]) -> int:
    """``electionboard roles``: imported only when used."""
    from electionboard.replay.roles_command import run_roles

    return run_roles(argv)


def _run_settings(argv: Sequence[str]) -> int:
    from electionboard.settings_cli import run_settings

    return run_settings(argv)


def _output_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{APP_NAME} output",
        description="A display-only station: polls the feed itself and shows what "
        "the producer has on program (board kind, race, theme), following each "
        "take from the producer's data folder, or from the shared database with "
        "--store, with the desks' entries and calls. No desk, no console.",
    )
    parser.add_argument("source", nargs="?", help="feed file path or http(s) URL")
    parser.add_argument("--format", dest="format_name", help="feed format name")
    parser.add_argument("--interval", type=_positive, help="seconds between polls")
    parser.add_argument("--size", help="raster: 1920x1080 (default) or 3840x2160")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="the producer's data folder (its studio/ folder is followed)",
    )
    parser.add_argument(
        "--store",
        metavar="LOCATION",
        help="the desks' store: a folder, or the postgresql:// URL the producer "
        "publishes takes to (password from PGPASSWORD or ~/.pgpass; or set "
        "ELECTIONBOARD_STORE)",
    )
    parser.add_argument("--config-dir", type=Path, help="settings folder")
    parser.add_argument(
        "--output-screen",
        type=int,
        metavar="N",
        help="full screen on display N (default: a window)",
    )
    parser.add_argument(
        "--quit-after", type=_positive, help=argparse.SUPPRESS
    )  # tests and rehearsals
    return parser


def run_output(argv: Sequence[str]) -> int:
    """``electionboard output``: the display station."""
    args = _output_parser().parse_args(argv)
    if args.store and _holds_password(args.store):
        return _fail(_password_refusal())
    from electionboard.app import BoardOptions, run_station
    from electionboard.settings import SettingsError

    try:
        return run_station(
            BoardOptions(
                source=args.source,
                format_name=args.format_name,
                interval=args.interval,
                size=args.size,
                config_dir=args.config_dir,
                data_dir=args.data_dir,
                store=args.store,
                output_screen=args.output_screen,
                quit_after=args.quit_after,
            )
        )
    except (SettingsError, ValueError) as error:
        return _fail(str(error))


def _commands() -> dict[str, Command]:
    """Subcommands by name; each module parses its own arguments."""
    return {
        "summary": run_summary,
        "export": run_export,
        "output": run_output,
        "replay": _run_replay,
        "record": _run_record,
        "rcv": _run_rcv,
        "desk": _run_desk,
        "roles": _run_roles,
        "settings": _run_settings,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to a subcommand or, by default, the board."""
    from electionboard import method_cache

    method_cache.install()  # before the classes of any command are made
    args = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    commands = _commands()
    try:
        if args and args[0] in commands:
            return commands[args[0]](args[1:])
        return run_board(args)
    finally:
        method_cache.save()
