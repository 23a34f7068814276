"""The data sheets of the funder report, as row sources (app/services/funder_report.py).

Which records each sheet holds for a period (an initiative scope keeps its own records):
- Initiatives: those running at some time in the period (or with no dates), with what
  was spent in the period and by its end; Partners and roles: their partners;
- Meetings and attendance: meetings starting in the period, one row each with counts;
- Action items: opened or closed in the period (app/services/funder_figures.py);
- Training: sessions starting in the period (training belongs to the agency, so an
  initiative scope shows it too);
- Crime statistics: monthly counts by area and category (an initiative: its target and
  comparison areas);
- Surveys: responses received in the period, per survey and factor;
- Expenditures: spent in the period.
People are named, or by their stable id in redacted mode (app/services/redaction.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Select, String, and_, case, cast, func, or_, select
from sqlalchemy.orm import aliased

from app.models import (
    ActionItem,
    ActionStatus,
    Area,
    Attendance,
    AttendanceStatus,
    ContributionType,
    Course,
    CrimeCount,
    Enrollment,
    EnrollmentStatus,
    Expenditure,
    Funding,
    Goal,
    Initiative,
    InitiativePartner,
    Meeting,
    MeetingStatus,
    OffenseCategory,
    Organization,
    PartnerContribution,
    Person,
    TrainingSession,
)
from app.models.directory import person_name
from app.services.evaluation_scope import EvaluationScope
from app.services.funder_figures import closed_in, in_period, initiative_filter, opened_in
from app.services.funder_report import Column, Row, RowSource, SheetData
from app.services.initiatives import CONTRIBUTION_LABELS, FUNDING_LABELS, KIND_LABELS
from app.services.redaction import person_label
from app.services.workspace import Workspace

STREAM_BATCH = 2000


def scope_label(ws: Workspace, scope: EvaluationScope) -> str:
    if scope.initiative_id is None:
        return "Whole partnership"
    with ws.read() as session:
        name = session.scalar(select(Initiative.name).where(Initiative.id == scope.initiative_id))
    if name is None:
        from app.services.errors import NotFoundError

        raise NotFoundError(f"There is no initiative with id {scope.initiative_id}.")
    return name


def streamed(ws: Workspace, statement: Select[Any], convert: Callable[[Any], Row],
             counted: Select[Any] | None = None) -> RowSource:
    """Rows counted now (by ``counted`` when given: a cheaper query of the same count) and
    read in batches from a session of their own when iterated."""
    with ws.read() as session:
        count = session.scalar(counted if counted is not None else
                               select(func.count()).select_from(
                                   statement.order_by(None).subquery())) or 0

    def rows() -> Iterator[Row]:
        with ws.read() as session:
            result = session.execute(statement, execution_options={"yield_per": STREAM_BATCH})
            for record in result:
                yield convert(record)

    return RowSource(int(count), rows)


# --- initiatives and partners ------------------------------------------------------------


def _initiatives_in(scope: EvaluationScope) -> list[Any]:
    if scope.initiative_id is not None:
        return [Initiative.id == scope.initiative_id]
    period = scope.period
    return [
        Initiative.archived_at.is_(None),
        or_(Initiative.starts_on.is_(None), Initiative.starts_on <= period.end),
        or_(Initiative.ends_on.is_(None), Initiative.ends_on >= period.start),
    ]


INITIATIVE_COLUMNS = (
    Column("Initiative"), Column("Kind"), Column("Status"), Column("Area"),
    Column("Comparison area"), Column("Lead organization"), Column("Starts", "date"),
    Column("Ends", "date"), Column("Budget", "money"), Column("Cash spent in period", "money"),
    Column("In-kind in period", "money"), Column("Volunteer hours in period", "hours"),
    Column("Cash spent by period end", "money"), Column("Partners", "int"), Column("Goals", "int"),
)


def initiatives_sheet(ws: Workspace, scope: EvaluationScope) -> SheetData:
    period = scope.period
    area, comparison, lead = aliased(Area), aliased(Area), aliased(Organization)
    in_range = Expenditure.spent_on.between(period.start, period.end)
    cash = Expenditure.funding == Funding.CASH

    def spent(*where: Any, column: Any = Expenditure.amount_cents) -> Any:
        return (select(func.coalesce(func.sum(column), 0))
                .where(Expenditure.initiative_id == Initiative.id, *where)
                .correlate(Initiative).scalar_subquery())

    partners = (select(func.count(InitiativePartner.id))
                .where(InitiativePartner.initiative_id == Initiative.id)
                .correlate(Initiative).scalar_subquery())
    goals = (select(func.count(Goal.id)).where(Goal.initiative_id == Initiative.id)
             .correlate(Initiative).scalar_subquery())
    statement = (
        select(Initiative.name, Initiative.kind, Initiative.status, area.name, comparison.name,
               lead.name, Initiative.starts_on, Initiative.ends_on, Initiative.budget_cents,
               spent(in_range, cash), spent(in_range, ~cash),
               spent(in_range, column=Expenditure.volunteer_hours),
               spent(cash, Expenditure.spent_on <= period.end),
               partners, goals)
        .outerjoin(area, area.id == Initiative.area_id)
        .outerjoin(comparison, comparison.id == Initiative.comparison_area_id)
        .outerjoin(lead, lead.id == Initiative.lead_organization_id)
        .where(*_initiatives_in(scope))
        .order_by(func.lower(Initiative.name))
    )

    def convert(r: Any) -> Row:
        return (r[0], KIND_LABELS[r[1]], r[2].value.capitalize(), r[3] or "", r[4] or "",
                r[5] or "", r[6], r[7], _money(r[8]), _money(r[9]), _money(r[10]),
                round(float(r[11]), 2), _money(r[12]), r[13], r[14])

    return SheetData("Initiatives", INITIATIVE_COLUMNS, streamed(ws, statement, convert),
                     notes=("Initiatives running at some time in the period. A blank budget "
                            "is no budget set, not 0.",))


PARTNER_COLUMNS = (
    Column("Initiative"), Column("Organization"), Column("Kind"), Column("Role"),
    Column("Responsibilities"), Column("Contributions"), Column("Contact"),
    Column("Joined", "date"),
)


def partners_sheet(ws: Workspace, scope: EvaluationScope, redacted: bool) -> SheetData:
    contributions = (
        select(func.group_concat(PartnerContribution.type, ",", type_=String))
        .where(PartnerContribution.partner_id == InitiativePartner.id)
        .correlate(InitiativePartner).scalar_subquery()
    )
    if not _is_sqlite(ws):
        contributions = (
            select(func.string_agg(cast(PartnerContribution.type, String), ","))
            .where(PartnerContribution.partner_id == InitiativePartner.id)
            .correlate(InitiativePartner).scalar_subquery()
        )
    statement = (
        select(Initiative.name, Organization.name, Organization.kind, InitiativePartner.role,
               InitiativePartner.responsibilities, contributions, Person.id, Person.first_name,
               Person.last_name, InitiativePartner.joined_on)
        .join(Initiative, Initiative.id == InitiativePartner.initiative_id)
        .join(Organization, Organization.id == InitiativePartner.organization_id)
        .outerjoin(Person, Person.id == InitiativePartner.contact_person_id)
        .where(*_initiatives_in(scope))
        .order_by(func.lower(Initiative.name), func.lower(Organization.name))
    )
    order = {c.value: i for i, c in enumerate(CONTRIBUTION_LABELS)}

    def convert(r: Any) -> Row:
        kinds = sorted(set(filter(None, (r[5] or "").split(","))), key=order.__getitem__)
        labels = ", ".join(CONTRIBUTION_LABELS[_contribution(k)] for k in kinds)
        return (r[0], r[1], r[2].label, r[3], r[4], labels,
                person_label(r[6], person_name(r[7], r[8]), redacted), r[9])

    return SheetData("Partners and roles", PARTNER_COLUMNS, streamed(ws, statement, convert))


# --- meetings and action items -----------------------------------------------------------

MEETING_COLUMNS = (
    Column("Starts", "datetime"), Column("Meeting"), Column("Initiative"), Column("Status"),
    Column("Location"), Column("Invited", "int"), Column("Present", "int"),
    Column("Excused", "int"), Column("Absent", "int"), Column("Walk-ins", "int"),
    Column("Attendance rate", "percent"),
)


def meetings_sheet(ws: Workspace, scope: EvaluationScope) -> SheetData:
    def counted(status: AttendanceStatus) -> Any:
        return func.count(case((Attendance.status == status, 1)))

    statement = (
        select(Meeting.starts_at, Meeting.title, Initiative.name, Meeting.status,
               Meeting.location, func.count(Attendance.person_id),
               counted(AttendanceStatus.PRESENT), counted(AttendanceStatus.EXCUSED),
               counted(AttendanceStatus.ABSENT), Meeting.walk_in_count)
        .outerjoin(Initiative, Initiative.id == Meeting.initiative_id)
        .outerjoin(Attendance, Attendance.meeting_id == Meeting.id)
        .where(in_period(Meeting.starts_at, scope.period),
               *initiative_filter(Meeting.initiative_id, scope))
        .group_by(Meeting.id, Initiative.name)
        .order_by(Meeting.starts_at, Meeting.id)
    )

    def convert(r: Any) -> Row:
        held = r[3] is MeetingStatus.HELD
        rate = r[6] / r[5] if held and r[5] else None
        return (r[0], r[1], r[2] or "", r[3].value.capitalize(), r[4], r[5],
                r[6] if held else None, r[7] if held else None, r[8] if held else None,
                r[9] if held else None, rate)

    counted = select(func.count(Meeting.id)).where(
        in_period(Meeting.starts_at, scope.period),
        *initiative_filter(Meeting.initiative_id, scope))
    return SheetData("Meetings and attendance", MEETING_COLUMNS,
                     streamed(ws, statement, convert, counted),
                     notes=("Attendance rate: invited people present at a held meeting; "
                            "blank for meetings not held.",))


ACTION_COLUMNS = (
    Column("Action item"), Column("Owner"), Column("Organization"), Column("Meeting"),
    Column("Initiative"), Column("Opened", "date"), Column("Due", "date"), Column("Status"),
    Column("Completed", "date"), Column("Opened in period"), Column("Closed in period"),
)


def action_items_sheet(ws: Workspace, scope: EvaluationScope, redacted: bool) -> SheetData:
    period = scope.period
    opened, closed = opened_in(period), closed_in(period)
    statement = (
        select(ActionItem.description, Person.id, Person.first_name, Person.last_name,
               Person.organization_name, Meeting.title, Initiative.name, Meeting.starts_at,
               ActionItem.created_at, ActionItem.due_on, ActionItem.status,
               ActionItem.completed_on, opened, closed)
        .outerjoin(Person, Person.id == ActionItem.owner_id)
        .outerjoin(Meeting, Meeting.id == ActionItem.meeting_id)
        .outerjoin(Initiative, Initiative.id == ActionItem.initiative_id)
        .where(or_(opened, closed), *initiative_filter(ActionItem.initiative_id, scope))
        .order_by(func.coalesce(Meeting.starts_at, ActionItem.created_at), ActionItem.id)
    )

    def convert(r: Any) -> Row:
        born = (r[7] or r[8]).astimezone().date()
        owner = person_label(r[1], person_name(r[2], r[3]), redacted)
        return (r[0], owner, "" if redacted else (r[4] or ""), r[5] or "", r[6] or "", born,
                r[9], _ACTION_STATUS[r[10]], r[11], _yes(r[12]), _yes(r[13]))

    counted = (select(func.count(ActionItem.id))
               .outerjoin(Meeting, Meeting.id == ActionItem.meeting_id)
               .where(or_(opened, closed), *initiative_filter(ActionItem.initiative_id, scope)))
    return SheetData("Action items", ACTION_COLUMNS, streamed(ws, statement, convert, counted),
                     notes=("Opened: the date of the meeting the item was born in (or when "
                            "it was recorded); closed: marked done with a completion date in "
                            "the period.",))


_ACTION_STATUS = {ActionStatus.OPEN: "Open", ActionStatus.DONE: "Done",
                  ActionStatus.DROPPED: "Dropped"}


# --- training ------------------------------------------------------------------------------

TRAINING_COLUMNS = (
    Column("Starts", "datetime"), Column("Course"), Column("Category"), Column("Hours", "hours"),
    Column("Trainer"), Column("Provider"), Column("Location"), Column("Enrolled", "int"),
    Column("Completed", "int"), Column("No-shows", "int"), Column("Hours credited", "hours"),
)


def training_sheet(ws: Workspace, scope: EvaluationScope, redacted: bool) -> SheetData:
    def counted(status: EnrollmentStatus) -> Any:
        return func.count(case((Enrollment.status == status, 1)))

    trainer, provider = aliased(Person), aliased(Organization)
    credited = func.coalesce(func.sum(case(
        (Enrollment.status == EnrollmentStatus.COMPLETED, Enrollment.hours_credited))), 0.0)
    enrolled = func.count(case((Enrollment.status.in_(
        (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, EnrollmentStatus.NO_SHOW)), 1)))
    statement = (
        select(TrainingSession.starts_at, Course.name, Course.category, TrainingSession.hours,
               trainer.id, trainer.first_name, trainer.last_name, TrainingSession.trainer_name,
               provider.name, TrainingSession.location, enrolled,
               counted(EnrollmentStatus.COMPLETED), counted(EnrollmentStatus.NO_SHOW), credited)
        .join(Course, Course.id == TrainingSession.course_id)
        .outerjoin(trainer, trainer.id == TrainingSession.trainer_id)
        .outerjoin(provider, provider.id == TrainingSession.provider_id)
        .outerjoin(Enrollment, Enrollment.session_id == TrainingSession.id)
        .where(in_period(TrainingSession.starts_at, scope.period))
        .group_by(TrainingSession.id, Course.name, Course.category, trainer.id, provider.name)
        .order_by(TrainingSession.starts_at, TrainingSession.id)
    )

    def convert(r: Any) -> Row:
        name = person_name(r[5], r[6]) if r[4] is not None else (r[7] or "")
        return (r[0], r[1], r[2].label, r[3], person_label(r[4], name, redacted), r[8] or "",
                r[9], r[10], r[11], r[12], round(float(r[13]), 2))

    counted = select(func.count(TrainingSession.id)).where(
        in_period(TrainingSession.starts_at, scope.period))
    return SheetData("Training", TRAINING_COLUMNS, streamed(ws, statement, convert, counted),
                     notes=("Sessions starting in the period. The Summary's hours count "
                            "completions dated in the period, whichever session they were in.",))


# --- crime, surveys, expenditures ----------------------------------------------------------

CRIME_COLUMNS = (Column("Month", "month"), Column("Area"), Column("Category"),
                 Column("Count", "int"))


def crime_sheet(ws: Workspace, scope: EvaluationScope) -> SheetData:
    months = scope.period.months()
    where = [CrimeCount.month >= months[0], CrimeCount.month <= months[-1]]
    if scope.initiative_id is not None:
        areas = (select(Initiative.area_id).where(Initiative.id == scope.initiative_id)
                 .union(select(Initiative.comparison_area_id)
                        .where(Initiative.id == scope.initiative_id)))
        where.append(CrimeCount.area_id.in_(areas))
    statement = (
        select(CrimeCount.month, Area.name, OffenseCategory.name, func.sum(CrimeCount.count))
        .join(Area, Area.id == CrimeCount.area_id)
        .join(OffenseCategory, OffenseCategory.id == CrimeCount.category_id)
        .where(*where)
        .group_by(CrimeCount.month, Area.name, OffenseCategory.name)
        .order_by(CrimeCount.month, Area.name, OffenseCategory.name)
    )

    def convert(r: Any) -> Row:
        return (r[0], r[1], r[2], int(r[3]))

    return SheetData("Crime statistics", CRIME_COLUMNS, streamed(ws, statement, convert),
                     notes=("Monthly counts of the months the period touches. A month missing "
                            "for an area is no data, not 0.",))


SURVEY_COLUMNS = (
    Column("Survey"), Column("Kind"), Column("Initiative"), Column("Factor"),
    Column("Responses in period", "int"), Column("Respondents", "int"),
    Column("Answers", "int"), Column("Mean score (1-5)", "score"), Column("Band"),
)


def surveys_sheet(ws: Workspace, scope: EvaluationScope) -> SheetData:
    """Per survey of the scope with responses in the period, per factor: the Evaluation
    page's figures (app.services.surveys.results), reverse-scored questions turned around."""
    from app.services.surveys.results import survey_results, surveys_for_scope

    rows: list[Row] = []
    for survey in surveys_for_scope(ws, scope):
        if not survey.responses_in_period:
            continue
        results = survey_results(ws, survey.id, scope.period)
        kind = survey.kind.value.replace("_", " ").capitalize()
        for factor in results.factors:
            score = factor.score
            rows.append((survey.name, kind, survey.initiative, factor.name, results.responses,
                         score.respondents, score.answers,
                         None if score.mean is None else round(score.mean, 2),
                         score.band.label if score.mean is not None else "No data"))
    return SheetData("Surveys", SURVEY_COLUMNS, RowSource.of(rows),
                     notes=("Responses received in the period (undated ones by the survey's "
                            "dates); mean of the answers on the 1-5 scale, reverse-scored "
                            "questions turned around, as the Evaluation page shows them.",))


EXPENDITURE_COLUMNS = (
    Column("Date", "date"), Column("Initiative"), Column("Category"), Column("Description"),
    Column("Funding"), Column("Amount", "money"), Column("Volunteer hours", "hours"),
    Column("Contributed by"),
)


def expenditures_sheet(ws: Workspace, scope: EvaluationScope) -> SheetData:
    period = scope.period
    statement = (
        select(Expenditure.spent_on, Initiative.name, Expenditure.category,
               Expenditure.description, Expenditure.funding, Expenditure.amount_cents,
               Expenditure.volunteer_hours, Organization.name)
        .join(Initiative, Initiative.id == Expenditure.initiative_id)
        .outerjoin(Organization, Organization.id == Expenditure.organization_id)
        .where(and_(Expenditure.spent_on >= period.start, Expenditure.spent_on <= period.end),
               *initiative_filter(Expenditure.initiative_id, scope))
        .order_by(Expenditure.spent_on, Expenditure.id)
    )

    def convert(r: Any) -> Row:
        return (r[0], r[1], r[2], r[3], FUNDING_LABELS[r[4]], r[5] / 100, r[6], r[7] or "")

    return SheetData("Expenditures", EXPENDITURE_COLUMNS, streamed(ws, statement, convert))


# --- helpers -------------------------------------------------------------------------------

def _money(cents: int | None) -> float | None:
    return None if cents is None else int(cents) / 100


def _yes(flag: object) -> str:
    return "Yes" if flag else "No"


def _contribution(value: str) -> ContributionType:
    return ContributionType(value)


def _is_sqlite(ws: Workspace) -> bool:
    return ws.db.engine.dialect.name == "sqlite"
