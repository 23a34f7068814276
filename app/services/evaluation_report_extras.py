"""The evaluation report's figures from the evaluation services: crime before and after,
survey results, engagement, the partnership network and resource efficiency.

Each is asked exactly what the Evaluation page asks for the same scope, so a figure on paper
equals the figure on screen. A part is ``None`` when its section is switched off.

Crime: the before and after windows are the service's (months around the initiative's
start); the after window ends with the last whole month before the day after the period
(or before today, if earlier), and the trend is drawn over the report's period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.services.crime_analysis import PrePost, pre_post
from app.services.engagement import EngagementReport, engagement
from app.services.evaluation_scope import EvaluationScope
from app.services.partnership_network import PartnershipNetwork, partnership_network
from app.services.report_options import EvaluationSection, ReportOptions
from app.services.resource_efficiency import ResourceReport, resource_efficiency
from app.services.surveys.results import SurveyResults, SurveyRow, survey_results
from app.services.surveys.results import surveys_for_scope as survey_rows
from app.services.workspace import Workspace


@dataclass(frozen=True)
class SurveyPart:
    surveys: tuple[SurveyRow, ...]  # every survey of the scope
    results: tuple[SurveyResults, ...]  # those with responses in the period


@dataclass(frozen=True)
class EvaluationExtras:
    crime: PrePost | None = None
    surveys: SurveyPart | None = None
    engagement: EngagementReport | None = None
    network: PartnershipNetwork | None = None
    efficiency: ResourceReport | None = None


def crime_as_of(options: ReportOptions) -> date:
    """The "today" the crime analysis is run as of: the day after the period, or today."""
    today = options.as_of or date.today()
    return min(today, options.period.end + timedelta(days=1))


def evaluation_extras(ws: Workspace, scope: EvaluationScope,
                      options: ReportOptions) -> EvaluationExtras:
    assert scope.initiative_id is not None
    today = options.as_of or date.today()
    crime = surveys = people = network = efficiency = None
    if options.wants(EvaluationSection.CRIME):
        crime = pre_post(ws, scope.initiative_id, period=scope.period,
                         today=crime_as_of(options))
    if options.wants(EvaluationSection.SURVEYS):
        rows = tuple(survey_rows(ws, scope))
        surveys = SurveyPart(rows, tuple(
            survey_results(ws, row.id, scope.period) for row in rows
            if row.responses_in_period))
    if options.wants(EvaluationSection.ENGAGEMENT):
        people = engagement(ws, scope, today=today)
        network = partnership_network(ws, scope)
    if options.wants(EvaluationSection.RESOURCES):
        efficiency = resource_efficiency(ws, scope)
    return EvaluationExtras(crime, surveys, people, network, efficiency)
