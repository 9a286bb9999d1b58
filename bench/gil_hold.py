"""How long a parse keeps another thread from running: the longest GIL hold.

In the app the feed is parsed on a pool thread while the GUI thread paints; a
C call that holds the GIL (a msgspec decode of a whole document, say) stalls
painting for as long as it runs. A sampler thread sleeps 1 ms at a time while
the subject runs on this thread; the longest interval between two of its wakes
is the figure. Conditions are the app's: the switch interval that
``ui/poller.py`` sets and automatic collection off, as ``ui/collector.py``
keeps it (collections run on the GUI thread's timer, not inside a parse).

Beside it, from ``sys.setprofile``, the longest single call into C (what
causes a long gap, free of the machine's scheduling noise), and its callee.

Each interval includes the 1 ms sleep, up to one switch interval waiting for
the GIL and the machine's own scheduling, so pure Python code shows about
3 ms; only the largest stands for a long C call. It excludes freeing the
subject's result (held until the sampler stops) and the fetch.
"""

from __future__ import annotations

import gc
import statistics
import sys
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

GIL_SWITCH_SECONDS = 0.002
"""``ui/poller.py``'s ``GIL_SWITCH_SECONDS``, not imported: that would bring Qt in."""
SAMPLE_SECONDS = 0.001
CONDITIONS = (
    f"switch interval {GIL_SWITCH_SECONDS * 1000:g} ms (ui/poller.py), automatic "
    "GC off (ui/collector.py); a thread waking every 1 ms, longest gap between "
    "wakes while the subject runs (pure Python shows about 3 ms); the subject's "
    "result is freed after the sampler stops; longest_c_call: from a C call to "
    "the next profiler event, excluding frees and collections"
)


def longest_gap_ms(action: Callable[[], Any]) -> float:
    """The longest gap between the sampler's wakes while ``action`` runs."""
    longest = 0.0
    done = threading.Event()
    started = threading.Event()

    def sample() -> None:
        nonlocal longest
        last = time.perf_counter()
        started.set()
        while not done.is_set():
            time.sleep(SAMPLE_SECONDS)
            now = time.perf_counter()
            longest = max(longest, now - last)
            last = now

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started.wait()
    time.sleep(0.01)
    result = action()
    done.set()
    sampler.join()
    del result
    return longest * 1000


def longest_c_call(action: Callable[[], Any]) -> tuple[float, str]:
    """The longest run of C code from a Python-level call, and its callee.

    Measured with ``sys.setprofile``: from a C function's call event to the
    next event (its return, or Python code it calls back into), so only time
    the thread cannot give the GIL away is counted. Freeing objects when a
    frame returns and collections are not calls, so they do not show here.
    """
    longest = 0.0
    name = ""
    started: list[tuple[float, object]] = []

    def profile(_frame: object, event: str, arg: object) -> None:
        nonlocal longest, name
        now = time.perf_counter()
        if started:
            begun, callee = started.pop()
            if now - begun > longest:
                longest, name = now - begun, getattr(callee, "__qualname__", "?")
        if event == "c_call":
            started.append((time.perf_counter(), arg))

    sys.setprofile(profile)
    try:
        result = action()
    finally:
        sys.setprofile(None)
    del result
    return longest * 1000, name


def gil_holds(actions: Mapping[str, Callable[[], Any]], rounds: int) -> dict[str, Any]:
    """Each action's longest gap per round, in turns: median, min and max."""
    switch = sys.getswitchinterval()
    enabled = gc.isenabled()
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    samples: dict[str, list[float]] = {name: [] for name in actions}
    calls: dict[str, list[tuple[float, str]]] = {name: [] for name in actions}
    try:
        for _ in range(rounds):
            gc.collect()
            gc.disable()
            for name, action in actions.items():
                samples[name].append(longest_gap_ms(action))
                calls[name].append(longest_c_call(action))
            if enabled:
                gc.enable()
    finally:
        sys.setswitchinterval(switch)
        if enabled:
            gc.enable()
    return {
        name: {
            "median_ms": round(statistics.median(values), 1),
            "min_ms": round(min(values), 1),
            "max_ms": round(max(values), 1),
            "longest_c_call_median_ms": round(
                statistics.median(ms for ms, _ in calls[name]), 1
            ),
            "longest_c_call": max(calls[name])[1],
        }
        for name, values in samples.items()
    }
