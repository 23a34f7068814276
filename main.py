"""Partnership Desk entry point: parse arguments, open the database, start the GUI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from app import cli
    from app.sqlite_check import QuickCheck

    args = cli.parse(sys.argv[1:] if argv is None else argv)
    if args.command is not None:
        return cli.run_command(args)
    target = cli.database_target(args)
    # The integrity check reads the whole file; it runs while SQLAlchemy is imported.
    check = QuickCheck.start(target)

    from app.models.errors import DatabaseDamagedError, DatabaseOpenError

    try:
        workspace = cli.open_workspace(target, check)
    except DatabaseDamagedError as error:
        if not _restored_from_backup(target, error):
            return cli.fail(error)
        try:
            workspace = cli.open_workspace(target)
        except DatabaseOpenError as again:
            return cli.fail(again)
    except DatabaseOpenError as error:
        return cli.fail(error)
    cli.warn_about(workspace.db)
    if args.demo:
        from app.services.demo_data import is_empty, load_demo_data

        if is_empty(workspace.db):
            load_demo_data(workspace.db)

    from app.ui.application import run_gui

    return run_gui(workspace, cli.open_workspace)


def _restored_from_backup(target: str, error: Exception) -> bool:
    """A damaged SQLite file at start: offer its latest good backup (GUI only)."""
    from pathlib import Path

    from app.ui.recovery import offer_latest_backup, someone_can_answer

    if "://" in target or not someone_can_answer():
        return False
    from app.ui.application import create_application

    create_application()
    return offer_latest_backup(None, Path(target).expanduser().resolve(), error)  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
