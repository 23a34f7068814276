"""Survey results: per factor and per question, the mean, n, distribution and band.

How the figures are computed (the UI says the same under the factor table):

- Answers are on a 1-5 scale. A reverse-scored (negatively worded) question counts as
  6 - answer, everywhere: in its mean, its factor's mean and the distributions.
- A question left blank is "no answer": it is not a zero and is not counted in any n.
- A question's mean is the mean of its answers; its n is the number of answers.
- A factor's mean is a mean over respondents: each respondent's factor score is the mean
  of the questions of that factor they answered, and the factor mean is the mean of
  those scores. So someone who answered one of three questions weighs as much as someone
  who answered all three. ``respondents`` (n) counts respondents with at least one
  answer in the factor; ``answers`` counts the answers behind them; the distribution
  counts answers (after reversing) by value.
- Bands, from the mean as shown with two decimals: strength at 4.00 or more,
  borderline from 3.00 to 3.99, concern below 3.00; "no data" when n is 0 (no mean).
- A period keeps the responses given in it. A response without a date counts as given
  on the survey's closing day (else its opening day); one with neither is left out of
  any period and counted in ``undated``.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.models import Initiative, Survey, SurveyAnswer, SurveyKind, SurveyResponse
from app.models.surveys import SCALE_MAX, SCALE_MIN
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.records import load
from app.services.workspace import Workspace

STRENGTH_FROM = 4.0  # a mean of 4.00 or more is a strength
BORDERLINE_FROM = 3.0  # 3.00 to 3.99 is borderline; below 3.00 is a concern
MEAN_DECIMALS = 2
REVERSED_FROM = SCALE_MIN + SCALE_MAX  # a reversed answer counts as 6 - answer
METHOD_NOTE = (
    "Factor mean: each respondent's average over the factor's questions they answered, "
    "averaged over respondents (n). Blank answers are left out, never counted as 0; "
    f"reversed questions count as {REVERSED_FROM} − answer. Bands: strength ≥ "
    f"{STRENGTH_FROM:.2f}, borderline {BORDERLINE_FROM:.2f}–{STRENGTH_FROM - 0.01:.2f}, "
    f"concern < {BORDERLINE_FROM:.2f}; no data when n = 0."
)


class Band(enum.Enum):
    STRENGTH = "strength"
    BORDERLINE = "borderline"
    CONCERN = "concern"
    NO_DATA = "no data"

    @property
    def label(self) -> str:
        return self.value.capitalize() if self is not Band.NO_DATA else "No data"


def band_for(mean: float | None) -> Band:
    if mean is None:
        return Band.NO_DATA
    shown = round(mean, MEAN_DECIMALS)
    if shown >= STRENGTH_FROM:
        return Band.STRENGTH
    if shown >= BORDERLINE_FROM:
        return Band.BORDERLINE
    return Band.CONCERN


def mean_text(mean: float | None) -> str:
    return "no data" if mean is None else f"{mean:.{MEAN_DECIMALS}f}"


@dataclass(frozen=True)
class Score:
    mean: float | None  # None: no answers ("no data", never 0)
    respondents: int
    answers: int
    distribution: tuple[int, ...]  # answers (after reversing) valued 1, 2, 3, 4, 5

    @property
    def band(self) -> Band:
        return band_for(self.mean)

    @property
    def mean_text(self) -> str:
        return mean_text(self.mean)


@dataclass(frozen=True)
class QuestionResult:
    id: int
    text: str
    factor: str
    reverse_scored: bool
    score: Score


@dataclass(frozen=True)
class FactorResult:
    id: int | None  # None: questions without a factor
    name: str
    questions: tuple[QuestionResult, ...]
    score: Score


@dataclass(frozen=True)
class SurveyResults:
    survey_id: int
    name: str
    kind: SurveyKind
    period: Period | None
    responses: int  # responses counted (in the period)
    undated: int  # responses left out of the period for having no date at all
    factors: tuple[FactorResult, ...]

    @property
    def questions(self) -> tuple[QuestionResult, ...]:
        return tuple(q for f in self.factors for q in f.questions)


@dataclass(frozen=True)
class SurveyRow:
    id: int
    name: str
    kind: SurveyKind
    initiative: str
    opens_on: date | None
    closes_on: date | None
    responses: int  # all of them
    responses_in_period: int


def scored(value: int, reverse: bool) -> int:
    return REVERSED_FROM - value if reverse else value


def survey_results(ws: Workspace, survey_id: int, period: Period | None = None
                   ) -> SurveyResults:
    with ws.read() as session:
        survey = load(session, Survey, survey_id, "survey",
                      [selectinload(Survey.factors), selectinload(Survey.questions)])
        fallback = survey.closes_on or survey.opens_on
        counted: set[int] = set()
        undated = 0
        for response_id, day in session.execute(
            select(SurveyResponse.id, SurveyResponse.responded_on)
            .where(SurveyResponse.survey_id == survey_id)
        ):
            day = day or fallback
            if period is None:
                counted.add(response_id)
            elif day is None:
                undated += 1
            elif day in period:
                counted.add(response_id)
        answers: dict[int, dict[int, int]] = defaultdict(dict)  # question -> response -> v
        for response_id, question_id, value in session.execute(
            select(SurveyAnswer.response_id, SurveyAnswer.question_id, SurveyAnswer.value)
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .where(SurveyResponse.survey_id == survey_id)
        ):
            if response_id in counted:
                answers[question_id][response_id] = value
        names = {f.id: f.name for f in survey.factors}
        grouped: dict[int | None, list[QuestionResult]] = defaultdict(list)
        per_factor: dict[int | None, dict[int, list[int]]] = defaultdict(
            lambda: defaultdict(list))
        for question in survey.questions:
            values = {r: scored(v, question.reverse_scored)
                      for r, v in answers.get(question.id, {}).items()}
            for response_id, value in values.items():
                per_factor[question.factor_id][response_id].append(value)
            grouped[question.factor_id].append(QuestionResult(
                question.id, question.text, names.get(question.factor_id, "(no factor)"),
                question.reverse_scored, _question_score(list(values.values()))))
        factors = [
            FactorResult(f.id, f.name, tuple(grouped.get(f.id, [])),
                         _factor_score(per_factor.get(f.id, {})))
            for f in survey.factors
        ]
        if grouped.get(None):
            factors.append(FactorResult(None, "(no factor)", tuple(grouped[None]),
                                        _factor_score(per_factor.get(None, {}))))
        return SurveyResults(survey.id, survey.name, survey.kind, period, len(counted),
                             undated, tuple(factors))


def _distribution(values: list[int]) -> tuple[int, ...]:
    return tuple(sum(1 for v in values if v == point)
                 for point in range(SCALE_MIN, SCALE_MAX + 1))


def _question_score(values: list[int]) -> Score:
    mean = sum(values) / len(values) if values else None
    return Score(mean, len(values), len(values), _distribution(values))


def _factor_score(by_respondent: dict[int, list[int]]) -> Score:
    scores = [sum(v) / len(v) for v in by_respondent.values() if v]
    every = [v for values in by_respondent.values() for v in values]
    mean = sum(scores) / len(scores) if scores else None
    return Score(mean, len(scores), len(every), _distribution(every))


def surveys_for_scope(ws: Workspace, scope: EvaluationScope) -> list[SurveyRow]:
    """The initiative's surveys (or all, for the whole partnership), newest first, with
    how many responses each has and how many fall in the scope's period."""
    with ws.read() as session:
        query = (
            select(Survey.id, Survey.name, Survey.kind, Initiative.name, Survey.opens_on,
                   Survey.closes_on)
            .outerjoin(Initiative, Initiative.id == Survey.initiative_id)
            .order_by(func.coalesce(Survey.opens_on, Survey.closes_on).desc().nulls_last(),
                      Survey.name, Survey.id)
        )
        if scope.initiative_id is not None:
            query = query.where(Survey.initiative_id == scope.initiative_id)
        surveys = session.execute(query).all()
        totals: dict[int, int] = defaultdict(int)
        in_period: dict[int, int] = defaultdict(int)
        fallback = {sid: closes or opens for sid, _n, _k, _i, opens, closes in surveys}
        ids = list(fallback)
        if ids:
            for survey_id, day, count in session.execute(
                select(SurveyResponse.survey_id, SurveyResponse.responded_on, func.count())
                .where(SurveyResponse.survey_id.in_(ids))
                .group_by(SurveyResponse.survey_id, SurveyResponse.responded_on)
            ):
                totals[survey_id] += count
                day = day or fallback[survey_id]
                if day is not None and day in scope.period:
                    in_period[survey_id] += count
        return [SurveyRow(sid, name, kind, initiative or "", opens, closes, totals[sid],
                          in_period[sid])
                for sid, name, kind, initiative, opens, closes in surveys]
