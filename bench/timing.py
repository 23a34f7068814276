"""The one way the benchmarks time a piece of work: the median of several runs, in ms."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

RUNS = 5


def median_ms(action: Callable[[], object], runs: int = RUNS, *,
              reset: Callable[[], object] | None = None, warm_up: bool = False) -> float:
    """Median wall time of ``action()`` over ``runs`` runs; ``reset()`` runs before each,
    untimed; ``warm_up`` runs the action once first, untimed (caches, imports)."""
    if warm_up:
        action()
    times = []
    for _ in range(runs):
        if reset is not None:
            reset()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
