"""The partnership report read back from the PDF: each initiative's figures are those of
its evaluation report; meetings, action items, training and partners joined; no data."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date

import pytest
from pypdf import PdfReader

from app.models.database import open_database
from app.reports.pdf.evaluation_sections import attendance_text, goals_text
from app.reports.pdf.partnership_report import write_partnership_report
from app.services.demo_data import load_demo_data
from app.services.evaluation_scope import Period
from app.services.money import format_money
from app.services.partnership_report import build_partnership_report
from app.services.report_options import PartnershipSection, ReportOptions
from app.services.workspace import Workspace

QUARTER = Period.quarter(2025, 4)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    db = open_database(tmp_path_factory.mktemp("partnership") / "demo.sqlite")
    load_demo_data(db, today=date(2026, 3, 18))
    yield Workspace(db)
    db.close()


def text(ws: Workspace, options: ReportOptions) -> str:
    buffer = io.BytesIO()
    write_partnership_report(ws, options, buffer)
    pages = PdfReader(io.BytesIO(buffer.getvalue())).pages
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pages))


def test_initiatives_side_by_side_with_their_figures(ws: Workspace) -> None:
    options = ReportOptions(QUARTER)
    report = build_partnership_report(ws, options)
    printed = text(ws, options)
    assert len(report.initiatives) >= 3
    for r in report.initiatives:
        assert r.name in printed
        assert goals_text(r) in printed
        assert format_money(r.resources.cash_cents) in printed
    held = report.held
    total = attendance_text(sum(m.present for m in held), sum(m.invited for m in held),
                            sum(m.walk_ins for m in held))
    assert f"Attendance at meetings held {total}" in printed
    assert report.actions is not None and report.training is not None
    assert f"Opened in the period {report.actions.opened}" in printed
    assert f"Closed in the period {report.actions.closed}" in printed
    assert f"Completions {report.training.completions}" in printed
    for requirement in report.training.compliance.requirements:  # type: ignore[union-attr]
        assert requirement.requirement.course in printed


def test_an_empty_period_says_no_data(ws: Workspace) -> None:
    printed = text(ws, ReportOptions(Period.quarter(1990, 1)))
    assert "No data: no initiatives ran in the period." in printed
    assert "No data: no meetings in the period." in printed
    assert "No data: no action items in the period." in printed
    assert "No data: no organization joined an initiative in the period." in printed


def test_sections_can_be_switched_off(ws: Workspace) -> None:
    printed = text(ws, ReportOptions(QUARTER, sections=frozenset(
        {PartnershipSection.INITIATIVES})))
    assert "Initiatives side by side" in printed
    assert "Meetings and attendance" not in printed and "Training hours" not in printed


def test_action_items_opened_as_the_funder_workbook_counts_them(ws: Workspace) -> None:
    """An item is opened on its meeting's date (the PDF counted the day it was typed in:
    0 opened in a quarter whose meetings produced 11 items)."""
    from app.services.evaluation_scope import EvaluationScope
    from app.services.funder_report import funder_report

    for period in (QUARTER, Period.quarter(2025, 3), Period.year(2025)):
        actions = build_partnership_report(
            ws, ReportOptions(period, sections=frozenset({PartnershipSection.ACTIONS}))
        ).actions
        workbook = {f.label: f.value for f in funder_report(ws, EvaluationScope(period)).figures}
        assert actions is not None and actions.opened > 0
        assert actions.opened == workbook["Action items opened"]
        assert actions.closed == workbook["Action items closed"]
