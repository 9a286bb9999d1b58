#!/usr/bin/env python3
"""Render the operator desk's entry panel for the guide, offscreen.

Loads a mid-night snapshot of the bundled sample, saves a manual entry for one
precinct in a throw-away data folder, picks that precinct again and starts a
correction, and grabs the dock as ``docs/images/operator-panel.png``.

Usage: python3 scripts/make_operator_screenshot.py [--out PNG]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QDeadlineTimer, QEventLoop
from PySide6.QtWidgets import QApplication

from electionboard.model.live import LiveResults
from electionboard.resource_paths import sample_night_dir
from electionboard.sources import load_election
from electionboard.store import SqliteDeskStore
from electionboard.ui.bridge import ResultsBridge
from electionboard.ui.desk.desk import Desk

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = "10.json"
PRECINCT = "P0022"
SAVED_AT = dt.datetime(2022, 6, 8, 4, 12, 5, tzinfo=dt.UTC)


def _wait(app: QApplication, done: object, msecs: int = 5000) -> None:
    deadline = QDeadlineTimer(msecs)
    while not (callable(done) and done()):
        if deadline.hasExpired():
            raise TimeoutError("the desk did not answer in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def render(out: Path) -> None:
    """Build the desk on the sample night and save the dock's picture."""
    os.environ["TZ"] = "America/Los_Angeles"  # the night's own zone, on any machine
    time.tzset()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    election = load_election(str(sample_night_dir() / SNAPSHOT))
    live = LiveResults()
    live.apply_snapshot(election)
    race = election.races[0]
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        with SqliteDeskStore(data_dir, clock=lambda: SAVED_AT) as store:
            ids = [c.id for c in race.candidates]
            votes = dict.fromkeys(ids, 3)
            votes.update({"bass": 1204, "caruso": 866, "deleon": 131})
            store.record_entry("Ann", race.id, PRECINCT, votes, election=election)
        bridge = ResultsBridge(live)
        desk = Desk(bridge, functools.partial(SqliteDeskStore, data_dir), "Ann")
        desk.start()
        _wait(app, lambda: desk.client.state is not None)
        entry = desk.entry
        entry.race_picker.set_current(race.id)
        entry.precinct_picker.set_current(PRECINCT)
        entry.field("bass").setText("1240")
        entry.field("buscaino").setFocus()
        desk.status.setText(
            f"Saved {race.name} · Jefferson Park 3: {sum(votes.values()):,} votes "
            "(action #1)"
        )
        desk.dock.resize(640, 800)
        desk.dock.show()
        app.processEvents()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not desk.dock.grab().save(str(out)):
            raise OSError(f"could not write {out}")
        desk.shutdown()
        desk.dock.close()
        desk.dock.deleteLater()
        app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "docs" / "images" / "operator-panel.png"
    )
    render(parser.parse_args().out)


if __name__ == "__main__":
    main()
