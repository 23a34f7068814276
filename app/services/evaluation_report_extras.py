"""The evaluation report's figures from the evaluation services: crime before and after,
survey results, engagement, the partnership network and resource efficiency.

Each part is ``None`` when the report leaves its section out; a part whose service cannot
answer says so in ``unavailable`` (printed as "not available", never as invented zeros).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.services.evaluation_scope import EvaluationScope
from app.services.report_options import EvaluationSection, ReportOptions
from app.services.workspace import Workspace


@dataclass(frozen=True)
class EvaluationExtras:
    crime: Any = None
    surveys: Any = None
    engagement: Any = None
    network: Any = None
    efficiency: Any = None
    # section -> why it has no figures ("The crime analysis is not available yet.")
    unavailable: dict[EvaluationSection, str] = field(default_factory=dict)


NOT_YET = "This part of the evaluation is not available in this version."


def evaluation_extras(ws: Workspace, scope: EvaluationScope,
                      options: ReportOptions) -> EvaluationExtras:
    unavailable = {
        section: NOT_YET
        for section in (EvaluationSection.CRIME, EvaluationSection.SURVEYS,
                        EvaluationSection.ENGAGEMENT)
        if options.wants(section)
    }
    return EvaluationExtras(unavailable=unavailable)
