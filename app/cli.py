"""Command-line arguments and headless commands (no Qt here)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__

if TYPE_CHECKING:
    from app.models.errors import DatabaseOpenError
    from app.services.workspace import Workspace
    from app.sqlite_check import QuickCheck

EXIT_OK = 0
EXIT_USAGE = 2


@dataclass(frozen=True)
class Arguments:
    database: str | None
    demo: bool


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="partnership-desk",
        description="Partnership Desk: case management for crime prevention partnerships.",
    )
    p.add_argument(
        "--database",
        "-d",
        metavar="PATH_OR_URL",
        help="a SQLite file (created if missing) or postgresql+psycopg://user@host/db",
    )
    p.add_argument(
        "--demo",
        action="store_true",
        help="open the separate demo database, filled with demo data on first use",
    )
    p.add_argument("--version", action="version", version=f"Partnership Desk {__version__}")
    return p


def parse(argv: list[str]) -> Arguments:
    ns = parser().parse_args(argv)
    if ns.demo and ns.database:
        parser().error("--demo opens its own database; leave out --database")
    return Arguments(database=ns.database, demo=ns.demo)


def database_target(args: Arguments) -> str:
    from app.locations import default_database_path, demo_database_path

    if args.demo:
        return str(demo_database_path())
    return args.database or str(default_database_path())


def open_workspace(target: str | Path, quick_check: QuickCheck | None = None) -> Workspace:
    """Open the database and wrap it in a workspace (imports SQLAlchemy only when called)."""
    from app.models.database import open_database
    from app.services.workspace import Workspace

    return Workspace(open_database(target, quick_check=quick_check))


def fail(error: DatabaseOpenError) -> int:
    print(f"partnership-desk: {error.message}", file=sys.stderr)
    return error.exit_code
