"""The Measures sheet: one row per measure per quarter of the period.

- Initiative goals: the latest measurement taken in the quarter, or "N/A" when the goal
  has none that quarter (the note says so) — N/A is not 0.
- Partnership measures, per quarter (app/services/funder_figures.py defines them): meetings
  held, attendance rate, action items closed, training hours credited and crimes recorded
  in the initiatives' target areas; "N/A" where the measure does not apply (no meetings
  held, no target area, no crime counts), with the reason in the notes.
A quarter only partly inside the period is clipped to it (its From/To columns say so).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Goal, Initiative, Measurement
from app.services.dates import add_months
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.funder_figures import (
    ACTIONS,
    CRIME,
    MEETINGS,
    TRAINING,
    MonthlyFigures,
    PeriodFigures,
    monthly_crimes,
    monthly_figures,
)
from app.services.funder_report import Column, Row, RowSource, SheetData
from app.services.workspace import Workspace

NOT_APPLICABLE = "N/A"
PARTNERSHIP = "Partnership"
GOALS = "Initiative goal measurements"
COLUMNS = (
    Column("Quarter"), Column("From", "date"), Column("To", "date"), Column("Initiative"),
    Column("Measure"), Column("Value", "number"), Column("Unit"), Column("Baseline", "number"),
    Column("Target", "number"), Column("Direction"), Column("Measured on", "date"),
    Column("Source"), Column("Notes"),
)


def quarters(period: Period) -> list[tuple[str, Period]]:
    """("2026 Q3", the part of that quarter inside the period) for each quarter touched."""
    result = []
    first = date(period.start.year, 3 * ((period.start.month - 1) // 3) + 1, 1)
    while first <= period.end:
        last = add_months(first, 3) - timedelta(days=1)
        label = f"{first.year} Q{(first.month - 1) // 3 + 1}"
        result.append((label, Period(max(first, period.start), min(last, period.end))))
        first = add_months(first, 3)
    return result


def measures_sheet(ws: Workspace, scope: EvaluationScope,
                   monthly: MonthlyFigures | None = None) -> SheetData:
    """The Measures sheet; partnership measures from ``monthly`` (the scope's) when given."""
    rows: list[Row] = []
    with ws.read() as session:
        goals = _goals(session, scope)
        measured = _measurements(session, [g[0] for g in goals], scope.period)
        target_areas = _target_areas(session, scope)
        if monthly is None:
            monthly = monthly_figures(session, scope)
        crimes = dict(zip(scope.period.months(),
                          monthly_crimes(session, scope.period, target_areas) if target_areas
                          else [None] * len(monthly.parts), strict=True))
        for label, part in quarters(scope.period):
            for goal_id, initiative, name, unit, baseline, target, direction in goals:
                latest = measured.get((goal_id, label))
                if latest is None:
                    value, day, note = NOT_APPLICABLE, None, "No measurement in this quarter"
                else:
                    day, value, note = latest
                rows.append((label, part.start, part.end, initiative, name, value, unit,
                             baseline, target, direction.value.capitalize(), day, GOALS, note))
            months = [i for i, month in enumerate(monthly.parts) if month.start in part]
            rows.extend(_partnership_rows(scope, label, part, monthly.figures(months),
                                          _target_crimes(part, target_areas, crimes)))
    notes = ("One row per initiative goal and per partnership measure for each quarter. "
             "N/A: the measure does not apply that quarter (see Notes); it is not 0.",)
    return SheetData("Measures", COLUMNS, RowSource.of(rows), notes=notes)


def _goals(session: Session, scope: EvaluationScope) -> list[tuple]:  # type: ignore[type-arg]
    statement = (
        select(Goal.id, Initiative.name, Goal.name, Goal.unit, Goal.baseline, Goal.target,
               Goal.direction)
        .join(Initiative, Initiative.id == Goal.initiative_id)
        .order_by(func.lower(Initiative.name), Goal.position, Goal.id)
    )
    if scope.initiative_id is not None:
        statement = statement.where(Initiative.id == scope.initiative_id)
    else:
        statement = statement.where(Initiative.archived_at.is_(None))
    return [tuple(r) for r in session.execute(statement)]


def _measurements(session: Session, goal_ids: list[int], period: Period
                  ) -> dict[tuple[int, str], tuple[date, float, str]]:
    """(goal, quarter label) -> (date, value, note) of the latest measurement in it."""
    latest: dict[tuple[int, str], tuple[date, float, str]] = {}
    if not goal_ids:
        return latest
    statement = (
        select(Measurement.goal_id, Measurement.measured_on, Measurement.value, Measurement.note)
        .where(Measurement.goal_id.in_(goal_ids),
               Measurement.measured_on.between(period.start, period.end))
        .order_by(Measurement.measured_on)
    )
    for goal_id, day, value, note in session.execute(statement):
        label = f"{day.year} Q{(day.month - 1) // 3 + 1}"
        latest[(goal_id, label)] = (day, value, note or "")  # later ones replace earlier
    return latest


def _target_areas(session: Session, scope: EvaluationScope) -> list[int]:
    statement = select(Initiative.area_id).where(Initiative.area_id.is_not(None)).distinct()
    if scope.initiative_id is not None:
        statement = statement.where(Initiative.id == scope.initiative_id)
    else:
        statement = statement.where(Initiative.archived_at.is_(None))
    return sorted(session.scalars(statement))


def _partnership_rows(scope: EvaluationScope, label: str, part: Period, f: PeriodFigures,
                      target_crimes: tuple[int | None, str]) -> list[Row]:
    who = PARTNERSHIP if scope.initiative_id is None else ""
    rate = None if f.attendance_rate is None else round(100 * f.attendance_rate, 1)
    crimes, crime_note = target_crimes

    def row(measure: str, value: float | int | None, unit: str, source: str,
            missing: str, note: str = "") -> Row:
        shown: float | int | str = NOT_APPLICABLE if value is None else value
        return (label, part.start, part.end, who, measure, shown, unit, None, None, "", None,
                source, missing if value is None else note)

    no_meetings = "No meeting held in this quarter"
    return [
        row("Meetings held", f.meetings_held if f.meetings else None, "meetings", MEETINGS,
            "No meeting scheduled in this quarter"),
        row("Attendance rate", rate, "%", MEETINGS, no_meetings,
            f"{f.present} of {f.invited} invited people present"),
        row("Action items closed",
            f.actions_closed if f.actions_opened or f.actions_closed else None, "items",
            ACTIONS, "No action item opened or closed in this quarter"),
        row("Training hours credited",
            f.training_hours if f.sessions or f.training_hours else None, "hours", TRAINING,
            "No training in this quarter",
            "all training of the agency" if scope.initiative_id else ""),
        row("Crimes in target areas", crimes, "crimes", CRIME, crime_note, crime_note),
    ]


def _target_crimes(part: Period, areas: list[int], crimes: dict[date, int | None]
                   ) -> tuple[int | None, str]:
    """The crimes in the target areas in ``part`` (``crimes``: per month), and a note."""
    if not areas:
        return None, "No initiative has a target area"
    months = part.months()
    counted = [crimes[m] for m in months if crimes.get(m) is not None]
    if not counted:
        return None, "No crime counts for this quarter"
    covered = len(counted)
    note = "" if covered == len(months) else f"{covered} of {len(months)} months have counts"
    return sum(counted), note  # type: ignore[arg-type]
