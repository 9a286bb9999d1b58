"""Rehearsal without a network: record a live feed, replay a night over HTTP.

Headless like ``sources``: no Qt here, so it runs on any newsroom machine.
"""

from electionboard.replay.recorder import Recorder, Saved
from electionboard.replay.recording import (
    Recording,
    RecordingError,
    Snapshot,
    load_recording,
)
from electionboard.replay.server import ReplayServer, ReplayStatus

__all__ = [
    "Recorder",
    "Recording",
    "RecordingError",
    "ReplayServer",
    "ReplayStatus",
    "Saved",
    "Snapshot",
    "load_recording",
]
