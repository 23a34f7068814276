"""The Reports page: choose a report, its period, initiatives and sections, and make it.

PDFs are made in the background with a progress bar and Cancel, then open in the in-app
preview with Print and Save; workbooks are saved where the user says and offered to open
(app/ui/documents.py). Agency name and logo come from File > Settings.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import EVERYTHING, Change
from app.services.initiatives import initiative_choices
from app.services.permissions import Permission
from app.services.report_options import ReportOptions
from app.services.settings import (
    AGENCY_NAME,
    PAPER_SIZES,
    agency_logo,
    get_setting,
    paper_size,
)
from app.services.workspace import Workspace
from app.ui.documents import preview_pdf, save_workbook
from app.ui.list_page import heading_row
from app.ui.pages.report_catalog import REPORTS, ReportKind
from app.ui.pages.report_narrative import NarrativeBox
from app.ui.period_picker import PeriodPicker
from app.ui.progress import Progress


def _checklist(name: str) -> QListWidget:
    checklist = QListWidget()
    checklist.setObjectName(name)
    checklist.setMaximumHeight(150)
    return checklist


def _checked(checklist: QListWidget) -> list[object]:
    return [checklist.item(i).data(Qt.ItemDataRole.UserRole) for i in range(checklist.count())
            if checklist.item(i).checkState() == Qt.CheckState.Checked]


def _add_check(checklist: QListWidget, text: str, value: object, checked: bool) -> None:
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, value)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    checklist.addItem(item)


class ReportsPage(QWidget):
    title = "Reports"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.count = QLabel()
        self.reports = QListWidget()
        self.reports.setObjectName("reportList")
        for kind in REPORTS:
            self.reports.addItem(kind.title)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.period = PeriodPicker(today=(lambda: today) if today else date.today,
                                   preset="Last quarter")
        self.initiatives = _checklist("reportInitiatives")
        self.sections = _checklist("reportSections")
        self.paper = QComboBox()
        self.paper.setObjectName("reportPaper")
        self.paper.addItems(list(PAPER_SIZES))
        self.paper.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.redacted = QCheckBox("&Redacted: people named by ids, sensitive notes left out")
        self.redacted.setObjectName("redacted")
        self.agency = QLabel()
        self.agency.setObjectName("reportAgency")
        self.agency.setWordWrap(True)
        self.narrative = NarrativeBox(workspace)
        self.make = QPushButton("&Make report")
        self.make.setObjectName("makeReport")
        self.make.setShortcut(QKeySequence("Ctrl+Return"))
        self.make.setToolTip("Make the report (Ctrl+Return)")
        self.make.clicked.connect(self.make_report)
        if not workspace.may(Permission.EXPORT):  # every report would be refused
            self.make.setEnabled(False)
            self.make.setToolTip("Reports copy records out of the program: they need an "
                                 "editor's or an administrator's account")
        self.reports.currentRowChanged.connect(lambda _row: self._report_chosen())
        self.period.changed.connect(lambda _p: self._offer_narratives())
        self.initiatives.itemChanged.connect(lambda _item: self._offer_narratives())
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row(self.title, self.count))
        splitter = QSplitter()
        splitter.addWidget(self.reports)
        splitter.addWidget(self._options())
        self.reports.setMinimumWidth(self.reports.sizeHintForColumn(0) + 24)
        splitter.setSizes([self.reports.minimumWidth(), 740])
        layout.addWidget(splitter, stretch=1)
        self._default_paper: str | None = None
        self._fill_initiatives()
        self.reports.setCurrentRow(0)

    def _options(self) -> QWidget:
        form = QFormLayout()
        form.addRow(self.description)
        form.addRow(self.period)
        self._initiatives_label = QLabel("&Initiatives")
        self._initiatives_label.setBuddy(self.initiatives)
        form.addRow(self._initiatives_label, self.initiatives)
        self._sections_label = QLabel("&Sections")
        self._sections_label.setBuddy(self.sections)
        form.addRow(self._sections_label, self.sections)
        self._paper_label = QLabel("Pa&per")
        self._paper_label.setBuddy(self.paper)
        paper_row = QHBoxLayout()
        paper_row.addWidget(self.paper)
        paper_row.addStretch(1)
        form.addRow(self._paper_label, paper_row)
        form.addRow(self.redacted)
        form.addRow("Agency", self.agency)
        form.addRow(self.narrative)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.make)
        form.addRow(buttons)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    def kind(self) -> ReportKind:
        return REPORTS[max(self.reports.currentRow(), 0)]

    def choose(self, key: str) -> None:
        self.reports.setCurrentRow([k.key for k in REPORTS].index(key))

    # -- choices ----------------------------------------------------------------------

    def _report_chosen(self) -> None:
        kind = self.kind()
        self.description.setText(kind.description)
        self.sections.clear()
        for section in kind.sections:
            _add_check(self.sections, section.label, section, True)
        for widget in (self.sections, self._sections_label):
            widget.setVisible(bool(kind.sections))
        for widget in (self.paper, self._paper_label):
            widget.setVisible(not kind.workbook)
        self._initiatives_label.setText(
            "&Initiatives" if kind.needs_initiative else "&Initiatives (none: all)")
        self.narrative.setVisible(kind.narrative)
        self.make.setText("&Save workbook…" if kind.workbook else "&Make report")
        self._offer_narratives()

    def _fill_initiatives(self) -> None:
        chosen = set(_checked(self.initiatives))
        self.initiatives.blockSignals(True)
        self.initiatives.clear()
        for initiative_id, name in initiative_choices(self.workspace):
            _add_check(self.initiatives, name, initiative_id, initiative_id in chosen)
        self.initiatives.blockSignals(False)
        self._offer_narratives()

    def _offer_narratives(self) -> None:
        if not self.kind().narrative:
            return
        names = {self.initiatives.item(i).data(Qt.ItemDataRole.UserRole):
                 self.initiatives.item(i).text() for i in range(self.initiatives.count())}
        chosen = [(i, names[i]) for i in _checked(self.initiatives)]
        self.narrative.set_choices(chosen, self.period.period())  # type: ignore[arg-type]

    def show_initiative(self, initiative_id: int) -> None:
        """Report on one initiative (e.g. from the Evaluation page)."""
        self.choose("evaluation")
        self.initiatives.blockSignals(True)  # one narrative offer below, not one per item
        for i in range(self.initiatives.count()):
            item = self.initiatives.item(i)
            mine = item.data(Qt.ItemDataRole.UserRole) == initiative_id
            item.setCheckState(Qt.CheckState.Checked if mine else Qt.CheckState.Unchecked)
        self.initiatives.blockSignals(False)
        self._offer_narratives()

    # -- making -----------------------------------------------------------------------

    def options(self) -> ReportOptions:
        kind = self.kind()
        return ReportOptions(
            period=self.period.period(),
            initiative_ids=tuple(_checked(self.initiatives)),  # type: ignore[arg-type]
            sections=frozenset(_checked(self.sections)) if kind.sections else None,  # type: ignore[arg-type]
            paper_size=self.paper.currentText(),
            redacted=self.redacted.isChecked(),
            agency_name=str(get_setting(self.workspace, AGENCY_NAME, "") or ""),
            logo=agency_logo(self.workspace),
            narratives=self.narrative.narratives() if kind.narrative else {},
            generated_at=datetime.now(UTC),
        )

    def make_report(self) -> None:
        kind = self.kind()
        if kind.needs_initiative and not _checked(self.initiatives):
            QMessageBox.information(self, kind.title, "Choose at least one initiative.")
            self.initiatives.setFocus()
            return
        options = self.options()
        ws = self.workspace

        def write(path: Path, progress: Progress) -> str:
            return kind.writer(ws, options, path, progress)

        if kind.workbook:
            period = options.period
            name = f"Funder workbook {period.start:%Y-%m-%d} to {period.end:%Y-%m-%d}"
            save_workbook(self, ws, kind.what, name + kind.extension, write)
        else:
            preview_pdf(self, ws, kind.what, write)

    # -- the page protocol ------------------------------------------------------------

    def refresh(self) -> None:
        name = str(get_setting(self.workspace, AGENCY_NAME, "") or "")
        logo = "with its logo" if agency_logo(self.workspace) else "no logo"
        self.agency.setText(f"{name or '(no agency name)'}, {logo} — change them in "
                            "File › Settings…")
        default = paper_size(self.workspace)
        if default != self._default_paper:  # first shown, or changed in Settings
            self._default_paper = default
            self.paper.setCurrentText(default)  # otherwise the paper chosen here stays

    def on_change(self, change: Change) -> None:
        if change.kind in (EVERYTHING, "initiatives"):
            self._fill_initiatives()
        if change.kind in (EVERYTHING, "settings"):
            self.refresh()
