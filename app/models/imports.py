"""Import batches: every import is recorded so it can be undone as a whole."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin, enum_type, utcnow


class ImportKind(enum.Enum):
    PEOPLE = "people"
    ORGANIZATIONS = "organizations"
    CRIME = "crime"
    SURVEY = "survey"


class ImportBatch(IdMixin, Base):
    __tablename__ = "import_batches"

    kind: Mapped[ImportKind] = mapped_column(enum_type(ImportKind))
    source_name: Mapped[str] = mapped_column(String(500))
    # SHA-256 of the file: importing the same file twice is recognised.
    source_sha256: Mapped[str] = mapped_column(String(64))
    layout: Mapped[str] = mapped_column(String(100), default="")
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(150))
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_added: Mapped[int] = mapped_column(Integer, default=0)
    rows_skipped: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[str] = mapped_column(Text, default="")
    undone_at: Mapped[datetime | None]
    undone_by: Mapped[str] = mapped_column(String(150), default="")

    __table_args__ = (
        CheckConstraint("rows_read >= 0 AND rows_added >= 0 AND rows_skipped >= 0",
                        name="counts_positive"),
        Index("ix_import_batches_sha", "kind", "source_sha256"),
    )
