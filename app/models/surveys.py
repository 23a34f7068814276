"""Surveys: questions grouped into factors on a 1-5 scale, and their responses."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, IdMixin, Name, Record, enum_type

SCALE_MIN, SCALE_MAX = 1, 5


class SurveyKind(enum.Enum):
    COMMUNITY_SATISFACTION = "community_satisfaction"
    PARTNER_COLLABORATION = "partner_collaboration"
    CUSTOM = "custom"


class Survey(Record, Base):
    __tablename__ = "surveys"

    name: Mapped[str] = mapped_column(Name)
    kind: Mapped[SurveyKind] = mapped_column(enum_type(SurveyKind))
    initiative_id: Mapped[int | None] = mapped_column(
        ForeignKey("initiatives.id", ondelete="SET NULL"), index=True
    )
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id", ondelete="SET NULL"))
    opens_on: Mapped[date | None]
    closes_on: Mapped[date | None]
    description: Mapped[str] = mapped_column(Text, default="")

    factors: Mapped[list[SurveyFactor]] = relationship(
        cascade="all, delete-orphan", order_by="SurveyFactor.position"
    )
    questions: Mapped[list[SurveyQuestion]] = relationship(
        cascade="all, delete-orphan", order_by="SurveyQuestion.position"
    )

    __table_args__ = (CheckConstraint("trim(name) <> ''", name="name_required"),)


class SurveyFactor(IdMixin, Base):
    __tablename__ = "survey_factors"

    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))

    questions: Mapped[list[SurveyQuestion]] = relationship(
        back_populates="factor", order_by="SurveyQuestion.position"
    )

    __table_args__ = (UniqueConstraint("survey_id", "name"),)


class SurveyQuestion(IdMixin, Base):
    __tablename__ = "survey_questions"

    survey_id: Mapped[int] = mapped_column(
        ForeignKey("surveys.id", ondelete="CASCADE"), index=True
    )
    factor_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_factors.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    # Negatively worded questions are reversed (6 - answer) before averaging.
    reverse_scored: Mapped[bool] = mapped_column(default=False)

    factor: Mapped[SurveyFactor | None] = relationship(back_populates="questions")


class SurveyResponse(Record, Base):
    __tablename__ = "survey_responses"

    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    responded_on: Mapped[date | None]
    respondent_ref: Mapped[str] = mapped_column(String(100), default="")
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )

    answers: Mapped[list[SurveyAnswer]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (Index("ix_survey_responses_survey_date", "survey_id", "responded_on"),)


class SurveyAnswer(Base):
    __tablename__ = "survey_answers"

    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_questions.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    value: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint(f"value BETWEEN {SCALE_MIN} AND {SCALE_MAX}", name="value_on_scale"),
    )
