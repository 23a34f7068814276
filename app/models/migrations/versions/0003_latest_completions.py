"""latest completions: each person's latest completion of each course, kept by triggers

Compliance needs, for every person and required course, the newest completion. Grouping
all completions ever recorded for that took most of the compliance report's time at an
agency's scale (5,000 officers, 100,000 completions), so the database keeps the answer in
``latest_completions``: triggers on ``enrollments`` (insert, delete, and updates of who,
which session, status or date) and on ``training_sessions`` (a change of course) bring a
person's rows up to date in the same transaction. The program only reads the table. It
has no foreign keys on purpose: derived rows are no link that merging two people should
move or that should stop a deletion (the triggers remove a person's rows with their last
completion).

Revision ID: 0003_latest_completions
Revises: 0002_area_neighbors
Create Date: 2026-11-28 19:14:37.512869
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_latest_completions"
down_revision = "0002_area_neighbors"
branch_labels = None
depends_on = None

LATEST = """
    INSERT INTO latest_completions (person_id, course_id, completed_on)
    SELECT e.person_id, s.course_id, max(e.completed_on)
    FROM enrollments e JOIN training_sessions s ON s.id = e.session_id
    WHERE e.status = 'completed'{where}
    GROUP BY e.person_id, s.course_id;"""


def _refresh(people: str) -> str:
    """SQL that rebuilds the rows of ``people`` (an SQL expression: one id or a subquery
    in parentheses) from their completions: a person has a few dozen, found by index."""
    return (f"\n    DELETE FROM latest_completions WHERE person_id IN {people};"
            + LATEST.format(where=f" AND e.person_id IN {people}"))


# A new completion can only move its course's date forward.
_UPSERT = """
    INSERT INTO latest_completions (person_id, course_id, completed_on)
    SELECT NEW.person_id, s.course_id, NEW.completed_on
    FROM training_sessions s WHERE s.id = NEW.session_id
    ON CONFLICT (person_id, course_id)
    DO UPDATE SET completed_on = {greatest}(latest_completions.completed_on,
                                            excluded.completed_on);"""
_SESSION_PEOPLE = ("(SELECT person_id FROM enrollments "
                   "WHERE session_id = NEW.id AND status = 'completed')")

SQLITE_TRIGGERS = {
    "latest_completions_enrollment_insert": f"""
CREATE TRIGGER latest_completions_enrollment_insert AFTER INSERT ON enrollments
WHEN NEW.status = 'completed'
BEGIN{_UPSERT.format(greatest="max")}
END""",
    "latest_completions_enrollment_update": f"""
CREATE TRIGGER latest_completions_enrollment_update
AFTER UPDATE OF person_id, session_id, status, completed_on ON enrollments
WHEN OLD.status = 'completed' OR NEW.status = 'completed'
BEGIN{_refresh("(OLD.person_id, NEW.person_id)")}
END""",
    "latest_completions_enrollment_delete": f"""
CREATE TRIGGER latest_completions_enrollment_delete AFTER DELETE ON enrollments
WHEN OLD.status = 'completed'
BEGIN{_refresh("(OLD.person_id)")}
END""",
    "latest_completions_session_course": f"""
CREATE TRIGGER latest_completions_session_course AFTER UPDATE OF course_id ON training_sessions
WHEN NEW.course_id <> OLD.course_id
BEGIN{_refresh(_SESSION_PEOPLE)}
END""",
}

# PostgreSQL: a transaction-scoped lock per person keeps two writers from rebuilding the
# same person's rows at once (the second waits, then sees the first one's completions).
POSTGRES_FUNCTIONS = {
    "latest_completions_refresh(integer)": f"""
CREATE FUNCTION latest_completions_refresh(who integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(1003, who);{_refresh("(who)")}
END $$""",
    "latest_completions_on_enrollment()": f"""
CREATE FUNCTION latest_completions_on_enrollment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.status = 'completed' THEN
            PERFORM pg_advisory_xact_lock(1003, NEW.person_id);{_UPSERT.format(greatest="GREATEST")}
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.status = 'completed' THEN
            PERFORM latest_completions_refresh(OLD.person_id);
        END IF;
    ELSIF OLD.status = 'completed' OR NEW.status = 'completed' THEN
        PERFORM latest_completions_refresh(LEAST(OLD.person_id, NEW.person_id));
        IF NEW.person_id <> OLD.person_id THEN
            PERFORM latest_completions_refresh(GREATEST(OLD.person_id, NEW.person_id));
        END IF;
    END IF;
    RETURN NULL;
END $$""",
    "latest_completions_on_session()": """
CREATE FUNCTION latest_completions_on_session() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    who integer;
BEGIN
    FOR who IN SELECT DISTINCT person_id FROM enrollments
               WHERE session_id = NEW.id AND status = 'completed' ORDER BY person_id LOOP
        PERFORM latest_completions_refresh(who);
    END LOOP;
    RETURN NULL;
END $$""",
}
POSTGRES_TRIGGERS = {
    ("latest_completions_enrollment", "enrollments"): """
CREATE TRIGGER latest_completions_enrollment
AFTER INSERT OR DELETE OR UPDATE OF person_id, session_id, status, completed_on
ON enrollments FOR EACH ROW EXECUTE PROCEDURE latest_completions_on_enrollment()""",
    ("latest_completions_session_course", "training_sessions"): """
CREATE TRIGGER latest_completions_session_course
AFTER UPDATE OF course_id ON training_sessions FOR EACH ROW
WHEN (OLD.course_id IS DISTINCT FROM NEW.course_id)
EXECUTE PROCEDURE latest_completions_on_session()""",
}


def upgrade() -> None:
    op.create_table(
        "latest_completions",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("person_id", "course_id", name=op.f("pk_latest_completions")),
    )
    with op.batch_alter_table("latest_completions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_latest_completions_course_completed", ["course_id", "completed_on"],
            unique=False,
        )
    op.execute(LATEST.format(where=""))  # what the completions so far say
    if op.get_bind().dialect.name == "postgresql":
        for sql in POSTGRES_FUNCTIONS.values():
            op.execute(sql)
        for sql in POSTGRES_TRIGGERS.values():
            op.execute(sql)
    else:
        for sql in SQLITE_TRIGGERS.values():
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, table in POSTGRES_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for signature in POSTGRES_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {signature}")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("latest_completions", schema=None) as batch_op:
        batch_op.drop_index("ix_latest_completions_course_completed")
    op.drop_table("latest_completions")
