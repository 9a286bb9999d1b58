#!/usr/bin/env python3
"""Render the on-air gallery into docs/images/gallery-*.png, headless.

Every frame goes through the real headless export (``app.run_export``, what
``electionboard export`` runs) at 1920x1080 (one at 3840x2160), and is saved
scaled to 960x540 so each image stays small. The frames: the bundled Los
Angeles night (final and early), hand-built native feeds written to a
temporary folder (too close, 12 candidates, long names, every theme, every
race kind, headshots with a logo, test data; their figures are illustrative,
not any real contest), and the Florida U.S. Senate race of AP's
``../shared/feeds/ap/20121106_me_fl_senate.json``, read in place when it is
there. Headshots and the logo are placeholders drawn here, never photos.

Usage: python3 scripts/make_gallery.py [--out DIR] [--index MD] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath
from PySide6.QtWidgets import QApplication

from electionboard.app import ExportOptions, run_export
from electionboard.model import tabulate_election
from electionboard.model.screens import ScreenOptions, TrendMeasure
from electionboard.presentation.content import board_content
from electionboard.presentation.geometry import parse_raster
from electionboard.settings import Settings, save_settings, with_value
from electionboard.sources.load import load_election
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.export import render_as_drawn, save_png

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples" / "la2022"
AP_FILE = ROOT.parent / "shared" / "feeds" / "ap" / "20121106_me_fl_senate.json"
AP_RACE = "FL-10005"
AP_NATIONAL = ROOT.parent / "shared" / "feeds" / "ap" / "20151103_national.json"
AP_ALASKA = ROOT.parent / "shared" / "feeds" / "ap" / "20121106_ak_prez.json"
RCV_SAMPLE = ROOT / "resources" / "samples" / "rcv" / "ak2022-special-house.json"
RCV_RACE = "ak-us-house-special"
SMALL = (960, 540)
UPDATED = "2024-11-05T22:30:00-05:00"
CALLED_AT = "2024-11-05T21:45:00-05:00"
ELECTION = {
    "id": "gallery-2024",
    "name": "General Election",
    "date": "2024-11-05",
    "time_zone": "America/New_York",
}
THEMES = ("dark", "light", "green", "blue", "transparent")
THEME_CAPTIONS = {
    "dark": "The dark theme, the default: a governor called by AP",
    "light": "The light theme",
    "green": "The green theme: the panel over a chroma-key green",
    "blue": "The blue theme: the panel over a chroma-key blue",
    "transparent": "The transparent theme for keying, shown over a checkerboard",
}


Person = tuple[str, str, str | None, int]
"""Candidate id, name, party (or None), votes."""


def race(
    race_id: str, name: str, people: Sequence[Person], **fields: object
) -> dict[str, object]:
    """One native race from totals; ``fields`` adds or overrides keys."""
    return {
        "id": race_id,
        "name": name,
        "candidates": [
            {"id": cid, "name": who, "ballot_order": n}
            | ({"party": party} if party else {})
            for n, (cid, who, party, _) in enumerate(people, start=1)
        ],
        "totals": {cid: votes for cid, _, _, votes in people},
        "precincts_reporting": 100,
        "precincts_total": 100,
        **fields,
    }


def called(*winners: str, outcome: str = "won", by: str = "AP") -> dict[str, object]:
    """A feed's call of ``winners``."""
    return {"outcome": outcome, "candidates": list(winners), "by": by, "at": CALLED_AT}


def measure(race_id: str, name: str, yes: int, no: int) -> dict[str, object]:
    """A measure that needs 60% (at least), final."""
    return race(
        race_id,
        name,
        [("yes", "Yes", None, yes), ("no", "No", None, no)],
        final=True,
        measure={"passes_with": "yes", "threshold": "3/5", "at_least": True},
    )


AMENDMENT = measure("amendment-1", "Amendment 1", 1_255_710, 947_300)
GOVERNOR = race(
    "governor",
    "Governor",
    [
        ("park", "Elena Park", "DEM", 1_812_440),
        ("haines", "Robert Haines", "REP", 1_590_113),
        ("castellanos", "Jo Castellanos", "LIB", 61_508),
        ("okoro", "Adaeze Okoro", "GRN", 40_221),
    ],
    precincts_reporting=2_380,
    precincts_total=2_410,
    remaining_ballots=120_000,
    call=called("park"),
)
TOO_CLOSE = race(
    "us-house-7",
    "U.S. House District 7",
    [
        ("alvarez", "Marisol Alvarez", "DEM", 151_902),
        ("whitaker", "James Whitaker", "REP", 151_214),
        ("nguyen", "Tam Nguyen", "LIB", 6_430),
    ],
    precincts_reporting=402,
    precincts_total=410,
    remaining_ballots=21_500,
)
TWELVE = race(
    "council-at-large",
    "City Council At-Large",
    [
        (f"c{n}", who, party, votes)
        for n, (who, party, votes) in enumerate(
            [
                ("Grace Holloway", "DEM", 88_412),
                ("Marcus Bell", "REP", 80_977),
                ("Yuki Tanaka", "DEM", 76_005),
                ("Omar Haddad", "IND", 61_230),
                ("Beatriz Lopes", "DEM", 55_118),
                ("Frank Kowalski", "REP", 47_640),
                ("Nia Robinson", "GRN", 31_902),
                ("Dmitri Volkov", "LIB", 22_415),
                ("Hannah Schultz", "REP", 18_770),
                ("Ravi Iyer", "IND", 12_304),
                ("Chloe Martin", None, 8_116),
                ("Ezra Cohen", None, 4_021),
            ]
        )
    ],
    seats=3,
    precincts_reporting=181,
    precincts_total=240,
    remaining_ballots=90_000,
)
LONG_NAMES = race(
    "supervisor-3",
    "Board of Supervisors, Third Supervisorial District (Unexpired Term Ending 2026)",
    [
        ("aocdlvs", "Alexandria Ocasio-Cortez de la Vega-Smithson", "DEM", 61_204),
        ("mwh", "Maximilian Wolfgang Hohenzollern-Sigmaringen III", "REP", 58_871),
        ("jmr", "Juan Manuel Rodríguez-Villanueva y Castañeda", "IND", 24_110),
        ("lee", "Li Na", "GRN", 9_450),
    ],
    advance=2,
    majority_wins=True,
    precincts_reporting=310,
    precincts_total=388,
    remaining_ballots=52_000,
)
VOTE_FOR_4 = race(
    "circuit",
    "Circuit Court Judges",
    [
        ("okafor", "Maria Okafor", None, 51_204),
        ("lindqvist", "Thomas Lindqvist", None, 47_990),
        ("raman", "Priya Raman", None, 45_112),
        ("boone", "Gerald Boone", None, 38_406),
        ("ferrante", "Alicia Ferrante", None, 37_950),
        ("ochoa", "Samuel Ochoa", None, 21_337),
    ],
    seats=4,
    precincts_reporting=212,
    precincts_total=240,
    remaining_ballots=40_000,
    call=called("okafor", "lindqvist", "raman"),
)
UNCONTESTED = race(
    "sheriff",
    "County Sheriff",
    [("whitfield", "Dana Whitfield", "REP", 48_210)],
    uncontested=True,
    precincts_reporting=61,
    precincts_total=88,
)
THRESHOLD_30 = race(
    "nc-senate-primary",
    "North Carolina · U.S. Senate",
    [
        ("beck", "Harold Beck", "REP", 118_230),
        ("marsh", "Lena Marsh", "REP", 104_996),
        ("vail", "Curtis Vail", "REP", 88_450),
        ("ellison", "Ruth Ellison", "REP", 61_017),
    ],
    advance=2,
    outright={"share": "3/10", "at_least": False},
    precincts_reporting=2_172,
    precincts_total=2_173,
    remaining_ballots=30_000,
)
EXPECTED_VOTE = race(
    "governor-early",
    "Governor",
    [
        ("park", "Elena Park", "DEM", 812_440),
        ("haines", "Robert Haines", "REP", 790_113),
        ("castellanos", "Jo Castellanos", "LIB", 31_508),
    ],
    precincts_reporting=1_480,
    precincts_total=2_410,
    expected_votes=2_635_000,
)
HEADSHOTS = race(
    "mayor",
    "Mayor",
    [
        ("rivera", "Sofia Rivera", "DEM", 204_118),
        ("brooks", "Daniel Brooks", "REP", 187_560),
        ("chen", "Wei Chen", "IND", 40_992),
        ("adams", "Tobias Adams", None, 12_808),
    ],
    precincts_reporting=690,
    precincts_total=702,
    remaining_ballots=18_000,
    call=called("rivera", by="Channel 7 Decision Desk"),
)
HEADSHOT_PEOPLE = ("rivera", "brooks", "chen")
"""Who has a (placeholder) picture; Tobias Adams keeps his initials disc."""


def feed(*races: dict[str, object], test: bool = False) -> dict[str, object]:
    """A native document of ``races``."""
    election: dict[str, object] = dict(ELECTION)
    if test:
        election["test"] = True
    return {
        "format": "electionboard/1",
        "election": election,
        "updated": UPDATED,
        "races": list(races),
    }


@dataclass(frozen=True)
class Frame:
    """One gallery image: what to export and how."""

    name: str
    caption: str
    source: Callable[[Path], str | None]
    """Writes or finds the feed in the work folder; None skips the frame."""
    race: str | None = None
    size: str = "1920x1080"
    theme: str = "dark"
    max_rows: int = 7
    settings: dict[str, str] = field(default_factory=dict)
    """Settings for this frame; ``{work}`` in a value is the work folder."""
    round_number: int | None = None
    """A ranked-choice race's round to show (None: the last)."""
    transfer_at: float | None = None
    """Caught mid-transfer into ``round_number`` at this eased progress."""
    screen: str = "race"
    """The board kind (``export --screen``)."""
    options: dict[str, object] = field(default_factory=dict)
    """The screen's ``ScreenOptions`` fields."""
    history: Path | None = None
    """A recorded night for the trend."""


def native(document: dict[str, object], name: str) -> Callable[[Path], str]:
    def write(work: Path) -> str:
        path = work / f"{name}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        return str(path)

    return write


def bundled(snapshot: str) -> Callable[[Path], str]:
    return lambda _work: str(SAMPLES / snapshot)


def ap_feed(_work: Path) -> str | None:
    return shared(AP_FILE)(_work)


def shared(path: Path) -> Callable[[Path], str | None]:
    """A real file from ../shared/feeds, read in place; None skips the frame."""

    def find(_work: Path) -> str | None:
        if path.is_file():
            return str(path)
        sys.stderr.write(f"skipped a frame: {path} is absent\n")
        return None

    return find


def screens() -> list[Frame]:
    """The other board kinds, on the bundled night and on real AP files."""
    final = bundled("19.json")
    return [
        Frame(
            "screen-bigboard-la",
            "Big board: the Los Angeles night's races, certified (bundled sample)",
            final,
            screen="bigboard",
            options={"grid": 4},
        ),
        Frame(
            "screen-bigboard-ap",
            "Big board of six: AP's November 2015 file, Colorado's measures and "
            "Kentucky's governor",
            shared(AP_NATIONAL),
            screen="bigboard",
        ),
        Frame(
            "screen-lower-third-la",
            "Lower third over the anchor, keyed (shown over a checkerboard): the "
            "mayor's top three, certified",
            final,
            screen="lower-third",
            options={"races": ("la-mayor",)},
        ),
        Frame(
            "screen-lower-third-early",
            "The same lower third at 9 PM on election night (snapshot 02)",
            bundled("02.json"),
            screen="lower-third",
            options={"races": ("la-mayor",)},
        ),
        Frame(
            "screen-lbar-ap",
            "L-bar: AP's November 2015 file, the race on air in the strip and the "
            "races next in the column",
            shared(AP_NATIONAL),
            screen="lower-third",
            options={"l_bar": True},
        ),
        Frame(
            "screen-ticker-la",
            "Ticker: the crawl across the bottom, keyed (its first frame)",
            final,
            screen="ticker",
        ),
        Frame(
            "screen-ticker-ap",
            "Ticker on AP's November 2015 file",
            shared(AP_NATIONAL),
            screen="ticker",
        ),
        Frame(
            "screen-trend-la",
            "Trend over the night: Caruso leads on election night, Bass overtakes "
            "him as the late mail is counted (the bundled night's 20 snapshots)",
            final,
            race="la-mayor",
            screen="trend",
            history=SAMPLES,
        ),
        Frame(
            "screen-trend-votes-la",
            "The same trend in votes",
            final,
            race="la-mayor",
            screen="trend",
            history=SAMPLES,
            options={"measure": TrendMeasure.VOTES},
        ),
        Frame(
            "screen-balance-la",
            "Balance of power of the Los Angeles City Council seats on the "
            "bundled night: District 1 won outright (nonpartisan: won against "
            "undecided)",
            final,
            screen="balance",
            options={"office": "City Council", "chamber": "Los Angeles City Council"},
        ),
        Frame(
            "screen-balance-senate-ap",
            "Balance of power, AP's 2012 Senate races in Florida and Maine",
            ap_feed,
            screen="balance",
            options={"chamber": "U.S. Senate · Florida and Maine"},
        ),
        Frame(
            "screen-balance-electoral-ap",
            "Electoral votes where the feed gives them: AP's Alaska, 2012",
            shared(AP_ALASKA),
            screen="balance",
            options={"electoral": True},
        ),
        Frame(
            "screen-map-fl",
            "County map: Florida's 67 counties from AP's fipsCode, early in the "
            "count, the rest drawn as not reporting",
            ap_feed,
            race=AP_RACE,
            screen="map",
        ),
        Frame(
            "screen-map-me-4k",
            "Maine at 3840x2160: 499 towns rolled up into 16 counties by their "
            "county's fipsCode",
            ap_feed,
            race="ME-20978",
            screen="map",
            size="3840x2160",
        ),
        Frame(
            "screen-bigboard-4k",
            "The Los Angeles big board at 3840x2160, scaled down",
            final,
            screen="bigboard",
            options={"grid": 4},
            size="3840x2160",
        ),
    ]


def frames() -> list[Frame]:
    """Every gallery frame, in the order docs/gallery.md shows them."""
    themes = [
        Frame(
            f"theme-{theme}",
            THEME_CAPTIONS.get(theme, f"The {theme} theme"),
            native(feed(GOVERNOR), "governor"),
            theme=theme,
        )
        for theme in THEMES
    ]
    return [
        Frame(
            "la-final",
            "Los Angeles mayoral primary 2022, the certified result (bundled sample)",
            bundled("19.json"),
        ),
        Frame(
            "la-early",
            "The same night at 9 PM, early returns (bundled snapshot 02)",
            bundled("02.json"),
        ),
        Frame(
            "too-close",
            "Too close to call: 688 votes apart with 21,500 ballots left",
            native(feed(TOO_CLOSE), "too-close"),
        ),
        Frame(
            "twelve-candidates",
            "Twelve candidates for three seats: eight rows and 4 OTHERS, as many "
            "as fit",
            native(feed(TWELVE), "twelve"),
            max_rows=12,
        ),
        Frame(
            "long-names",
            "Long names and a long title (two lines)",
            native(feed(LONG_NAMES), "long-names"),
        ),
        *themes,
        Frame(
            "measure",
            "A measure that needs 60% at 57%: it fails",
            native(feed(AMENDMENT), "measure"),
        ),
        Frame(
            "vote-for-4",
            "Vote for four, three seats called",
            native(feed(VOTE_FOR_4), "vote-for-4"),
        ),
        Frame(
            "uncontested",
            "Uncontested: the one candidate wins, said so",
            native(feed(UNCONTESTED), "uncontested"),
        ),
        Frame(
            "threshold-30",
            "North Carolina's rule: over 30% nominates; 2,172 of 2,173 precincts",
            native(feed(THRESHOLD_30), "threshold-30"),
        ),
        Frame(
            "expected-vote",
            "An estimate of the vote counted beside precincts",
            native(feed(EXPECTED_VOTE), "expected-vote"),
        ),
        Frame(
            "ap-florida",
            "AP: Florida's U.S. Senate race of 2012 early in the count, with its state",
            ap_feed,
            race=AP_RACE,
        ),
        Frame(
            "headshots-logo",
            "Headshots from a folder (placeholders; one initials disc) and a logo bug",
            native(feed(HEADSHOTS), "headshots"),
            settings={
                "headshots_dir": "{work}/headshots",
                "logo": "{work}/logo.png",
                "decision_desk": "Channel 7 Decision Desk",
            },
        ),
        Frame(
            "test-data",
            "A test-flagged feed: the TEST DATA slug and watermark",
            native(feed(GOVERNOR, test=True), "test-data"),
        ),
        Frame(
            "rcv-round-1",
            "Ranked choice, Alaska's 2022 special (published rounds): round 1",
            lambda _work: str(RCV_SAMPLE),
            race=RCV_RACE,
            round_number=1,
        ),
        Frame(
            "rcv-mid-transfer",
            "Into round 2, halfway: Begich's ballots arrive in his colour, the "
            "inactive count rises, the line follows the continuing votes",
            lambda _work: str(RCV_SAMPLE),
            race=RCV_RACE,
            round_number=2,
            transfer_at=0.5,
        ),
        Frame(
            "rcv-final",
            "The final round: the winner, the margin, the threshold, the inactive",
            lambda _work: str(RCV_SAMPLE),
            race=RCV_RACE,
            round_number=2,
        ),
        Frame(
            "4k",
            "The final result at 3840x2160, scaled down: the same layout",
            bundled("19.json"),
            size="3840x2160",
        ),
        *screens(),
    ]


def _placeholder_headshot(path: Path, hue: int) -> None:
    """A flat silhouette on a coloured ground: plainly not a photo."""
    image = QImage(400, 500, QImage.Format.Format_RGB32)
    image.fill(QColor.fromHsv(hue, 70, 200))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor.fromHsv(hue, 40, 90))
    painter.drawEllipse(QPointF(200, 175), 95, 110)
    body = QPainterPath()
    body.addRoundedRect(QRectF(50, 310, 300, 260), 140, 140)
    painter.drawPath(body)
    painter.end()
    if not image.save(str(path)):
        raise SystemExit(f"could not write {path}")


def _placeholder_logo(path: Path) -> None:
    """A station bug: a white '7' in a red rounded square."""
    image = QImage(240, 240, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#c8102e"))
    painter.drawRoundedRect(QRectF(10, 10, 220, 220), 36, 36)
    font = QFont()
    font.setPixelSize(190)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(10, 10, 220, 220), Qt.AlignmentFlag.AlignCenter, "7")
    painter.end()
    if not image.save(str(path)):
        raise SystemExit(f"could not write {path}")


def _identity(work: Path) -> None:
    folder = work / "headshots"
    folder.mkdir()
    for n, candidate in enumerate(HEADSHOT_PEOPLE):
        _placeholder_headshot(folder / f"{candidate}.png", 40 + 110 * n)
    _placeholder_logo(work / "logo.png")


def _config_dir(frame: Frame, work: Path) -> Path | None:
    if not frame.settings:
        return None
    settings = Settings()
    for name, value in frame.settings.items():
        settings = with_value(settings, name, value.replace("{work}", str(work)))
    folder = work / f"config-{frame.name}"
    save_settings(settings, folder)
    return folder


def _checkerboard(width: int, height: int, cell: int = 24) -> QImage:
    board = QImage(width, height, QImage.Format.Format_RGB32)
    board.fill(QColor("#9a9a9a"))
    painter = QPainter(board)
    for y in range(0, height, cell):
        for x in range(0, width, cell):
            if (x // cell + y // cell) % 2:
                painter.fillRect(x, y, cell, cell, QColor("#6e6e6e"))
    painter.end()
    return board


def _small(path: Path) -> QImage:
    """The export scaled to 960x540, flattened over a checkerboard if keyed."""
    image = QImage(str(path)).scaled(
        *SMALL,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    if not image.hasAlphaChannel():
        return image.convertToFormat(QImage.Format.Format_RGB32)
    flat = _checkerboard(*SMALL)
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    return flat


def render(frame: Frame, work: Path, out: Path) -> Path | None:
    """Export one frame at its raster and save it small; None when skipped."""
    source = frame.source(work)
    if source is None:
        return None
    full = work / f"{frame.name}-full.png"
    if frame.transfer_at is not None:
        _render_transfer(frame, source, full)
    else:
        _export(frame, source, work, full)
    target = out / f"gallery-{frame.name}.png"
    if not _small(full).save(str(target), None, 0):
        raise SystemExit(f"could not write {target}")
    sys.stdout.write(f"{target} ({target.stat().st_size // 1024} KB)\n")
    return target


def _export(frame: Frame, source: str, work: Path, full: Path) -> None:
    run_export(
        ExportOptions(
            source=source,
            out=full,
            race=frame.race,
            size=frame.size,
            theme=frame.theme,
            max_rows=frame.max_rows,
            config_dir=_config_dir(frame, work),
            round_number=frame.round_number,
            screen=frame.screen,
            screen_options=ScreenOptions(**frame.options),  # type: ignore[arg-type]
            history=frame.history,
        )
    )


class _HeldTween:
    """A tween that jumps to one progress and stays there: a frozen frame."""

    def __init__(self, on_frame: Callable[[float], None], at: float) -> None:
        self._on_frame, self._at, self._running = on_frame, at, False

    def start(self, _msecs: int) -> None:
        self._running = True
        self._on_frame(self._at)

    def stop(self) -> None:
        self._running = False

    def is_running(self) -> bool:
        return self._running

    def progress(self) -> float:
        return self._at if self._running else 1.0


@dataclass
class _HeldClock:
    """An animation clock whose every tween holds at ``at`` (gallery only)."""

    at: float

    def tween(
        self,
        _parent: object,
        _easing: object,
        on_frame: Callable[[float], None],
        _on_finished: Callable[[], None] | None = None,
    ) -> _HeldTween:
        return _HeldTween(on_frame, self.at)


def _render_transfer(frame: Frame, source: str, full: Path) -> None:
    """The board caught mid-transfer into ``frame.round_number``, as drawn."""
    assert frame.round_number is not None
    assert frame.transfer_at is not None
    election = load_election(source)
    standings = next(s for s in tabulate_election(election) if s.race.id == frame.race)
    scene = BoardScene(
        parse_raster(frame.size), animations=_HeldClock(frame.transfer_at)
    )
    for number, animate in (
        (frame.round_number - 1, False),
        (frame.round_number, True),
    ):
        content = board_content(standings, election.updated, round_number=number)
        scene.show_content(content, animate=animate)
    save_png(render_as_drawn(scene), full)


def _stale(out: Path, chosen: Iterator[str]) -> None:
    keep = {f"gallery-{name}.png" for name in chosen}
    for old in sorted(out.glob("gallery-*.png")):
        if old.name not in keep:
            old.unlink()
            sys.stdout.write(f"removed stale {old}\n")


INDEX_HEAD = """\
# The on-air gallery

Every frame the board airs, rendered headless through `electionboard export`'s own path
(`app.run_export`) at 1920x1080 and shown here at half size. Remake them all, and this
page, with `make gallery` (`scripts/make_gallery.py`; `--only NAME` for one frame). The
figures of the hand-built races are illustrative, not any real contest; the headshots
and the logo are placeholders the script draws.

"""


def write_index(path: Path, images: Path) -> None:
    """docs/gallery.md: every frame whose image is there, one line each."""
    lines = [INDEX_HEAD]
    for frame in frames():
        image = images / f"gallery-{frame.name}.png"
        if image.is_file():
            link = os.path.relpath(image, path.parent)
            lines.append(f"{frame.caption}.\n\n![{frame.caption}]({link})\n\n")
    path.write_text("".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Render the gallery (or ``--only`` some frames) into ``--out``."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument(
        "--index", type=Path, default=ROOT / "docs" / "gallery.md", help="page to write"
    )
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help="render only these frames"
    )
    args = parser.parse_args(argv)
    chosen = [f for f in frames() if not args.only or f.name in args.only]
    unknown = set(args.only or ()) - {f.name for f in chosen}
    if unknown:
        parser.error(f"no frame {', '.join(sorted(unknown))}")
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="gallery-") as folder:
        work = Path(folder)
        _identity(work)
        for frame in chosen:
            render(frame, work, args.out)
    if not args.only:
        _stale(args.out, (f.name for f in frames()))
    write_index(args.index, args.out)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
