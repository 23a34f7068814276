"""Survey definitions: templates, saving factors and questions whole, removal rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from app.models import AuditEntry, Survey, SurveyAnswer, SurveyKind
from app.services.errors import ConflictError, ValidationError
from app.services.surveys.definitions import (
    FactorInput,
    QuestionInput,
    SurveyInput,
    create_from_template,
    create_survey,
    delete_survey,
    survey_form,
    update_survey,
)
from app.services.surveys.responses import ResponseInput, create_response
from app.services.surveys.templates import COMMUNITY, PARTNER, TEMPLATES
from app.services.workspace import Workspace


def small() -> SurveyInput:
    return SurveyInput(
        name="Block party feedback", kind=SurveyKind.CUSTOM,
        factors=(
            FactorInput("Safety", (QuestionInput("I feel safe."),
                                   QuestionInput("I avoid the park.", True))),
            FactorInput("Trust", (QuestionInput("Officers listen."),)),
        ),
        opens_on=date(2025, 5, 1), closes_on=date(2025, 5, 31),
    )


def test_templates_cover_the_issue_factors() -> None:
    partner = [f.name for f in PARTNER.factors]
    for wanted in ("Shared vision", "Trust and respect", "Clear roles", "Communication",
                   "Resources"):
        assert wanted in partner
    assert set(TEMPLATES) == {"community", "partner"}
    assert any(q.reverse for f in COMMUNITY.factors for q in f.questions)


def test_a_template_becomes_a_survey_with_its_factors(ws: Workspace) -> None:
    survey_id = create_from_template(ws, "partner", "Self-assessment 2025")
    form = survey_form(ws, survey_id)
    assert form.data.name == "Self-assessment 2025"
    assert form.data.kind is SurveyKind.PARTNER_COLLABORATION
    assert [f.name for f in form.data.factors] == [f.name for f in PARTNER.factors]
    assert [[(q.text, q.reverse_scored) for q in f.questions] for f in form.data.factors] == [
        [(q.text, q.reverse) for q in f.questions] for f in PARTNER.factors]
    with ws.read() as session:
        audited = session.scalars(select(AuditEntry.entity).where(
            AuditEntry.entity == "survey_questions")).all()
    assert len(audited) == PARTNER.question_count


def test_refusals_name_their_fields(ws: Workspace) -> None:
    bad = replace(small(), name="  ", closes_on=date(2025, 4, 1), factors=(
        FactorInput("Safety", (QuestionInput(""),)), FactorInput("safety ", ())))
    with pytest.raises(ValidationError) as caught:
        create_survey(ws, bad)
    assert set(caught.value.errors) == {"name", "closes_on", "factors", "questions"}
    with pytest.raises(ValidationError) as caught:
        create_survey(ws, replace(small(), factors=()))
    assert "factors" in caught.value.errors
    with ws.read() as session:
        assert session.scalar(select(func.count()).select_from(Survey)) == 0


def test_edit_keeps_answers_by_id_and_guards_answered_questions(ws: Workspace) -> None:
    survey_id = create_survey(ws, small())
    form = survey_form(ws, survey_id)
    safe, avoid = form.data.factors[0].questions
    trust = form.data.factors[1].questions[0]
    create_response(ws, survey_id, ResponseInput({safe.id: 4, trust.id: 2}))
    # Rename a question, swap the factor names, move "avoid" to the other factor.
    renamed = replace(safe, text="I feel safe at night.")
    data = replace(form.data, factors=(
        FactorInput("Trust", (renamed,), form.data.factors[0].id),
        FactorInput("Safety", (trust, avoid), form.data.factors[1].id),
    ))
    update_survey(ws, survey_id, form.version, data)
    again = survey_form(ws, survey_id)
    assert [f.name for f in again.data.factors] == ["Trust", "Safety"]
    assert again.data.factors[0].questions[0].id == safe.id
    assert again.data.factors[0].questions[0].text == "I feel safe at night."
    assert again.answers_by_question == {safe.id: 1, trust.id: 1}
    # A stale version is refused.
    with pytest.raises(ConflictError):
        update_survey(ws, survey_id, form.version, data)
    # Removing an answered question needs confirmation; unanswered goes freely.
    without = replace(again.data, factors=(
        again.data.factors[0], replace(again.data.factors[1], questions=(avoid,))))
    with pytest.raises(ValidationError) as caught:
        update_survey(ws, survey_id, again.version, without)
    assert "1 answer" in caught.value.errors["questions"]
    update_survey(ws, survey_id, again.version, without, remove_answered=True)
    with ws.read() as session:
        assert session.scalar(select(func.count()).select_from(SurveyAnswer)) == 1


def test_deleting_a_survey_with_responses_needs_confirmation(ws: Workspace) -> None:
    survey_id = create_survey(ws, small())
    question = survey_form(ws, survey_id).data.factors[0].questions[0]
    create_response(ws, survey_id, ResponseInput({question.id: 5}))
    with pytest.raises(ValidationError):
        delete_survey(ws, survey_id)
    delete_survey(ws, survey_id, delete_responses=True)
    with ws.read() as session:
        assert session.scalar(select(func.count()).select_from(Survey)) == 0
        assert session.scalar(select(func.count()).select_from(SurveyAnswer)) == 0
