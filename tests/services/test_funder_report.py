"""The funder report's figures equal the evaluation services' and a recount of raw rows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.models import Direction, Goal, Initiative, InitiativeKind, Measurement, MeetingStatus
from app.models.database import Database, open_database
from app.services.compliance import hours_report
from app.services.crime_analysis import crime_trend
from app.services.demo_data import load_demo_data
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.expenditures import list_expenditures
from app.services.funder_measures import NOT_APPLICABLE, quarters
from app.services.funder_report import FunderReport, funder_report
from app.services.initiatives import initiative_choices
from app.services.meeting_list import meetings_between
from app.services.surveys.results import surveys_for_scope
from app.services.workspace import Workspace

TODAY = date(2026, 11, 28)
YEAR = Period.year(2026)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    db = open_database(tmp_path_factory.mktemp("funder") / "demo.sqlite")
    load_demo_data(db, today=TODAY)
    try:
        yield Workspace(db)
    finally:
        db.close()


def figure(report: FunderReport, label: str) -> float | int | None:
    return next(f.value for f in report.figures if f.label == label)


def test_key_figures_equal_the_services(demo: Workspace) -> None:
    report = funder_report(demo, EvaluationScope(YEAR))
    meetings = meetings_between(demo, YEAR.start, YEAR.end)
    held = [m for m in meetings if m.status is MeetingStatus.HELD]
    assert figure(report, "Meetings held") == len(held) > 0
    invited, present = sum(m.invited for m in held), sum(m.present for m in held)
    assert figure(report, "Attendance rate") == pytest.approx(present / invited)
    assert figure(report, "People present (invited)") == present
    assert figure(report, "Walk-ins") == sum(m.walk_ins for m in held)
    hours = hours_report(demo, 2026)
    assert figure(report, "Training hours credited") == pytest.approx(
        sum(p.hours for p in hours.people))
    trend = crime_trend(demo, EvaluationScope(YEAR))
    assert figure(report, "Crimes recorded") == sum(v for v in trend.total if v is not None)
    spent = [e for i, _ in initiative_choices(demo) for e in list_expenditures(demo, i)
             if e.spent_on in YEAR]
    assert figure(report, "Cash spent") == pytest.approx(
        sum(e.amount_cents for e in spent if e.funding.value == "cash") / 100)
    assert figure(report, "Volunteer hours") == pytest.approx(
        sum(e.volunteer_hours for e in spent))
    assert figure(report, "Survey responses") == sum(
        s.responses_in_period for s in surveys_for_scope(demo, EvaluationScope(YEAR)))
    months = report.months
    assert [m.month for m in months] == YEAR.months()
    assert tuple(m.crimes for m in months) == trend.total  # no data stays None, not 0
    assert sum(m.meetings_held for m in months) == len(held)


def test_sheets_hold_the_period_only(demo: Workspace) -> None:
    report = funder_report(demo, EvaluationScope(Period.quarter(2026, 3)))
    meetings = report.sheet("Meetings and attendance").source.rows()
    assert meetings and all(
        date(2026, 7, 1) <= m[0].astimezone().date() <= date(2026, 9, 30) for m in meetings)
    crime = report.sheet("Crime statistics").source.rows()
    assert {r[0] for r in crime} <= {date(2026, 7, 1), date(2026, 8, 1), date(2026, 9, 1)}
    spending = report.sheet("Expenditures").source
    assert spending.count == len(spending.rows())
    actions = report.sheet("Action items").source.rows()
    assert all(r[-2] == "Yes" or r[-1] == "Yes" for r in actions)


def test_an_empty_period_has_no_data_not_zeros(demo: Workspace) -> None:
    report = funder_report(demo, EvaluationScope(Period.year(1990)))
    assert not report.has_data
    assert all(f.value is None for f in report.figures)
    assert all(m.crimes is None for m in report.months)
    activity = ("Meetings and attendance", "Action items", "Training", "Crime statistics",
                "Surveys", "Expenditures")
    assert all(report.sheet(title).source.count == 0 for title in activity)
    measures = report.sheet("Measures").source.rows()
    assert measures and all(r[5] == NOT_APPLICABLE for r in measures)


def test_measures_say_n_a_for_a_quarter_without_measurement(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        ws = Workspace(db)
        with ws.write() as action:
            goal = Goal(name="Burglaries", unit="per month", baseline=20, target=10,
                        direction=Direction.DECREASE)
            goal.measurements = [
                Measurement(measured_on=date(2026, 1, 20), value=18, note="January"),
                Measurement(measured_on=date(2026, 3, 20), value=0, note="March"),
            ]
            action.session.add(Initiative(name="Eastside", kind=InitiativeKind.PROBLEM_SOLVING,
                                          goals=[goal]))
        report = funder_report(ws, EvaluationScope(Period(date(2026, 2, 1),
                                                          date(2026, 6, 30))),
                               now=datetime(2026, 7, 1, tzinfo=UTC))
        rows = [r for r in report.sheet("Measures").source.rows() if r[4] == "Burglaries"]
        assert [(r[0], r[1], r[5], r[-1]) for r in rows] == [
            ("2026 Q1", date(2026, 2, 1), 0, "March"),  # latest of the quarter; 0 is 0
            ("2026 Q2", date(2026, 4, 1), NOT_APPLICABLE, "No measurement in this quarter"),
        ]
        partnership = [r for r in report.sheet("Measures").source.rows() if r[3] == "Partnership"]
        crimes = [r for r in partnership if r[4] == "Crimes in target areas"]
        assert [r[5] for r in crimes] == [NOT_APPLICABLE, NOT_APPLICABLE]
        assert crimes[0][-1] == "No initiative has a target area"
    finally:
        db.close()


def test_quarters_are_clipped_to_the_period() -> None:
    parts = quarters(Period(date(2026, 2, 15), date(2026, 7, 3)))
    assert [(label, p.start, p.end) for label, p in parts] == [
        ("2026 Q1", date(2026, 2, 15), date(2026, 3, 31)),
        ("2026 Q2", date(2026, 4, 1), date(2026, 6, 30)),
        ("2026 Q3", date(2026, 7, 1), date(2026, 7, 3)),
    ]


@pytest.mark.parametrize("period", [YEAR, Period(date(2026, 2, 15), date(2026, 7, 3)),
                                    Period(date(2026, 5, 3), date(2026, 5, 20))])
def test_monthly_figures_add_up_to_each_period_counted_apart(
        demo: Workspace, period: Period) -> None:
    """The grouped monthly figures give what counting each month, quarter and the whole
    period on its own gives (the period's own queries: tests/services/funder_reference.py)."""
    from app.services.funder_figures import month_parts, monthly_figures
    from tests.services.funder_reference import period_figures

    initiative = initiative_choices(demo)[0][0]
    whole = []
    for scope in (EvaluationScope(period), EvaluationScope(period, initiative)):
        with demo.read() as session:
            monthly = monthly_figures(session, scope)
            whole.append(monthly.figures())
            assert whole[-1] == period_figures(session, scope, period)
            for index, part in enumerate(month_parts(period)):
                assert monthly.figures([index]) == period_figures(session, scope, part)
            for _label, part in quarters(period):
                months = [i for i, m in enumerate(monthly.parts) if m.start in part]
                assert monthly.figures(months) == period_figures(session, scope, part)
    if period == YEAR:  # the demo's year has every kind of record to count
        f = whole[0]
        assert f.meetings_held and f.present and f.actions_opened and f.actions_closed
        assert f.sessions and f.training_hours and f.people_trained and f.crimes
        assert f.cash_cents and f.volunteer_hours and f.survey_responses


def test_monthly_figures_on_every_database(any_db: Database) -> None:
    """The grouped month expressions (bound dates, grouped by position) on SQLite and
    PostgreSQL alike: the same figures as each period counted apart."""
    from app.services.funder_figures import monthly_figures
    from tests.services.funder_reference import period_figures

    load_demo_data(any_db, today=TODAY)
    ws = Workspace(any_db)
    period = Period(date(2026, 2, 15), date(2026, 7, 3))
    scope = EvaluationScope(period)
    with ws.read() as session:
        monthly = monthly_figures(session, scope)
        assert monthly.figures() == period_figures(session, scope, period)
        for _label, part in quarters(period):
            months = [i for i, m in enumerate(monthly.parts) if m.start in part]
            assert monthly.figures(months) == period_figures(session, scope, part)
    assert monthly.figures().meetings_held > 0
    report = funder_report(ws, scope)
    assert [m.month for m in report.months] == period.months()


def test_each_sheet_counts_the_rows_it_streams(demo: Workspace) -> None:
    for scope in (EvaluationScope(YEAR), EvaluationScope(Period.quarter(2026, 3))):
        report = funder_report(demo, scope)
        for sheet in report.sheets:
            assert sheet.source.count == len(sheet.source.rows()), sheet.title
        assert report.sheet("Action items").source.count > 0
