"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-25 16:38:28.246265
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "areas",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "beat",
                "district",
                "ward",
                "neighborhood",
                "lsoa",
                "city",
                "other",
                name="area_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("population", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("trim(name) <> ''", name=op.f("ck_areas_name_required")),
        sa.CheckConstraint(
            "population IS NULL OR population >= 0", name=op.f("ck_areas_population_positive")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_areas")),
        sa.UniqueConstraint("name", name=op.f("uq_areas_name")),
    )
    op.create_table(
        "audit_entries",
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_name", sa.String(length=150), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "create",
                "update",
                "delete",
                "archive",
                "restore",
                "merge",
                "import",
                "undo_import",
                "export",
                "login",
                "logout",
                "backup",
                "restore_backup",
                "print",
                "report",
                "user_management",
                "password_change",
                name="audit_action",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum(
                "ok",
                "denied",
                "failed",
                name="audit_outcome",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("summary", sa.String(length=500), nullable=False),
        sa.Column("workstation", sa.String(length=150), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entries_at", ["at"], unique=False)
        batch_op.create_index("ix_audit_entries_entity", ["entity", "entity_id"], unique=False)
    _make_audit_append_only()

    op.create_table(
        "courses",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "de_escalation",
                "cultural_competency",
                "crime_analysis",
                "crisis_intervention",
                "cpted",
                "community_engagement",
                "other",
                name="course_category",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("default_hours", sa.Float(), nullable=False),
        sa.Column("validity_months", sa.Integer(), nullable=True),
        sa.Column("reminder_days", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("trim(name) <> ''", name=op.f("ck_courses_name_required")),
        sa.CheckConstraint(
            "default_hours > 0 AND default_hours <= 200", name=op.f("ck_courses_hours_sensible")
        ),
        sa.CheckConstraint("reminder_days >= 0", name=op.f("ck_courses_reminder_positive")),
        sa.CheckConstraint(
            "validity_months IS NULL OR validity_months > 0",
            name=op.f("ck_courses_validity_positive"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_courses")),
        sa.UniqueConstraint("name", name=op.f("uq_courses_name")),
    )
    op.create_table(
        "import_batches",
        sa.Column(
            "kind",
            sa.Enum(
                "people",
                "organizations",
                "crime",
                "survey",
                name="import_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("source_name", sa.String(length=500), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.Column("layout", sa.String(length=100), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=150), nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_added", sa.Integer(), nullable=False),
        sa.Column("rows_skipped", sa.Integer(), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=150), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "rows_read >= 0 AND rows_added >= 0 AND rows_skipped >= 0",
            name=op.f("ck_import_batches_counts_positive"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.create_index("ix_import_batches_sha", ["kind", "source_sha256"], unique=False)

    op.create_table(
        "offense_categories",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("trim(name) <> ''", name=op.f("ck_offense_categories_name_required")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offense_categories")),
        sa.UniqueConstraint("name", name=op.f("uq_offense_categories_name")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "tags",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("trim(name) <> ''", name=op.f("ck_tags_name_required")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tags")),
        sa.UniqueConstraint("name", name=op.f("uq_tags_name")),
    )
    op.create_table(
        "users",
        sa.Column("username", sa.String(length=150), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "admin", "editor", "viewer", name="role", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("can_see_sensitive", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=True),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_at", sa.DateTime(), nullable=True),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("trim(username) <> ''", name=op.f("ck_users_username_required")),
        sa.CheckConstraint("failed_attempts >= 0", name=op.f("ck_users_attempts_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "crime_counts",
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("count >= 0", name=op.f("ck_crime_counts_count_positive")),
        sa.ForeignKeyConstraint(
            ["area_id"],
            ["areas.id"],
            name=op.f("fk_crime_counts_area_id_areas"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["offense_categories.id"],
            name=op.f("fk_crime_counts_category_id_offense_categories"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batches.id"],
            name=op.f("fk_crime_counts_import_batch_id_import_batches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crime_counts")),
        sa.UniqueConstraint(
            "area_id",
            "category_id",
            "month",
            "import_batch_id",
            name=op.f("uq_crime_counts_area_id_category_id_month_import_batch_id"),
        ),
    )
    with op.batch_alter_table("crime_counts", schema=None) as batch_op:
        batch_op.create_index("ix_crime_counts_area_month", ["area_id", "month"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_crime_counts_category_id"), ["category_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_crime_counts_import_batch_id"), ["import_batch_id"], unique=False
        )
        batch_op.create_index(
            "uq_crime_counts_manual_cell",
            ["area_id", "category_id", "month"],
            unique=True,
            sqlite_where=sa.text("import_batch_id IS NULL"),
            postgresql_where=sa.text("import_batch_id IS NULL"),
        )

    op.create_table(
        "organizations",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "law_enforcement",
                "nonprofit",
                "school",
                "business",
                "faith_based",
                "government",
                "health",
                "resident_group",
                "other",
                name="organization_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=False),
        sa.Column("street", sa.String(length=200), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=False),
        sa.Column("postal_code", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("sort_name", sa.String(length=200), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("trim(name) <> ''", name=op.f("ck_organizations_name_required")),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batches.id"],
            name=op.f("fk_organizations_import_batch_id_import_batches"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
    )
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organizations_import_batch_id"), ["import_batch_id"], unique=False
        )
        batch_op.create_index(
            "ix_organizations_kind_archived", ["kind", "archived_at"], unique=False
        )
        batch_op.create_index("ix_organizations_name", ["name"], unique=False)
        batch_op.create_index("ix_organizations_sort_name", ["sort_name"], unique=False)

    op.create_table(
        "people",
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=150), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("mobile", sa.String(length=40), nullable=False),
        sa.Column(
            "preferred_contact",
            sa.Enum(
                "email",
                "phone",
                "mobile",
                "text",
                "mail",
                "in_person",
                name="contact_method",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("sensitive_notes", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("organization_name", sa.String(length=200), nullable=False),
        sa.Column("organization_sort", sa.String(length=200), nullable=False),
        sa.Column("sort_name", sa.String(length=250), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "trim(first_name) <> '' OR trim(last_name) <> ''", name=op.f("ck_people_name_required")
        ),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batches.id"],
            name=op.f("fk_people_import_batch_id_import_batches"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index("ix_people_email", ["email"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_people_import_batch_id"), ["import_batch_id"], unique=False
        )
        batch_op.create_index(
            "ix_people_organization_sort", ["organization_sort", "sort_name"], unique=False
        )
        batch_op.create_index("ix_people_sort_name", ["sort_name"], unique=False)

    op.create_table(
        "requirements",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.Column(
            "mode",
            sa.Enum(
                "keep_current",
                "complete_once",
                name="requirement_mode",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("fk_requirements_course_id_courses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name=op.f("fk_requirements_tag_id_tags"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requirements")),
        sa.UniqueConstraint("course_id", "tag_id", name=op.f("uq_requirements_course_id_tag_id")),
    )
    with op.batch_alter_table("requirements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_requirements_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "affiliations",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=150), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "until IS NULL OR since IS NULL OR until >= since",
            name=op.f("ck_affiliations_dates_ordered"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_affiliations_organization_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_affiliations_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_affiliations")),
        sa.UniqueConstraint(
            "person_id",
            "organization_id",
            "role",
            name=op.f("uq_affiliations_person_id_organization_id_role"),
        ),
    )
    with op.batch_alter_table("affiliations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_affiliations_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "initiatives",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "neighborhood_watch",
                "youth_mentorship",
                "crisis_intervention_team",
                "community_policing",
                "problem_solving",
                "cpted",
                "other",
                name="initiative_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "active",
                "paused",
                "completed",
                name="initiative_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("comparison_area_id", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("lead_organization_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("budget_cents", sa.Integer(), nullable=True),
        sa.Column("sensitive_notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("trim(name) <> ''", name=op.f("ck_initiatives_name_required")),
        sa.CheckConstraint(
            "budget_cents IS NULL OR budget_cents >= 0", name=op.f("ck_initiatives_budget_positive")
        ),
        sa.CheckConstraint(
            "comparison_area_id IS NULL OR area_id IS NULL OR comparison_area_id <> area_id",
            name=op.f("ck_initiatives_comparison_differs"),
        ),
        sa.CheckConstraint(
            "ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on",
            name=op.f("ck_initiatives_dates_ordered"),
        ),
        sa.ForeignKeyConstraint(
            ["area_id"],
            ["areas.id"],
            name=op.f("fk_initiatives_area_id_areas"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["comparison_area_id"],
            ["areas.id"],
            name=op.f("fk_initiatives_comparison_area_id_areas"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["lead_organization_id"],
            ["organizations.id"],
            name=op.f("fk_initiatives_lead_organization_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiatives")),
        sa.UniqueConstraint("name", name=op.f("uq_initiatives_name")),
    )
    with op.batch_alter_table("initiatives", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_initiatives_lead_organization_id"),
            ["lead_organization_id"],
            unique=False,
        )
        batch_op.create_index("ix_initiatives_status", ["status"], unique=False)

    op.create_table(
        "person_tags",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_person_tags_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name=op.f("fk_person_tags_tag_id_tags"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("person_id", "tag_id", name=op.f("pk_person_tags")),
    )
    with op.batch_alter_table("person_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_tags_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "training_sessions",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("trainer_id", sa.Integer(), nullable=True),
        sa.Column("trainer_name", sa.String(length=200), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=True),
        sa.Column("location", sa.String(length=300), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "capacity IS NULL OR capacity >= 1", name=op.f("ck_training_sessions_capacity_positive")
        ),
        sa.CheckConstraint("days >= 1", name=op.f("ck_training_sessions_days_positive")),
        sa.CheckConstraint(
            "hours > 0 AND hours <= 24 * days", name=op.f("ck_training_sessions_hours_sensible")
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("fk_training_sessions_course_id_courses"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["organizations.id"],
            name=op.f("fk_training_sessions_provider_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["trainer_id"],
            ["people.id"],
            name=op.f("fk_training_sessions_trainer_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_sessions")),
    )
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_training_sessions_course_start", ["course_id", "starts_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_sessions_provider_id"), ["provider_id"], unique=False
        )
        batch_op.create_index("ix_training_sessions_starts_at", ["starts_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_training_sessions_trainer_id"), ["trainer_id"], unique=False
        )

    op.create_table(
        "enrollments",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "enrolled",
                "waitlisted",
                "completed",
                "no_show",
                "cancelled",
                name="enrollment_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("hours_credited", sa.Float(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status <> 'completed' OR completed_on IS NOT NULL",
            name=op.f("ck_enrollments_completed_has_date"),
        ),
        sa.CheckConstraint(
            "hours_credited IS NULL OR (hours_credited >= 0 AND hours_credited <= 200)",
            name=op.f("ck_enrollments_hours_sensible"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_enrollments_person_id_people"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_enrollments_session_id_training_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollments")),
        sa.UniqueConstraint(
            "session_id", "person_id", name=op.f("uq_enrollments_session_id_person_id")
        ),
    )
    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.create_index("ix_enrollments_completed_on", ["completed_on"], unique=False)
        batch_op.create_index("ix_enrollments_person_status", ["person_id", "status"], unique=False)

    op.create_table(
        "expenditures",
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("spent_on", sa.Date(), nullable=False),
        sa.Column("category", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column(
            "funding",
            sa.Enum("cash", "in_kind", name="funding", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("volunteer_hours", sa.Float(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("amount_cents >= 0", name=op.f("ck_expenditures_amount_positive")),
        sa.CheckConstraint("volunteer_hours >= 0", name=op.f("ck_expenditures_hours_positive")),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_expenditures_initiative_id_initiatives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_expenditures_organization_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expenditures")),
    )
    with op.batch_alter_table("expenditures", schema=None) as batch_op:
        batch_op.create_index(
            "ix_expenditures_initiative_date", ["initiative_id", "spent_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_expenditures_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "goals",
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=50), nullable=False),
        sa.Column("baseline", sa.Float(), nullable=True),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column(
            "direction",
            sa.Enum(
                "increase", "decrease", name="direction", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("trim(name) <> ''", name=op.f("ck_goals_name_required")),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_goals_initiative_id_initiatives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
    )
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goals_initiative_id"), ["initiative_id"], unique=False)

    op.create_table(
        "initiative_partners",
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("responsibilities", sa.Text(), nullable=False),
        sa.Column("contact_person_id", sa.Integer(), nullable=True),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_person_id"],
            ["people.id"],
            name=op.f("fk_initiative_partners_contact_person_id_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_initiative_partners_initiative_id_initiatives"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_initiative_partners_organization_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_initiative_partners")),
        sa.UniqueConstraint(
            "initiative_id",
            "organization_id",
            name=op.f("uq_initiative_partners_initiative_id_organization_id"),
        ),
    )
    with op.batch_alter_table("initiative_partners", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_initiative_partners_contact_person_id"),
            ["contact_person_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_initiative_partners_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "meeting_series",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("rule", sa.String(length=200), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_meeting_series_initiative_id_initiatives"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_series")),
    )
    op.create_table(
        "sara_records",
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column(
            "stage",
            sa.Enum(
                "scanning",
                "analysis",
                "response",
                "assessment",
                name="sara_stage",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("scanning", sa.Text(), nullable=False),
        sa.Column("analysis", sa.Text(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("assessment", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_sara_records_initiative_id_initiatives"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sara_records")),
        sa.UniqueConstraint("initiative_id", name=op.f("uq_sara_records_initiative_id")),
    )
    op.create_table(
        "surveys",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "community_satisfaction",
                "partner_collaboration",
                "custom",
                name="survey_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("initiative_id", sa.Integer(), nullable=True),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("opens_on", sa.Date(), nullable=True),
        sa.Column("closes_on", sa.Date(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("trim(name) <> ''", name=op.f("ck_surveys_name_required")),
        sa.ForeignKeyConstraint(
            ["area_id"], ["areas.id"], name=op.f("fk_surveys_area_id_areas"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_surveys_initiative_id_initiatives"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys")),
    )
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_surveys_initiative_id"), ["initiative_id"], unique=False
        )

    op.create_table(
        "measurements",
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("measured_on", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_measurements_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measurements")),
        sa.UniqueConstraint(
            "goal_id", "measured_on", name=op.f("uq_measurements_goal_id_measured_on")
        ),
    )
    op.create_table(
        "meetings",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("location", sa.String(length=300), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "scheduled",
                "held",
                "cancelled",
                name="meeting_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("initiative_id", sa.Integer(), nullable=True),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("minutes", sa.Text(), nullable=False),
        sa.Column("decisions", sa.Text(), nullable=False),
        sa.Column("walk_in_count", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("trim(title) <> ''", name=op.f("ck_meetings_title_required")),
        sa.CheckConstraint("ends_at >= starts_at", name=op.f("ck_meetings_times_ordered")),
        sa.CheckConstraint("walk_in_count >= 0", name=op.f("ck_meetings_walk_ins_positive")),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_meetings_initiative_id_initiatives"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["meeting_series.id"],
            name=op.f("fk_meetings_series_id_meeting_series"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meetings_initiative_id"), ["initiative_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meetings_series_id"), ["series_id"], unique=False)
        batch_op.create_index("ix_meetings_starts_at", ["starts_at"], unique=False)

    op.create_table(
        "partner_contributions",
        sa.Column("partner_id", sa.Integer(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "funding",
                "in_kind",
                "paid_staff",
                "volunteers",
                "data",
                "expertise",
                "community_connections",
                "facilitation",
                "advocacy",
                name="contribution_type",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["initiative_partners.id"],
            name=op.f("fk_partner_contributions_partner_id_initiative_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("partner_id", "type", name=op.f("pk_partner_contributions")),
    )
    op.create_table(
        "survey_factors",
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["surveys.id"],
            name=op.f("fk_survey_factors_survey_id_surveys"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_factors")),
        sa.UniqueConstraint("survey_id", "name", name=op.f("uq_survey_factors_survey_id_name")),
    )
    op.create_table(
        "survey_responses",
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("responded_on", sa.Date(), nullable=True),
        sa.Column("respondent_ref", sa.String(length=100), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=True),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batches.id"],
            name=op.f("fk_survey_responses_import_batch_id_import_batches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_survey_responses_organization_id_organizations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["surveys.id"],
            name=op.f("fk_survey_responses_survey_id_surveys"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_responses")),
    )
    with op.batch_alter_table("survey_responses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_responses_import_batch_id"), ["import_batch_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_survey_responses_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(
            "ix_survey_responses_survey_date", ["survey_id", "responded_on"], unique=False
        )

    op.create_table(
        "action_items",
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("initiative_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "done",
                "dropped",
                name="action_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status <> 'done' OR completed_on IS NOT NULL",
            name=op.f("ck_action_items_done_has_date"),
        ),
        sa.CheckConstraint(
            "trim(description) <> ''", name=op.f("ck_action_items_description_required")
        ),
        sa.ForeignKeyConstraint(
            ["initiative_id"],
            ["initiatives.id"],
            name=op.f("fk_action_items_initiative_id_initiatives"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_action_items_meeting_id_meetings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["people.id"],
            name=op.f("fk_action_items_owner_id_people"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_items")),
    )
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_items_initiative_id"), ["initiative_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_action_items_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_action_items_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index("ix_action_items_status_due", ["status", "due_on"], unique=False)

    op.create_table(
        "agenda_items",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("presenter_id", sa.Integer(), nullable=True),
        sa.Column("presenter_name", sa.String(length=200), nullable=False),
        sa.Column("minutes_allotted", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.CheckConstraint("minutes_allotted >= 0", name=op.f("ck_agenda_items_minutes_positive")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_agenda_items_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["presenter_id"],
            ["people.id"],
            name=op.f("fk_agenda_items_presenter_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_items")),
    )
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_agenda_items_meeting_position", ["meeting_id", "position"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_agenda_items_presenter_id"), ["presenter_id"], unique=False
        )

    op.create_table(
        "attendance",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "invited",
                "present",
                "excused",
                "absent",
                name="attendance_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_attendance_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_attendance_person_id_people"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "person_id", name=op.f("pk_attendance")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_person_id"), ["person_id"], unique=False)

    op.create_table(
        "survey_questions",
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("factor_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reverse_scored", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["factor_id"],
            ["survey_factors.id"],
            name=op.f("fk_survey_questions_factor_id_survey_factors"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["surveys.id"],
            name=op.f("fk_survey_questions_survey_id_surveys"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_questions")),
    )
    with op.batch_alter_table("survey_questions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_questions_factor_id"), ["factor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_survey_questions_survey_id"), ["survey_id"], unique=False
        )

    op.create_table(
        "survey_answers",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.CheckConstraint("value BETWEEN 1 AND 5", name=op.f("ck_survey_answers_value_on_scale")),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["survey_questions.id"],
            name=op.f("fk_survey_answers_question_id_survey_questions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["survey_responses.id"],
            name=op.f("fk_survey_answers_response_id_survey_responses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("response_id", "question_id", name=op.f("pk_survey_answers")),
    )
    with op.batch_alter_table("survey_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_answers_question_id"), ["question_id"], unique=False
        )


APPEND_ONLY = "the audit log is append-only"
SQLITE_GUARDS = [
    f"CREATE TRIGGER audit_entries_no_{verb.lower()} BEFORE {verb} ON audit_entries "
    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
    for verb in ("UPDATE", "DELETE")
] + [
    # INSERT OR REPLACE deletes the old row without firing DELETE triggers.
    "CREATE TRIGGER audit_entries_no_replace BEFORE INSERT ON audit_entries "
    "WHEN EXISTS (SELECT 1 FROM audit_entries WHERE id = NEW.id) "
    f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
]
POSTGRESQL_GUARDS = [
    "CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{APPEND_ONLY}' USING ERRCODE = 'integrity_constraint_violation'; "
    "END $$",
    "CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries "
    "FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()",
]


def _make_audit_append_only() -> None:
    """The database itself refuses to change or remove audit rows (TRUNCATE aside)."""
    dialect = op.get_bind().dialect.name
    guards = {"sqlite": SQLITE_GUARDS, "postgresql": POSTGRESQL_GUARDS}.get(dialect)
    if guards is None:
        raise NotImplementedError(f"no append-only guard for {dialect} databases")
    for statement in guards:
        op.execute(statement)


def downgrade() -> None:
    with op.batch_alter_table("survey_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_answers_question_id"))

    op.drop_table("survey_answers")
    with op.batch_alter_table("survey_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_questions_survey_id"))
        batch_op.drop_index(batch_op.f("ix_survey_questions_factor_id"))

    op.drop_table("survey_questions")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_person_id"))

    op.drop_table("attendance")
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_items_presenter_id"))
        batch_op.drop_index("ix_agenda_items_meeting_position")

    op.drop_table("agenda_items")
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.drop_index("ix_action_items_status_due")
        batch_op.drop_index(batch_op.f("ix_action_items_owner_id"))
        batch_op.drop_index(batch_op.f("ix_action_items_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_action_items_initiative_id"))

    op.drop_table("action_items")
    with op.batch_alter_table("survey_responses", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_responses_survey_date")
        batch_op.drop_index(batch_op.f("ix_survey_responses_organization_id"))
        batch_op.drop_index(batch_op.f("ix_survey_responses_import_batch_id"))

    op.drop_table("survey_responses")
    op.drop_table("survey_factors")
    op.drop_table("partner_contributions")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index("ix_meetings_starts_at")
        batch_op.drop_index(batch_op.f("ix_meetings_series_id"))
        batch_op.drop_index(batch_op.f("ix_meetings_initiative_id"))

    op.drop_table("meetings")
    op.drop_table("measurements")
    with op.batch_alter_table("surveys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_surveys_initiative_id"))

    op.drop_table("surveys")
    op.drop_table("sara_records")
    op.drop_table("meeting_series")
    with op.batch_alter_table("initiative_partners", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_initiative_partners_organization_id"))
        batch_op.drop_index(batch_op.f("ix_initiative_partners_contact_person_id"))

    op.drop_table("initiative_partners")
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goals_initiative_id"))

    op.drop_table("goals")
    with op.batch_alter_table("expenditures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expenditures_organization_id"))
        batch_op.drop_index("ix_expenditures_initiative_date")

    op.drop_table("expenditures")
    with op.batch_alter_table("enrollments", schema=None) as batch_op:
        batch_op.drop_index("ix_enrollments_person_status")
        batch_op.drop_index("ix_enrollments_completed_on")

    op.drop_table("enrollments")
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_sessions_trainer_id"))
        batch_op.drop_index("ix_training_sessions_starts_at")
        batch_op.drop_index(batch_op.f("ix_training_sessions_provider_id"))
        batch_op.drop_index("ix_training_sessions_course_start")

    op.drop_table("training_sessions")
    with op.batch_alter_table("person_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_tags_tag_id"))

    op.drop_table("person_tags")
    with op.batch_alter_table("initiatives", schema=None) as batch_op:
        batch_op.drop_index("ix_initiatives_status")
        batch_op.drop_index(batch_op.f("ix_initiatives_lead_organization_id"))

    op.drop_table("initiatives")
    with op.batch_alter_table("affiliations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_affiliations_organization_id"))

    op.drop_table("affiliations")
    with op.batch_alter_table("requirements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_requirements_tag_id"))

    op.drop_table("requirements")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index("ix_people_sort_name")
        batch_op.drop_index("ix_people_organization_sort")
        batch_op.drop_index(batch_op.f("ix_people_import_batch_id"))
        batch_op.drop_index("ix_people_email")

    op.drop_table("people")
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_index("ix_organizations_sort_name")
        batch_op.drop_index("ix_organizations_name")
        batch_op.drop_index("ix_organizations_kind_archived")
        batch_op.drop_index(batch_op.f("ix_organizations_import_batch_id"))

    op.drop_table("organizations")
    with op.batch_alter_table("crime_counts", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_crime_counts_manual_cell",
            sqlite_where=sa.text("import_batch_id IS NULL"),
            postgresql_where=sa.text("import_batch_id IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_crime_counts_import_batch_id"))
        batch_op.drop_index(batch_op.f("ix_crime_counts_category_id"))
        batch_op.drop_index("ix_crime_counts_area_month")

    op.drop_table("crime_counts")
    op.drop_table("users")
    op.drop_table("tags")
    op.drop_table("settings")
    op.drop_table("offense_categories")
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.drop_index("ix_import_batches_sha")

    op.drop_table("import_batches")
    op.drop_table("courses")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entries_entity")
        batch_op.drop_index("ix_audit_entries_at")

    op.drop_table("audit_entries")  # its triggers go with it
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_entries_append_only()")
    op.drop_table("areas")
