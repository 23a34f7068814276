"""The evaluation report's data: every figure is the evaluation services' figure for the
same initiative and period; redaction; empty periods; bad ids."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from app.models.database import open_database
from app.services.crime_analysis import pre_post
from app.services.demo_data import load_demo_data
from app.services.engagement import engagement
from app.services.errors import NotFoundError
from app.services.evaluation_report import EvaluationReport, build_evaluation_report
from app.services.evaluation_report_extras import crime_as_of
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.expenditures import list_expenditures, resource_totals
from app.services.goal_status import GoalStatus
from app.services.initiative_editing import initiative_form
from app.services.initiatives import initiative_choices
from app.services.meeting_list import MeetingQuery, meetings_between
from app.services.redaction import person_label
from app.services.report_options import EvaluationSection, ReportOptions
from app.services.resource_efficiency import resource_efficiency
from app.services.workspace import Workspace

TODAY = date(2026, 3, 18)
PERIOD = Period(date(2025, 4, 1), date(2026, 3, 31))
EMPTY = Period(date(1990, 1, 1), date(1990, 3, 31))
BURGLARY = "Eastside Burglary Reduction Project"
CIT = "Crisis Intervention Team"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    db = open_database(tmp_path_factory.mktemp("evaluation") / "demo.sqlite")
    load_demo_data(db, today=TODAY)
    yield Workspace(db)
    db.close()


def initiative_id(ws: Workspace, name: str) -> int:
    return next(i for i, n in initiative_choices(ws) if n == name)


def options(**changes: object) -> ReportOptions:
    return replace(ReportOptions(PERIOD, as_of=TODAY), **changes)  # type: ignore[arg-type]


def report(ws: Workspace, name: str = BURGLARY, **changes: object) -> EvaluationReport:
    return build_evaluation_report(ws, options(**changes), initiative_id(ws, name))


def test_figures_are_the_services_figures(ws: Workspace) -> None:
    iid = initiative_id(ws, BURGLARY)
    r = report(ws)
    form = initiative_form(ws, iid)
    assert r.name == BURGLARY and r.area == form.area_name
    assert [p.organization for p in r.partners] == sorted(
        (p.organization_name for p in form.data.partners), key=str.lower)
    # Goals: the status of the latest measurement up to the period's end (all are before).
    assert [g.status for g in r.goals] == [g.status for g in form.data.goals]
    assert [g.latest_value for g in r.goals] == [g.latest.value for g in form.data.goals
                                                 if g.latest is not None]
    # Resources in the period, and the budget use to date.
    rows = [e for e in list_expenditures(ws, iid) if e.spent_on in PERIOD]
    assert len(r.resources.lines) == len(rows) > 0
    assert r.resources.cash_cents + r.resources.in_kind_cents == sum(
        e.amount_cents for e in rows)
    assert r.resources.to_date_describe == resource_totals(ws, iid).describe()
    # Meetings, crime, engagement and efficiency as the Evaluation page computes them.
    assert [m.id for m in r.meetings] == [m.id for m in meetings_between(
        ws, PERIOD.start, PERIOD.end, MeetingQuery(initiative_id=iid))]
    scope = EvaluationScope(PERIOD, iid)
    expected = pre_post(ws, iid, period=PERIOD, today=crime_as_of(options()))
    assert r.extras.crime == expected and expected.target is not None
    assert r.extras.engagement == engagement(ws, scope, today=TODAY)
    assert r.extras.efficiency == resource_efficiency(ws, scope)
    assert r.sara is not None and r.sara.scanning


def test_goal_status_is_as_of_the_period_end(ws: Workspace) -> None:
    early = Period(date(2024, 1, 1), date(2024, 1, 31))  # before any measurement
    r = report(ws, period=early)
    assert r.goals and all(g.status is GoalStatus.PENDING for g in r.goals)
    assert all(g.latest_value is None and not g.history for g in r.goals)


def test_an_empty_period_has_no_figures_not_zeros(ws: Workspace) -> None:
    r = report(ws, period=EMPTY)
    assert r.meetings == () and r.trainings == () and r.resources.lines == ()
    assert r.resources.cash_cents == 0 and r.held_meetings == []
    assert r.extras.crime is not None
    assert r.extras.crime.problem or r.extras.crime.target is None
    assert r.extras.engagement is not None and r.extras.engagement.rows == ()


def test_redacted_names_people_by_id_and_leaves_sensitive_notes_out(ws: Workspace) -> None:
    plain = report(ws, CIT, include_sensitive_notes=True)
    assert plain.sensitive_notes  # asked for, and the default user may see them
    assert report(ws, CIT).sensitive_notes == ""  # not asked for
    redacted = report(ws, CIT, redacted=True, include_sensitive_notes=True)
    assert redacted.sensitive_notes == ""
    form = initiative_form(ws, initiative_id(ws, CIT))
    contacts = [p for p in form.data.partners if p.contact_person_id is not None]
    assert contacts
    labels = {p.contact for p in redacted.partners}
    names = {p.contact for p in plain.partners}
    for p in contacts:
        assert person_label(p.contact_person_id, p.contact_name, True) in labels
        assert p.contact_name in names and p.contact_name not in labels


def test_switched_off_sections_are_not_computed(ws: Workspace) -> None:
    r = report(ws, sections=frozenset({EvaluationSection.SUMMARY}))
    assert r.extras.crime is None and r.extras.surveys is None
    assert r.extras.engagement is None and r.extras.efficiency is None


def test_a_bad_initiative_id_is_not_found(ws: Workspace) -> None:
    with pytest.raises(NotFoundError):
        build_evaluation_report(ws, options(), 9999)


def test_paper_size_is_checked() -> None:
    with pytest.raises(ValueError):
        ReportOptions(PERIOD, paper_size="A3")


def test_a_viewer_may_not_make_the_funder_pdf_reports_and_the_refusal_is_audited(
        ws: Workspace) -> None:
    """Every other document that leaves the agency (packet, directory, workbook) needs the
    export permission; the evaluation and partnership reports name partner contacts too."""
    from sqlalchemy import select

    from app.models import AuditEntry, AuditOutcome, Role
    from app.services.partnership_report import build_partnership_report
    from app.services.permissions import AccessDenied

    viewer = Workspace(ws.db, user_name="val", role=Role.VIEWER)
    with pytest.raises(AccessDenied, match="may not export data"):
        build_evaluation_report(viewer, options(), initiative_id(ws, BURGLARY))
    with pytest.raises(AccessDenied, match="may not export data"):
        build_partnership_report(viewer, options())
    with ws.read() as session:
        refused = session.scalars(select(AuditEntry.entity).where(
            AuditEntry.user_name == "val", AuditEntry.outcome == AuditOutcome.DENIED)).all()
    assert sorted(refused) == ["evaluation report", "partnership report"]
