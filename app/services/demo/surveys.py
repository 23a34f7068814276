"""Demo surveys: community satisfaction (~80 responses) and partner self-assessment (~25),
built from the built-in templates (app.services.surveys.templates)."""

from __future__ import annotations

from datetime import timedelta

from app.models import (
    Survey,
    SurveyAnswer,
    SurveyFactor,
    SurveyQuestion,
    SurveyResponse,
)
from app.models.surveys import SCALE_MAX, SCALE_MIN
from app.services.demo.common import DemoContext, month_start
from app.services.surveys.templates import COMMUNITY, PARTNER, SurveyTemplate


def build_surveys(ctx: DemoContext) -> None:
    rng = ctx.rng
    opens = month_start(ctx.today, -7)
    community = _survey(
        f"Riverton Community Satisfaction Survey {opens.year}", COMMUNITY,
        "Mailed and online survey of residents, all neighborhoods.",
    )
    community.opens_on, community.closes_on = opens, opens + timedelta(days=45)
    partner = _survey(
        f"Partner Collaboration Self-Assessment {ctx.today.year}", PARTNER,
        "Annual self-assessment completed by each partner's representative.",
    )
    partner.opens_on = month_start(ctx.today, -3)
    partner.closes_on = partner.opens_on + timedelta(days=30)
    ctx.session.add_all([community, partner])
    ctx.session.flush()
    _questions(community, COMMUNITY)
    _questions(partner, PARTNER)
    ctx.session.flush()

    areas = list(ctx.areas.values())
    for number in range(1, 81):
        response = SurveyResponse(
            survey_id=community.id,
            responded_on=opens + timedelta(days=rng.randint(0, 45)),
            respondent_ref=f"R-{number:03d} ({rng.choice(areas).name})",
        )
        _answer(ctx, response, community, rng.gauss(3.3, 0.7))
    partner_orgs = [p.organization for i in ctx.initiatives.values() for p in i.partners]
    unique_orgs = list(dict.fromkeys(partner_orgs))
    for number, org in enumerate((unique_orgs * 2)[:25], start=1):
        response = SurveyResponse(
            survey_id=partner.id,
            responded_on=partner.opens_on + timedelta(days=rng.randint(0, 30)),
            respondent_ref=f"P-{number:02d}",
            organization_id=org.id,
        )
        _answer(ctx, response, partner, rng.gauss(3.8, 0.5))


def _survey(name: str, spec: SurveyTemplate, description: str) -> Survey:
    """A survey built from one of the built-in templates (what "New survey" offers)."""
    survey = Survey(name=name, kind=spec.kind, description=description)
    survey.factors = [SurveyFactor(position=i, name=f.name) for i, f in enumerate(spec.factors)]
    return survey


def _questions(survey: Survey, spec: SurveyTemplate) -> None:
    """Questions point at their factor by id."""
    position = 0
    for factor, factor_spec in zip(survey.factors, spec.factors, strict=True):
        for question in factor_spec.questions:
            survey.questions.append(SurveyQuestion(
                factor_id=factor.id, position=position, text=question.text,
                reverse_scored=question.reverse))
            position += 1


def _answer(ctx: DemoContext, response: SurveyResponse, survey: Survey, attitude: float) -> None:
    rng = ctx.rng
    for question in survey.questions:
        if rng.random() < 0.04:
            continue  # left blank
        score = attitude + rng.gauss(0, 0.8)
        if question.reverse_scored:
            score = SCALE_MAX + SCALE_MIN - score
        value = min(SCALE_MAX, max(SCALE_MIN, round(score)))
        response.answers.append(SurveyAnswer(question_id=question.id, value=value))
    ctx.session.add(response)
