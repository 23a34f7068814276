"""Enter, edit and delete one survey response (a paper form typed in, say).

Answers are stored as the respondent gave them (1-5); reversing negatively worded
questions happens when results are computed. A question left blank has no answer row:
it is "no answer", never 0. An edit is saved against the version its form loaded: a
response someone else changed meanwhile (its answers too) is not overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, selectinload

from app.models import (
    AuditAction,
    ImportBatch,
    Organization,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    utcnow,
)
from app.models.surveys import SCALE_MAX, SCALE_MIN
from app.services.errors import FieldErrors
from app.services.pages import Page
from app.services.permissions import Permission
from app.services.records import expect_version, load
from app.services.workspace import Workspace

LABEL = "survey response"
REF_LENGTH = 100


@dataclass(frozen=True)
class ResponseInput:
    answers: Mapping[int, int] = field(default_factory=dict)  # question id -> 1..5
    responded_on: date | None = None
    respondent_ref: str = ""
    organization_id: int | None = None


@dataclass(frozen=True)
class ResponseForm:
    id: int
    survey_id: int
    data: ResponseInput
    imported: bool
    version: int  # to save against


@dataclass(frozen=True)
class ResponseRow:
    id: int
    responded_on: date | None
    respondent_ref: str
    organization: str
    answers: int
    imported: bool
    import_batch_id: int | None = None
    source: str = ""  # the imported file's name; "" for a response entered by hand


def _validated(session: Session, survey_id: int, data: ResponseInput) -> ResponseInput:
    errors = FieldErrors()
    questions = set(session.scalars(
        select(SurveyQuestion.id).where(SurveyQuestion.survey_id == survey_id)))
    answers = {int(q): v for q, v in data.answers.items() if v is not None}
    for question_id, value in answers.items():
        errors.check(question_id in questions, "answers",
                     "An answer is for a question that is no longer in this survey; "
                     "reload the survey.")
        errors.check(isinstance(value, int) and SCALE_MIN <= value <= SCALE_MAX,
                     f"answer_{question_id}", f"Answers run from {SCALE_MIN} to {SCALE_MAX}.")
    errors.check(bool(answers), "answers", "Answer at least one question.")
    ref = data.respondent_ref.strip()
    errors.check(len(ref) <= REF_LENGTH, "respondent_ref", f"At most {REF_LENGTH} characters.")
    if data.organization_id is not None:
        errors.check(session.get(Organization, data.organization_id) is not None,
                     "organization_id", "This organization no longer exists.")
    errors.raise_if_any()
    return ResponseInput(answers, data.responded_on, ref, data.organization_id)


def create_response(ws: Workspace, survey_id: int, data: ResponseInput) -> int:
    ws.require(Permission.EDIT, LABEL)
    with ws.write() as action:
        session = action.session
        load(session, Survey, survey_id, "survey")
        clean = _validated(session, survey_id, data)
        response = SurveyResponse(
            survey_id=survey_id, responded_on=clean.responded_on,
            respondent_ref=clean.respondent_ref, organization_id=clean.organization_id,
            answers=[SurveyAnswer(question_id=q, value=v) for q, v in clean.answers.items()],
        )
        session.add(response)
        session.flush()
        action.announce("surveys", {survey_id})
        return response.id


def update_response(ws: Workspace, response_id: int, data: ResponseInput,
                    version: int) -> None:
    """Save ``data`` over the response, refused (ConflictError) if it is no longer at
    ``version``, the version :func:`response_form` gave."""
    ws.require(Permission.EDIT, LABEL)
    with ws.write() as action:
        session = action.session
        response = load(session, SurveyResponse, response_id, LABEL,
                        [selectinload(SurveyResponse.answers)])
        expect_version(response, version, LABEL)
        clean = _validated(session, response.survey_id, data)
        # Always an UPDATE of the response's row, even when only answers change, so that
        # the version moves on and a second editor's stale form is refused.
        response.updated_at = utcnow()
        response.responded_on = clean.responded_on
        response.respondent_ref = clean.respondent_ref
        response.organization_id = clean.organization_id
        current = {a.question_id: a for a in response.answers}
        changed = {str(q): [a.value, clean.answers.get(q)] for q, a in current.items()
                   if a.value != clean.answers.get(q)}
        changed |= {str(q): [None, v] for q, v in clean.answers.items() if q not in current}
        for question_id, answer in current.items():
            if question_id not in clean.answers:
                response.answers.remove(answer)
        for question_id, value in clean.answers.items():
            if question_id in current:
                current[question_id].value = value
            else:
                response.answers.append(SurveyAnswer(question_id=question_id, value=value))
        if changed:
            # Answers are rows of their own (audited without the response's id): this
            # entry says which response they belong to, and who changed it when.
            action.audit(AuditAction.UPDATE, "survey_responses", response.id,
                         {"answers": changed}, "Changed answers")
        action.announce("surveys", {response.survey_id})


def delete_response(ws: Workspace, response_id: int) -> None:
    ws.require(Permission.EDIT, LABEL)
    with ws.write() as action:
        response = load(action.session, SurveyResponse, response_id, LABEL)
        action.announce("surveys", {response.survey_id})
        action.session.delete(response)


def response_form(ws: Workspace, response_id: int) -> ResponseForm:
    with ws.read() as session:
        response = load(session, SurveyResponse, response_id, LABEL,
                        [selectinload(SurveyResponse.answers)])
        data = ResponseInput({a.question_id: a.value for a in response.answers},
                             response.responded_on, response.respondent_ref,
                             response.organization_id)
        return ResponseForm(response.id, response.survey_id, data,
                            response.import_batch_id is not None, response.version)


# Sort keys of :func:`response_page`: each orders by its column, then newest first.
SORTS: dict[str, tuple[Any, ...]] = {
    "date": (SurveyResponse.responded_on,),
    "ref": (SurveyResponse.respondent_ref,),
    "organization": (Organization.name,),
    "source": (ImportBatch.source_name,),
}


def _rows_query(survey_id: int) -> Select[Any]:
    answered = (
        select(SurveyAnswer.response_id, func.count().label("n"))
        .group_by(SurveyAnswer.response_id).subquery()
    )
    return (
        select(SurveyResponse.id, SurveyResponse.responded_on,
               SurveyResponse.respondent_ref, Organization.name,
               func.coalesce(answered.c.n, 0), SurveyResponse.import_batch_id,
               ImportBatch.source_name)
        .outerjoin(Organization, Organization.id == SurveyResponse.organization_id)
        .outerjoin(ImportBatch, ImportBatch.id == SurveyResponse.import_batch_id)
        .outerjoin(answered, answered.c.response_id == SurveyResponse.id)
        .where(SurveyResponse.survey_id == survey_id)
    )


def _row(r: Any) -> ResponseRow:
    rid, day, ref, org, n, batch, source = r
    return ResponseRow(rid, day, ref, org or "", n, batch is not None, batch, source or "")


def _newest_first() -> tuple[Any, ...]:
    return (SurveyResponse.responded_on.desc().nulls_last(), SurveyResponse.id.desc())


def list_responses(ws: Workspace, survey_id: int) -> list[ResponseRow]:
    """The survey's responses, newest first (undated last)."""
    with ws.read() as session:
        rows = session.execute(_rows_query(survey_id).order_by(*_newest_first()))
        return [_row(r) for r in rows]


def response_page(ws: Workspace, survey_id: int, search: str = "", offset: int = 0,
                  limit: int = 200, sort: str = "date", descending: bool = True,
                  ) -> Page[ResponseRow]:
    """One page of the survey's responses whose respondent reference contains ``search``
    (any case), sorted by ``sort`` (a key of SORTS); ``total`` counts every match.

    Ties (and undated responses, always last) fall back to newest first.
    """
    where: list[ColumnElement[bool]] = [SurveyResponse.survey_id == survey_id]
    text = search.strip()
    if text:
        where.append(SurveyResponse.respondent_ref.icontains(text, autoescape=True))
    keys = SORTS.get(sort, SORTS["date"])
    order = [(k.desc() if descending else k.asc()).nulls_last() for k in keys]
    statement = (_rows_query(survey_id).where(*where[1:])
                 .order_by(*order, *_newest_first()).offset(offset).limit(limit))
    with ws.read() as session:
        total = session.scalar(select(func.count(SurveyResponse.id)).where(*where)) or 0
        rows = [_row(r) for r in session.execute(statement)]
    return Page(rows=rows, offset=offset, total=total)
