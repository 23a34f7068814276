"""When the interpreter dies inside a test (SIGSEGV, SIGBUS, an abort in C code), name the test.

pytest's own faulthandler prints every thread's stack on stderr, outermost frames last, so
the tail of a CI log shows pytest's main loop and not the test. This plugin sends the dump
to ``FATAL_LOG`` (``$PDESK_FATAL_LOG`` if set) instead, after a line naming the test that
was running, and deletes the file when the run ends normally.
``python -m tests.fatal_errors STATUS`` (the Makefile runs it when pytest fails) prints a
short summary of a dump, if there is one, and exits STATUS.
"""

from __future__ import annotations

import faulthandler
import os
import sys
from pathlib import Path
from typing import IO

import pytest

ROOT = Path(__file__).resolve().parent.parent
FATAL_LOG = Path(os.environ.get("PDESK_FATAL_LOG") or ROOT / ".pytest-fatal.log")
FRAMES_PER_THREAD = 8

_log: IO[str] | None = None


@pytest.hookimpl(trylast=True)  # after pytest's own faulthandler plugin has enabled stderr
def pytest_configure(config: pytest.Config) -> None:
    global _log
    _log = FATAL_LOG.open("w", encoding="utf-8")
    faulthandler.enable(file=_log, all_threads=True)


def pytest_runtest_logstart(nodeid: str, location: tuple[str, int | None, str]) -> None:
    if _log is not None:
        _log.seek(0)
        _log.truncate()
        _log.write(f"The test running: {nodeid}\n")
        _log.flush()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _log
    if _log is not None:
        faulthandler.disable()
        _log.close()
        _log = None
        FATAL_LOG.unlink(missing_ok=True)


def summary(dump: str) -> str:
    """The dump's first lines, and each thread's innermost ``FRAMES_PER_THREAD`` frames."""
    lines, frames = [], 0
    for line in dump.splitlines():
        if line.startswith("  File "):
            frames += 1
            if frames > FRAMES_PER_THREAD:
                continue
        else:
            frames = 0
        lines.append(line)
    return "\n".join(lines)


def main(status: int) -> int:
    if FATAL_LOG.exists():
        dump = FATAL_LOG.read_text(encoding="utf-8", errors="replace")
        if "Fatal Python error" in dump:
            print(f"\npytest died (whole dump: {FATAL_LOG})\n{summary(dump)}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1))
