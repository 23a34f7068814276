"""The funder report: what a funder's evaluation workbook holds, for one period and scope.

``funder_report(ws, scope)`` gathers everything once: the key figures and monthly series
of the Summary sheet (app/services/funder_figures.py), the measures per quarter
(app/services/funder_measures.py) and one row source per data sheet
(app/services/funder_sheets.py). Small sheets are read at once; the sheets that grow with
the agency (meetings, action items, crime statistics, expenditures...) are *streamed*:
their ``RowSource`` knows its row count and opens its own read session when the renderer
iterates it, so a workbook of a large agency is written with flat memory.

Rows are plain tuples of cell values (str, int, float, date, datetime, None) whose order
is the sheet's column order (``SheetData.columns``); the renderer only formats them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from app.services.evaluation_scope import EvaluationScope, Period
from app.services.workspace import Workspace

Cell = str | int | float | date | datetime | None
Row = tuple[Cell, ...]
NO_DATA = "No data for this period"


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text, int, number, money, percent, date, datetime, hours


@dataclass(frozen=True)
class RowSource:
    """Rows of one sheet: how many, and a fresh iterator over them on each call."""

    count: int
    open: Callable[[], Iterator[Row]]

    @classmethod
    def of(cls, rows: Sequence[Row]) -> RowSource:
        held = tuple(rows)
        return cls(len(held), lambda: iter(held))

    def rows(self) -> list[Row]:
        """All rows at once (tests and small sheets)."""
        return list(self.open())


@dataclass(frozen=True)
class SheetData:
    title: str
    columns: tuple[Column, ...]
    source: RowSource
    empty: str = NO_DATA  # what the sheet says when it has no rows
    notes: tuple[str, ...] = ()  # where the figures come from, what is left out


@dataclass(frozen=True)
class Figure:
    """One key figure of the Summary. ``value`` None: no data (never shown as 0)."""

    label: str
    value: float | int | None
    kind: str  # int, number, money, percent, hours
    source: str
    note: str = ""


@dataclass(frozen=True)
class MonthPoint:
    month: date  # first day of the month
    crimes: int | None  # None: no crime counts that month (not 0)
    meetings_held: int
    invited: int
    present: int

    @property
    def attendance_rate(self) -> float | None:
        return self.present / self.invited if self.invited else None


@dataclass(frozen=True)
class FunderReport:
    scope: EvaluationScope
    agency: str
    scope_label: str  # "Whole partnership" or the initiative's name
    generated_at: datetime
    figures: tuple[Figure, ...]
    months: tuple[MonthPoint, ...]
    sheets: tuple[SheetData, ...]  # in workbook order, after the Summary
    redacted: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def period(self) -> Period:
        return self.scope.period

    @property
    def has_data(self) -> bool:
        """Anything happened in the period (initiatives and their goals exist regardless)."""
        return any(f.value is not None for f in self.figures)

    @property
    def row_count(self) -> int:
        return sum(s.source.count for s in self.sheets)

    def sheet(self, title: str) -> SheetData:
        for sheet in self.sheets:
            if sheet.title == title:
                return sheet
        raise KeyError(title)


def funder_report(
    ws: Workspace, scope: EvaluationScope, *, redacted: bool = False,
    now: datetime | None = None,
) -> FunderReport:
    """Everything the funder workbook shows for ``scope`` (period, initiative or all).

    The workbook leaves the program, so building it needs the export permission."""
    from app.services import funder_figures, funder_measures, funder_sheets
    from app.services.permissions import Permission
    from app.services.settings import AGENCY_NAME, get_setting

    ws.require(Permission.EXPORT, "funder workbook")

    agency = str(get_setting(ws, AGENCY_NAME, "") or "")
    label = funder_sheets.scope_label(ws, scope)
    with ws.read() as session:  # every month's figures at once: Summary, Measures, charts
        monthly = funder_figures.monthly_figures(session, scope)
    sheets = (
        funder_measures.measures_sheet(ws, scope, monthly),
        funder_sheets.initiatives_sheet(ws, scope),
        funder_sheets.partners_sheet(ws, scope, redacted),
        funder_sheets.meetings_sheet(ws, scope),
        funder_sheets.action_items_sheet(ws, scope, redacted),
        funder_sheets.training_sheet(ws, scope, redacted),
        funder_sheets.crime_sheet(ws, scope),
        funder_sheets.surveys_sheet(ws, scope),
        funder_sheets.expenditures_sheet(ws, scope),
    )
    return FunderReport(
        scope=scope, agency=agency, scope_label=label,
        generated_at=now or datetime.now(UTC),
        figures=funder_figures.key_figures(ws, scope, monthly),
        months=funder_figures.month_points(ws, scope, monthly),
        sheets=sheets, redacted=redacted,
    )
