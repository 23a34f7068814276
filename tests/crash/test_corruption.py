"""100 copies of a real database with bytes flipped in random pages: each is either
opened cleanly or refused with a DatabaseOpenError, never another exception or a hang,
and the damaged file is never changed by the attempt.

SQLite keeps no page checksums: a flip inside a stored value (a letter in a name) is not
damage any check can see, and quick_check (run at every open) does not compare indexes
with their tables; the test reports how many clean opens the full integrity_check (run
after an unclean shutdown) would have refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import select
import shutil
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from app.models.database import open_database
from app.services.demo_data import load_demo_data

pytestmark = pytest.mark.crash
ROOT = Path(__file__).resolve().parents[2]
COPIES = 100
OPEN_TIMEOUT_S = 15.0
DETECTED = {"NotADatabaseError", "DatabaseDamagedError", "SchemaTooNewError"}


def make_source(path: Path) -> int:
    db = open_database(path)
    try:
        load_demo_data(db, today=date(2026, 11, 25))
    finally:
        db.close()
    data = path.read_bytes()
    return int.from_bytes(data[16:18], "big") or 65536  # page size from the header


def damage(source: bytes, page_size: int, rng: random.Random, with_header: bool) -> bytes:
    data = bytearray(source)
    pages = len(data) // page_size
    chosen = rng.sample(range(1, pages), k=min(rng.randint(1, 3), pages - 1))
    if with_header:
        chosen[0] = 0
    for page in chosen:
        for _ in range(rng.randint(1, 16)):
            offset = page * page_size + rng.randrange(page_size)
            data[offset] ^= rng.randint(1, 255)
    return bytes(data)


def open_all(paths: list[Path], backup_dir: Path) -> dict[str, dict[str, str]]:
    """Open each copy in a child process; a copy that takes too long counts as a hang."""
    results: dict[str, dict[str, str]] = {}
    pending = [str(p) for p in paths]
    while pending:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.open_copies", str(backup_dir), *pending],
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert child.stdout is not None
        while pending:
            ready, _, _ = select.select([child.stdout], [], [], OPEN_TIMEOUT_S)
            line = child.stdout.readline() if ready else b""
            if not line:  # a hang (timeout) or the child died: blame the current copy
                child.kill()
                child.wait()
                results[pending.pop(0)] = {"outcome": "hang or crash", "detail": ""}
                break
            result = json.loads(line)
            results[result["path"]] = result
            pending.remove(result["path"])
        else:
            child.wait()
        child.stdout.close()
    return results


def test_corrupted_copies_are_refused_or_clean_never_a_crash(tmp_path: Path) -> None:
    source_path = tmp_path / "source.sqlite"
    page_size = make_source(source_path)
    source = source_path.read_bytes()
    rng = random.Random(8)
    copies: dict[str, str] = {}
    for n in range(COPIES):
        path = tmp_path / "copies" / f"{n:03d}" / "desk.sqlite"
        path.parent.mkdir(parents=True)
        data = damage(source, page_size, rng, with_header=n % 5 == 0)
        path.write_bytes(data)
        copies[str(path)] = hashlib.sha256(data).hexdigest()
    started = time.perf_counter()
    results = open_all([Path(p) for p in copies], tmp_path / "backups")
    elapsed = time.perf_counter() - started

    counts = Counter(r["outcome"] for r in results.values())
    missed = [p for p, r in results.items() if r["outcome"] == "clean" and r["full_check"] != "ok"]
    print(
        f"\n{COPIES} corrupted copies ({len(source) // page_size} pages) in {elapsed:.1f} s: "
        f"{dict(counts)}; clean opens that only the full integrity_check refuses: {len(missed)}"
    )
    unexpected = {p: r for p, r in results.items() if r["outcome"] not in DETECTED | {"clean"}}
    assert unexpected == {}
    assert len(results) == COPIES
    for path, digest in copies.items():
        assert hashlib.sha256(Path(path).read_bytes()).hexdigest() == digest, path
        assert not Path(path + ".lock").exists(), "the open left its lock behind"
    assert sum(counts[name] for name in DETECTED) >= COPIES // 2
    shutil.rmtree(tmp_path / "copies")
