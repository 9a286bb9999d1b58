"""``--archive-keep`` reads the retention rule, and refuses nonsense in one line."""

from __future__ import annotations

import pytest

from electionboard.cli import _board_parser
from electionboard.model.retention import Retention
from electionboard.settings import Settings


@pytest.mark.parametrize(
    ("text", "rule"),
    [("20", Retention(count=20)), ("12h", Retention(hours=12)), ("none", Retention())],
)
def test_the_option_reads_a_rule(text: str, rule: Retention) -> None:
    args = _board_parser().parse_args(["--archive-keep", text])
    assert args.archive_keep == rule


def test_without_the_option_the_setting_decides() -> None:
    assert _board_parser().parse_args([]).archive_keep is None
    assert Settings().archive_keep == "50"
    assert Settings().min_free_mb == 300


def test_a_bad_rule_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit, match="2"):
        _board_parser().parse_args(["--archive-keep", "12m"])
    assert "N (copies per race), Nh (hours) or none" in capsys.readouterr().err
