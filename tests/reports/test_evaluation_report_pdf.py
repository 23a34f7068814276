"""The evaluation report as a funder reads it: text read back from the PDF (pypdf) holds
the services' figures, a contents list with the right pages when long, "no data" when
empty, people's ids when redacted, user text printed as typed; cancelling writes nothing."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from app.models.database import open_database
from app.reports.pdf.evaluation_report import write_evaluation_report
from app.services.crime_analysis import change_text, pre_post, ratio_text
from app.services.demo_data import load_demo_data
from app.services.engagement import engagement
from app.services.evaluation_report import build_evaluation_report
from app.services.evaluation_report_extras import crime_as_of
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.expenditures import resource_totals
from app.services.initiative_editing import initiative_form
from app.services.initiatives import initiative_choices
from app.services.money import format_money
from app.services.redaction import person_label
from app.services.report_options import EvaluationSection, Narrative, ReportOptions
from app.services.workspace import Workspace

TODAY = date(2026, 3, 18)
PERIOD = Period(date(2025, 4, 1), date(2026, 3, 31))
BURGLARY = "Eastside Burglary Reduction Project"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    db = open_database(tmp_path_factory.mktemp("evaluation-pdf") / "demo.sqlite")
    load_demo_data(db, today=TODAY)
    yield Workspace(db)
    db.close()


def burglary(ws: Workspace) -> int:
    return next(i for i, n in initiative_choices(ws) if n == BURGLARY)


def write(ws: Workspace, **changes: object) -> tuple[str, list[str]]:
    options = replace(ReportOptions(PERIOD, initiative_ids=(burglary(ws),), as_of=TODAY,
                                    agency_name="Riverton Police Department"),
                      **changes)  # type: ignore[arg-type]
    buffer = io.BytesIO()
    title = write_evaluation_report(ws, options, buffer)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    pages = [unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages]
    return title, pages


@pytest.fixture(scope="module")
def full(ws: Workspace) -> tuple[str, list[str]]:
    narrative = Narrative(accomplishments="Locks fitted in <b>212</b> homes & counting",
                          assistance="Funding for lighting")
    return write(ws, narratives={burglary(ws): narrative})


def flat(pages: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(pages))


def test_the_figures_are_the_services_figures(ws: Workspace,
                                               full: tuple[str, list[str]]) -> None:
    title, pages = full
    text = flat(pages)
    iid = burglary(ws)
    assert title == f"Evaluation report: {BURGLARY}, {PERIOD.label()}"
    form = initiative_form(ws, iid)
    for goal in form.data.goals:
        assert goal.status.label in text
    assert resource_totals(ws, iid).describe() in text
    built = build_evaluation_report(ws, ReportOptions(PERIOD, as_of=TODAY), iid)
    assert f"Cash spent in the period {format_money(built.resources.cash_cents)}" in text
    assert f"In-kind in the period {format_money(built.resources.in_kind_cents)}" in text
    crime = pre_post(ws, iid, period=PERIOD, today=crime_as_of(
        ReportOptions(PERIOD, as_of=TODAY)))
    assert crime.target is not None and crime.did is not None
    assert ratio_text(crime.target.rate_ratio) in text
    assert ratio_text(crime.did) in text
    assert change_text(crime.target.percent_change) in text
    people = engagement(ws, EvaluationScope(PERIOD, iid), today=TODAY)
    for row in people.rows:
        assert f"{row.name} {row.score}" in text
    assert "SARA record" in text and "Scanning" in text


def test_pages_are_numbered_and_a_long_report_has_correct_contents(
        full: tuple[str, list[str]]) -> None:
    _title, pages = full
    total = len(pages)
    assert total > 5
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
    first = pages[0]
    assert "Contents" in first
    listed = re.findall(r"^(Summary|Partners and roles|Goals and targets|Crime before and "
                        r"after|Narrative)\s+(\d+)$", first, re.MULTILINE)
    assert len(listed) == 5
    for heading, page in listed:
        assert heading in pages[int(page) - 1].split("\n", 2)[-1], heading


def test_user_text_is_printed_as_typed(full: tuple[str, list[str]]) -> None:
    text = flat(full[1])
    assert "Locks fitted in <b>212</b> homes & counting" in text
    assert "Problems and barriers Not answered in this report." in text


def test_redacted_report_names_no_one(ws: Workspace) -> None:
    _title, pages = write(ws, redacted=True)
    text = flat(pages)
    form = initiative_form(ws, burglary(ws))
    for partner in form.data.partners:
        if partner.contact_person_id is not None:
            assert partner.contact_name not in text
            assert person_label(partner.contact_person_id, "", True) in text
    assert "Redacted: people are named by a stable id" in text


def test_an_empty_period_says_no_data(ws: Workspace) -> None:
    _title, pages = write(ws, period=Period(date(1990, 1, 1), date(1990, 3, 31)))
    text = flat(pages)
    assert "No data: no meetings of this initiative in the period." in text
    assert "No data: no expenditures or contributions were recorded in the period." in text
    assert "Pending (no data)" in text
    assert "No data: no narrative was written for this report." in text


def test_sections_switched_off_are_left_out_and_short_reports_have_no_contents(
        ws: Workspace) -> None:
    wanted = frozenset({EvaluationSection.SUMMARY, EvaluationSection.PARTNERS})
    logo = io.BytesIO()
    Image.new("RGB", (120, 40), "navy").save(logo, "PNG")
    _title, pages = write(ws, sections=wanted, logo=logo.getvalue())
    text = flat(pages)
    assert "Partners and roles" in text and "Goals and targets" not in text
    assert "Crime before and after" not in text and "Contents" not in text
    assert len(pages) <= 5


def test_a_damaged_logo_is_left_out(ws: Workspace) -> None:
    wanted = frozenset({EvaluationSection.SUMMARY})
    _title, pages = write(ws, sections=wanted, logo=b"\x89PNG\r\n\x1a\nbroken")
    assert BURGLARY in pages[0]


def test_cancelling_writes_nothing(ws: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"

    def cancel(done: int, total: int) -> None:
        if done > 0:
            raise InterruptedError("cancelled")

    options = ReportOptions(PERIOD, initiative_ids=(burglary(ws),), as_of=TODAY)
    with pytest.raises(InterruptedError):
        write_evaluation_report(ws, options, target, cancel)
    assert list(tmp_path.iterdir()) == []


def test_no_initiative_is_refused(ws: Workspace) -> None:
    with pytest.raises(ValueError):
        write_evaluation_report(ws, ReportOptions(PERIOD), io.BytesIO())


def test_goals_summary_names_the_pending_ones() -> None:
    from types import SimpleNamespace

    from app.reports.pdf.evaluation_sections import goals_text
    from app.services.goal_status import GoalStatus

    statuses = [GoalStatus.ON_TARGET, GoalStatus.ON_TARGET, GoalStatus.CLOSE,
                GoalStatus.PENDING]
    report = SimpleNamespace(goals=statuses,
                             goal_count=lambda status: statuses.count(status))
    assert goals_text(report) == "2 of 4 on target, 1 pending"  # type: ignore[arg-type]
    none = SimpleNamespace(goals=[], goal_count=lambda status: 0)
    assert goals_text(none) == "No goals"  # type: ignore[arg-type]
