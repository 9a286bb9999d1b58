"""Wall-clock timing shared by the benchmarks: interleaved rounds, spreads.

Two cores shared with other work make one figure from one moment worthless;
a ratio holds when subject and baselines take turns in the same rounds, so
every figure here comes from ``interleaved`` with its baselines beside it.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping
from typing import Any

GC_CONDITIONS = (
    "collector enabled for every subject and baseline alike; a full collection "
    "(untimed) before each sample, so none starts with another's collections "
    "due; a collection a sample leaves due runs inside its time, with its "
    "result still held (as the app holds it), and freeing the result is inside "
    "its time too (a subject that pauses the collector itself, as parse_native "
    "does, so pays the deferred collection)"
)


def settled_ms(action: Callable[[], Any]) -> float:
    """Milliseconds for ``action`` from a clean collector state to its freed result.

    Before each sample, a full collection: otherwise one sample's debts (the
    young objects it left, a collection it left due) fall into the next one's
    time. Measured: ``orjson.loads`` of the statewide feed took 19 ms longer
    (57 against 76 ms) straight after another decode than after a collection,
    which made a ratio to it look 0.4x better than it is. After the action,
    one tracked allocation runs any collection it left due, as the app's next
    allocation would, while its result is still held.
    """
    gc.collect()
    start = time.perf_counter()
    result = action()
    due: list[None] = []  # a tracked allocation: a collection left due runs here
    del result, due
    return (time.perf_counter() - start) * 1000


def timed(action: Callable[[], Any], repeat: int) -> dict[str, float]:
    """Best and median wall time of ``action`` in milliseconds (no baseline)."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return {
        "best_ms": round(min(samples), 2),
        "median_ms": round(statistics.median(samples), 2),
    }


def spread(samples: list[float]) -> dict[str, float]:
    """Median with p10 and p90 of millisecond samples."""
    ordered = sorted(samples)
    deciles = (
        statistics.quantiles(ordered, n=10, method="inclusive")
        if len(ordered) > 1
        else ordered * 9
    )
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p10_ms": round(deciles[0], 2),
        "p90_ms": round(deciles[-1], 2),
    }


def interleaved(
    actions: Mapping[str, Callable[[], Any]],
    rounds: int,
    *,
    reference: str | None = "orjson.loads",
) -> dict[str, Any]:
    """Each action once per round, in an order that rotates every round.

    Each sample is ``settled_ms``: from a full collection to its freed
    result. Returns each action's median and p10/p90, and its median ratio
    to ``reference`` (the median of per-round ratios, which cancels load that
    shifts between rounds).
    """
    names = list(actions)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for number in range(rounds):
        turn = names[number % len(names) :] + names[: number % len(names)]
        for name in turn:
            samples[name].append(settled_ms(actions[name]))
    figures: dict[str, Any] = {name: spread(samples[name]) for name in names}
    if reference is not None and reference in samples:
        base = samples[reference]
        for name in names:
            per_round = [a / b for a, b in zip(samples[name], base, strict=True)]
            figures[name]["ratio_to_" + reference.replace(".", "_")] = round(
                statistics.median(per_round), 2
            )
    figures["rounds"] = rounds
    return figures
