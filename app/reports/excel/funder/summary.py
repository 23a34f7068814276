"""The Summary sheet (title block, key figures, the sheets) and its native Excel charts.

The charts are openpyxl LineChart/BarChart objects whose series reference the cells of
the "Chart data" sheet (an Excel table of the monthly figures), so a funder can see and
reuse the numbers behind them. A period without crime counts (or without held meetings)
gets a line saying so instead of an empty chart; months without crime counts are empty
cells (a gap in the line), never 0.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from app.reports.excel.workbook import add_table_sheet
from app.reports.spreadsheet_safety import CellValue, is_formula_like, xlsx_text
from app.services.funder_report import FunderReport

SUMMARY = "Summary"
CHART_DATA = "Chart data"
NO_DATA = "No data"
CHART_HEADERS = ("Month", "Crimes recorded", "Meetings held", "Invited", "Present",
                 "Attendance rate")
CHART_FORMATS = {0: "mmm yyyy", 1: "#,##0", 2: "#,##0", 3: "#,##0", 4: "#,##0", 5: "0%"}
FIGURE_FORMATS = {"int": "#,##0", "money": "#,##0.00", "percent": "0.0%", "hours": "#,##0.0",
                  "number": "General"}
WIDTHS = {"A": 34.0, "B": 16.0, "C": 40.0, "D": 56.0}
CHART_ANCHORS = ("F2", "F22")


def add_summary_sheet(workbook: Workbook, report: FunderReport) -> WriteOnlyWorksheet:
    sheet: WriteOnlyWorksheet = workbook.create_sheet(SUMMARY)
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    title = "Evaluation report for funders"
    sheet.append([_styled(sheet, title, Font(bold=True, size=16))])
    if report.agency:
        sheet.append([_styled(sheet, report.agency, Font(bold=True, size=12))])
    sheet.append(["Period", _text(sheet, report.period.label())])
    sheet.append(["Scope", _text(sheet, report.scope_label)])
    sheet.append(["Prepared", _styled(sheet, report.generated_at.astimezone().replace(
        tzinfo=None), number_format="yyyy-mm-dd hh:mm", align="left")])
    if report.redacted:
        sheet.append(["People", "named by a stable id (P-00042), not by name"])
    if not report.has_data:
        sheet.append([_styled(sheet, "No data was recorded for this period.",
                              Font(bold=True, color="C00000"))])
    sheet.append([])
    sheet.append([_styled(sheet, "Key figures", Font(bold=True, size=12))])
    sheet.append(_header(sheet, ("Figure", "Value", "Source", "Notes")))
    for figure in report.figures:
        value: CellValue | WriteOnlyCell = NO_DATA
        if figure.value is not None:
            value = _styled(sheet, figure.value, number_format=FIGURE_FORMATS[figure.kind])
        sheet.append([_text(sheet, figure.label), value, _text(sheet, figure.source),
                      _text(sheet, figure.note)])
    sheet.append([])
    sheet.append([_styled(sheet, "Sheets", Font(bold=True, size=12))])
    sheet.append(_header(sheet, ("Sheet", "Rows", "About")))
    for data in report.sheets:
        about = " ".join(data.notes) or ""
        rows = data.source.count if data.source.count else NO_DATA
        sheet.append([_text(sheet, data.title), rows, _text(sheet, about)])
    sheet.append([CHART_DATA, len(report.months), "The monthly figures behind the charts."])
    _add_charts(sheet, report)
    return sheet


def add_chart_data_sheet(workbook: Workbook, report: FunderReport) -> None:
    rows = [(m.month, m.crimes, m.meetings_held, m.invited, m.present, m.attendance_rate)
            for m in report.months]
    add_table_sheet(workbook, CHART_DATA, CHART_HEADERS, rows, number_formats=CHART_FORMATS,
                    table_name="Chart_data")


def _add_charts(sheet: WriteOnlyWorksheet, report: FunderReport) -> None:
    months = len(report.months)
    anchors = list(CHART_ANCHORS)
    notes = []
    if any(m.crimes is not None for m in report.months):
        sheet.add_chart(_crime_chart(months, report.scope_label), anchors.pop(0))
    else:
        notes.append("No crime statistics for this period: no crime trend chart.")
    if any(m.attendance_rate is not None for m in report.months):
        sheet.add_chart(_attendance_chart(months), anchors.pop(0))
    else:
        notes.append("No meeting was held in this period: no attendance chart.")
    if notes:
        sheet.append([])
        for note in notes:
            sheet.append([note])


def _crime_chart(months: int, scope: str) -> LineChart:
    chart = LineChart()
    chart.title = "Crimes recorded per month"
    chart.y_axis.title = "Crimes"
    chart.x_axis.title = "Month"
    data = Reference(worksheet=_ChartSheet, min_col=2, min_row=1, max_row=months + 1)
    chart.add_data(data, titles_from_data=True)
    chart.series[0].smooth = False  # a month's count, not a curve between counts
    chart.set_categories(Reference(worksheet=_ChartSheet, min_col=1, min_row=2,
                                   max_row=months + 1))
    chart.x_axis.number_format = "mmm yyyy"
    return _finish(chart)


def _attendance_chart(months: int) -> BarChart:
    chart = BarChart()
    chart.type = "col"
    chart.title = "Attendance rate of held meetings"
    chart.y_axis.title = "Invited people present"
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    data = Reference(worksheet=_ChartSheet, min_col=6, min_row=1, max_row=months + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(worksheet=_ChartSheet, min_col=1, min_row=2,
                                   max_row=months + 1))
    chart.x_axis.number_format = "mmm yyyy"
    return _finish(chart)


def _finish(chart: LineChart | BarChart) -> LineChart | BarChart:
    chart.width, chart.height = 18.0, 9.0
    chart.legend = None
    # openpyxl 3.1 marks axes deleted unless told otherwise: Excel would hide them.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    return chart


class _ChartSheetName:
    """A stand-in worksheet for References: only its title is used."""

    title = CHART_DATA


_ChartSheet = _ChartSheetName()


def _header(sheet: WriteOnlyWorksheet, labels: Sequence[str]) -> list[WriteOnlyCell]:
    return [_styled(sheet, label, Font(bold=True)) for label in labels]


def _text(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell | None:
    if not text:
        return None
    return _styled(sheet, text)


def _styled(sheet: WriteOnlyWorksheet, value: CellValue, font: Font | None = None,
            number_format: str | None = None, align: str | None = None) -> WriteOnlyCell:
    if isinstance(value, str):
        value = xlsx_text(value)
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = "s"  # as typed: never a formula, nor an error code such as #N/A
        if is_formula_like(value):
            cell.quotePrefix = True
    if font is not None:
        cell.font = font
    if number_format is not None:
        cell.number_format = number_format
    if align is not None:
        cell.alignment = Alignment(horizontal=align)
    return cell
