"""Migration 0005: expenditures and survey responses get timestamps and a version.

Rows written at schema 0004 (by hand, by an import, with and without audit entries) are
upgraded on SQLite and on PostgreSQL: each keeps its values, starts at version 1 and gets
the times the audit log (or its import) knows, else the upgrade's time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import (
    AuditAction,
    AuditEntry,
    Expenditure,
    Funding,
    ImportBatch,
    ImportKind,
    Initiative,
    InitiativeKind,
    Survey,
    SurveyAnswer,
    SurveyKind,
    SurveyQuestion,
    SurveyResponse,
    migrations,
)
from app.models.database import open_database

BEFORE = "0004_evaluation_indexes"
T0 = datetime(2024, 1, 5, 9, 0, tzinfo=UTC)
T1 = datetime(2024, 3, 2, 10, 0, tzinfo=UTC)
T2 = datetime(2024, 3, 5, 11, 30, tzinfo=UTC)
T3 = datetime(2024, 6, 1, 8, 15, tzinfo=UTC)
IMPORTED = datetime(2024, 4, 20, 16, 45, tzinfo=UTC)

# The two tables as schema 0004 has them (the models already carry the new columns).
OLD_EXPENDITURES = sa.table(
    "expenditures", *(sa.column(c) for c in (
        "id", "initiative_id", "spent_on", "category", "description", "amount_cents",
        "funding", "volunteer_hours")))
OLD_RESPONSES = sa.table(
    "survey_responses", *(sa.column(c) for c in (
        "id", "survey_id", "responded_on", "respondent_ref", "import_batch_id")))


def _fill_at_0004(engine: sa.Engine) -> None:
    with Session(engine) as session, session.begin():
        initiative = Initiative(name="North Beat Watch", kind=InitiativeKind.NEIGHBORHOOD_WATCH)
        survey = Survey(name="Spring survey", kind=SurveyKind.CUSTOM)
        survey.questions.append(SurveyQuestion(text="I feel safe.", position=1))
        batch = ImportBatch(kind=ImportKind.SURVEY, source_name="forms.csv",
                            source_sha256="0" * 64, imported_by="lee", imported_at=IMPORTED)
        session.add_all([initiative, survey, batch])
        session.flush()
        question_id = survey.questions[0].id
        connection = session.connection()
        connection.execute(insert(OLD_EXPENDITURES), [
            {"id": 1, "initiative_id": initiative.id, "spent_on": date(2024, 3, 1),
             "category": "Equipment", "description": "Signs", "amount_cents": 12_500,
             "funding": "cash", "volunteer_hours": 0.0},
            {"id": 2, "initiative_id": initiative.id, "spent_on": date(2024, 5, 30),
             "category": "Volunteer time", "description": "", "amount_cents": 0,
             "funding": "in_kind", "volunteer_hours": 12.5},
            {"id": 3, "initiative_id": initiative.id, "spent_on": date(2024, 6, 2),
             "category": "Travel", "description": "", "amount_cents": 4_000,
             "funding": "cash", "volunteer_hours": 0.0},
        ])
        connection.execute(insert(OLD_RESPONSES), [
            {"id": 1, "survey_id": survey.id, "responded_on": date(2024, 3, 1),
             "respondent_ref": "R-001", "import_batch_id": None},
            {"id": 2, "survey_id": survey.id, "responded_on": None,
             "respondent_ref": "R-002", "import_batch_id": batch.id},
        ])
        connection.execute(insert(SurveyAnswer), [
            {"response_id": 1, "question_id": question_id, "value": 4},
            {"response_id": 2, "question_id": question_id, "value": 2},
        ])

        def logged(at: datetime, action: AuditAction, entity: str, entity_id: int,
                   who: str) -> dict[str, object]:
            return {"at": at, "user_name": who, "action": action, "entity": entity,
                    "entity_id": entity_id, "changes": {}, "summary": "", "workstation": "pc"}

        connection.execute(insert(AuditEntry), [
            logged(T1, AuditAction.CREATE, "expenditures", 1, "dana"),
            logged(T2, AuditAction.UPDATE, "expenditures", 1, "lee"),
            # Id 2 was used before by a line deleted since (SQLite may reuse an id).
            logged(T0, AuditAction.CREATE, "expenditures", 2, "dana"),
            logged(T0, AuditAction.DELETE, "expenditures", 2, "dana"),
            logged(T3, AuditAction.CREATE, "expenditures", 2, "lee"),
            logged(T1, AuditAction.CREATE, "survey_responses", 1, "dana"),
        ])


def _upgraded(target: str | Path, backups: Path | None) -> dict[str, object]:
    """Open (so upgrade) the database; what the upgraded rows say."""
    start = datetime.now(UTC)
    db = open_database(target, backup_dir=backups)
    end = datetime.now(UTC)
    try:
        with db.read() as session:
            assert migrations.current_revision(session.connection()) == migrations.HEAD
            spent = {e.id: (e.category, e.amount_cents, e.funding, e.volunteer_hours,
                            e.version, e.created_at, e.updated_at)
                     for e in session.scalars(select(Expenditure))}
            responses = {r.id: (r.respondent_ref, r.import_batch_id is not None,
                                [a.value for a in r.answers], r.version, r.created_at,
                                r.updated_at)
                         for r in session.scalars(select(SurveyResponse))}
        # The upgraded rows are versioned records: a save moves the version on...
        with db.write() as session:
            session.get_one(Expenditure, 3).amount_cents = 4_500
            session.get_one(SurveyResponse, 1).respondent_ref = "R-001a"
        with db.read() as session:
            saved = (session.get_one(Expenditure, 3).version,
                     session.get_one(SurveyResponse, 1).version)
        # ...and the table copy (SQLite) kept the CHECK constraints.
        with pytest.raises(IntegrityError), db.write() as session:
            session.get_one(Expenditure, 1).amount_cents = -1
    finally:
        db.close()
    return {"spent": spent, "responses": responses, "saved": saved,
            "start": start, "end": end}


def _check(result: dict[str, object]) -> None:
    spent, responses = result["spent"], result["responses"]
    start, end = result["start"], result["end"]
    assert isinstance(spent, dict) and isinstance(responses, dict)
    assert isinstance(start, datetime) and isinstance(end, datetime)
    assert spent[1] == ("Equipment", 12_500, Funding.CASH, 0.0, 1, T1, T2)
    assert spent[2] == ("Volunteer time", 0, Funding.IN_KIND, 12.5, 1, T3, T3)
    category, amount, funding, hours, version, created, updated = spent[3]
    assert (category, amount, funding, hours, version) == ("Travel", 4_000, Funding.CASH,
                                                           0.0, 1)
    assert start <= created == updated <= end  # nothing logged: the upgrade's time
    assert responses[1] == ("R-001", False, [4], 1, T1, T1)
    assert responses[2] == ("R-002", True, [2], 1, IMPORTED, IMPORTED)
    assert result["saved"] == (2, 2)


def test_sqlite_rows_of_0004_upgrade_with_version_1(db_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{db_path}")
    try:
        migrations.upgrade(engine, BEFORE)
        _fill_at_0004(engine)
    finally:
        engine.dispose()
    _check(_upgraded(db_path, db_path.parent / "backups"))


@pytest.mark.postgres
def test_postgres_rows_of_0004_upgrade_with_version_1(pg_url: str) -> None:
    engine = sa.create_engine(pg_url)
    try:
        migrations.upgrade(engine, BEFORE)
        _fill_at_0004(engine)
    finally:
        engine.dispose()
    _check(_upgraded(pg_url, None))
