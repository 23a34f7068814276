"""Create, edit and delete a survey: its details, factors and questions saved whole.

The editor hands back the complete survey (``SurveyInput``); saving matches factors and
questions by id, so a renamed question keeps its answers. Removing a question that has
answers is refused unless the caller confirms it (``remove_answered=True``): its answers
go with it and every figure computed from them changes. Deleting a survey that has
responses likewise needs ``delete_responses=True`` and the delete permission.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.models import (
    Initiative,
    Survey,
    SurveyAnswer,
    SurveyFactor,
    SurveyKind,
    SurveyQuestion,
    SurveyResponse,
)
from app.models.base import NAME_LENGTH, utcnow
from app.services.errors import FieldErrors, ValidationError
from app.services.permissions import Permission
from app.services.records import expect_version, load
from app.services.surveys.templates import SurveyTemplate, template
from app.services.workspace import Workspace

LABEL = "survey"
FACTOR_NAME_LENGTH = 200


@dataclass(frozen=True)
class QuestionInput:
    text: str
    reverse_scored: bool = False
    id: int | None = None  # None: a new question


@dataclass(frozen=True)
class FactorInput:
    name: str
    questions: tuple[QuestionInput, ...]
    id: int | None = None  # None: a new factor


@dataclass(frozen=True)
class SurveyInput:
    name: str
    kind: SurveyKind
    factors: tuple[FactorInput, ...]
    description: str = ""
    initiative_id: int | None = None
    area_id: int | None = None
    opens_on: date | None = None
    closes_on: date | None = None


@dataclass(frozen=True)
class SurveyForm:
    """What the editor loads: the values, the version saved against, and which questions
    have answers (so it can warn before removing them)."""

    id: int
    version: int
    data: SurveyInput
    responses: int
    answers_by_question: dict[int, int]


def template_input(key: str, name: str | None = None) -> SurveyInput:
    """A new survey's values from a built-in template (nothing saved yet)."""
    return input_from_template(template(key), name)


def input_from_template(spec: SurveyTemplate, name: str | None = None) -> SurveyInput:
    factors = tuple(
        FactorInput(f.name, tuple(QuestionInput(q.text, q.reverse) for q in f.questions))
        for f in spec.factors
    )
    return SurveyInput(name=name or spec.name, kind=spec.kind, factors=factors,
                       description=spec.description)


def validated(session: Session, data: SurveyInput) -> SurveyInput:
    errors = FieldErrors()
    name = " ".join(data.name.split())
    errors.require("name", name, "Name")
    errors.check(len(name) <= NAME_LENGTH, "name", f"At most {NAME_LENGTH} characters.")
    if data.opens_on and data.closes_on:
        errors.check(data.closes_on >= data.opens_on, "closes_on",
                     "The survey cannot close before it opens.")
    if data.initiative_id is not None:
        errors.check(session.get(Initiative, data.initiative_id) is not None, "initiative_id",
                     "This initiative no longer exists.")
    factors: list[FactorInput] = []
    seen: set[str] = set()
    for number, factor in enumerate(data.factors, start=1):
        fname = " ".join(factor.name.split())
        if not fname:
            errors.add("factors", f"Factor {number} needs a name.")
        elif fname.casefold() in seen:
            errors.add("factors", f"Two factors are called “{fname}”; give each its own name.")
        elif len(fname) > FACTOR_NAME_LENGTH:
            errors.add("factors", f"Factor “{fname[:40]}…” has a name over "
                                  f"{FACTOR_NAME_LENGTH} characters.")
        seen.add(fname.casefold())
        questions = tuple(replace(q, text=q.text.strip()) for q in factor.questions)
        if not questions:
            errors.add("questions", f"Factor “{fname or number}” has no questions; add one "
                                    "or remove the factor.")
        if any(not q.text for q in questions):
            errors.add("questions", f"A question in “{fname or number}” has no text.")
        factors.append(replace(factor, name=fname, questions=questions))
    if not factors:
        errors.add("factors", "Add at least one factor with its questions.")
    errors.raise_if_any()
    return replace(data, name=name, description=data.description.strip(),
                   factors=tuple(factors))


def create_survey(ws: Workspace, data: SurveyInput) -> int:
    ws.require(Permission.EDIT, LABEL)
    with ws.write() as action:
        session = action.session
        clean = validated(session, data)
        survey = Survey(name=clean.name, kind=clean.kind)
        _apply_details(survey, clean)
        session.add(survey)
        session.flush()
        _save_structure(session, survey, clean, set())
        return survey.id


def create_from_template(ws: Workspace, key: str, name: str | None = None,
                         initiative_id: int | None = None) -> int:
    data = replace(template_input(key, name), initiative_id=initiative_id)
    return create_survey(ws, data)


def survey_form(ws: Workspace, survey_id: int) -> SurveyForm:
    with ws.read() as session:
        survey = load(session, Survey, survey_id, LABEL,
                      [selectinload(Survey.factors), selectinload(Survey.questions)])
        by_factor: dict[int | None, list[SurveyQuestion]] = {}
        for question in survey.questions:
            by_factor.setdefault(question.factor_id, []).append(question)
        factors = [
            FactorInput(f.name, tuple(QuestionInput(q.text, q.reverse_scored, q.id)
                                      for q in by_factor.get(f.id, [])), f.id)
            for f in survey.factors
        ]
        if by_factor.get(None):  # questions whose factor was removed outside the editor
            factors.append(FactorInput("(no factor)", tuple(
                QuestionInput(q.text, q.reverse_scored, q.id) for q in by_factor[None])))
        data = SurveyInput(
            name=survey.name, kind=survey.kind, factors=tuple(factors),
            description=survey.description, initiative_id=survey.initiative_id,
            area_id=survey.area_id, opens_on=survey.opens_on, closes_on=survey.closes_on,
        )
        return SurveyForm(survey.id, survey.version, data, _responses(session, survey_id),
                          _answers_by_question(session, survey_id))


def update_survey(ws: Workspace, survey_id: int, version: int, data: SurveyInput, *,
                  remove_answered: bool = False) -> None:
    ws.require(Permission.EDIT, LABEL)
    with ws.write() as action:
        session = action.session
        survey = load(session, Survey, survey_id, LABEL,
                      [selectinload(Survey.factors), selectinload(Survey.questions)])
        expect_version(survey, version, LABEL)
        clean = validated(session, data)
        kept = {q.id for f in clean.factors for q in f.questions if q.id is not None}
        removed = [q for q in survey.questions if q.id not in kept]
        answered = _answers_by_question(session, survey_id)
        lost = sum(answered.get(q.id, 0) for q in removed)
        if lost and not remove_answered:
            names = "; ".join(f"“{q.text[:60]}”" for q in removed if answered.get(q.id))
            raise ValidationError.single(
                "questions",
                f"Removing {names} would delete {lost:,} answer{'s' * (lost != 1)} and change "
                "the survey's results. Confirm the removal to go ahead.",
            )
        _apply_details(survey, clean)
        _save_structure(session, survey, clean, {q.id for q in survey.questions})
        survey.updated_at = utcnow()  # every save bumps the version, questions only too


def delete_survey(ws: Workspace, survey_id: int, *, delete_responses: bool = False) -> None:
    ws.require(Permission.EDIT, LABEL)
    with ws.read() as session:
        responses = _responses(session, survey_id)
    if responses:
        if not delete_responses:
            raise ValidationError.single(
                "", f"This survey has {responses:,} response{'s' * (responses != 1)}; "
                    "deleting it deletes them too. Confirm to go ahead.")
        ws.require(Permission.DELETE_PERMANENTLY, LABEL)
    with ws.write() as action:
        survey = load(action.session, Survey, survey_id, LABEL)
        action.session.delete(survey)


def _apply_details(survey: Survey, data: SurveyInput) -> None:
    survey.name = data.name
    survey.kind = data.kind
    survey.description = data.description
    survey.initiative_id = data.initiative_id
    survey.area_id = data.area_id
    survey.opens_on = data.opens_on
    survey.closes_on = data.closes_on


def _save_structure(session: Session, survey: Survey, data: SurveyInput,
                    existing_questions: set[int]) -> None:
    """Factors and questions as given, in the given order; matched by id."""
    old_factors = {f.id: f for f in survey.factors}
    old_questions = {q.id: q for q in survey.questions}
    wanted_factor_ids = {f.id for f in data.factors if f.id in old_factors}
    # A name moving from one kept factor to another (a swap) is freed first: the
    # (survey, name) unique constraint is checked row by row.
    new_names = {f.name.casefold(): f.id for f in data.factors}
    for factor_id, factor in old_factors.items():
        taker = new_names.get(factor.name.casefold(), factor_id)
        if factor_id in wanted_factor_ids and taker != factor_id:
            factor.name = f"(renaming {factor_id})"
    for factor_id in set(old_factors) - wanted_factor_ids:
        survey.factors.remove(old_factors[factor_id])
    session.flush()
    factors: list[SurveyFactor] = []
    for position, spec in enumerate(data.factors):
        factor = old_factors.get(spec.id) if spec.id is not None else None
        if factor is None:
            factor = SurveyFactor(name=spec.name, position=position)
            survey.factors.append(factor)
        factor.name, factor.position = spec.name, position
        factors.append(factor)
    session.flush()
    wanted = {q.id for f in data.factors for q in f.questions if q.id in existing_questions}
    for question_id in set(old_questions) - wanted:
        survey.questions.remove(old_questions[question_id])
    position = 0
    for factor, spec in zip(factors, data.factors, strict=True):
        for qspec in spec.questions:
            question = old_questions.get(qspec.id) if qspec.id in wanted else None
            if question is None:
                question = SurveyQuestion(text=qspec.text)
                survey.questions.append(question)
            question.text = qspec.text
            question.reverse_scored = qspec.reverse_scored
            question.factor_id = factor.id
            question.position = position
            position += 1
    survey.factors.sort(key=lambda f: f.position)
    survey.questions.sort(key=lambda q: q.position)
    session.flush()


def _responses(session: Session, survey_id: int) -> int:
    return session.scalar(select(func.count()).select_from(SurveyResponse).where(
        SurveyResponse.survey_id == survey_id)) or 0


def _answers_by_question(session: Session, survey_id: int) -> dict[int, int]:
    rows = session.execute(
        select(SurveyAnswer.question_id, func.count())
        .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
        .where(SurveyQuestion.survey_id == survey_id)
        .group_by(SurveyAnswer.question_id)
    )
    return {qid: count for qid, count in rows}
