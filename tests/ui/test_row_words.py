"""A row lays its words out again only when words change, never for figures."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from electionboard.presentation.content import RowContent, Tag, board_content
from electionboard.ui.board import row as row_module
from electionboard.ui.board.items import TextItem
from electionboard.ui.board.scene import BoardScene
from tests.builders import UPDATED
from tests.ui.board_frames import mayor_race

FIGURES = {"votes", "share", "bar_fraction"}


def sample() -> RowContent:
    return RowContent(
        key="k",
        name="Karen Bass",
        party="DEM",
        votes=10,
        share=50.0,
        bar_fraction=0.5,
        tag=next(iter(Tag)),
        checked=False,
        dimmed=False,
        note="",
        colour_key="dem",
        initials="KB",
        figures=True,
    )


def changed(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, Tag):
        return next(tag for tag in Tag if tag is not value)
    return value


@pytest.mark.parametrize(
    "field",
    [f.name for f in dataclasses.fields(RowContent) if f.name not in FIGURES],
)
def test_every_field_but_the_figures_counts_as_words(field: str) -> None:
    row = sample()
    other = dataclasses.replace(row, **{field: changed(getattr(row, field))})
    assert other != row
    assert row_module._words(other) != row_module._words(row)


@pytest.mark.parametrize("field", sorted(FIGURES))
def test_figures_are_not_words(field: str) -> None:
    row = sample()
    other = dataclasses.replace(row, **{field: getattr(row, field) + 1})
    assert row_module._words(other) == row_module._words(row)


@pytest.mark.usefixtures("qtbot")
def test_new_figures_keep_the_words_laid_out(monkeypatch: pytest.MonkeyPatch) -> None:
    scene = BoardScene()
    scene.show_content(board_content(mayor_race([50, 40, 30]), UPDATED), animate=False)
    fitted: list[str] = []
    set_texts = TextItem.set_texts

    def fitting(item: TextItem, forms: tuple[str, ...]) -> None:
        fitted.append(forms[0])
        set_texts(item, forms)

    monkeypatch.setattr(TextItem, "set_texts", fitting)
    scene.show_content(board_content(mayor_race([51, 40, 30]), UPDATED), animate=False)
    row = scene.row("karen bass")
    assert row.content is not None
    assert row.content.votes == 51
    assert row.texts()["votes"] == "51"
    names = {scene.row(key).texts()["name"] for key in scene.row_order()}
    assert names.isdisjoint(fitted)
