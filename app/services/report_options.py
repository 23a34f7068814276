"""What the Reports page (or the command line) asks of a funder PDF report.

One ``ReportOptions`` serves both reports: the initiative evaluation report (one part per
chosen initiative) and the partnership quarterly/annual report (all initiatives side by
side, or only the chosen ones). Sections can be switched off one by one; redacted mode
names people by a stable id (app/services/redaction.py) and leaves sensitive notes out.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from app.services.evaluation_scope import Period
from app.services.settings import PAPER_SIZES


class EvaluationSection(enum.Enum):
    """The sections of the initiative evaluation report, in the order printed."""

    SUMMARY = "Summary"
    PARTNERS = "Partners and roles"
    GOALS = "Goals and targets"
    CRIME = "Crime before and after"
    SURVEYS = "Survey results"
    ENGAGEMENT = "Engagement and partnership network"
    RESOURCES = "Resources and efficiency"
    SARA = "SARA record"
    MEETINGS = "Meetings and trainings"
    NARRATIVE = "Narrative"

    @property
    def label(self) -> str:
        return self.value


class PartnershipSection(enum.Enum):
    """The sections of the partnership quarterly/annual report, in the order printed."""

    INITIATIVES = "Initiatives side by side"
    MEETINGS = "Meetings and attendance"
    ACTIONS = "Action items"
    TRAINING = "Training hours and compliance"
    PARTNERS = "Partners joined"

    @property
    def label(self) -> str:
        return self.value


@dataclass(frozen=True)
class Narrative:
    """The officer's own words for the questions funders ask (empty: not printed)."""

    accomplishments: str = ""
    goals_met: str = ""
    problems: str = ""  # problems and barriers
    assistance: str = ""  # assistance needed

    QUESTIONS = (
        ("accomplishments", "Accomplishments in the period"),
        ("goals_met", "Goals met and progress toward them"),
        ("problems", "Problems and barriers"),
        ("assistance", "Assistance needed"),
    )

    def answers(self) -> list[tuple[str, str]]:
        """(question, answer) for each question, the answer stripped ("" when unanswered)."""
        return [(question, getattr(self, name).strip()) for name, question in self.QUESTIONS]

    @property
    def is_empty(self) -> bool:
        return not any(answer for _question, answer in self.answers())


@dataclass(frozen=True)
class ReportOptions:
    period: Period
    # Evaluation: the initiatives reported on (one part each). Partnership: the initiatives
    # shown side by side (empty: every initiative active in the period).
    initiative_ids: tuple[int, ...] = ()
    # The sections printed (None: all of them); EvaluationSection or PartnershipSection.
    sections: frozenset[EvaluationSection | PartnershipSection] | None = None
    paper_size: str = "Letter"
    redacted: bool = False
    # The initiative's sensitive notes, printed only when asked for, never in redacted mode,
    # and only for users who may see them.
    include_sensitive_notes: bool = False
    agency_name: str = ""
    logo: bytes | None = None  # PNG or JPEG bytes (settings.agency_logo); None: no logo
    # The narrative per initiative id (evaluation report).
    narratives: Mapping[int, Narrative] = field(default_factory=dict)
    generated_at: datetime | None = None  # printed in the footer; None: now
    # The day the report is made as of (action items due "up to today", the last whole
    # month of crime counts); None: today.
    as_of: date | None = None

    def __post_init__(self) -> None:
        if self.paper_size not in PAPER_SIZES:
            raise ValueError(f"paper size must be one of {', '.join(PAPER_SIZES)}")

    def wants(self, section: EvaluationSection | PartnershipSection) -> bool:
        return self.sections is None or section in self.sections

    def narrative(self, initiative_id: int) -> Narrative:
        return self.narratives.get(initiative_id, Narrative())
