"""The crime statistics import wizard: file → columns → preview → done.

The file's first 64 KB tell its layout and columns at once; reading it all (counting by
area, category and month) and importing run in the background with a progress dialog and
Cancel. Nothing is written before Import on the preview page; the import is one
transaction and can be undone from Crime import history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.models.crime import AreaKind
from app.services.crime_import import (
    CrimeImportError,
    CrimeImportResult,
    CrimePreview,
    DateOrder,
    FileHead,
    ImportCancelled,
    MappingChoice,
    SkippedRows,
    build_mapping,
    choose_date_order,
    import_crime,
    preview_crime_import,
    proposal,
    read_head,
)
from app.services.errors import ValidationError
from app.services.wording import plural
from app.services.workspace import Workspace
from app.ui.dialogs.crime_import_history import CrimeImportHistoryDialog
from app.ui.dialogs.import_pages import (
    ChooseFilePage,
    DonePage,
    ImportPreviewPage,
    import_in_background,
    set_up_wizard,
)
from app.ui.formatting import enum_label
from app.ui.forms import Form
from app.ui.progress import Cancelled, Progress, run_with_progress
from app.ui.refusals import REFUSALS
from app.ui.table_model import Column, RowTableModel
from app.ui.table_view import row_table_view

TITLE = "Import crime statistics"
FILE_FILTER = "Crime data (*.csv *.txt *.tsv);;All files (*)"
FILE_PAGE, MAPPING_PAGE, PREVIEW_PAGE, DONE_PAGE = range(4)
CHOOSE = "(choose a column)"
NO_COUNT = "(none: each row is one incident)"
SHOWN = 40
NAMED = 12
SKIPPED_COLUMNS: list[Column[SkippedRows]] = [
    Column("Reason", lambda s: s.reason, warning=lambda s: True),
    Column("Rows", lambda s: s.count, numeric=True),
    Column("Row numbers", lambda s: s.rows_text, wide=True, tooltip=lambda s: s.rows_text),
    Column("Values met", lambda s: ", ".join(s.examples)),
]
ORDERS = [("Decide from the file", None),
          ("Day first: 03/04/2024 is 3 April", DateOrder.DAY_FIRST),
          ("Month first: 03/04/2024 is 4 March", DateOrder.MONTH_FIRST)]


@dataclass
class CrimeImportState:
    workspace: Workspace
    head: FileHead | None = None
    layout: str = ""
    preview: CrimePreview | None = None
    choice: MappingChoice | None = None  # the choice the preview was read with
    result: CrimeImportResult | None = None


def named(names: tuple[str, ...]) -> str:
    more = len(names) - NAMED
    return ", ".join(names[:NAMED]) + (f" and {more:,} more" if more > 0 else "")


def preview_summary(preview: CrimePreview) -> str:
    """The counts of a preview in two sentences, for the preview page."""
    months = preview.months
    span = ""
    if months:
        span = f"{months[0]:%B %Y}" if len(months) == 1 else \
            f"{months[0]:%B %Y} to {months[-1]:%B %Y}"
        span = f", {span} ({plural(len(months), 'month')})"
    order = ""
    if preview.date_order is not None:
        how = " (as the file shows)" if preview.date_order_inferred else ""
        order = f" Dates read {preview.date_order.value}{how}."
    return (
        f"{plural(preview.incidents, 'incident')} in "
        f"{plural(len(preview.cells), 'monthly count')}{span}; "
        f"{plural(preview.areas, 'area')} ({preview.mapping.area_kind.value}), "
        f"{plural(preview.categories, 'offense category', 'offense categories')}.{order}"
    )


def result_summary(result: CrimeImportResult) -> str:
    skipped = f" {plural(result.rows_skipped, 'row was', 'rows were')} skipped." \
        if result.rows_skipped else ""
    span = f"{result.first_month:%B %Y}"
    if result.last_month != result.first_month:
        span += f" to {result.last_month:%B %Y}"
    return (
        f"Imported {plural(result.incidents, 'incident')} as "
        f"{plural(result.counts_added, 'monthly count')} ({span}); added "
        f"{plural(result.areas_added, 'area')} and "
        f"{plural(result.categories_added, 'offense category', 'offense categories')}."
        f"{skipped} You can undo this import from Crime import history."
    )


class FilePage(ChooseFilePage):
    def __init__(self, state: CrimeImportState, parent: QWidget | None = None) -> None:
        super().__init__(
            "Crime data as CSV: an export of the Chicago data portal ('Crimes - 2001 to "
            "Present'), a data.police.uk street-level file, or any table with a heading row "
            "— one row per incident, or counts already made.",
            "The exported crime data file",
            "Nothing is imported yet. Incidents are counted by month, area and offense "
            "category; the next pages show which columns are used and what would be added, "
            "with every row that cannot be counted and why.",
            "Choose a crime data file", FILE_FILTER, parent)
        self.state = state

    def validatePage(self) -> bool:  # noqa: N802
        path = self.chosen_path()
        if self.state.head is not None and self.state.head.path == path:
            return True  # back and forth: keep the choices made on the next page
        try:
            head = read_head(path)  # the first 64 KB only: quick
        except CrimeImportError as error:
            self.show_error(error.message)
            return False
        self.state.head, self.state.preview, self.state.choice = head, None, None
        return True


class MappingPage(QWizardPage):
    def __init__(self, state: CrimeImportState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle("Columns")
        self.setSubTitle("Check which column holds what. The whole file is read when you "
                         "press Next.")
        self.recognised = QLabel()
        self.recognised.setObjectName("recognised")
        self.recognised.setWordWrap(True)
        self.form = Form()
        self.date = self.form.choice("date_column", "&Date or month:", [])
        self.area = self.form.choice("area_column", "&Area:", [])
        self.category = self.form.choice("category_column", "Offense &category:", [])
        self.count = self.form.choice("count_column", "C&ount:", [])
        self.order = self.form.choice("date_order", "Dates &are:", ORDERS)
        self.kind = self.form.choice(
            "area_kind", "New areas are &kind:",
            [("As the layout or heading says", None)]
            + [(enum_label(k), k) for k in AreaKind])
        self.prefix = self.form.line("area_prefix", "Area names &start with:",
                                     "nothing (the values as written)")
        self.example = QLabel()
        self.example.setObjectName("areaExample")
        self.example.setWordWrap(True)
        for combo in (self.date, self.area, self.category, self.count, self.kind):
            combo.currentIndexChanged.connect(lambda _: self._changed())
        for combo in (self.date, self.area, self.category, self.count, self.order, self.kind):
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.order.currentIndexChanged.connect(lambda _: self.form.clear_errors())
        self.prefix.textChanged.connect(lambda _: self._changed())
        layout = QVBoxLayout(self)
        layout.addWidget(self.recognised)
        layout.addWidget(self.form)
        layout.addWidget(self.example)
        layout.addStretch(1)

    @property
    def head(self) -> FileHead:
        assert self.state.head is not None
        return self.state.head

    def initializePage(self) -> None:  # noqa: N802
        head = self.head
        layout, proposed = proposal(head.headers)
        self.state.layout = layout
        self.recognised.setText(
            f"<b>{layout}</b> — {head.format}, {head.encoding}, "
            f"{plural(len(head.headers), 'column')}")
        columns = [(self._column_text(i), i) for i in range(len(head.headers))]
        for combo, first in ((self.date, CHOOSE), (self.area, CHOOSE),
                             (self.category, CHOOSE), (self.count, NO_COUNT)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for text, value in columns:
                combo.addItem(text, value)
            combo.blockSignals(False)
        self._select(self.date, proposed.date_column)
        self._select(self.area, proposed.area_column)
        self._select(self.category, proposed.category_column)
        self._select(self.count, proposed.count_column)
        self._select(self.order, proposed.date_order)
        self.kind.setCurrentIndex(0)
        self.prefix.clear()
        self.form.clear_errors()
        self._changed()

    def _column_text(self, index: int) -> str:
        sample = self.head.samples[index] if index < len(self.head.samples) else ""
        sample = sample if len(sample) <= SHOWN else sample[: SHOWN - 1] + "…"
        name = self.head.headers[index] or f"Column {index + 1}"
        return f"{name}  (e.g. {sample})" if sample else name

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        combo.setCurrentIndex(max(combo.findData(value), 0) if value is not None else 0)

    def choice(self) -> MappingChoice:
        count = self.count.currentData()
        return MappingChoice(
            date_column=self.date.currentData(),
            area_column=self.area.currentData(),
            category_column=self.category.currentData(),
            count_column="" if count is None else count,
            date_order=self.order.currentData(),
            area_kind=self.kind.currentData(),
            area_prefix=self.prefix.text() or None,
        )

    def _changed(self) -> None:
        """How areas will be named and classed with the columns chosen now."""
        self.form.clear_errors()
        try:
            _layout, mapping = build_mapping(self.head.headers, self.choice())
        except ValidationError:
            self.example.setText("")
            return
        sample = self.head.samples[mapping.area_column]
        named = mapping.area_name(sample) if sample else ""
        self.example.setText(
            f"New areas will be of kind {enum_label(mapping.area_kind).lower()}"
            + (f", named like “{named}”." if named else "."))

    def validatePage(self) -> bool:  # noqa: N802
        choice, workspace, path = self.choice(), self.state.workspace, self.head.path
        previous = self.state.preview
        try:
            if _only_the_order_chosen(previous, self.state.choice, choice):
                assert previous is not None and choice.date_order is not None
                preview = choose_date_order(workspace, previous, choice.date_order)
            else:
                preview = self._read(workspace, path, choice)
        except Cancelled:
            return False
        except ValidationError as error:
            self.form.show_errors(error.errors)
            return False
        except (CrimeImportError, *REFUSALS) as error:
            self.form.show_errors({"": getattr(error, "message", str(error))})
            return False
        self.state.preview, self.state.choice = preview, choice
        if preview.needs_date_order:
            self.form.show_errors({"date_order": (
                "Every date in this file fits both orders (no day above 12): choose whether "
                "they are day-first or month-first.")})
            return False
        return True

    def _read(self, workspace: Workspace, path: Path, choice: MappingChoice) -> CrimePreview:
        def job(progress: Progress) -> CrimePreview:
            try:
                return preview_crime_import(workspace, path, choice, progress)
            except ImportCancelled:
                raise Cancelled() from None

        return run_with_progress(self, TITLE, f"Reading {path.name}…", job)


def _only_the_order_chosen(previous: CrimePreview | None, before: MappingChoice | None,
                           now: MappingChoice) -> bool:
    """The file was read already and only the dates' order asked for has been chosen: no
    need to read it again."""
    return (previous is not None and previous.needs_date_order and before is not None
            and now.date_order is not None
            and replace(before, date_order=None) == replace(now, date_order=None))


class CrimePreviewPage(ImportPreviewPage):
    def __init__(self, state: CrimeImportState, run_import: Callable[[QWizardPage], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__("What importing the file would add. Rows that cannot be counted are "
                         "left out, never guessed.", parent)
        self.state, self.run_import = state, run_import
        self.details = QLabel()
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.new_areas = QLabel()
        self.new_areas.setObjectName("newAreas")
        self.new_categories = QLabel()
        self.new_categories.setObjectName("newCategories")
        self.overlap = QLabel()
        self.overlap.setObjectName("overlap")
        for label in (self.new_areas, self.new_categories, self.overlap):
            label.setWordWrap(True)
        self.skipped_title = QLabel("Rows left out:")
        self.model: RowTableModel[SkippedRows] = RowTableModel(SKIPPED_COLUMNS, self)
        self.view = row_table_view(self.model, "skippedRows")
        layout = QVBoxLayout(self)
        for widget in (self.banner, self.counts, self.details, self.new_areas,
                       self.new_categories, self.overlap, self.skipped_title):
            layout.addWidget(widget)
        layout.addWidget(self.view, stretch=1)
        self.stretch = QWidget()
        layout.addWidget(self.stretch, stretch=1)

    @property
    def preview(self) -> CrimePreview:
        assert self.state.preview is not None
        return self.state.preview

    def initializePage(self) -> None:  # noqa: N802
        preview = self.preview
        previous = preview.already_imported
        self.banner.setVisible(previous is not None)
        if previous is not None:
            self.banner.setText(
                f"This file was already imported on {previous.imported_at:%d %b %Y} by "
                f"{previous.imported_by}; importing it again would count every incident "
                "twice. To import it again, undo that import in Crime import history first.")
        self.counts.setText(
            f"{plural(preview.rows_read, 'row')} read: {preview.rows_counted:,} to be "
            f"counted, {preview.rows_skipped:,} left out")
        self.details.setText(preview_summary(preview) if preview.cells else
                             "No row can be counted: there is nothing to import.")
        self.new_areas.setVisible(bool(preview.new_areas))
        self.new_areas.setText(f"New areas ({len(preview.new_areas):,}): "
                               f"{named(preview.new_areas)}.")
        self.new_categories.setVisible(bool(preview.new_categories))
        self.new_categories.setText(f"New offense categories ({len(preview.new_categories):,}): "
                                    f"{named(preview.new_categories)}.")
        self.overlap.setVisible(bool(preview.existing_cells) and previous is None)
        self.overlap.setText(
            f"Note: {plural(preview.existing_cells, 'monthly count')} of this file already "
            "have a count for the same area, category and month (from another import or "
            "typed in); both will be kept.")
        self.model.set_rows(preview.skipped)
        for widget in (self.skipped_title, self.view):
            widget.setVisible(bool(preview.skipped))
        self.stretch.setVisible(not preview.skipped)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.state.preview is not None and self.state.preview.can_import

    def validatePage(self) -> bool:  # noqa: N802
        return self.run_import(self)


class CrimeImportWizard(QWizard):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = CrimeImportState(workspace)
        self.file_page = FilePage(self.state)
        self.mapping_page = MappingPage(self.state)
        self.preview_page = CrimePreviewPage(self.state, self._import)
        self.done_page = DonePage(self._summary, "Open crime import &history…",
                                  lambda page: CrimeImportHistoryDialog.ask(workspace, page))
        set_up_wizard(self, TITLE, (self.file_page, self.mapping_page, self.preview_page,
                                    self.done_page), (900, 640))

    def _summary(self) -> str:
        result = self.state.result
        return result_summary(result) if result is not None else ""

    def _import(self, page: QWizardPage) -> bool:
        preview, workspace = self.state.preview, self.state.workspace
        assert preview is not None

        def job(progress: Progress) -> CrimeImportResult:
            try:
                return import_crime(workspace, preview, progress)
            except ImportCancelled:
                raise Cancelled() from None

        result = import_in_background(page, TITLE, preview.source_name, job, (CrimeImportError,))
        if result is None:
            return False
        self.state.result = result
        return True

    @classmethod
    def ask(cls, workspace: Workspace, parent: QWidget | None = None) -> int | None:
        """Run the wizard; the id of the import batch made, or None when nothing was."""
        wizard = cls(workspace, parent)
        wizard.exec()
        return wizard.state.result.batch_id if wizard.state.result is not None else None
