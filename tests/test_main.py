"""main.py from the command line: bad arguments give a message and an exit code, not a trace."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True, text=True, timeout=60, cwd=ROOT, check=False,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def assert_clear_failure(done: subprocess.CompletedProcess[str], code: int, words: str) -> None:
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert words in done.stderr
    assert done.stderr.startswith("partnership-desk: ")


def test_missing_folder(tmp_path: Path) -> None:
    done = run_main("--database", str(tmp_path / "nowhere" / "desk.sqlite"))
    assert_clear_failure(done, 2, "does not exist")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    assert_clear_failure(run_main("--database", str(tmp_path)), 2, "is a folder")


def test_unsupported_url() -> None:
    assert_clear_failure(run_main("--database", "mysql://u@h/db"), 2, "not supported")


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    letter = tmp_path / "letter.sqlite"
    letter.write_text("Dear partners,\n" * 300)
    assert_clear_failure(run_main("--database", str(letter)), 3, "not a database")


def test_unreachable_server() -> None:
    url = f"postgresql+psycopg://desk@127.0.0.1:{free_port()}/desk"
    assert_clear_failure(run_main("--database", url), 5, "Cannot connect")


def test_password_never_printed() -> None:
    url = f"postgresql+psycopg://desk:s3cret@127.0.0.1:{free_port()}/desk"
    done = run_main("--database", url)
    assert "s3cret" not in done.stderr + done.stdout


@pytest.mark.parametrize("args", [["--demo", "--database", "x.sqlite"], ["--no-such-option"]])
def test_bad_options_are_usage_errors(args: list[str]) -> None:
    done = run_main(*args)
    assert done.returncode == 2
    assert "usage:" in done.stderr and "Traceback" not in done.stderr


def test_version() -> None:
    done = run_main("--version")
    assert done.returncode == 0 and "Partnership Desk" in done.stdout


def test_lower_layers_never_import_qt() -> None:
    code = (
        "import sys, app.models, app.services.dashboard, app.services.organizations, "
        "app.services.demo_data, app.cli; "
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False)
    assert done.returncode == 0, "models/services/cli pulled in Qt"


def test_no_module_outside_ui_names_qt() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("models", "services", "reports")
        for path in (ROOT / "app" / folder).rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8") or "app.ui" in path.read_text("utf-8")
    ]
    assert offenders == []


def test_report_and_import_libraries_load_only_when_used() -> None:
    """reportlab, openpyxl and friends cost ~0.4 s: the window must not wait for them."""
    code = (
        "import sys, app.ui.application; "
        "heavy = [m for m in ('reportlab', 'openpyxl', 'defusedxml', 'charset_normalizer', "
        "'alembic') if m in sys.modules]; print(heavy); sys.exit(bool(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False,
                          capture_output=True, text=True)
    assert done.returncode == 0, f"loaded at start-up: {done.stdout}"


def test_second_instance_is_refused_naming_the_holder(tmp_path: Path) -> None:
    from tests.lock_holder import start_holder

    database = tmp_path / "desk.sqlite"
    holder = start_holder(database)
    try:
        done = run_main("--database", str(database))
    finally:
        holder.kill()
        holder.wait()
        holder.communicate()
    assert_clear_failure(done, 7, f"(process {holder.pid}) since ")
    assert "is open in Partnership Desk by " in done.stderr
    assert "Close it there first" in done.stderr


def test_killed_holder_leaves_a_stale_lock_that_the_next_open_recovers(tmp_path: Path) -> None:
    import signal

    from app.models.database import open_database
    from app.models.instance_lock import lock_path_for
    from tests.lock_holder import start_holder

    database = tmp_path / "desk.sqlite"
    holder = start_holder(database)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    holder.communicate()
    assert lock_path_for(database).exists()
    # The headless import opens the database like main.py and reports the recovery.
    contacts = tmp_path / "none.csv"
    contacts.write_text("Name,E-mail\nAna Díaz,ana@example.org\n", encoding="utf-8")
    done = run_main("import", "contacts", str(contacts), "--database", str(database),
                    "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "partnership-desk: warning: The last session" in done.stderr
    assert f"(process {holder.pid})" in done.stderr and "checked in full" in done.stderr
    assert not lock_path_for(database).exists()  # that run closed cleanly
    db = open_database(database)
    assert not db.checked_fully and db.unclean_shutdown is None
    db.close()
