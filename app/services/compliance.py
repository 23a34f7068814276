"""Training requirements and who meets them; training hours against an annual target.

A requirement says that everyone carrying a tag must hold a course: *keep current*
(renew before the certificate expires) or *complete once*. Compliance is derived, never
stored: for each requirement and each person with its tag today (not archived), the
latest completion of the course gives a standing (app/services/certificates.py). Someone
who gains the tag later is simply counted from then on. The latest completions themselves
are kept by the database (latest_completions, migration 0003), so nothing here groups
every completion ever recorded.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import InitVar, dataclass, field
from datetime import date
from functools import partial
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

from sqlalchemy import case, func, select, union
from sqlalchemy.orm import Session

from app.models import (
    Affiliation,
    Course,
    Enrollment,
    EnrollmentStatus,
    Organization,
    Person,
    Requirement,
    RequirementMode,
    Tag,
    person_tags,
)
from app.models.directory import person_name
from app.models.training import LatestCompletion
from app.services.certificates import (
    CertificateStatus,
    Standing,
    last_lapsed_completion,
    standing,
)
from app.services.errors import FieldErrors, ValidationError
from app.services.permissions import Permission
from app.services.records import load
from app.services.settings import get_setting, set_settings
from app.services.workspace import Workspace

HOURS_TARGET = "training_hours_target"
HOURS_TAG = "training_hours_tag"
DEFAULT_HOURS_TARGET = 40.0
DEFAULT_HOURS_TAG = "officer"


@dataclass(frozen=True)
class RequirementRow:
    id: int
    course_id: int
    course: str
    tag: str
    mode: RequirementMode

    @property
    def describe(self) -> str:
        verb = "hold current" if self.mode is RequirementMode.KEEP_CURRENT else "complete once"
        return f"Everyone tagged “{self.tag}” must {verb}: {self.course}"


def add_requirement(ws: Workspace, course_id: int, tag: str, mode: RequirementMode) -> int:
    ws.require(Permission.EDIT)
    name = tag.strip()
    if not name:
        raise ValidationError.single("tag", "Name the tag, e.g. officer.")
    with ws.write() as action:
        session = action.session
        load(session, Course, course_id, "course")
        found = session.scalar(select(Tag).where(func.lower(Tag.name) == name.lower()))
        if found is None:
            raise ValidationError.single("tag", f"Nobody is tagged “{name}” yet.")
        if session.scalar(select(Requirement.id).where(
                Requirement.course_id == course_id, Requirement.tag_id == found.id)):
            raise ValidationError.single("tag", "This requirement exists already.")
        requirement = Requirement(course_id=course_id, tag_id=found.id, mode=mode)
        session.add(requirement)
        session.flush()
        return requirement.id


def remove_requirement(ws: Workspace, requirement_id: int) -> None:
    ws.require(Permission.EDIT)
    with ws.write() as action:
        action.session.delete(load(action.session, Requirement, requirement_id, "requirement"))


def _requirements_statement():  # type: ignore[no-untyped-def]
    return (
        select(Requirement.id, Course.id, Course.name, Tag.name, Requirement.mode)
        .join(Course, Course.id == Requirement.course_id)
        .join(Tag, Tag.id == Requirement.tag_id)
        .order_by(Course.name, Tag.name)
    )


def list_requirements(ws: Workspace) -> list[RequirementRow]:
    with ws.read() as session:
        return [RequirementRow(*row) for row in session.execute(_requirements_statement())]


# -- compliance ------------------------------------------------------------------------


class PersonStanding(NamedTuple):
    """One person's standing on one requirement (a tuple: reports hold tens of thousands)."""

    person_id: int
    name: str
    organization: str
    standing: Standing


class RequirementCompliance:
    """A requirement, how many of the people it applies to stand how, and those people.

    Made with its people (by status: never, expired, expiring, current; then by name), or
    by ``compliance_report`` with the counts and a way to list the people: thousands of
    rows a requirement, which the page reads one requirement at a time, so they are put
    together the first time they are asked for, and kept. Read-only.
    """

    __slots__ = ("requirement", "counts", "_people", "_list_people")

    def __init__(self, requirement: RequirementRow, people: Iterable[PersonStanding] = (), *,
                 counts: Mapping[CertificateStatus, int] | None = None,
                 list_people: Callable[[], tuple[PersonStanding, ...]] | None = None) -> None:
        self.requirement = requirement
        self._list_people = list_people
        self._people: tuple[PersonStanding, ...] | None = None
        if list_people is None:
            self._people = tuple(people)
            counts = Counter(p.standing.status for p in self._people)
        elif counts is None:
            raise TypeError("counts are needed with list_people")
        self.counts: Mapping[CertificateStatus, int] = counts

    def __repr__(self) -> str:
        return f"RequirementCompliance({self.requirement!r}, counts={dict(self.counts)!r})"

    @property
    def people(self) -> tuple[PersonStanding, ...]:
        """By status (never, expired, expiring, current), then by name."""
        if self._people is None:
            assert self._list_people is not None
            self._people = self._list_people()
            self._list_people = None
        return self._people

    @property
    def total(self) -> int:
        """How many people the requirement applies to."""
        return sum(self.counts.values())

    def count(self, status: CertificateStatus) -> int:
        return self.counts.get(status, 0)

    @property
    def compliant(self) -> int:
        return sum(n for status, n in self.counts.items() if status.compliant)

    @property
    def percent_compliant(self) -> int | None:
        """Whole percent compliant, rounded down: nobody reads 100% while someone is
        missing. None when the requirement applies to nobody."""
        total = self.total
        return self.compliant * 100 // total if total else None

    @property
    def percent_text(self) -> str:
        """"61%", "<1%" (some, but under one percent), "—" when it applies to nobody."""
        percent = self.percent_compliant
        if percent is None:
            return "—"
        return "<1%" if percent == 0 and self.compliant else f"{percent}%"

    @property
    def share_compliant(self) -> float | None:
        """Compliant share of the people it applies to; None when it applies to nobody."""
        total = self.total
        return self.compliant / total if total else None


@dataclass(frozen=True)
class ComplianceReport:
    today: date
    requirements: tuple[RequirementCompliance, ...]
    not_compliant: InitVar[int | None] = None  # known already (else counted from the people)
    people_not_compliant: int = field(init=False)  # people missing a requirement, each once

    def __post_init__(self, not_compliant: int | None) -> None:
        if not_compliant is None:
            not_compliant = len({p.person_id for item in self.requirements
                                 for p in item.people if not p.standing.status.compliant})
        object.__setattr__(self, "people_not_compliant", not_compliant)

    def non_compliant(self, requirement_id: int) -> list[int]:
        for item in self.requirements:
            if item.requirement.id == requirement_id:
                return [p.person_id for p in item.people if not p.standing.status.compliant]
        return []


STATUS_ORDER = {CertificateStatus.NEVER: 0, CertificateStatus.EXPIRED: 1,
                CertificateStatus.EXPIRING: 2, CertificateStatus.CURRENT: 3}


def compliance_report(ws: Workspace, today: date | None = None) -> ComplianceReport:
    """Every requirement with how the people it applies to stand.

    A few plain queries whatever the size: the requirements, who they apply to (by tag),
    those people's names, and their latest completion of each required course (kept by the
    database in latest_completions; Core rows, no ORM objects). Standings are computed
    once per distinct (completion, course rule) and shared; each requirement's counts come
    from its distinct completion dates, and its list of people is only put together when
    asked for (see RequirementCompliance).
    """
    today = today or date.today()
    required_tags = select(Requirement.tag_id)
    tagged = select(person_tags.c.person_id).where(person_tags.c.tag_id.in_(required_tags))
    with ws.read() as session:
        connection = session.connection()
        requirements = [  # (the row, its tag, validity and lead time), in the listed order
            (RequirementRow(requirement_id, course_id, course, tag, mode),
             tag_id, months, reminder)
            for requirement_id, course_id, course, tag, mode, tag_id, months, reminder
            in connection.execute(
                _requirements_statement().add_columns(
                    Requirement.tag_id, Course.validity_months, Course.reminder_days)
            ).all()
        ]
        members: dict[int, set[int]] = defaultdict(set)  # tag -> its people
        for tag_id, pid in connection.execute(
            select(person_tags.c.tag_id, person_tags.c.person_id)
            .where(person_tags.c.tag_id.in_(required_tags))
        ).all():
            members[tag_id].add(pid)
        people = {
            pid: (sort_name, person_name(first, last), organization)
            for pid, first, last, organization, sort_name in connection.execute(
                select(Person.id, Person.first_name, Person.last_name,
                       Person.organization_name, Person.sort_name)
                .where(Person.id.in_(tagged), Person.archived_at.is_(None))
            ).all()
        }
        # One row a person: the latest completion of each required course, in columns
        # (a tenth of the rows to fetch; the index on person and course keeps them grouped).
        courses = sorted({requirement.course_id for requirement, *_rest in requirements})
        column = {course_id: n for n, course_id in enumerate(courses, start=1)}
        latest = {row[0]: row for row in connection.execute(
            select(LatestCompletion.person_id, *(
                func.max(case((LatestCompletion.course_id == course_id,
                               LatestCompletion.completed_on)))
                for course_id in courses))
            .where(LatestCompletion.course_id.in_(courses),
                   LatestCompletion.person_id.in_(tagged))
            .group_by(LatestCompletion.person_id)
        ).all()} if courses else {}
    # Everyone in name order once; each tag's people keep that order (person ids differ,
    # so names never tie further).
    by_name = sorted(people, key=lambda pid: (people[pid][0], pid))
    names = {pid: (name, organization) for pid, (_sort, name, organization) in people.items()}
    in_order: dict[int, tuple[list[int], list[Sequence[date | None]]]] = {}
    nothing = (None,) * (len(column) + 1)  # someone who completed none of the courses
    standings: dict[tuple[object, ...], tuple[int, Standing]] = {}
    behind: set[int] = set()
    report = []
    for requirement, tag_id, months, reminder in requirements:
        if tag_id not in in_order:
            tag = members[tag_id]
            ordered = [pid for pid in by_name if pid in tag]
            in_order[tag_id] = ordered, [latest.get(pid, nothing) for pid in ordered]
        ordered, rows = in_order[tag_id]
        dates = list(map(itemgetter(column[requirement.course_id]), rows))
        once = requirement.mode is RequirementMode.COMPLETE_ONCE
        of_date: dict[date | None, tuple[int, Standing]] = {}
        counts: Counter[CertificateStatus] = Counter()
        for completed_on, n in Counter(dates).items():
            key = (completed_on, months, reminder, once)
            found = standings.get(key)
            if found is None:
                result = standing(completed_on, months, reminder, today, once=once)
                found = standings[key] = (STATUS_ORDER[result.status], result)
            of_date[completed_on] = found
            counts[found[1].status] += n
        missing = {d for d, (_order, result) in of_date.items() if not result.status.compliant}
        if missing:
            behind.update(pid for pid, d in zip(ordered, dates, strict=True) if d in missing)
        report.append(RequirementCompliance(requirement, counts=counts, list_people=partial(
            _people_by_status, ordered, dates, of_date, names)))
    return ComplianceReport(today, tuple(report), len(behind))


def _people_by_status(ordered: list[int], dates: list[date | None],
                      of_date: Mapping[date | None, tuple[int, Standing]],
                      names: Mapping[int, tuple[str, str]]) -> tuple[PersonStanding, ...]:
    """People (in name order) with their latest completion dates: by status, then name."""
    groups: tuple[list[PersonStanding], ...] = ([], [], [], [])
    for pid, completed_on in zip(ordered, dates, strict=True):
        order, result = of_date[completed_on]
        groups[order].append(PersonStanding(pid, *names[pid], result))
    return tuple(chain.from_iterable(groups))


def count_not_compliant(session: Session, today: date) -> int:
    """How many people (not archived) miss at least one requirement on ``today``: the
    report's ``people_not_compliant`` counted by the database alone, for the Dashboard.

    Per requirement, the people with its tag without a latest completion that holds: one
    still current today (certificates.last_lapsed_completion), or any when the course is
    one-time or the requirement asks for it once.
    """
    rules = session.execute(
        select(Requirement.course_id, Requirement.tag_id, Requirement.mode,
               Course.validity_months)
        .join(Course, Course.id == Requirement.course_id)
    ).all()
    missing = []
    for course_id, tag_id, mode, months in rules:
        holds = [LatestCompletion.person_id == person_tags.c.person_id,
                 LatestCompletion.course_id == course_id]
        if mode is RequirementMode.KEEP_CURRENT and months is not None:
            holds.append(LatestCompletion.completed_on > last_lapsed_completion(months, today))
        missing.append(select(person_tags.c.person_id).where(
            person_tags.c.tag_id == tag_id, ~select(LatestCompletion.person_id).where(
                *holds).exists()))
    if not missing:
        return 0
    anyone = (missing[0] if len(missing) == 1 else union(*missing)).subquery()
    return int(session.scalar(
        select(func.count()).select_from(anyone)
        .join(Person, Person.id == anyone.c.person_id)
        .where(Person.archived_at.is_(None))
    ) or 0)


# -- hours -----------------------------------------------------------------------------


@dataclass(frozen=True)
class HoursTarget:
    hours: float = DEFAULT_HOURS_TARGET
    tag: str = DEFAULT_HOURS_TAG  # who the target applies to


def hours_target(ws: Workspace) -> HoursTarget:
    try:
        hours = float(get_setting(ws, HOURS_TARGET, DEFAULT_HOURS_TARGET))
    except (TypeError, ValueError):
        hours = DEFAULT_HOURS_TARGET
    tag = str(get_setting(ws, HOURS_TAG, DEFAULT_HOURS_TAG) or DEFAULT_HOURS_TAG)
    return HoursTarget(hours, tag)


def set_hours_target(ws: Workspace, target: HoursTarget) -> None:
    errors = FieldErrors()
    errors.check(0 < target.hours <= 2000, "hours",
                 "The annual target is more than 0 and at most 2,000 hours.")
    errors.require("tag", target.tag, "The tag the target applies to")
    errors.raise_if_any()
    set_settings(ws, {HOURS_TARGET: target.hours, HOURS_TAG: target.tag.strip()})


@dataclass(frozen=True)
class PersonHours:
    person_id: int
    name: str
    organization: str
    hours: float
    target: float | None  # the annual target when the person carries its tag

    @property
    def below_target(self) -> bool:
        return self.target is not None and self.hours < self.target


@dataclass(frozen=True)
class OrganizationHours:
    organization_id: int
    name: str
    people: int  # people of it with any hours in the year
    hours: float


@dataclass(frozen=True)
class HoursReport:
    year: int
    target: HoursTarget
    people: tuple[PersonHours, ...]  # everyone with hours, plus everyone the target covers
    organizations: tuple[OrganizationHours, ...]

    @property
    def below_target(self) -> tuple[PersonHours, ...]:
        return tuple(p for p in self.people if p.below_target)


def hours_report(ws: Workspace, year: int) -> HoursReport:
    """Training hours credited per person and per organization in a calendar year.

    A person counts for each organization they belong to (once, whatever their roles).
    """
    target = hours_target(ws)
    in_year = (
        Enrollment.status == EnrollmentStatus.COMPLETED,
        Enrollment.completed_on.between(date(year, 1, 1), date(year, 12, 31)),
    )
    covered = (
        select(person_tags.c.person_id)
        .join(Tag, Tag.id == person_tags.c.tag_id)
        .where(func.lower(Tag.name) == target.tag.lower())
    )
    with ws.read() as session:
        connection = session.connection()
        hours = dict(connection.execute(
            select(Enrollment.person_id, func.sum(Enrollment.hours_credited))
            .where(*in_year).group_by(Enrollment.person_id)
        ).all())
        covered_ids = set(connection.execute(covered).scalars())
        rows = connection.execute(
            select(Person.id, Person.first_name, Person.last_name, Person.organization_name)
            .where(Person.id.in_(select(Enrollment.person_id).where(*in_year))
                   | Person.id.in_(covered), Person.archived_at.is_(None))
            .order_by(Person.sort_name, Person.id)
        ).all()
        members = connection.execute(
            select(Affiliation.person_id, Affiliation.organization_id, Organization.name)
            .join(Organization, Organization.id == Affiliation.organization_id)
            .where(Affiliation.person_id.in_(select(Enrollment.person_id).where(*in_year)))
            .distinct()
        ).all()
    by_organization: dict[int, tuple[str, set[int]]] = {}
    for person_id, organization_id, name in members:
        by_organization.setdefault(organization_id, (name, set()))[1].add(person_id)
    organizations = sorted(
        (OrganizationHours(oid, name, len(ids), float(sum(hours[p] or 0 for p in ids)))
         for oid, (name, ids) in by_organization.items()),
        key=lambda o: (-o.hours, o.name),
    )
    return HoursReport(
        year=year,
        target=target,
        people=tuple(
            PersonHours(pid, person_name(first, last), org, float(hours.get(pid) or 0.0),
                        target.hours if pid in covered_ids else None)
            for pid, first, last, org in rows
        ),
        organizations=tuple(organizations),
    )
