"""Child process for the corruption test: open each damaged copy the way the program does.

    python -m tests.crash.open_copies BACKUP_DIR COPY...

Prints one JSON line per copy, flushed: ``{"path", "outcome", "detail", "full_check"}``
where outcome is "clean" or the name of the DatabaseOpenError subclass raised, or
"unexpected" for any other exception; for clean opens ``full_check`` is the first line of
SQLite's full integrity_check (what quick_check at open may not have seen).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

from app.models.database import open_database
from app.models.errors import DatabaseOpenError


def full_check(path: str) -> str:
    try:
        con = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)
        try:
            return str(con.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            con.close()
    except (sqlite3.Error, UnicodeDecodeError) as error:
        return f"error: {error}"


def outcome(path: str, backup_dir: Path) -> dict[str, str]:
    try:
        db = open_database(path, backup_dir=backup_dir)
    except DatabaseOpenError as error:
        return {"outcome": type(error).__name__, "detail": error.message[:200]}
    except Exception as error:  # the test fails on these: report, do not crash
        return {"outcome": "unexpected", "detail": f"{type(error).__name__}: {error}"[:300]}
    db.close()
    return {"outcome": "clean", "detail": "", "full_check": full_check(path)}


def main(backup_dir: str, paths: list[str]) -> None:
    for path in paths:
        print(json.dumps({"path": path, **outcome(path, Path(backup_dir))}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
