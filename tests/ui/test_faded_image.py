"""A fading item is drawn from an image of itself, the same way every time.

While a row changes places it fades out and in, and Qt, fading each fill of
a 4K count's outlines apart, takes about twice as long as filling them
opaque. So a fading text or pill is drawn once, opaque, onto transparency
and copied at the painter's opacity: within a level or two of Qt's own
fade, and, whatever the repaint (a partial one, a whole one, an export),
the same pixels for the same item, fade and place.
"""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene

from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.fonts import board_font, register_fonts
from tests.ui.scene_render import differences, rendered

FORMATS = [QImage.Format.Format_ARGB32_Premultiplied, QImage.Format.Format_RGB32]


def fading_text(
    text: str, pixels: int, fade: float, *, x: float, whole: bool
) -> tuple[QGraphicsScene, TextItem]:
    """A text inside a row-like parent at ``fade``, as a moving row holds it."""
    register_fonts()
    scene = QGraphicsScene(0, 0, 900, 160)
    row = QGraphicsRectItem(0, 0, 0, 0)
    row.setOpacity(fade)
    item = TextItem(
        board_font(pixels, QFont.Weight.Bold),
        QColor("#f4f7ff"),
        right_aligned=True,
        whole_pixels=whole,
    )
    item.setParentItem(row)
    item.set_text(text)
    item.set_anchor(x, 21.37)
    scene.addItem(row)
    return scene, item


@pytest.mark.usefixtures("qapp")
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    text=st.sampled_from(["278,511", "39.3%", "Karen Bass", "1,004,317"]),
    pixels=st.integers(min_value=66, max_value=100),  # past the glyph cache
    fade=st.floats(min_value=0.05, max_value=0.95),
    x=st.floats(min_value=600, max_value=880),
    whole=st.booleans(),
    scale=st.sampled_from([1.0, 2.0, 1.5]),
    image_format=st.sampled_from(FORMATS),
)
def test_a_fading_text_is_drawn_from_its_image(
    text: str,
    *,
    pixels: int,
    fade: float,
    x: float,
    whole: bool,
    scale: float,
    image_format: QImage.Format,
) -> None:
    scene, item = fading_text(text, pixels, fade, x=x, whole=whole)
    assume(scene.sceneRect().contains(item.sceneBoundingRect().adjusted(-4, -4, 4, 4)))
    first = rendered(scene, scale=scale, image_format=image_format, gradient=True)
    assert item._image.image is not None  # on first sight: no direct frame
    again = rendered(scene, scale=scale, image_format=image_format, gradient=True)
    assert again == first
    with mock.patch.object(TextItem, "_paint_image", return_value=False):
        direct = rendered(scene, scale=scale, image_format=image_format, gradient=True)
    assert differences(first, direct)[0] <= 2


@pytest.mark.usefixtures("qapp")
def test_a_faded_text_shown_whole_again_is_exact() -> None:
    """An image made while fading serves the text at full opacity only where
    it is exact there too: a text at whole pixels."""
    scene, item = fading_text("174,154", 80, 0.5, x=850.0, whole=True)
    rendered(scene, scale=2.0, gradient=True)
    made = item._image.image
    assert made is not None
    parent = item.parentItem()
    assert parent is not None
    parent.setOpacity(1.0)
    whole = rendered(scene, scale=2.0, gradient=True)
    assert item._image.image is made  # the same drawing: the same image
    with mock.patch.object(TextItem, "_paint_image", return_value=False):
        assert rendered(scene, scale=2.0, gradient=True) == whole


@pytest.mark.usefixtures("qapp")
def test_a_fading_pill_fades_as_one() -> None:
    register_fonts()
    scene = QGraphicsScene(0, 0, 700, 160)
    pill = PillItem(
        board_font(88, QFont.Weight.ExtraBold), QColor("#ffcc00"), QColor("black")
    )
    pill.set_content("ADVANCES")
    pill.setPos(10.25, 12.5)
    pill.setOpacity(0.5)
    scene.addItem(pill)
    first = rendered(scene, gradient=True)
    assert pill._image.image is not None
    assert rendered(scene, gradient=True) == first
    # Where the label covers the plate, the plate no longer shows through:
    # the label's middle is the label's colour over the ground, not over
    # a half-faded plate.
    with mock.patch.object(PillItem, "_paint_image", return_value=False):
        direct = rendered(scene, gradient=True)
    assert differences(first, direct)[0] > 2
