"""evaluation indexes: covering indexes for matching attendance to organizations

The Evaluation page (engagement, partnership network, participants) reads, for the held
meetings of a period, who was recorded at each meeting and which organizations those
people belonged to on the meeting's date. These two indexes hold every column those
queries read, so neither the attendance nor the affiliations table is visited.

Revision ID: 0004_evaluation_indexes
Revises: 0003_latest_completions
Create Date: 2026-11-28 19:24:17.744817
"""

from __future__ import annotations

from alembic import op

revision = "0004_evaluation_indexes"
down_revision = "0003_latest_completions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_affiliations_person_org_dates", "affiliations",
                    ["person_id", "organization_id", "since", "until"])
    op.create_index("ix_attendance_meeting_status_person", "attendance",
                    ["meeting_id", "status", "person_id"])


def downgrade() -> None:
    op.drop_index("ix_attendance_meeting_status_person", table_name="attendance")
    op.drop_index("ix_affiliations_person_org_dates", table_name="affiliations")
