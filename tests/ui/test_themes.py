"""Themes to broadcast standards: legal range, chroma keys, safe areas, pens.

Renders use the final Los Angeles result; pixel checks read whole frames
through numpy so that no pixel escapes.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt
import pytest
from numpy.typing import NDArray
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPen
from PySide6.QtWidgets import (
    QAbstractGraphicsShapeItem,
    QApplication,
    QGraphicsItem,
    QGraphicsLineItem,
    QMainWindow,
)
from pytestqt.qtbot import QtBot

from electionboard.model import tabulate_election
from electionboard.presentation import geometry as g
from electionboard.presentation.content import BoardContent, board_content
from electionboard.resource_paths import sample_snapshots
from electionboard.sources import load_election
from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.board.safe_area import action_safe, title_safe
from electionboard.ui.board.scene import BoardScene
from electionboard.ui.board.view import TITLE_SAFE_COLOUR, BoardView
from electionboard.ui.export import render_scene, rgba_array
from electionboard.ui.theme import (
    BLUE,
    DARK,
    GREEN,
    KEY_SPILL_LIMIT,
    LEGAL_BLACK,
    LEGAL_WHITE,
    LIGHT,
    THEMES,
    TRANSPARENT,
    Theme,
    broadcast_safe,
    channels,
    key_spill,
    legal,
    theme_named,
)
from tests.ui.image_testing import assert_image_approved
from tests.ui.qtbot_typed import key_click

pytestmark = pytest.mark.image

FINAL = str(sample_snapshots()[-1])
RASTERS = [g.HD, g.UHD]
KEYED = [GREEN, BLUE]


@cache
def final_content() -> BoardContent:
    election = load_election(FINAL)
    return board_content(tabulate_election(election)[0], election.updated)


def scene_for(theme: Theme, raster: g.Raster = g.HD) -> BoardScene:
    scene = BoardScene(raster, theme)
    scene.show_content(final_content(), animate=False)
    return scene


def render(theme: Theme, raster: g.Raster = g.HD) -> NDArray[np.uint8]:
    """Rows x columns x RGBA (premultiplied) of the final result."""
    scene = scene_for(theme, raster)
    pixels = rgba_array(render_scene(scene))
    scene.deleteLater()
    return pixels


def spill(rgb: NDArray[np.uint8], key: str) -> NDArray[np.float64]:
    """key_spill for every pixel at once."""
    backing = channels(key)
    dominant = max(range(3), key=backing.__getitem__)
    others = [i for i in range(3) if i != dominant]
    values = rgb.astype(np.int32)
    excess = values[..., dominant] - values[..., others].max(axis=-1)
    backing_excess = backing[dominant] - max(backing[i] for i in others)
    share: npt.NDArray[np.float64] = np.clip(excess / backing_excess, 0.0, None)
    return share


# -- the table ---------------------------------------------------------------


@pytest.mark.usefixtures("qtbot")
def test_themes_are_chosen_by_name() -> None:
    assert list(THEMES) == ["dark", "light", "green", "blue", "transparent"]
    assert THEMES["dark"] is DARK
    assert theme_named(" Green ") is GREEN
    assert theme_named("dark", safe=True) == broadcast_safe(DARK)
    with pytest.raises(ValueError, match="unknown theme 'pink'"):
        theme_named("pink")
    assert BoardScene().theme is DARK


def test_legal_range_scaling() -> None:
    assert legal("#000000") == "#101010"
    assert legal("#ffffff") == "#ebebeb"
    assert legal("#00b140") == "#10a847"


@pytest.mark.parametrize("theme", THEMES.values(), ids=THEMES.keys())
def test_broadcast_safe_keeps_every_declared_colour_legal(theme: Theme) -> None:
    safe = broadcast_safe(theme)
    assert safe.legal_range
    assert broadcast_safe(safe) is safe
    colours = [*safe.graphics_colours(), safe.background_top, safe.background_bottom]
    if safe.key is not None:
        colours.append(safe.key)
    assert len(colours) >= 40
    for colour in colours:
        assert all(LEGAL_BLACK <= c <= LEGAL_WHITE for c in channels(colour)), colour
    assert safe.colour("party:DEM").name() == legal(theme.party_colours["DEM"])
    assert safe.colour("slot:0").name() == legal(theme.slot_colours[0])


@pytest.mark.parametrize("theme", KEYED, ids=lambda t: t.name)
def test_keyed_themes_keep_the_key_colour_out_of_graphics(theme: Theme) -> None:
    assert theme.key is not None
    assert theme.plated
    assert key_spill(theme.key, theme.key) == 1.0
    for colour in theme.graphics_colours():
        assert key_spill(colour, theme.key) <= KEY_SPILL_LIMIT, colour


def test_only_keyed_and_transparent_themes_have_plates() -> None:
    assert [t.name for t in THEMES.values() if t.plated] == [
        "green",
        "blue",
        "transparent",
    ]


# -- renders -------------------------------------------------------------------


@pytest.mark.parametrize("raster", RASTERS, ids=str)
@pytest.mark.parametrize("theme", THEMES.values(), ids=THEMES.keys())
@pytest.mark.usefixtures("qtbot")
def test_each_theme_renders_at_its_raster(theme: Theme, raster: g.Raster) -> None:
    pixels = render(theme, raster)
    assert pixels.shape == (raster.height, raster.width, 4)
    s = raster.scale
    bar = pixels[round((g.ROWS_TOP + 40) * s), round((g.BAR_LEFT + 40) * s)]
    assert bar[3] == 255
    corners = pixels[[0, 0, -1, -1], [0, -1, 0, -1]]
    if theme is TRANSPARENT:
        assert (corners[:, 3] == 0).all()
    else:
        assert (pixels[..., 3] == 255).all()
    if theme.key is not None:
        key = QColor(theme.key)
        for corner in corners:
            assert tuple(corner) == (key.red(), key.green(), key.blue(), 255)


@pytest.mark.parametrize("theme", KEYED, ids=lambda t: t.name)
@pytest.mark.usefixtures("qtbot")
def test_no_pixel_on_a_plate_would_key(theme: Theme) -> None:
    assert theme.key is not None
    pixels = render(theme)
    inner = title_safe(QRectF(0, 0, 1920, 1080)).toRect()
    plate = pixels[inner.top() : inner.bottom(), inner.left() : inner.right(), :3]
    assert spill(plate, theme.key).max() <= KEY_SPILL_LIMIT


@pytest.mark.parametrize("theme", THEMES.values(), ids=THEMES.keys())
@pytest.mark.usefixtures("qtbot")
def test_every_pixel_is_legal_in_broadcast_safe_themes(theme: Theme) -> None:
    pixels = render(broadcast_safe(theme))
    opaque = pixels[pixels[..., 3] == 255][:, :3]
    assert opaque.size > 0.5 * 1920 * 1080 * 3
    assert opaque.min() >= LEGAL_BLACK
    assert opaque.max() <= LEGAL_WHITE
    if theme is DARK:
        assert opaque.size == 1920 * 1080 * 3  # every pixel, nothing skipped


@pytest.mark.parametrize("theme", [LIGHT, GREEN], ids=lambda t: t.name)
@pytest.mark.usefixtures("qtbot")
def test_theme_matches_golden(theme: Theme) -> None:
    scene = scene_for(theme)
    assert_image_approved(render_scene(scene), f"la2022_final_{theme.name}_1080")


def test_set_theme_restyles_the_live_scene(qtbot: QtBot) -> None:
    scene = scene_for(DARK)
    dark = render_scene(scene)
    rows = {key: scene.row(key) for key in scene.row_order()}
    with qtbot.waitSignal(scene.content_shown) as shown:
        scene.set_theme(GREEN)
    assert shown.args == [final_content()]
    assert not scene.is_animating()
    assert {key: scene.row(key) for key in scene.row_order()} == rows
    green = render_scene(scene)
    key = QColor(GREEN.key or "")
    assert green.pixelColor(5, 5) == key
    assert green.pixelColor(
        round(g.BAR_LEFT + 40), round(g.ROWS_TOP + 40)
    ) == GREEN.colour("slot:0")
    fresh = render_scene(scene_for(GREEN))
    assert green == fresh
    scene.set_theme(DARK)
    assert render_scene(scene) == dark


# -- layout and pens -------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES.values(), ids=THEMES.keys())
@pytest.mark.usefixtures("qtbot")
def test_text_in_title_safe_and_everything_in_action_safe(theme: Theme) -> None:
    scene = scene_for(theme)
    scene.set_stale("STALE · 2 MIN")
    frame = scene.sceneRect()
    texts = 0
    for item in scene.items():
        rect = item.sceneBoundingRect()
        if not item.isVisible() or rect == frame or rect.isEmpty():
            continue  # the full-frame background
        assert action_safe(frame).contains(rect), (type(item).__name__, rect)
        if isinstance(item, TextItem | PillItem):
            assert title_safe(frame).contains(rect), (item.text(), rect)
            texts += 1
    assert texts > 30


def pens_of(item: QGraphicsItem) -> list[QPen]:
    """Every pen an item strokes with, whatever kind of item it is."""
    if isinstance(item, PillItem):
        return item.pens()
    if isinstance(item, QAbstractGraphicsShapeItem | QGraphicsLineItem):
        return [item.pen()]
    return []


@pytest.mark.parametrize("raster", RASTERS, ids=str)
@pytest.mark.parametrize("theme", THEMES.values(), ids=THEMES.keys())
@pytest.mark.usefixtures("qtbot")
def test_no_hairlines(theme: Theme, raster: g.Raster) -> None:
    scene = scene_for(theme, raster)
    scene.set_stale("STALE · 2 MIN")
    stroked = 0
    for item in scene.items():
        for pen in pens_of(item):
            if pen.style() == Qt.PenStyle.NoPen:
                continue
            assert not pen.isCosmetic(), type(item).__name__
            assert pen.widthF() >= 2 * raster.scale, type(item).__name__
            stroked += 1
    assert stroked >= 3  # the cutoff line, outlined pills and check marks


# -- the operator's safe-area overlay ------------------------------------------


def overlay_pixels(view: BoardView) -> int:
    """Pixels of the title-safe colour along the title-safe box's left edge."""
    image = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    top = view.mapFromScene(QPointF(96, 300))
    bottom = view.mapFromScene(QPointF(96, 800))
    colour = QColor(TITLE_SAFE_COLOUR)
    found = 0
    for y in range(top.y(), bottom.y()):
        for x in range(top.x() - 2, top.x() + 3):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red()) < 40
                and abs(pixel.green() - colour.green()) < 40
                and abs(pixel.blue() - colour.blue()) < 40
            ):
                found += 1
                break
    return found


def test_ctrl_g_toggles_the_safe_area_overlay_but_never_exports_it(
    qtbot: QtBot,
) -> None:
    scene = scene_for(DARK)
    exported = render_scene(scene)
    window = QMainWindow()
    view = BoardView(scene, window)
    window.setCentralWidget(view)
    window.resize(960, 540)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    handle = window.windowHandle()
    assert handle is not None
    handle.requestActivate()  # a window shortcut needs the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert not view.safe_area_visible()
    assert overlay_pixels(view) == 0

    key_click(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert view.safe_area_visible()
    assert overlay_pixels(view) > 100
    assert render_scene(scene) == exported

    view.toggle_safe_area()
    assert not view.safe_area_visible()
    assert overlay_pixels(view) == 0


def test_the_settings_know_exactly_the_themes_there_are() -> None:
    from electionboard.settings import THEME_NAMES
    from electionboard.ui.theme import THEMES

    assert set(THEME_NAMES) == set(THEMES)
