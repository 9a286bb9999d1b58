"""``electionboard export --screen``: any board kind rendered headless.

The same scenes the program shows, fed one snapshot, settled, and rendered
1:1 at the raster; a ticker renders the frame of its crawl at ``elapsed``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from pathlib import Path

from electionboard.model.election import Election
from electionboard.model.screens import ScreenKind, ScreenOptions
from electionboard.model.standings import RaceStandings
from electionboard.model.trend import TrendSample
from electionboard.presentation import geometry as g
from electionboard.presentation.content import AirStyle
from electionboard.presentation.screen_input import ScreenInput
from electionboard.sources.county_shapes import load_state_shapes
from electionboard.ui.export import ExportFormat, render_scene, write_image
from electionboard.ui.screens.base import ScreenScene
from electionboard.ui.screens.county_map import CountyMapScene
from electionboard.ui.screens.registry import make_screen
from electionboard.ui.theme import Theme


def export_screen(
    kind: ScreenKind,
    election: Election,
    standings: Sequence[RaceStandings],
    out: Path,
    *,
    raster: g.Raster,
    theme: Theme,
    export_format: ExportFormat,
    race_id: str = "",
    options: ScreenOptions | None = None,
    style: AirStyle | None = None,
    zone: dt.tzinfo | None = None,
    history: Mapping[str, tuple[TrendSample, ...]] | None = None,
    shapes_cache: Path | None = None,
) -> list[Path]:
    """Render ``kind`` for one snapshot to ``out``; returns the files written.

    A map reads its state's shapes from ``shapes_cache`` (building and
    keeping them there the first time; None: built afresh).

    Raises:
        OSError: a file could not be written.
    """
    if kind is ScreenKind.MAP:
        scene: ScreenScene = CountyMapScene(
            raster,
            theme,
            loader=functools.partial(load_state_shapes, cache_dir=shapes_cache),
        )
    else:
        scene = make_screen(kind, raster, theme)
    try:
        data = ScreenInput(
            election=election,
            standings=tuple(standings),
            race_id=race_id,
            options=options or ScreenOptions(),
            zone=zone,
            history=history or {},
            **({"style": style} if style is not None else {}),
        )
        scene.show_input(data, animate=False)
        prepare = getattr(scene, "prepare_for_export", None)
        if callable(prepare):
            prepare()  # e.g. a map reads its shapes here, headless
        return write_image(render_scene(scene), out, export_format)
    finally:
        scene.deleteLater()
