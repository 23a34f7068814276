"""Hold a database open in a process of its own: ``python -m tests.lock_holder PATH``.

Opens the database the way main.py does (``app.cli.open_workspace``), prints ``ready``
and sleeps until killed. Used to test that a second instance is refused.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_holder(database: Path) -> subprocess.Popen[str]:
    """Start a holder of ``database`` and wait until it has the file open."""
    holder = subprocess.Popen(
        [sys.executable, "-m", "tests.lock_holder", str(database)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    assert holder.stdout is not None
    line = holder.stdout.readline()
    if line.strip() != "ready":
        holder.kill()
        raise AssertionError(f"the holder did not start: {line}{holder.communicate()[1]}")
    return holder


def main() -> None:
    from app.cli import open_workspace

    workspace = open_workspace(sys.argv[1])
    print("ready", flush=True)
    try:
        time.sleep(120)
    finally:
        workspace.close()


if __name__ == "__main__":
    main()
