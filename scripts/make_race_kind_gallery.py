#!/usr/bin/env python3
"""Render one board per race kind for docs/race-kinds.md, offscreen.

Each kind is a small hand-built race (the figures are illustrative, not any
real contest) except the called AP race, read in place from the third-party
feeds folder ``../shared/feeds`` when it is there. Images are written at half
size (960x540) so each stays well under 300 KB.

Usage: python3 scripts/make_race_kind_gallery.py [--out DIR] [--all]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import sys
from fractions import Fraction
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from electionboard.model import (
    Call,
    CallOutcome,
    Candidate,
    Measure,
    Race,
    RaceStandings,
    Rule,
    Threshold,
    tabulate,
)
from electionboard.presentation.content import board_content
from electionboard.sources import load_election
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.export import render_scene

ROOT = Path(__file__).resolve().parent.parent
AP_FILE = ROOT.parent / "shared" / "feeds" / "ap" / "20121106_me_fl_senate.json"
UPDATED = dt.datetime(2024, 11, 6, 1, 30, tzinfo=dt.UTC)
CALLED_AT = dt.datetime(2024, 11, 6, 0, 45, tzinfo=dt.UTC)
BEST = ("vote-for-4", "measure-fails", "threshold-30", "expected-vote", "uncontested")


def _race(
    race_id: str,
    name: str,
    people: list[tuple[str, str | None, int]],
    rule: Rule | None = None,
    **changes: object,
) -> Race:
    candidates = tuple(
        Candidate(id=f"c{n}", name=who, party=party, ballot_order=n)
        for n, (who, party, _) in enumerate(people)
    )
    race = Race(
        id=race_id,
        name=name,
        rule=rule or Rule(),
        candidates=candidates,
        totals=tuple(votes for _, _, votes in people),
        precincts_reporting=100,
        precincts_total=100,
    )
    return dataclasses.replace(race, **changes)  # type: ignore[arg-type]


def _measure(race_id: str, name: str, yes: int, no: int, share: Fraction) -> Race:
    return _race(
        race_id,
        name,
        [("Yes", None, yes), ("No", None, no)],
        final=True,
        measure=Measure("c0", Threshold(share, at_least=True)),
    )


def kinds() -> dict[str, Race]:
    """Every kind the board airs, by the file name it is drawn to."""
    return {
        "uncontested": _race(
            "sheriff",
            "County Sheriff",
            [("Dana Whitfield", "REP", 48_210)],
            uncontested=True,
            precincts_reporting=61,
            precincts_total=88,
        ),
        "vote-for-4": _race(
            "circuit",
            "Circuit Court Judges",
            [
                ("Maria Okafor", None, 51_204),
                ("Thomas Lindqvist", None, 47_990),
                ("Priya Raman", None, 45_112),
                ("Gerald Boone", None, 38_406),
                ("Alicia Ferrante", None, 37_950),
                ("Samuel Ochoa", None, 21_337),
            ],
            Rule(seats=4),
            precincts_reporting=212,
            precincts_total=240,
            remaining_ballots=40_000,
            call=Call(CallOutcome.WON, ("c0", "c1", "c2"), "AP", CALLED_AT),
        ),
        "measure-passes": _measure(
            "amendment-2", "Amendment 2", 1_402_118, 803_554, Fraction(3, 5)
        ),
        "measure-fails": _measure(
            "amendment-1", "Amendment 1", 1_255_710, 947_300, Fraction(3, 5)
        ),
        "threshold-30": _race(
            "nc-senate-primary",
            "U.S. Senate · Republican Primary",
            [
                ("Harold Beck", "REP", 118_230),
                ("Lena Marsh", "REP", 104_996),
                ("Curtis Vail", "REP", 88_450),
                ("Ruth Ellison", "REP", 61_017),
            ],
            Rule(advance=2, outright=Threshold(Fraction(3, 10))),
            precincts_reporting=2_172,
            precincts_total=2_173,
            remaining_ballots=30_000,
        ),
        "expected-vote": _race(
            "governor",
            "Governor",
            [
                ("Elena Park", "DEM", 812_440),
                ("Robert Haines", "REP", 790_113),
                ("Jo Castellanos", "LIB", 31_508),
            ],
            precincts_reporting=1_480,
            precincts_total=2_410,
            expected_share_counted=62.0,
        ),
    }


def _draw(scene: BoardScene, standings: RaceStandings, path: Path) -> None:
    scene.show_content(board_content(standings, UPDATED), animate=False)
    image = render_scene(scene).scaled(
        960,
        540,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    if not image.save(str(path), None, 9):
        raise SystemExit(f"could not write {path}")
    sys.stdout.write(f"{path} ({path.stat().st_size // 1024} KB)\n")


def main(argv: list[str] | None = None) -> int:
    """Render the gallery; ``--all`` adds the kinds not kept in the docs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument(
        "--all", action="store_true", help="every kind, not only the docs' best"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    scene = BoardScene()
    for name, race in kinds().items():
        if args.all or name in BEST:
            _draw(scene, tabulate(race), args.out / f"race-kind-{name}.png")
    if args.all and AP_FILE.is_file():
        election = load_election(str(AP_FILE))
        for race in election.races:
            _draw(scene, tabulate(race), args.out / f"race-kind-ap-{race.id}.png")
    elif args.all:
        sys.stderr.write(f"skipped the AP race: {AP_FILE} is absent\n")
    scene.deleteLater()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
