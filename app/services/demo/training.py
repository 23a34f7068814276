"""Demo training: courses, requirements by tag, 20 sessions with enrollments.

Sessions are placed so that some certificates are current, several expire within the
next 60 days and some have already expired.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from app.models import (
    Course,
    CourseCategory,
    Enrollment,
    EnrollmentStatus,
    Person,
    Requirement,
    RequirementMode,
    TrainingSession,
)
from app.services.demo.common import ANALYST, CIT_CLINICIAN, LIAISON, DemoContext, local_time
from app.services.demo.names import SPECIAL_PEOPLE

# key, name, category, hours, validity in months (None: one-time)
COURSES = (
    ("deesc", "De-escalation Fundamentals", CourseCategory.DE_ESCALATION, 8.0, 24),
    ("cit", "Crisis Intervention Team (CIT) 40-Hour Course",
     CourseCategory.CRISIS_INTERVENTION, 40.0, 36),
    ("mhfa", "Mental Health First Aid", CourseCategory.CRISIS_INTERVENTION, 8.0, 36),
    ("culture", "Cultural Competency and Implicit Bias",
     CourseCategory.CULTURAL_COMPETENCY, 4.0, 12),
    ("cpted", "CPTED Principles for Partners", CourseCategory.CPTED, 16.0, None),
    ("analysis", "Crime Analysis for Community Partners", CourseCategory.CRIME_ANALYSIS,
     6.0, None),
    ("engage", "Procedural Justice and Community Engagement",
     CourseCategory.COMMUNITY_ENGAGEMENT, 4.0, 24),
    ("mentor", "Youth Mentor Orientation", CourseCategory.OTHER, 3.0, None),
)
# tag, course key, mode
REQUIREMENTS = (
    ("officer", "deesc", RequirementMode.KEEP_CURRENT),
    ("officer", "culture", RequirementMode.KEEP_CURRENT),
    ("crisis intervention team", "cit", RequirementMode.KEEP_CURRENT),
    ("school resource officer", "mhfa", RequirementMode.KEEP_CURRENT),
    ("block captain", "cpted", RequirementMode.COMPLETE_ONCE),
    ("youth mentor", "mentor", RequirementMode.COMPLETE_ONCE),
)
# course key, days from today, provider org key, location
SESSIONS = (
    ("deesc", -760, "rpd", "Riverton PD Training Room"),
    ("deesc", -700, "rpd", "Riverton PD Training Room"),
    ("deesc", -400, "rpd", "Riverton PD Training Room"),
    ("deesc", -120, "rpd", "Riverton PD Training Room"),
    ("deesc", 21, "rpd", "Riverton PD Training Room"),
    ("deesc", 75, "rpd", "Riverton PD Training Room"),
    ("culture", -420, "rcc", "Riverton Community College, Room 114"),
    ("culture", -340, "rcc", "Riverton Community College, Room 114"),
    ("culture", -150, "rcc", "Riverton Community College, Room 114"),
    ("culture", 35, "rcc", "Riverton Community College, Room 114"),
    ("cit", -1050, "rbhc", "Riverton Behavioral Health Center"),
    ("cit", -500, "rbhc", "Riverton Behavioral Health Center"),
    ("cit", 50, "rbhc", "Riverton Behavioral Health Center"),
    ("mhfa", -200, "rbhc", "Riverton Behavioral Health Center"),
    ("cpted", -600, "code", "City Hall, Council Chambers"),
    ("cpted", 90, "code", "City Hall, Council Chambers"),
    ("analysis", -300, "rpd", "Riverton Public Library, Community Room B"),
    ("engage", -250, "rpd", "Riverton PD Training Room"),
    ("mentor", -180, "bbbs", "Big Brothers Big Sisters office"),
    ("mentor", 14, "bbbs", "Big Brothers Big Sisters office"),
)


def build_training(ctx: DemoContext) -> None:
    courses = {
        key: Course(name=name, category=category, default_hours=hours,
                    validity_months=validity, reminder_days=60 if validity else 30)
        for key, name, category, hours, validity in COURSES
    }
    ctx.session.add_all(courses.values())
    for tag, key, mode in REQUIREMENTS:
        ctx.session.add(Requirement(course=courses[key], tag=ctx.tags[tag], mode=mode))
    sessions = [_session(ctx, courses[key], offset, provider, place)
                for key, offset, provider, place in SESSIONS]
    ctx.session.add_all(sessions)
    _enroll_all(ctx, {(k, o): s for (k, o, _p, _l), s in zip(SESSIONS, sessions, strict=True)})


def _weekday(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def _session(
    ctx: DemoContext, course: Course, offset: int, provider: str, location: str
) -> TrainingSession:
    day = _weekday(ctx.today + timedelta(days=offset))
    trainer = {"deesc": ctx.people[LIAISON], "cit": ctx.people[CIT_CLINICIAN]}.get(_key(course))
    return TrainingSession(
        course=course,
        starts_at=local_time(day, 9),
        days=math.ceil(course.default_hours / 8),
        hours=course.default_hours,
        trainer=trainer,
        trainer_name=trainer.full_name if trainer else ctx.rng.choice(
            ["Dr. Keisha Brooks", "Tom Albrecht, CPTED Institute", "Prof. Ana Reyes"]),
        provider=ctx.organizations[provider],
        location=location,
        capacity=30 if course.default_hours < 40 else 24,
    )


def _key(course: Course) -> str:
    return next(key for key, name, *_rest in COURSES if name == course.name)


def _enroll_all(ctx: DemoContext, sessions: dict[tuple[str, int], TrainingSession]) -> None:
    rng = ctx.rng
    officers = ctx.tagged("officer")
    rng.shuffle(officers)
    quarter = math.ceil(len(officers) / 4)
    groups = [officers[i * quarter:(i + 1) * quarter] for i in range(4)]
    for group, offset in zip(groups, (-760, -700, -400, -120), strict=True):
        _enroll(ctx, sessions["deesc", offset], group)
    _enroll(ctx, sessions["deesc", 21], groups[0][: len(groups[0]) // 2] + groups[1][:3])
    _enroll(ctx, sessions["deesc", 75], groups[1][3:])

    partners = ctx.tagged("mental health clinician") + ctx.tagged("faith leader")
    third = math.ceil(len(officers) / 3)
    for index, offset in enumerate((-420, -340, -150)):
        extra = partners[index::3]
        _enroll(ctx, sessions["culture", offset], officers[index * third:(index + 1) * third]
                + extra)
    _enroll(ctx, sessions["culture", 35], officers[: third // 2] + officers[third:third + 3])

    cit = ctx.tagged("crisis intervention team")
    _enroll(ctx, sessions["cit", -1050], cit[: len(cit) // 3])
    _enroll(ctx, sessions["cit", -500], cit[len(cit) // 3: 2 * len(cit) // 3])
    _enroll(ctx, sessions["cit", 50], cit[2 * len(cit) // 3:] + cit[:2])

    _enroll(ctx, sessions["mhfa", -200], ctx.tagged("school resource officer")
            + ctx.tagged("faith leader") + ctx.staff("rhs") + ctx.staff("eastms"))
    captains = ctx.tagged("block captain")
    _enroll(ctx, sessions["cpted", -600], captains[::2] + ctx.staff("code"))
    _enroll(ctx, sessions["cpted", 90], captains[1::2])
    _enroll(ctx, sessions["analysis", -300],
            [ctx.people[ANALYST]] + rng.sample(ctx.people[len(SPECIAL_PEOPLE):], 14))
    _enroll(ctx, sessions["engage", -250], rng.sample(officers, 10) + rng.sample(partners, 4))
    mentors = ctx.tagged("youth mentor")
    _enroll(ctx, sessions["mentor", -180], mentors[: len(mentors) // 2 + 1])
    _enroll(ctx, sessions["mentor", 14], mentors[len(mentors) // 2 + 1:])


def _enroll(ctx: DemoContext, session: TrainingSession, people: list[Person]) -> None:
    rng = ctx.rng
    start = session.starts_at.astimezone().date()
    past = start < ctx.today
    seen: set[int] = set()
    for index, person in enumerate(people):
        if id(person) in seen:
            continue
        seen.add(id(person))
        enrollment = Enrollment(person=person)
        if past:
            roll = rng.random()
            if index == 0 or roll < 0.88:
                enrollment.status = EnrollmentStatus.COMPLETED
                enrollment.completed_on = start + timedelta(days=session.days - 1)
                enrollment.hours_credited = session.hours
            else:
                enrollment.status = (
                    EnrollmentStatus.NO_SHOW if roll < 0.95 else EnrollmentStatus.CANCELLED
                )
        else:
            full = session.capacity is not None and len(seen) > session.capacity
            enrollment.status = EnrollmentStatus.WAITLISTED if full else EnrollmentStatus.ENROLLED
        session.enrollments.append(enrollment)
