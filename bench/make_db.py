"""Build a large Partnership Desk database for benchmarks: ``python -m bench.make_db OUT``.

The file is created and migrated by ``open_database``, then filled with SQLAlchemy Core
bulk inserts (executemany) in one transaction, scaled to the number of people as a large
agency would look. Prints rows per second for each table and the total time.

    python -m bench.make_db /tmp/big.sqlite --people 100000
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, insert

from app.models import Base
from app.models.database import open_database
from bench.make_rows import Scale, generate_tables

CHUNK = 20_000
CACHE_KIB = 256 * 1024


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.people < 1 or (args.organizations is not None and args.organizations < 1):
        parser.error("--people and --organizations must be at least 1")
    out: Path = args.out
    if out.exists():
        if not args.force:
            print(f"{out} exists; use --force to replace it.", file=sys.stderr)
            return 2
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{out}{suffix}").unlink(missing_ok=True)
    scale = Scale(
        people=args.people,
        organizations=args.organizations or max(1, args.people // 20),
        today=args.today,
        seed=args.seed,
        meeting_count=args.meetings,
        invitees_per_meeting=args.invitees,
    )
    counts = build(out, scale, verbose=True)
    return 0 if counts else 1


def build(out: Path, scale: Scale, *, verbose: bool = False) -> dict[str, int]:
    """Create ``out`` and fill it; returns rows inserted per table."""
    say = print if verbose else _quiet
    started = time.perf_counter()
    db = open_database(out)
    opened = time.perf_counter()
    say(f"created and migrated {out} in {opened - started:.2f} s")
    counts: dict[str, int] = {}
    spent: dict[str, float] = {}
    generating = inserting = 0.0
    try:
        with db.engine.connect() as conn:
            # One big transaction; a half-built benchmark file is simply built again.
            # Foreign keys are checked once at the end instead of on every row.
            raw = conn.connection.driver_connection
            for pragma in ("synchronous = OFF", "foreign_keys = OFF", f"cache_size = -{CACHE_KIB}"):
                raw.execute(f"PRAGMA {pragma}")  # outside a transaction, or they do nothing
            with conn.begin():
                clock = time.perf_counter()
                for name, rows in generate_tables(scale):
                    made = time.perf_counter()
                    generating += made - clock
                    _insert(conn, Base.metadata.tables[name], rows)
                    clock = time.perf_counter()
                    inserting += clock - made
                    counts[name] = counts.get(name, 0) + len(rows)
                    spent[name] = spent.get(name, 0.0) + clock - made
                inserted = time.perf_counter()
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchmany(5)
                if broken:  # rolls the whole build back
                    raise RuntimeError(f"broken foreign keys in {out}: {broken}")
                checked = time.perf_counter()
            committed = time.perf_counter()
            for pragma in ("synchronous = FULL", "foreign_keys = ON"):
                raw.execute(f"PRAGMA {pragma}")
    finally:
        db.close()
    finished = time.perf_counter()
    total = sum(counts.values())
    for name, rows in counts.items():
        say(f"  {name:<22} {rows:>10,} rows {_rate(rows, spent[name])}")
    say(
        f"generated rows in {generating:.2f} s, inserted in {inserting:.2f} s, "
        f"foreign key check {checked - inserted:.2f} s, commit {committed - checked:.2f} s"
    )
    say(
        f"{total:,} rows in {finished - started:.2f} s total: "
        f"{_rate(total, finished - opened)} overall, {_rate(total, inserting)} while inserting"
    )
    return counts


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """executemany of the compiled Core INSERT, values converted by the columns' own types.

    Same SQL and stored formats as ``conn.execute(insert(table), rows)``, without its
    per-row parameter processing: each column's bind processor runs once per distinct
    value, and rows become tuples column-wise.
    """
    if not rows:
        return
    dialect = conn.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(rows[0]))
    order = list(compiled.positiontup or ())
    if sorted(order) != sorted(rows[0]):
        missing = sorted(set(order) - set(rows[0]))
        raise ValueError(f"{table.name}: rows must give every column; missing {missing}")
    sql = str(compiled)
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        columns = []
        for key in order:
            values = list(map(itemgetter(key), chunk))
            process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                stored = {value: process(value) for value in set(values)}
                values = list(map(stored.__getitem__, values))
            columns.append(values)
        conn.exec_driver_sql(sql, list(zip(*columns, strict=True)))


def _rate(rows: int, seconds: float) -> str:
    return f"{rows / seconds:>11,.0f} rows/s" if seconds > 0 else "—"


def _quiet(*args: object, **kwargs: object) -> None:
    return None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.make_db",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("out", type=Path, help="the SQLite file to create")
    parser.add_argument("--people", type=int, default=100_000, help="people (default 100000)")
    parser.add_argument(
        "--organizations", type=int, default=None, help="organizations (default: people / 20)"
    )
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=date.today(),
        help="the date everything is relative to (YYYY-MM-DD)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--meetings", type=int, help="meetings (default: one per 50 people)")
    parser.add_argument("--invitees", type=int, default=10,
                        help="people invited to each meeting (default 10)")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
