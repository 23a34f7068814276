"""Launch-to-first-window and database-open times, on empty, demo and large databases.

    python -m bench.launch [--people 100000] [--runs 5]

Each launch is a fresh interpreter running main.py (see launch_probe.py). The first figure
is the wall time from just before the process starts to a painted, usable main window;
"dashboard filled" is when the dashboard's figures, loaded in the background, arrived.
A bare PySide6 window is measured the same way for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BARE_WINDOW = (
    "import sys,time,json,resource;from PySide6.QtWidgets import QApplication,QMainWindow;"
    "from PySide6.QtCore import QTimer;a=QApplication([]);w=QMainWindow();w.show();"
    "QTimer.singleShot(0,lambda:(w.grab(),print(json.dumps({'seconds':time.perf_counter()"
    "-float(sys.argv[1]),'peak_mib':resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}"
    ")),a.quit()));a.exec()"
)
OPEN_ONLY = (
    "import sys,time,json;from app.models.database import open_database;"
    "db=open_database(sys.argv[2]);t=time.perf_counter()-float(sys.argv[1]);"
    "s=time.perf_counter();db.close();db=open_database(sys.argv[2]);"
    "print(json.dumps({'seconds':t,'warm':time.perf_counter()-s}))"
)


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["XDG_DATA_HOME"] = str(home / "data")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["PYTHONPATH"] = str(ROOT)
    return env


def run(program: list[str], extra: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run ``python PROGRAM START EXTRA...``; the child reports time since START."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *program, f"{start!r}", *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"run failed ({done.returncode}): {done.stderr[-2000:]}")
    return json.loads(lines[-1])


def measure(
    label: str, program: list[str], extra: list[str], env: dict[str, str], runs: int
) -> None:
    results = [run(program, extra, env) for _ in range(runs)]
    seconds = [r["seconds"] for r in results]
    line = f"{label:<36} median {statistics.median(seconds):6.3f} s   best {min(seconds):6.3f} s"
    if "dashboard_seconds" in results[0]:
        loaded = statistics.median(r["dashboard_seconds"] for r in results)
        line += f"   dashboard filled {loaded:6.3f} s"
    if "peak_mib" in results[0]:
        line += f"   peak memory {max(r['peak_mib'] for r in results):6.1f} MiB"
    if "warm" in results[0]:
        warm_ms = statistics.median(r["warm"] for r in results) * 1000
        line += f"   re-open in a running program {warm_ms:5.1f} ms"
    print(line, flush=True)


def prepare(home: Path, people: int) -> dict[str, Path]:
    from app.models.database import open_database
    from app.services.demo_data import load_demo_data
    from app.services.settings import ADMIN_OFFERED, DEMO_OFFERED, set_setting
    from app.services.workspace import Workspace

    databases = {"empty": home / "empty.sqlite", "demo": home / "demo.sqlite"}
    for name, path in databases.items():
        ws = Workspace(open_database(path))
        # No first-start questions (admin account, demo data) during the benchmark.
        set_setting(ws, DEMO_OFFERED, True)
        set_setting(ws, ADMIN_OFFERED, True)
        if name == "demo":
            load_demo_data(ws.db)
        ws.close()
    large = OUT / f"people-{people}.sqlite"
    if not large.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "bench.make_db", str(large), "--people", str(people)],
            check=True,
            cwd=ROOT,
        )
        ws = Workspace(open_database(large))
        set_setting(ws, DEMO_OFFERED, True)
        set_setting(ws, ADMIN_OFFERED, True)
        ws.close()
    databases[f"{people:,} people"] = large
    return databases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pdesk-bench-") as tmp:
        home = Path(tmp)
        env = child_env(home)
        databases = prepare(home, options.people)
        print(f"Python {sys.version.split()[0]}, {options.runs} runs each\n")
        measure("bare PySide6 window", ["-c", BARE_WINDOW], [], env, options.runs)
        for name, path in databases.items():
            measure(
                f"launch, {name} database",
                ["bench/launch_probe.py"],
                ["--database", str(path)],
                env,
                options.runs,
            )
        print()
        for name, path in databases.items():
            measure(
                f"open_database, {name} (cold)", ["-c", OPEN_ONLY], [str(path)], env, options.runs
            )


if __name__ == "__main__":
    main()
