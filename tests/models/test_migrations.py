"""Migrations: HEAD is right, the models match the migrated schema, old files upgrade safely."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select, text

from app.locations import backup_dir_for
from app.models import (
    Base,
    CrimeCount,
    Expenditure,
    Meeting,
    Organization,
    OrganizationKind,
    Person,
    SurveyAnswer,
    SurveyResponse,
    migrations,
)
from app.models.backups import BackupError, backup_sqlite
from app.models.database import Database, open_database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCHEMA_FIXTURES = sorted(FIXTURES.glob("schema-*.sqlite"))


def _file_revision(path: Path) -> str:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as con:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_head_constant_matches_the_script_directory() -> None:
    script = ScriptDirectory.from_config(migrations.alembic_config())
    assert script.get_heads() == [migrations.HEAD]  # one head, no branches
    assert migrations.is_known(migrations.HEAD)
    assert not migrations.is_known("zzzz_future")


def test_models_match_the_migrated_schema(any_db: Database) -> None:
    with any_db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == [], "the models and the migrations disagree: add a migration"


def test_schema_comparison_notices_a_difference(db_path: Path) -> None:
    """A control for the test above: a missing index and column do show up."""
    db = open_database(db_path)
    try:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP INDEX ix_organizations_name")
            conn.exec_driver_sql("ALTER TABLE tags ADD COLUMN colour TEXT")
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            kinds = {diff[0] for diff in compare_metadata(context, Base.metadata)}
    finally:
        db.close()
    assert {"add_index", "remove_column"} <= kinds


def test_opened_database_is_at_head(any_db: Database) -> None:
    with any_db.read() as session:
        assert migrations.current_revision(session.connection()) == migrations.HEAD


def test_there_is_a_fixture_for_the_current_schema() -> None:
    released = {p.name.removeprefix("schema-").removesuffix(".sqlite") for p in SCHEMA_FIXTURES}
    assert migrations.HEAD in released, (
        "No tests/fixtures/schema-<head>.sqlite: after releasing this schema, run "
        "tests/fixtures/make_schema_fixture.py once."
    )


@pytest.mark.parametrize("fixture", SCHEMA_FIXTURES, ids=lambda p: p.stem)
def test_released_schema_file_upgrades(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    shutil.copyfile(fixture, path)
    old_revision = _file_revision(path)
    backups = tmp_path / "backups"

    db = open_database(path, backup_dir=backups)
    try:
        with db.read() as session:
            names = set(session.scalars(select(Organization.name)))
            assert {"Riverside Police Department", "Eastside Neighborhood Association"} <= names
            nunez = session.scalars(select(Person).where(Person.last_name == "Núñez")).one()
            assert [a.role for a in nunez.affiliations] == ["Block captain"]
            assert [t.name for t in nunez.tags] == ["block captain"]
            meeting = session.scalars(select(Meeting)).one()
            assert [i.title for i in meeting.agenda_items] == ["Burglary trend"]
            assert meeting.starts_at.isoformat() == "2024-04-09T17:00:00+00:00"
            assert session.query(CrimeCount).count() == 3
            assert session.scalars(select(SurveyAnswer.value)).all() == [4]
            # Versioned since 0005: rows from before start at version 1 with timestamps.
            response = session.scalars(select(SurveyResponse)).one()
            assert response.version == 1
            assert response.created_at <= response.updated_at
            spent = session.scalars(select(Expenditure)).all()
            if old_revision >= "0005":  # files from 0005 on hold an expenditure
                assert [(e.description, e.amount_cents) for e in spent] == [
                    ("Watch signs", 12_500)]
            assert all(e.version == 1 and e.created_at <= e.updated_at for e in spent)
            problems = session.execute(text("PRAGMA foreign_key_check")).all()
            assert problems == []
        # The upgraded file has exactly the schema of the models (this also catches an
        # edit to an already released migration)...
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        # ...and takes new rows.
        with db.write() as session:
            session.add(Organization(name="New partner", kind=OrganizationKind.OTHER))
    finally:
        db.close()

    assert _file_revision(path) == migrations.HEAD
    made = sorted(backups.glob("*.sqlite")) if backups.exists() else []
    if old_revision == migrations.HEAD:
        assert made == []  # nothing to upgrade, nothing backed up
    else:
        assert len(made) == 1 and f"before-{migrations.HEAD}" in made[0].name
        assert _file_revision(made[0]) == old_revision


def test_an_older_schema_is_backed_up_before_upgrading(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pretend a newer release exists: opening the current file must back it up first."""
    db = open_database(db_path)
    with db.write() as session:
        session.add(Organization(name="Keep me", kind=OrganizationKind.SCHOOL))
    db.close()
    current = migrations.HEAD
    monkeypatch.setattr(migrations, "HEAD", "9999_next_release")

    db = open_database(db_path)
    db.close()

    made = sorted(backup_dir_for(db_path).iterdir())
    assert len(made) == 1
    assert made[0].name.startswith(f"{db_path.stem}-")
    assert made[0].name.endswith("-before-9999_next_release.sqlite")
    with sqlite3.connect(made[0]) as con:
        assert con.execute("SELECT name FROM organizations").fetchall() == [("Keep me",)]
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (current,)
    con.close()


# --- backup_sqlite -------------------------------------------------------------------------


@pytest.fixture
def filled_db(db_path: Path) -> Path:
    db = open_database(db_path)
    with db.write() as session:
        session.add_all(
            Organization(name=f"Org {i}", kind=OrganizationKind.NONPROFIT) for i in range(25)
        )
    db.close()
    return db_path


def test_backup_is_a_verified_copy(filled_db: Path, tmp_path: Path) -> None:
    backup = backup_sqlite(filled_db, tmp_path / "backups", "before-restore")
    assert backup.parent == tmp_path / "backups"
    assert "before-restore" in backup.name and backup.suffix == ".sqlite"
    assert not list(backup.parent.glob("*.partial"))
    with sqlite3.connect(backup) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        copied = con.execute("SELECT name FROM organizations ORDER BY id").fetchall()
    con.close()
    with sqlite3.connect(filled_db) as con:
        original = con.execute("SELECT name FROM organizations ORDER BY id").fetchall()
    con.close()
    assert copied == original and len(copied) == 25
    db = open_database(backup)  # a backup opens as a database of its own
    db.close()


def test_backups_do_not_overwrite_each_other(filled_db: Path, tmp_path: Path) -> None:
    first = backup_sqlite(filled_db, tmp_path / "b", "scheduled")
    second = backup_sqlite(filled_db, tmp_path / "b", "scheduled")
    assert first != second and first.exists() and second.exists()


def test_backup_of_a_file_with_awkward_name(tmp_path: Path) -> None:
    folder = tmp_path / "Team #2 (50% share)"
    folder.mkdir()
    source = folder / "desk?.sqlite"
    db = open_database(source)
    with db.write() as session:
        session.add(Organization(name="Only one", kind=OrganizationKind.OTHER))
    db.close()
    backup = backup_sqlite(source, tmp_path / "backups", "manual")
    with sqlite3.connect(backup) as con:
        assert con.execute("SELECT name FROM organizations").fetchall() == [("Only one",)]
    con.close()
    assert sorted(p.name for p in folder.iterdir()) == [source.name]  # no stray new file


def test_backup_of_something_that_is_not_a_database(tmp_path: Path) -> None:
    source = tmp_path / "notes.sqlite"
    source.write_text("not a database\n" * 200)
    target = tmp_path / "backups"
    with pytest.raises(BackupError, match="not a database"):
        backup_sqlite(source, target, "scheduled")
    assert list(target.iterdir()) == []  # no partial or unverified file left behind


def test_backup_of_a_missing_file(tmp_path: Path) -> None:
    target = tmp_path / "backups"
    with pytest.raises(BackupError):
        backup_sqlite(tmp_path / "gone.sqlite", target, "scheduled")
    assert list(target.iterdir()) == []
    assert not (tmp_path / "gone.sqlite").exists()  # read-only: the source is not created


@pytest.mark.postgres
def test_new_postgres_database_is_migrated(pg_url: str) -> None:
    for _ in range(2):  # the second open finds it up to date
        db = open_database(pg_url)
        try:
            assert not db.is_sqlite
            with db.engine.connect() as conn:
                assert migrations.current_revision(conn) == migrations.HEAD
                context = MigrationContext.configure(conn, opts={"compare_type": True})
                assert compare_metadata(context, Base.metadata) == []
        finally:
            db.close()
