"""The funder workbook read back with openpyxl: sheets, tables, figures, charts, safety."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet._writer import ALL_TEMP_FILES

from app.models import Expenditure, Funding, Initiative, InitiativeKind
from app.models.database import open_database
from app.reports.excel.funder import write_funder_workbook, write_funder_xlsx
from app.reports.output import ExportCancelled
from app.services.demo_data import load_demo_data
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.funder_report import NO_DATA, funder_report
from app.services.workspace import Workspace

TODAY = date(2026, 11, 28)
YEAR = Period.year(2026)
SHEETS = ["Summary", "Measures", "Initiatives", "Partners and roles", "Meetings and attendance",
          "Action items", "Training", "Crime statistics", "Surveys", "Expenditures",
          "Chart data"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    db = open_database(tmp_path_factory.mktemp("funder") / "demo.sqlite")
    load_demo_data(db, today=TODAY)
    try:
        yield Workspace(db)
    finally:
        db.close()


@pytest.fixture(scope="module")
def year_file(demo: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("out") / "funder-2026.xlsx"
    write_funder_workbook(demo, YEAR, path)
    return path


def summary_figures(path: Path) -> dict[str, object]:
    sheet = load_workbook(path)["Summary"]
    rows = list(sheet.iter_rows(values_only=True))
    start = rows.index(("Figure", "Value", "Source", "Notes")) + 1
    figures = {}
    for row in rows[start:]:
        if row[0] is None:
            break
        figures[row[0]] = row[1]
    return figures


def test_every_sheet_is_a_table_with_a_frozen_header(year_file: Path, demo: Workspace) -> None:
    workbook = load_workbook(year_file)
    assert workbook.sheetnames == SHEETS
    report = funder_report(demo, EvaluationScope(YEAR))
    for data in report.sheets:
        sheet = workbook[data.title]
        (table,) = sheet.tables.values()
        rows = max(data.source.count, 1)
        assert table.ref == f"A1:{chr(64 + len(data.columns))}{rows + 1}"
        assert table.autoFilter is not None
        assert sheet.freeze_panes == "A2"
        assert [c.value for c in sheet[1]] == [c.header for c in data.columns]
        for letter in "ABC"[: len(data.columns)]:
            assert sheet.column_dimensions[letter].width >= 6
    properties = workbook.properties
    assert properties.creator == "Riverton Police Department"
    assert "funders" in properties.title and properties.subject


def test_cells_equal_the_report_rows(year_file: Path, demo: Workspace) -> None:
    workbook = load_workbook(year_file)
    report = funder_report(demo, EvaluationScope(YEAR))
    for title in ("Meetings and attendance", "Expenditures", "Crime statistics", "Measures"):
        expected = report.sheet(title).source.rows()
        got = list(workbook[title].iter_rows(min_row=2, values_only=True))
        assert len(got) == len(expected) > 0
        for want, have in zip(expected, got, strict=True):
            for w, h in zip(want, have, strict=True):
                if isinstance(w, datetime):
                    assert h == w.astimezone().replace(tzinfo=None)
                elif isinstance(w, date):
                    assert h == datetime.combine(w, datetime.min.time())
                elif isinstance(w, float):
                    assert h == pytest.approx(w)
                else:
                    assert h == (None if w == "" else w)
    money = workbook["Expenditures"]["F2"]
    assert money.number_format == "#,##0.00"
    assert workbook["Meetings and attendance"]["A2"].number_format == "yyyy-mm-dd hh:mm"
    assert workbook["Meetings and attendance"]["K2"].number_format == "0.0%"


def test_summary_figures_equal_the_report(year_file: Path, demo: Workspace) -> None:
    report = funder_report(demo, EvaluationScope(YEAR))
    shown = summary_figures(year_file)
    for figure in report.figures:
        if figure.value is None:
            assert shown[figure.label] == "No data"
        else:
            assert shown[figure.label] == pytest.approx(figure.value)
    chart_data = list(load_workbook(year_file)["Chart data"].iter_rows(min_row=2,
                                                                       values_only=True))
    assert [r[1] for r in chart_data] == [m.crimes for m in report.months]


def test_charts_reference_the_chart_data_sheet(year_file: Path) -> None:
    with zipfile.ZipFile(year_file) as archive:
        charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        assert len(charts) == 2
        xml = [archive.read(n).decode() for n in charts]
    assert "<lineChart>" in xml[0] and "'Chart data'!$B$2:$B$13" in xml[0]
    assert "<barChart>" in xml[1] and "'Chart data'!$F$2:$F$13" in xml[1]
    assert "'Chart data'!$A$2:$A$13" in xml[0]  # the months as categories


def test_an_empty_period_says_no_data(demo: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    write_funder_workbook(demo, Period.year(1990), path)
    workbook = load_workbook(path)
    summary = [r[0] for r in workbook["Summary"].iter_rows(values_only=True)]
    assert "No data was recorded for this period." in summary
    assert set(summary_figures(path).values()) == {"No data"}
    for title in ("Meetings and attendance", "Crime statistics", "Expenditures", "Surveys"):
        rows = list(workbook[title].iter_rows(min_row=2, values_only=True))
        assert [r[0] for r in rows] == [NO_DATA]
    with zipfile.ZipFile(path) as archive:
        assert not [n for n in archive.namelist() if n.startswith("xl/charts/")]


def test_text_never_becomes_a_formula(db_path: Path, tmp_path: Path) -> None:
    db = open_database(db_path)
    nasty = ['=HYPERLINK("http://evil.example","x")', "+1 555", "-2", "@SUM(A1)", "\tTab"]
    try:
        ws = Workspace(db)
        with ws.write() as action:
            action.session.add(Initiative(
                name="=cmd|' /C calc'!A0", kind=InitiativeKind.OTHER,
                expenditures=[Expenditure(spent_on=date(2026, 5, i + 1), category="Outreach",
                                          description=text, amount_cents=100,
                                          funding=Funding.CASH)
                              for i, text in enumerate(nasty)]))
        path = tmp_path / "nasty.xlsx"
        write_funder_workbook(ws, YEAR, path)
    finally:
        db.close()
    sheet = load_workbook(path)["Expenditures"]
    cells = [sheet.cell(row=r, column=4) for r in range(2, 2 + len(nasty))]
    assert [c.value for c in cells] == nasty
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert sheet["B2"].value == "=cmd|' /C calc'!A0" and sheet["B2"].data_type == "s"


def test_a_cancelled_export_leaves_no_file(demo: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "funder.xlsx"
    path.write_bytes(b"the earlier workbook")
    report = funder_report(demo, EvaluationScope(YEAR))
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 4  # after a few sheets are under way

    temporary = len(ALL_TEMP_FILES)
    with pytest.raises(ExportCancelled):
        write_funder_xlsx(report, path, cancelled=cancelled)
    assert path.read_bytes() == b"the earlier workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["funder.xlsx"]
    assert len(ALL_TEMP_FILES) == temporary  # openpyxl's sheet files are deleted too


def test_progress_rises_to_the_total(demo: Workspace) -> None:
    seen: list[tuple[int, int]] = []
    written = write_funder_workbook(demo, YEAR, io.BytesIO(),
                                    progress=lambda d, t: seen.append((d, t)))
    done = [d for d, _ in seen]
    assert done == sorted(done)
    assert seen[-1][0] == seen[-1][1] == written.rows


@pytest.mark.skipif(not (shutil.which("libreoffice") or shutil.which("soffice")),
                    reason="LibreOffice is not installed")
def test_libreoffice_opens_it(year_file: Path, tmp_path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    assert office is not None
    subprocess.run([office, "--headless", "--convert-to", "csv", "--outdir", str(tmp_path),
                    str(year_file)], check=True, capture_output=True, timeout=180,
                   env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    text = (tmp_path / "funder-2026.csv").read_text(encoding="utf-8", errors="replace")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Evaluation report for funders"
    assert rows[1][0] == "Riverton Police Department" and rows[2][0] == "Period"
    shown = {r[0]: r[1] for r in rows if len(r) > 1}
    assert shown["Meetings held"] == str(summary_figures(year_file)["Meetings held"])


def test_table_cells_keep_their_types_and_formats(tmp_path: Path) -> None:
    """Each column's cell is re-filled row after row: values, types and formats stay apart."""
    from decimal import Decimal

    from app.reports.excel.workbook import add_table_sheet, new_workbook, save_workbook

    workbook = new_workbook("cells")
    rows = [
        (datetime(2026, 3, 1, 9, 30), 1234.5, "=SUM(A1)", "#N/A", True, date(2026, 3, 2)),
        (date(2026, 3, 3), 7, "", "plain", Decimal("2.5"), None),
        (None, "N/A", "-3", "bell\x07", False, datetime(2026, 3, 4, 8, 0)),
    ]
    add_table_sheet(workbook, "Cells", ["When", "Money", "Text", "Other", "Flag", "Day"],
                    iter(rows), total=3, number_formats={0: "yyyy-mm-dd hh:mm",
                                                         1: "#,##0.00", 5: "yyyy-mm-dd"})
    path = tmp_path / "cells.xlsx"
    save_workbook(workbook, path)
    sheet = load_workbook(path)["Cells"]
    got = [[(c.value, c.number_format, c.data_type, c.quotePrefix) for c in row]
           for row in sheet.iter_rows(min_row=2)]
    assert got[0] == [
        (datetime(2026, 3, 1, 9, 30), "yyyy-mm-dd hh:mm", "d", False),
        (1234.5, "#,##0.00", "n", False), ("=SUM(A1)", "General", "s", True),
        ("#N/A", "General", "s", False), (True, "General", "b", False),
        (datetime(2026, 3, 2), "yyyy-mm-dd", "d", False)]
    assert got[1] == [
        (datetime(2026, 3, 3), "yyyy-mm-dd hh:mm", "d", False), (7, "#,##0.00", "n", False),
        (None, "General", "n", False), ("plain", "General", "s", False),
        (2.5, "General", "n", False), (None, "General", "n", False)]
    assert got[2] == [
        (None, "General", "n", False), ("N/A", "#,##0.00", "s", False),
        ("-3", "General", "s", True), ("bell", "General", "s", False),
        (False, "General", "b", False), (datetime(2026, 3, 4, 8, 0), "yyyy-mm-dd", "d", False)]


def test_summary_text_stays_text(db_path: Path, tmp_path: Path) -> None:
    """An initiative named like an error code or a formula is shown as typed on the
    Summary (openpyxl took "#N/A" for an error cell)."""
    from app.services.settings import AGENCY_NAME, set_setting

    db = open_database(db_path)
    try:
        ws = Workspace(db)
        with ws.write() as action:
            named = [Initiative(name=name, kind=InitiativeKind.OTHER)
                     for name in ("#N/A", "=1+2")]
            action.session.add_all(named)
        set_setting(ws, AGENCY_NAME, "#REF!")
        paths = []
        for initiative in named:
            paths.append(tmp_path / f"{initiative.id}.xlsx")
            write_funder_workbook(ws, EvaluationScope(YEAR, initiative.id), paths[-1])
    finally:
        db.close()
    for path, name in zip(paths, ("#N/A", "=1+2"), strict=True):
        rows = {row[0].value: row for row in load_workbook(path)["Summary"].iter_rows()
                if row and row[0].value is not None}
        scope = rows["Scope"][1]
        assert (scope.value, scope.data_type) == (name, "s")
        assert scope.quotePrefix == name.startswith("=")
        agency = rows["#REF!"][0]
        assert agency.data_type == "s"
