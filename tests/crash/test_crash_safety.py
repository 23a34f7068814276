"""SIGKILL during a stream of audited writes loses nothing acknowledged and tears no pair.

The full 100-trial run is ``python -m bench.crash_harness``; this runs a seeded dozen.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.crash.harness import prepare, run_trial

pytestmark = pytest.mark.crash
TRIALS = 12


def test_sigkill_during_writes_keeps_every_acknowledged_commit(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite"
    prepare(path)
    rng = random.Random(20261125)
    acknowledged = 0
    for trial in range(TRIALS):
        result = run_trial(path, rng)
        assert result.problems == [], f"trial {trial}: {result.problems}"
        acknowledged += result.acknowledged
    assert acknowledged > TRIALS  # the kills really landed among the writes
