"""Any number of rows fits inside title-safe at broadcast type sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from electionboard.presentation import geometry as g
from electionboard.presentation.content import board_content
from electionboard.ui.board.items import PillItem, TextItem
from electionboard.ui.board.scene import BoardScene
from tests.builders import UPDATED
from tests.ui.board_frames import inside, mayor_race, overlaps, text_items

LONG_TITLE = "Board of Supervisors, Fourth Supervisorial District, Special Election"
LONG_NAMES = (
    "Maria Guadalupe Fernández-Villanueva",
    "Christopher Alexander Montgomery-Whitfield",
    "Kevin de León",
    "Bartholomew Higginbotham-Featherstonehaugh",
    *("Ann", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal"),
)


def title_safe(raster: g.Raster) -> QRectF:
    s = raster.scale
    return QRectF(
        g.SAFE_LEFT * s,
        g.SAFE_TOP * s,
        (g.SAFE_RIGHT - g.SAFE_LEFT) * s,
        (g.SAFE_BOTTOM - g.SAFE_TOP) * s,
    )


def board(raster: g.Raster, count: int, **options: object) -> BoardScene:
    votes = [60_000 - 4_000 * i for i in range(count)]
    scene = BoardScene(raster)
    standings = mayor_race(votes, **options)  # type: ignore[arg-type]
    scene.show_content(board_content(standings, UPDATED, max_rows=12), animate=False)
    return scene


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
@pytest.mark.parametrize("count", range(2, 13))
@pytest.mark.parametrize("long", [False, True], ids=["names", "long-names"])
def test_every_row_count_fits_title_safe_without_overlap(
    raster: g.Raster, count: int, *, long: bool
) -> None:
    options = {"names": LONG_NAMES, "title": LONG_TITLE} if long else {}
    scene = board(raster, count, **options)
    s = raster.scale
    safe = title_safe(raster)
    texts = text_items(scene)
    assert len(texts) > 4 * min(count, g.rows_that_fit())
    for item in texts:
        assert inside(item.sceneBoundingRect(), safe), item
    assert overlaps(texts) == []
    # Bars and the banner stay inside too, the banner below the last row.
    keys = scene.row_order()
    assert len(keys) == min(count, g.rows_that_fit())
    for key in keys:
        assert inside(scene.bar_rect(key), safe), key
    banner = scene.banner_rect()
    assert inside(banner, safe)
    last = max(scene.row(key).sceneBoundingRect().bottom() for key in keys)
    assert banner.top() >= scene.bar_rect(keys[-1]).bottom()
    assert banner.top() >= last
    # Broadcast type sizes: body text 45 px, capitals 34 px (at 1080).
    for item in texts:
        if isinstance(item, TextItem):
            assert item.font().pixelSize() >= round(g.CAPS_MIN_PX * s), item.text()
        if isinstance(item, PillItem):
            assert item.font().pixelSize() >= round(g.CAPS_MIN_PX * s), item.text()
    for key in keys:
        assert scene.row(key).name_font_pixels() >= round(g.BODY_MIN_PX * s)


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("count", [10, 12])
def test_past_what_fits_the_rest_fold_into_others(count: int) -> None:
    scene = board(g.HD, count)
    keys = scene.row_order()
    assert g.rows_that_fit() == 9
    assert keys[-1] == "__others__"
    folded = count - (g.rows_that_fit() - 1)
    others = scene.row("__others__").texts()
    assert others["name"] == f"{folded} OTHERS"
    assert others["votes"] == f"{sum(60_000 - 4_000 * i for i in range(8, count)):,}"


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("count", [3, 4, 5, 6, 7])
def test_no_dead_band_between_the_rows_and_the_banner(count: int) -> None:
    scene = board(g.HD, count)
    last = scene.bar_rect(scene.row_order()[-1])
    gap = scene.banner_rect().top() - last.bottom()
    layout = scene.layout()
    # The banner follows the last row, with only the row's own air between.
    assert gap == pytest.approx(
        (layout.pitch - layout.bar_height) / 2 + g.ROWS_BANNER_GAP
    )
    # From four rows on the rows fill the room and the banner sits lowest.
    if count >= 4:
        assert scene.banner_rect().top() == pytest.approx(g.BANNER_TOP)


@pytest.mark.usefixtures("qtbot")
def test_a_long_name_keeps_its_party_and_takes_a_shorter_form() -> None:
    scene = board(g.HD, 4, names=LONG_NAMES)
    long_one = scene.row("christopher alexander montgomery-whitfield").texts()
    assert long_one["party"] == "REP"
    assert long_one["name"].startswith("C")
    assert long_one["name"] != LONG_NAMES[1]
    assert scene.row("kevin de león").texts()["name"] == "Kevin de León"


@pytest.mark.usefixtures("qtbot")
def test_a_long_title_breaks_in_two_lines_and_the_header_makes_room() -> None:
    short = board(g.HD, 5)
    scene = board(g.HD, 5, title=LONG_TITLE)
    title = scene.header_texts()["title"]
    assert "\n" in title
    assert title.replace("\n", " ") == LONG_TITLE
    assert scene.layout().title_lines == 2
    assert scene.layout().rows_top > short.layout().rows_top
    rects = scene.header_rects()
    assert not rects["title"].intersects(rects["updated"])


@pytest.mark.usefixtures("qtbot")
def test_no_cutoff_line_before_there_are_votes() -> None:
    import dataclasses

    from electionboard.model import tabulate

    standings = mayor_race([0, 0, 0, 0])
    withdrawn = dataclasses.replace(
        standings.race,
        candidates=tuple(
            dataclasses.replace(c, withdrawn=c.id == "karen bass")
            for c in standings.race.candidates
        ),
    )
    content = board_content(tabulate(withdrawn), UPDATED)
    assert content.cutoff_after is None
    scene = BoardScene()
    scene.show_content(content, animate=False)
    assert scene.cutoff_label() == ""
    # With votes, the line is back.
    scene.show_content(board_content(mayor_race([5, 4, 3, 2]), UPDATED))
    scene.finish_animation()
    assert scene.cutoff_label().startswith("TOP TWO")


GALLERY_NAMES = (
    "Alexandria Ocasio-Cortez de la Vega-Smithson",
    "Maximilian Wolfgang Hohenzollern-Sigmaringen III",
    "Juan Manuel Rodríguez-Villanueva y Castañeda",
    "Li Na",
)


@pytest.mark.usefixtures("qtbot")
@pytest.mark.parametrize("raster", [g.HD, g.UHD], ids=str)
def test_every_row_of_a_board_draws_its_name_at_one_size(raster: g.Raster) -> None:
    scene = board(raster, 4, names=GALLERY_NAMES)
    keys = scene.row_order()
    sizes = {scene.row(key).name_font_pixels() for key in keys}
    assert len(sizes) == 1, sizes
    assert sizes.pop() >= round(g.BODY_MIN_PX * raster.scale)
    names = {scene.row(key).texts()["name"] for key in keys}
    # The short name is not drawn larger, nor shortened: it fits whole.
    assert "Li Na" in names
    for name in names:
        # Given names to initials first; a particle never becomes one.
        assert " y. " not in name
        assert " R. " not in name
    joined = " | ".join(sorted(names))
    assert "J. M. Rodríguez" in joined
    assert "A. Ocasio-Cortez" in joined


@pytest.mark.usefixtures("qtbot")
def test_short_names_keep_the_largest_size_that_fits_them_all() -> None:
    scene = board(g.HD, 4)
    layout = scene.layout()
    sizes = {scene.row(key).name_font_pixels() for key in scene.row_order()}
    assert sizes == {round(layout.name_px)}
