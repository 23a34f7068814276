"""Crash harness: SIGKILL a writer at random moments, check the file after each kill.

    python -m bench.crash_harness [--trials 100] [--seed 1] [--max-delay 0.3]

Each trial starts tests/crash/writer.py on the same SQLite file (so every trial after the
first also recovers a stale lock and a possibly hot journal), kills it after a seeded
random delay, and checks with plain sqlite3: every acknowledged commit present, no
organization without its audit rows or audit row without its organization, and
integrity_check ok.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from tests.crash.harness import prepare, run_trial


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=0.3)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    acknowledged = failures = 0
    with tempfile.TemporaryDirectory(prefix="pdesk-crash-") as folder:
        path = Path(folder) / "crash.sqlite"
        prepare(path)
        for trial in range(1, args.trials + 1):
            result = run_trial(path, rng, args.max_delay)
            acknowledged += result.acknowledged
            if result.problems:
                failures += 1
                print(f"trial {trial}: FAILED {result.problems}")
        size_kib = path.stat().st_size // 1024
    elapsed = time.perf_counter() - started
    print(
        f"trials: {args.trials}  acknowledged commits: {acknowledged}  "
        f"failures: {failures}  time: {elapsed:.1f} s  final file: {size_kib} KiB"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
