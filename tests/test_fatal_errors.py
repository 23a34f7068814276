"""A crash in C code during a test names the test (tests/fatal_errors.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DYING_TESTS = """
import ctypes

def test_fine():
    pass

def test_reads_address_zero():
    ctypes.string_at(0)
"""


def run(args: list[str], cwd: Path, log: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PDESK_FATAL_LOG": str(log)}
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def run_pytest(folder: Path, tests: str) -> subprocess.CompletedProcess[str]:
    (folder / "test_here.py").write_text(tests, encoding="utf-8")
    return run(["pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.fatal_errors",
                "--rootdir", str(folder), str(folder)], folder, folder / "fatal.log")


def test_a_crash_names_the_test_and_its_innermost_frames(tmp_path: Path) -> None:
    died = run_pytest(tmp_path, DYING_TESTS)
    assert died.returncode < 0 or died.returncode > 128  # killed by the signal

    told = run(["tests.fatal_errors", "139"], ROOT, tmp_path / "fatal.log")
    assert told.returncode == 139
    assert "The test running: test_here.py::test_reads_address_zero" in told.stderr
    assert "Fatal Python error: Segmentation fault" in told.stderr
    assert 'test_here.py", line 8 in test_reads_address_zero' in told.stderr
    assert told.stderr.count('  File "') <= 8


def test_a_clean_run_leaves_no_log(tmp_path: Path) -> None:
    done = run_pytest(tmp_path, "def test_fine():\n    pass\n")
    assert done.returncode == 0, done.stdout
    assert not (tmp_path / "fatal.log").exists()
    assert run(["tests.fatal_errors", "0"], ROOT, tmp_path / "fatal.log").stderr == ""
