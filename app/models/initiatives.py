"""Initiatives with their partners, goals, measurements, resources and SARA record."""

from __future__ import annotations

import enum
from datetime import date

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
from app.models.crime import Area
from app.models.directory import Organization, Person


class InitiativeKind(enum.Enum):
    NEIGHBORHOOD_WATCH = "neighborhood_watch"
    YOUTH_MENTORSHIP = "youth_mentorship"
    CRISIS_INTERVENTION_TEAM = "crisis_intervention_team"
    COMMUNITY_POLICING = "community_policing"
    PROBLEM_SOLVING = "problem_solving"
    CPTED = "cpted"
    OTHER = "other"


class InitiativeStatus(enum.Enum):
    PLANNED = "planned"
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"


class ContributionType(enum.Enum):
    FUNDING = "funding"
    IN_KIND = "in_kind"
    PAID_STAFF = "paid_staff"
    VOLUNTEERS = "volunteers"
    DATA = "data"
    EXPERTISE = "expertise"
    COMMUNITY_CONNECTIONS = "community_connections"
    FACILITATION = "facilitation"
    ADVOCACY = "advocacy"


class Direction(enum.Enum):
    INCREASE = "increase"
    DECREASE = "decrease"


class Funding(enum.Enum):
    CASH = "cash"
    IN_KIND = "in_kind"


class SaraStage(enum.Enum):
    SCANNING = "scanning"
    ANALYSIS = "analysis"
    RESPONSE = "response"
    ASSESSMENT = "assessment"


class Initiative(Record, ArchivableMixin, Base):
    __tablename__ = "initiatives"

    name: Mapped[str] = mapped_column(Name, unique=True)
    kind: Mapped[InitiativeKind] = mapped_column(enum_type(InitiativeKind))
    status: Mapped[InitiativeStatus] = mapped_column(
        enum_type(InitiativeStatus), default=InitiativeStatus.PLANNED
    )
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id", ondelete="SET NULL"))
    comparison_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("areas.id", ondelete="SET NULL")
    )
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    lead_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    description: Mapped[str] = mapped_column(Text, default="")
    budget_cents: Mapped[int | None] = mapped_column(Integer)
    sensitive_notes: Mapped[str] = mapped_column(Text, default="")

    area: Mapped[Area | None] = relationship(foreign_keys=[area_id])
    comparison_area: Mapped[Area | None] = relationship(foreign_keys=[comparison_area_id])
    lead_organization: Mapped[Organization | None] = relationship()
    partners: Mapped[list[InitiativePartner]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan"
    )
    goals: Mapped[list[Goal]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan", order_by="Goal.position"
    )
    expenditures: Mapped[list[Expenditure]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan"
    )
    sara: Mapped[SaraRecord | None] = relationship(
        back_populates="initiative", cascade="all, delete-orphan"
    )

    __table_args__ = (
        CheckConstraint("trim(name) <> ''", name="name_required"),
        CheckConstraint(
            "ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="dates_ordered"
        ),
        CheckConstraint("budget_cents IS NULL OR budget_cents >= 0", name="budget_positive"),
        CheckConstraint(
            "comparison_area_id IS NULL OR area_id IS NULL OR comparison_area_id <> area_id",
            name="comparison_differs",
        ),
        Index("ix_initiatives_status", "status"),
    )


class InitiativePartner(IdMixin, Base):
    __tablename__ = "initiative_partners"

    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[str] = mapped_column(String(200), default="")
    responsibilities: Mapped[str] = mapped_column(Text, default="")
    contact_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    joined_on: Mapped[date | None]

    initiative: Mapped[Initiative] = relationship(back_populates="partners")
    organization: Mapped[Organization] = relationship()
    contact_person: Mapped[Person | None] = relationship()
    contributions: Mapped[list[PartnerContribution]] = relationship(
        cascade="all, delete-orphan"
    )

    __table_args__ = (UniqueConstraint("initiative_id", "organization_id"),)


class PartnerContribution(Base):
    __tablename__ = "partner_contributions"

    partner_id: Mapped[int] = mapped_column(
        ForeignKey("initiative_partners.id", ondelete="CASCADE"), primary_key=True
    )
    type: Mapped[ContributionType] = mapped_column(enum_type(ContributionType), primary_key=True)


class Goal(IdMixin, Base):
    __tablename__ = "goals"

    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Name)
    unit: Mapped[str] = mapped_column(String(50), default="")
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    direction: Mapped[Direction] = mapped_column(enum_type(Direction))

    initiative: Mapped[Initiative] = relationship(back_populates="goals")
    measurements: Mapped[list[Measurement]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="Measurement.measured_on"
    )

    __table_args__ = (CheckConstraint("trim(name) <> ''", name="name_required"),)


class Measurement(IdMixin, Base):
    __tablename__ = "measurements"

    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"))
    measured_on: Mapped[date]
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")

    goal: Mapped[Goal] = relationship(back_populates="measurements")

    __table_args__ = (UniqueConstraint("goal_id", "measured_on"),)


class Expenditure(Record, Base):
    __tablename__ = "expenditures"

    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"))
    spent_on: Mapped[date]
    category: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    amount_cents: Mapped[int] = mapped_column(Integer, default=0)
    funding: Mapped[Funding] = mapped_column(enum_type(Funding), default=Funding.CASH)
    volunteer_hours: Mapped[float] = mapped_column(Float, default=0.0)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )

    initiative: Mapped[Initiative] = relationship(back_populates="expenditures")
    organization: Mapped[Organization | None] = relationship()

    __table_args__ = (
        CheckConstraint("amount_cents >= 0", name="amount_positive"),
        CheckConstraint("volunteer_hours >= 0", name="hours_positive"),
        Index("ix_expenditures_initiative_date", "initiative_id", "spent_on"),
    )


class SaraRecord(IdMixin, Base):
    """Scanning, analysis, response, assessment notes of a problem-solving initiative."""

    __tablename__ = "sara_records"

    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), unique=True
    )
    stage: Mapped[SaraStage] = mapped_column(enum_type(SaraStage), default=SaraStage.SCANNING)
    scanning: Mapped[str] = mapped_column(Text, default="")
    analysis: Mapped[str] = mapped_column(Text, default="")
    response: Mapped[str] = mapped_column(Text, default="")
    assessment: Mapped[str] = mapped_column(Text, default="")

    initiative: Mapped[Initiative] = relationship(back_populates="sara")
