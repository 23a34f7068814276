"""SQLAlchemy models, one module per aggregate. Importing this package registers them all."""

from app.models.audit import AuditAction, AuditEntry, AuditOutcome
from app.models.base import Base, fold, utcnow
from app.models.crime import Area, AreaKind, AreaNeighbor, CrimeCount, OffenseCategory
from app.models.directory import (
    Affiliation,
    ContactMethod,
    Organization,
    OrganizationKind,
    Person,
    Tag,
    person_tags,
)
from app.models.imports import ImportBatch, ImportKind
from app.models.initiatives import (
    ContributionType,
    Direction,
    Expenditure,
    Funding,
    Goal,
    Initiative,
    InitiativeKind,
    InitiativePartner,
    InitiativeStatus,
    Measurement,
    PartnerContribution,
    SaraRecord,
    SaraStage,
)
from app.models.meetings import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingSeries,
    MeetingStatus,
)
from app.models.surveys import (
    Survey,
    SurveyAnswer,
    SurveyFactor,
    SurveyKind,
    SurveyQuestion,
    SurveyResponse,
)
from app.models.training import (
    Course,
    CourseCategory,
    Enrollment,
    EnrollmentStatus,
    Requirement,
    RequirementMode,
    TrainingSession,
)
from app.models.users import Role, Setting, User

__all__ = [
    "ActionItem", "ActionStatus", "Affiliation", "AgendaItem", "Area", "AreaKind", "AreaNeighbor",
    "Attendance", "AttendanceStatus", "AuditAction", "AuditEntry", "AuditOutcome", "Base",
    "ContactMethod", "ContributionType", "Course", "CourseCategory", "CrimeCount", "Direction",
    "Enrollment", "EnrollmentStatus", "Expenditure", "Funding", "Goal", "ImportBatch",
    "ImportKind", "Initiative", "InitiativeKind", "InitiativePartner", "InitiativeStatus",
    "Measurement", "Meeting", "MeetingSeries", "MeetingStatus", "OffenseCategory",
    "Organization", "OrganizationKind", "PartnerContribution", "Person", "Requirement",
    "RequirementMode", "Role", "SaraRecord", "SaraStage", "Setting", "Survey", "SurveyAnswer",
    "SurveyFactor", "SurveyKind", "SurveyQuestion", "SurveyResponse", "Tag", "TrainingSession",
    "User", "fold", "person_tags", "utcnow",
]
