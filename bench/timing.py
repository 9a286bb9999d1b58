"""Wall-clock timing shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def timed(action: Callable[[], Any], repeat: int) -> dict[str, float]:
    """Best and median wall time of ``action`` in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return {
        "best_ms": round(min(samples), 2),
        "median_ms": round(statistics.median(samples), 2),
    }
