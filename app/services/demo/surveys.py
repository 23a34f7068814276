"""Demo surveys: community satisfaction (~80 responses) and partner self-assessment (~25)."""

from __future__ import annotations

from datetime import timedelta

from app.models import (
    Survey,
    SurveyAnswer,
    SurveyFactor,
    SurveyKind,
    SurveyQuestion,
    SurveyResponse,
)
from app.models.surveys import SCALE_MAX, SCALE_MIN
from app.services.demo.common import DemoContext, month_start

# factor -> [(question, reverse scored)]
COMMUNITY: dict[str, list[tuple[str, bool]]] = {
    "Trust in police": [
        ("Police in my neighborhood treat people fairly.", False),
        ("I would feel comfortable reporting a crime to the police.", False),
        ("Police officers here do not listen to residents.", True),
    ],
    "Feeling of safety": [
        ("I feel safe walking in my neighborhood after dark.", False),
        ("I avoid some streets near my home because of crime.", True),
        ("My neighborhood is safer than a year ago.", False),
    ],
    "Police responsiveness": [
        ("Police respond quickly when called.", False),
        ("Police deal with the problems that matter to residents.", False),
    ],
    "Community involvement": [
        ("Neighbors here look out for each other.", False),
        ("I know how to take part in neighborhood safety efforts.", False),
        ("Residents' concerns are heard at partnership meetings.", False),
    ],
}
PARTNERS: dict[str, list[tuple[str, bool]]] = {
    "Shared vision": [
        ("Partners agree on the partnership's goals.", False),
        ("Our organization's priorities fit the partnership's plan.", False),
    ],
    "Communication": [
        ("I receive the information I need in time.", False),
        ("Meetings are a good use of my time.", False),
        ("Important decisions are made without our input.", True),
    ],
    "Trust and respect": [
        ("Partners follow through on their commitments.", False),
        ("Disagreements are discussed openly.", False),
    ],
    "Resources": [
        ("The partnership has the staff and money it needs.", False),
        ("Our contribution is recognized by the other partners.", False),
    ],
    "Leadership": [
        ("The partnership's leadership is effective.", False),
        ("Leadership is shared among the partners.", False),
    ],
}


def build_surveys(ctx: DemoContext) -> None:
    rng = ctx.rng
    opens = month_start(ctx.today, -7)
    community = _survey(
        f"Riverton Community Satisfaction Survey {opens.year}",
        SurveyKind.COMMUNITY_SATISFACTION, COMMUNITY,
        "Mailed and online survey of residents, all neighborhoods.",
    )
    community.opens_on, community.closes_on = opens, opens + timedelta(days=45)
    partner = _survey(
        f"Partner Collaboration Self-Assessment {ctx.today.year}",
        SurveyKind.PARTNER_COLLABORATION, PARTNERS,
        "Annual self-assessment completed by each partner's representative.",
    )
    partner.opens_on = month_start(ctx.today, -3)
    partner.closes_on = partner.opens_on + timedelta(days=30)
    ctx.session.add_all([community, partner])
    ctx.session.flush()
    _questions(community, COMMUNITY)
    _questions(partner, PARTNERS)
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


def _survey(name: str, kind: SurveyKind, spec: dict[str, list[tuple[str, bool]]],
            description: str) -> Survey:
    survey = Survey(name=name, kind=kind, description=description)
    survey.factors = [SurveyFactor(position=i, name=name) for i, name in enumerate(spec)]
    return survey


def _questions(survey: Survey, spec: dict[str, list[tuple[str, bool]]]) -> None:
    """Questions point at their factor by id (the model has no factor.questions)."""
    position = 0
    for factor, questions in zip(survey.factors, spec.values(), strict=True):
        for text, reverse in questions:
            survey.questions.append(SurveyQuestion(
                factor_id=factor.id, position=position, text=text, reverse_scored=reverse))
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
