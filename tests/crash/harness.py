"""Kill a writer with SIGKILL at a random moment, then check the file with plain sqlite3.

Checks after every kill: each acknowledged create and update is in the file, every
organization has exactly one audit row per version (its create plus each update) and no
audit row points at a missing organization, and ``PRAGMA integrity_check`` says ok.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.models.database import open_database

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 30.0


@dataclass
class TrialResult:
    acknowledged: int
    problems: list[str] = field(default_factory=list)


def prepare(path: Path) -> None:
    """Create and migrate the database once, so every trial kills during writes."""
    open_database(path).close()


def run_trial(path: Path, rng: random.Random, max_delay_s: float = 0.3) -> TrialResult:
    """Start a writer, let it write for a random moment, SIGKILL it, check the file."""
    log = path.with_name(path.name + ".acks")
    with log.open("w") as out:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.writer", str(path), str(rng.getrandbits(32))],
            stdout=out,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        try:
            if not _wait_ready(log, child):
                err = child.stderr.read().decode() if child.stderr and child.poll() else ""
                return TrialResult(0, [f"writer did not start: {err.strip()[-300:]}"])
            time.sleep(rng.uniform(0.0, max_delay_s))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()
            if child.stderr:
                child.stderr.close()
    created, updated = _acknowledged(log.read_text())
    return TrialResult(len(created) + len(updated), check(path, created, updated))


def _wait_ready(log: Path, child: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if log.read_text().startswith("ready"):
            return True
        if child.poll() is not None:
            return False
        time.sleep(0.005)
    return False


def _acknowledged(text: str) -> tuple[set[int], dict[int, int]]:
    created: set[int] = set()
    updated: dict[int, int] = {}
    for line in text.splitlines():
        if not line.endswith(("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")):
            continue  # "ready", or a line cut short by the kill (never acknowledged)
        parts = line.split()
        if parts[0] == "c":
            created.add(int(parts[1]))
        elif parts[0] == "u":
            updated[int(parts[1])] = int(parts[2])
    return created, updated


def check(path: Path, created: set[int], updated: dict[int, int]) -> list[str]:
    problems: list[str] = []
    con = sqlite3.connect(path)  # rolls back a hot journal, as the next open would
    try:
        integrity = [row[0] for row in con.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity[:3]}")
        versions = dict(con.execute("SELECT id, version FROM organizations"))
        lost = sorted(created - versions.keys())
        if lost:
            problems.append(f"acknowledged creates missing: {lost[:5]}")
        stale = [i for i, v in updated.items() if versions.get(i, 0) < v]
        if stale:
            problems.append(f"acknowledged updates missing: {stale[:5]}")
        audits = dict(
            con.execute(
                "SELECT entity_id, count(*) FROM audit_entries "
                "WHERE entity = 'organizations' GROUP BY entity_id"
            )
        )
        unaudited = [i for i, v in versions.items() if audits.get(i, 0) != v]
        if unaudited:
            problems.append(f"organizations whose audit rows do not match: {unaudited[:5]}")
        orphans = sorted(audits.keys() - versions.keys())
        if orphans:
            problems.append(f"audit rows without their organization: {orphans[:5]}")
    finally:
        con.close()
    return problems
