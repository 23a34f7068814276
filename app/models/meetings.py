"""Partnership meetings: series, agenda, attendance, minutes and action items."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, IdMixin, Name, Record, enum_type
from app.models.directory import Person
from app.models.initiatives import Initiative


class MeetingStatus(enum.Enum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"


class AttendanceStatus(enum.Enum):
    INVITED = "invited"
    PRESENT = "present"
    EXCUSED = "excused"
    ABSENT = "absent"


class ActionStatus(enum.Enum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class MeetingSeries(Record, Base):
    """A recurring meeting; ``rule`` is an iCalendar RRULE such as FREQ=MONTHLY;BYDAY=2TU."""

    __tablename__ = "meeting_series"

    title: Mapped[str] = mapped_column(Name)
    rule: Mapped[str] = mapped_column(String(200))
    initiative_id: Mapped[int | None] = mapped_column(
        ForeignKey("initiatives.id", ondelete="SET NULL")
    )

    meetings: Mapped[list[Meeting]] = relationship(back_populates="series")


class Meeting(Record, Base):
    __tablename__ = "meetings"

    title: Mapped[str] = mapped_column(Name)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    location: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[MeetingStatus] = mapped_column(
        enum_type(MeetingStatus), default=MeetingStatus.SCHEDULED
    )
    initiative_id: Mapped[int | None] = mapped_column(
        ForeignKey("initiatives.id", ondelete="SET NULL"), index=True
    )
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_series.id", ondelete="SET NULL"), index=True
    )
    minutes: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    walk_in_count: Mapped[int] = mapped_column(Integer, default=0)

    initiative: Mapped[Initiative | None] = relationship()
    series: Mapped[MeetingSeries | None] = relationship(back_populates="meetings")
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    action_items: Mapped[list[ActionItem]] = relationship(back_populates="meeting")

    __table_args__ = (
        CheckConstraint("trim(title) <> ''", name="title_required"),
        CheckConstraint("ends_at >= starts_at", name="times_ordered"),
        CheckConstraint("walk_in_count >= 0", name="walk_ins_positive"),
        Index("ix_meetings_starts_at", "starts_at"),
    )


class AgendaItem(IdMixin, Base):
    __tablename__ = "agenda_items"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    presenter_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    presenter_name: Mapped[str] = mapped_column(String(200), default="")
    minutes_allotted: Mapped[int] = mapped_column(Integer, default=10)
    notes: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")
    presenter: Mapped[Person | None] = relationship()

    __table_args__ = (
        CheckConstraint("minutes_allotted >= 0", name="minutes_positive"),
        Index("ix_agenda_items_meeting_position", "meeting_id", "position"),
    )


class Attendance(Base):
    """One invited person at one meeting; walk-ins are counted on the meeting."""

    __tablename__ = "attendance"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    status: Mapped[AttendanceStatus] = mapped_column(
        enum_type(AttendanceStatus), default=AttendanceStatus.INVITED
    )

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    person: Mapped[Person] = relationship()

    __table_args__ = (
        # Covers the evaluation's "who was recorded at the meetings in scope" (engagement,
        # network, participants) without reading the table.
        Index("ix_attendance_meeting_status_person", "meeting_id", "status", "person_id"),
    )


class ActionItem(Record, Base):
    __tablename__ = "action_items"

    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    initiative_id: Mapped[int | None] = mapped_column(
        ForeignKey("initiatives.id", ondelete="SET NULL"), index=True
    )
    due_on: Mapped[date | None]
    status: Mapped[ActionStatus] = mapped_column(enum_type(ActionStatus), default=ActionStatus.OPEN)
    completed_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")

    owner: Mapped[Person | None] = relationship()
    meeting: Mapped[Meeting | None] = relationship(back_populates="action_items")
    initiative: Mapped[Initiative | None] = relationship()

    __table_args__ = (
        CheckConstraint("trim(description) <> ''", name="description_required"),
        CheckConstraint("status <> 'done' OR completed_on IS NOT NULL", name="done_has_date"),
        Index("ix_action_items_status_due", "status", "due_on"),
    )
