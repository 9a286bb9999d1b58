"""The county map: one state's counties in their leaders' colours.

The counties are built once from the state's shapes; each poll only
recolours them, gliding fills over half a second on the animation clock.
Reading shapes is disk I/O, so on air the scene never reads them itself: it
says which state it needs (``shapes_needed``, ``needed_state``) and whoever
runs it loads them off the GUI thread (``sources.county_shapes.
load_state_shapes``) and hands them over with ``set_shapes``. Headless, an
export calls ``prepare_for_export``, which reads them with the loader.
Until they come the map shows its title and legend without the counties.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QWidget

from electionboard.model.screens import ScreenKind
from electionboard.model.shapes import StateShapes
from electionboard.model.us_states import us_state
from electionboard.presentation import county_map as m
from electionboard.presentation import geometry as g
from electionboard.presentation.county_map import CountyState, MapContent
from electionboard.presentation.screen_input import ScreenInput
from electionboard.sources.county_shapes import load_state_shapes
from electionboard.ui.animation import QT_ANIMATIONS, AnimationClock
from electionboard.ui.board.items import TextItem
from electionboard.ui.fonts import board_font
from electionboard.ui.screens.base import ScreenScene
from electionboard.ui.screens.glide import Glide
from electionboard.ui.screens.map_items import (
    CountyItem,
    Look,
    county_path,
    hatch_brush,
)
from electionboard.ui.screens.map_legend import MapLegend
from electionboard.ui.theme import DARK, Theme

ShapesLoader = Callable[[str], StateShapes]
"""Reads a state's shapes given its postal code (disk I/O: off the GUI thread)."""


def uncached_shapes(state: str) -> StateShapes:
    """The shapes read and simplified afresh: an export's one-off default."""
    return load_state_shapes(state, None)


GLIDE_MS = 500
"""A county's colour cross-fades over this long when it changes."""


class CountyMapScene(ScreenScene):
    """A choropleth of one state's counties for the entry's race."""

    kind = ScreenKind.MAP

    shapes_needed = Signal(str)
    """The race shown is in this state (postal code) and its shapes are not here."""

    def __init__(
        self,
        raster: g.Raster = g.HD,
        theme: Theme = DARK,
        parent: QWidget | None = None,
        *,
        animations: AnimationClock = QT_ANIMATIONS,
        shapes: StateShapes | None = None,
        loader: ShapesLoader = uncached_shapes,
    ) -> None:
        super().__init__(raster, theme, parent, animations=animations)
        s = self._s
        self._content: MapContent | None = None
        self._loader = loader
        self._asked: str | None = None
        self._title = TextItem(
            board_font(self.font_px(m.TITLE_PX), QFont.Weight.Bold),
            QColor(theme.text),
            max_width=m.TITLE_MAX_WIDTH * s,
            min_pixel_size=self.font_px(44),
        )
        self._title.set_anchor(g.SAFE_LEFT * s, g.TITLE_Y * s)
        self._reporting = TextItem(
            board_font(self.font_px(m.REPORTING_PX), QFont.Weight.DemiBold),
            QColor(theme.muted),
            max_width=(m.MAP_RIGHT - g.SAFE_LEFT) * s,
            min_pixel_size=self.font_px(28),
        )
        self._reporting.set_anchor(g.SAFE_LEFT * s, m.REPORTING_Y * s)
        for item in (self._title, self._reporting):
            self.addItem(item)
        self._outline = QGraphicsPathItem()
        self._outline.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        self.addItem(self._outline)
        self._counties: dict[str, CountyItem] = {}
        self._legend = MapLegend(s, self.font_px)
        self.addItem(self._legend)
        self._from: dict[str, Look] = {}
        self._to: dict[str, Look] = {}
        self._motion = self._glides_with(
            Glide(self, self._animations, self._on_frame, QEasingCurve.Type.InOutQuad)
        )
        self._shapes: StateShapes | None = None
        self._apply_theme()
        if shapes is not None:
            self.set_shapes(shapes)

    # -- building ----------------------------------------------------------------

    def set_shapes(self, shapes: StateShapes) -> None:
        """Draw ``shapes``' counties from now on (what was shown stays shown)."""
        self._motion.stop()
        for item in self._counties.values():
            self.removeItem(item)
        self._counties = {}
        self._shapes = shapes
        self._asked = None
        fit = m.fit_map(shapes.bounds)
        outline = QPainterPath()
        outline.setFillRule(Qt.FillRule.WindingFill)
        for shape in shapes.counties:
            path = county_path(shape, fit, self._s)
            item = CountyItem(shape, path)
            self.addItem(item)
            self._counties[shape.fips] = item
            outline.addPath(path)
        self._outline.setPath(outline)
        self._apply_theme()
        if self.shown is not None:
            self._show(self.shown, animate=False)

    @property
    def shapes(self) -> StateShapes | None:
        """The state drawn, if its shapes are here."""
        return self._shapes

    def needed_state(self) -> str | None:
        """The state whose shapes the race shown needs and the scene lacks."""
        state = self._state_of(self.shown)
        if state is None or (self._shapes is not None and self._shapes.state == state):
            return None
        return state

    def prepare_for_export(self) -> None:
        """Headless: read the shapes the race needs now, with the loader.

        Disk I/O on the calling thread: for export, never on air.
        """
        state = self.needed_state()
        if state is not None:
            self.set_shapes(self._loader(state))

    @staticmethod
    def _state_of(data: ScreenInput | None) -> str | None:
        """The race's state (postal code), else the entry's state option."""
        if data is None:
            return None
        standings = data.race()
        code = (standings.race.state if standings is not None else None) or (
            data.options.state
        )
        if not code:
            return None
        try:
            return us_state(code).postal
        except KeyError:
            return None

    # -- ScreenScene -------------------------------------------------------------

    def _apply_theme(self) -> None:
        theme = self.theme
        self._title.set_colour(QColor(theme.text))
        self._reporting.set_colour(QColor(theme.muted))
        edge = m.county_fill(theme.muted, 1, theme.plate)
        self._outline.setPen(QPen(QColor(edge), m.OUTLINE_WIDTH * self._s))
        self._hatch = hatch_brush(
            QColor(m.hatch_colour(theme.track, theme.muted)), self._s
        )
        border = QPen(QColor(self._border_colour()), m.BORDER_WIDTH * self._s)
        border.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        for item in self._counties.values():
            item.setPen(border)
            item.set_hatch(self._hatch)

    def _border_colour(self) -> str:
        """Borders in the backing's colour, so counties read as separate tiles."""
        return self.theme.plate

    def _toward(self) -> str:
        """Where narrow leads shade: toward the backing the map sits on."""
        return self.theme.plate

    def fill_for(self, colour_key: str, bucket: int) -> QColor:
        """The fill of a county led by ``colour_key``'s candidate by ``bucket``."""
        base = self.theme.colour(colour_key).name()
        return QColor(m.county_fill(base, bucket, self._toward()))

    def tied_colour(self) -> QColor:
        """A tied county: slate, apart from the neutral an independent wears."""
        return QColor(self.theme.others)

    def _look_for(self, state: CountyState, colour_key: str, bucket: int) -> Look:
        if state is CountyState.LEADING:
            return Look(self.fill_for(colour_key, bucket))
        if state is CountyState.TIED:
            return Look(self.tied_colour())
        return Look(QColor(self.theme.track), 1.0)

    def _show(self, data: ScreenInput, *, animate: bool) -> None:
        needed = self.needed_state()
        if needed is not None and self._shapes is not None:
            # Another state's race: its counties would be the wrong map.
            self._drop_shapes()
        if needed is not None and needed != self._asked:
            self._asked = needed
            self.shapes_needed.emit(needed)
        state = self._shapes.state if self._shapes is not None else needed or ""
        names = self._shapes.county_names() if self._shapes is not None else {}
        content = m.map_content(data, state, names)
        self._content = content
        if content is None:
            self._title.set_text("")
            self._reporting.set_text("")
            self._legend.setVisible(False)
            targets = {
                fips: self._look_for(CountyState.NOT_REPORTING, "", 0)
                for fips in self._counties
            }
        else:
            self._title.set_text(content.title)
            self._reporting.set_text(content.reporting)
            self._legend.setVisible(True)
            self._legend.show_content(
                content,
                self.theme,
                self.fill_for,
                self._hatch,
                self.tied_colour(),
            )
            targets = {
                fips: self._look_for(look.state, look.colour_key, look.bucket)
                for fips, look in content.counties.items()
            }
        self._from = {fips: item.look for fips, item in self._counties.items()}
        self._to = targets
        changed = any(
            self._from[f].fill != t.fill or self._from[f].hatch != t.hatch
            for f, t in targets.items()
        )
        if animate and changed:
            self._motion.start(GLIDE_MS)
        else:
            self._motion.stop()
            self._on_frame(1.0)

    def _drop_shapes(self) -> None:
        self._motion.stop()
        for item in self._counties.values():
            self.removeItem(item)
        self._counties = {}
        self._from, self._to = {}, {}
        self._shapes = None
        self._outline.setPath(QPainterPath())

    def _on_frame(self, progress: float) -> None:
        for fips, target in self._to.items():
            start = self._from.get(fips, target)
            self._counties[fips].set_look(start.towards(target, progress))

    # -- for the desk and tests --------------------------------------------------

    @property
    def content(self) -> MapContent | None:
        """What the map shows (its end state)."""
        return self._content

    def county_items(self) -> dict[str, CountyItem]:
        """Every county drawn, by FIPS code."""
        return dict(self._counties)

    def unmatched_units(self) -> tuple[str, ...]:
        """The feed's units no county took, with why, for the desk to see."""
        if self._content is None or self._content.results is None:
            return ()
        return tuple(
            f"{u.unit.name} ({u.unit.id}): {u.reason}"
            for u in self._content.results.unmatched
        )
