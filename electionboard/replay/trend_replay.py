"""A recorded night's trend, rebuilt by tabulating every snapshot in order.

So a replay (or a trend screen started after the polls closed) draws the
same lines the live night would have stored, from the recording alone.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from electionboard.model.tabulate import tabulate_election
from electionboard.model.trend import TrendSample, sample_of, with_sample
from electionboard.replay.recording import Recording, load_recording
from electionboard.sources import FeedError, parse_feed

log = logging.getLogger(__name__)


def history_from_recording(
    recording: Recording | Sequence[Path],
) -> dict[str, tuple[TrendSample, ...]]:
    """Each race's samples over the recorded night, oldest first.

    Every snapshot is timed as the recording times it (its index, else its
    own data); one no parser reads is skipped with a warning, as a live poll
    would skip a bad answer.

    Raises:
        RecordingError: the paths do not make a recording.
    """
    if not isinstance(recording, Recording):
        recording = load_recording(list(recording))
    history: dict[str, tuple[TrendSample, ...]] = {}
    for snapshot in recording.snapshots:
        try:
            election = parse_feed(snapshot.data, snapshot.format_name)
        except FeedError as error:
            log.warning("trend: %s skipped: %s", snapshot.name, error)
            continue
        for standings in tabulate_election(election):
            race_id = standings.race.id
            sample = sample_of(standings, snapshot.at)
            history[race_id] = with_sample(history.get(race_id, ()), sample)
    return history
