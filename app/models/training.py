"""Training: course catalog, sessions, enrollments and tag-based requirements."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import ArchivableMixin, Base, IdMixin, Name, Record, enum_type
from app.models.directory import Organization, Person, Tag


class CourseCategory(enum.Enum):
    DE_ESCALATION = "de_escalation"
    CULTURAL_COMPETENCY = "cultural_competency"
    CRIME_ANALYSIS = "crime_analysis"
    CRISIS_INTERVENTION = "crisis_intervention"
    CPTED = "cpted"
    COMMUNITY_ENGAGEMENT = "community_engagement"
    OTHER = "other"

    @property
    def label(self) -> str:
        return COURSE_CATEGORY_LABELS[self]


COURSE_CATEGORY_LABELS = {
    CourseCategory.DE_ESCALATION: "De-escalation",
    CourseCategory.CULTURAL_COMPETENCY: "Cultural competency",
    CourseCategory.CRIME_ANALYSIS: "Crime analysis",
    CourseCategory.CRISIS_INTERVENTION: "Crisis intervention / mental health",
    CourseCategory.CPTED: "CPTED (environmental design)",
    CourseCategory.COMMUNITY_ENGAGEMENT: "Community engagement",
    CourseCategory.OTHER: "Other",
}


class EnrollmentStatus(enum.Enum):
    ENROLLED = "enrolled"
    WAITLISTED = "waitlisted"
    COMPLETED = "completed"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return ENROLLMENT_STATUS_LABELS[self]


ENROLLMENT_STATUS_LABELS = {
    EnrollmentStatus.ENROLLED: "Enrolled",
    EnrollmentStatus.WAITLISTED: "Waiting list",
    EnrollmentStatus.COMPLETED: "Completed",
    EnrollmentStatus.NO_SHOW: "No-show",
    EnrollmentStatus.CANCELLED: "Cancelled",
}


class RequirementMode(enum.Enum):
    KEEP_CURRENT = "keep_current"
    COMPLETE_ONCE = "complete_once"


class Course(Record, ArchivableMixin, Base):
    __tablename__ = "courses"

    name: Mapped[str] = mapped_column(Name, unique=True)
    category: Mapped[CourseCategory] = mapped_column(enum_type(CourseCategory))
    description: Mapped[str] = mapped_column(Text, default="")
    default_hours: Mapped[float] = mapped_column(Float, default=1.0)
    # None: a one-time course whose certificate never expires.
    validity_months: Mapped[int | None] = mapped_column(Integer)
    reminder_days: Mapped[int] = mapped_column(Integer, default=30)

    sessions: Mapped[list[TrainingSession]] = relationship(back_populates="course")

    __table_args__ = (
        CheckConstraint("trim(name) <> ''", name="name_required"),
        CheckConstraint("default_hours > 0 AND default_hours <= 200", name="hours_sensible"),
        CheckConstraint("validity_months IS NULL OR validity_months > 0", name="validity_positive"),
        CheckConstraint("reminder_days >= 0", name="reminder_positive"),
    )


class TrainingSession(Record, Base):
    __tablename__ = "training_sessions"

    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="RESTRICT"))
    starts_at: Mapped[datetime]
    days: Mapped[int] = mapped_column(Integer, default=1)
    hours: Mapped[float] = mapped_column(Float)
    trainer_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    trainer_name: Mapped[str] = mapped_column(String(200), default="")
    provider_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    location: Mapped[str] = mapped_column(String(300), default="")
    capacity: Mapped[int | None] = mapped_column(Integer)

    course: Mapped[Course] = relationship(back_populates="sessions")
    trainer: Mapped[Person | None] = relationship()
    provider: Mapped[Organization | None] = relationship()
    enrollments: Mapped[list[Enrollment]] = relationship(
        back_populates="session", cascade="all, delete-orphan"
    )

    __table_args__ = (
        CheckConstraint("days >= 1", name="days_positive"),
        CheckConstraint("hours > 0 AND hours <= 24 * days", name="hours_sensible"),
        CheckConstraint("capacity IS NULL OR capacity >= 1", name="capacity_positive"),
        Index("ix_training_sessions_course_start", "course_id", "starts_at"),
        Index("ix_training_sessions_starts_at", "starts_at"),
    )


class Enrollment(IdMixin, Base):
    __tablename__ = "enrollments"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE")
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    status: Mapped[EnrollmentStatus] = mapped_column(
        enum_type(EnrollmentStatus), default=EnrollmentStatus.ENROLLED
    )
    hours_credited: Mapped[float | None] = mapped_column(Float)
    completed_on: Mapped[date | None]

    session: Mapped[TrainingSession] = relationship(back_populates="enrollments")
    person: Mapped[Person] = relationship()

    __table_args__ = (
        UniqueConstraint("session_id", "person_id"),
        CheckConstraint(
            "hours_credited IS NULL OR (hours_credited >= 0 AND hours_credited <= 200)",
            name="hours_sensible",
        ),
        CheckConstraint(
            "status <> 'completed' OR completed_on IS NOT NULL", name="completed_has_date"
        ),
        Index("ix_enrollments_person_status", "person_id", "status"),
        Index("ix_enrollments_completed_on", "completed_on"),
    )


class Requirement(IdMixin, Base):
    """Everyone carrying ``tag`` must hold ``course`` (current, or completed once)."""

    __tablename__ = "requirements"

    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), index=True)
    mode: Mapped[RequirementMode] = mapped_column(
        enum_type(RequirementMode), default=RequirementMode.KEEP_CURRENT
    )

    course: Mapped[Course] = relationship()
    tag: Mapped[Tag] = relationship()

    __table_args__ = (UniqueConstraint("course_id", "tag_id"),)


class LatestCompletion(Base):
    """Each person's latest completion of each course: the newest ``completed_on`` of their
    completed enrollments in its sessions. Kept by the database itself (triggers on
    enrollments and training_sessions, migration 0003) and never written by the program,
    so compliance reads one row per person and course instead of grouping every completion
    ever recorded. Derived rows without foreign keys: nothing links to a person or course
    through them (merging people, refusing deletions), the triggers keep them in step."""

    __tablename__ = "latest_completions"

    person_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    completed_on: Mapped[date]

    __table_args__ = (
        Index("ix_latest_completions_course_completed", "course_id", "completed_on"),
    )
