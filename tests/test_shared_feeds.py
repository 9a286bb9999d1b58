"""The helper that reads third-party feeds in place, or skips saying why."""

from __future__ import annotations

import pytest

from tests.shared_feeds import SHARED_FEEDS, has_shared_feed, shared_feed


def test_an_absent_feed_skips_with_its_path() -> None:
    assert not has_shared_feed("ap/no_such_file.json")
    with pytest.raises(pytest.skip.Exception, match=r"no_such_file\.json is absent"):
        shared_feed("ap/no_such_file.json")


def test_a_present_feed_is_read_where_it_lives() -> None:
    path = shared_feed("ap/20151103_national.json")
    assert path.parent.parent == SHARED_FEEDS
    assert SHARED_FEEDS.parent.name == "shared"
    assert path.read_bytes().lstrip().startswith(b"{")
