"""The two built-in surveys: community satisfaction and partner collaboration.

A new survey can start from one of these (``definitions.create_from_template``); the demo
data builds its surveys from the same specs, so what a user sees in the demo is what a
template gives them. Negatively worded questions are ``reverse`` scored (6 - answer).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.models import SurveyKind


@dataclass(frozen=True)
class QuestionSpec:
    text: str
    reverse: bool = False


@dataclass(frozen=True)
class FactorSpec:
    name: str
    questions: tuple[QuestionSpec, ...]


@dataclass(frozen=True)
class SurveyTemplate:
    key: str
    kind: SurveyKind
    name: str
    description: str
    factors: tuple[FactorSpec, ...]

    @property
    def question_count(self) -> int:
        return sum(len(f.questions) for f in self.factors)


def _factor(name: str, *questions: str | tuple[str, bool]) -> FactorSpec:
    return FactorSpec(name, tuple(
        QuestionSpec(q) if isinstance(q, str) else QuestionSpec(q[0], q[1]) for q in questions
    ))


COMMUNITY = SurveyTemplate(
    key="community",
    kind=SurveyKind.COMMUNITY_SATISFACTION,
    name="Community Satisfaction Survey",
    description="Residents rate safety, trust and the partnership's work "
                "(1 = strongly disagree, 5 = strongly agree).",
    factors=(
        _factor(
            "Trust in police",
            "Police in my neighborhood treat people fairly.",
            "I would feel comfortable reporting a crime to the police.",
            ("Police officers here do not listen to residents.", True),
        ),
        _factor(
            "Feeling of safety",
            "I feel safe walking in my neighborhood after dark.",
            ("I avoid some streets near my home because of crime.", True),
            "My neighborhood is safer than a year ago.",
        ),
        _factor(
            "Police responsiveness",
            "Police respond quickly when called.",
            "Police deal with the problems that matter to residents.",
        ),
        _factor(
            "Community involvement",
            "Neighbors here look out for each other.",
            "I know how to take part in neighborhood safety efforts.",
            "Residents' concerns are heard at partnership meetings.",
        ),
    ),
)

PARTNER = SurveyTemplate(
    key="partner",
    kind=SurveyKind.PARTNER_COLLABORATION,
    name="Partner Collaboration Self-Assessment",
    description="Each partner's representative rates how the partnership works together "
                "(1 = strongly disagree, 5 = strongly agree).",
    factors=(
        _factor(
            "Shared vision",
            "Partners agree on the partnership's goals.",
            "Our organization's priorities fit the partnership's plan.",
        ),
        _factor(
            "Clear roles",
            "Each partner knows what it is responsible for.",
            ("It is often unclear who should follow up on a decision.", True),
        ),
        _factor(
            "Communication",
            "I receive the information I need in time.",
            "Meetings are a good use of my time.",
            ("Important decisions are made without our input.", True),
        ),
        _factor(
            "Trust and respect",
            "Partners follow through on their commitments.",
            "Disagreements are discussed openly.",
        ),
        _factor(
            "Resources",
            "The partnership has the staff and money it needs.",
            "Our contribution is recognized by the other partners.",
        ),
        _factor(
            "Leadership",
            "The partnership's leadership is effective.",
            "Leadership is shared among the partners.",
        ),
    ),
)

TEMPLATES: dict[str, SurveyTemplate] = {t.key: t for t in (COMMUNITY, PARTNER)}


def template(key: str) -> SurveyTemplate:
    try:
        return TEMPLATES[key]
    except KeyError:
        raise KeyError(f"there is no built-in survey {key!r}") from None
