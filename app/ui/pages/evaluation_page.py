"""The Evaluation page: is it working? One initiative or the whole partnership, any period.

The scope bar (initiative, period) is the page's; each tab (goals, crime, surveys,
engagement, network, resources — app/ui/pages/evaluation_*_tab.py) shows that scope. Only
the tab on screen loads; the others catch up when they are shown, so changing the period
costs one load, not six.
"""

from __future__ import annotations

import importlib
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import EVERYTHING, Change
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.initiatives import initiative_choices
from app.services.permissions import Permission
from app.services.workspace import Workspace
from app.ui.list_page import heading_row, toolbar_action
from app.ui.period_picker import PeriodPicker

WHOLE_PARTNERSHIP = "Whole partnership"
# (module, class) of each tab, in order; every tab has title, show_scope and on_change.
TABS = (
    ("app.ui.pages.evaluation_goals_tab", "GoalsTab"),
    ("app.ui.pages.evaluation_crime_tab", "CrimeTab"),
    ("app.ui.pages.evaluation_surveys_tab", "SurveysTab"),
    ("app.ui.pages.evaluation_engagement_tab", "EngagementTab"),
    ("app.ui.pages.evaluation_network_tab", "NetworkTab"),
    ("app.ui.pages.evaluation_resources_tab", "ResourcesTab"),
)


class EvaluationPage(QWidget):
    title = "Evaluation"
    show_report_requested = Signal(int)  # an initiative's id: its evaluation report

    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.count = QLabel()
        self.count.setObjectName("count")
        self.initiative = QComboBox()
        self.initiative.setObjectName("scopeInitiative")
        self.initiative.setMinimumContentsLength(28)
        self.period = PeriodPicker(today=(lambda: today) if today else date.today)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("evaluationTabs")
        for module, name in TABS:
            tab = getattr(importlib.import_module(module), name)(workspace)
            self.tabs.addTab(tab, tab.title)
            # Greyed while a new scope loads, so the last scope's figures are not read as
            # the new one's (every tab loads through its LatestLoader).
            for delivered in (tab.loader.loaded, tab.loader.failed):
                delivered.connect(lambda _result, t=tab: t.setEnabled(not t.loader.busy))
        self._shown: dict[int, EvaluationScope] = {}  # what each tab shows now
        self._fill_initiatives()
        self.initiative.currentIndexChanged.connect(lambda _i: self._scope_changed())
        self.period.changed.connect(lambda _p: self._scope_changed())
        self.tabs.currentChanged.connect(lambda _i: self._load_current())
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row(self.title, self.count))
        layout.addWidget(self._toolbar())
        layout.addLayout(self._scope_bar())
        layout.addWidget(self.tabs, stretch=1)

    def _toolbar(self) -> QToolBar:
        toolbar = QToolBar()
        toolbar.setObjectName("evaluationToolbar")
        self.import_action = toolbar_action(self, toolbar, "&Import crime data…",
                                            self.import_crime, QKeySequence("Ctrl+I"))
        if not self.workspace.may(Permission.IMPORT):  # the import would be refused
            self.import_action.setEnabled(False)
            self.import_action.setToolTip("Importing needs an editor's or an "
                                          "administrator's account")
        toolbar_action(self, toolbar, "Crime imports…", self.crime_imports)
        toolbar_action(self, toolbar, "&Areas…", self.edit_areas)
        toolbar.addSeparator()
        self.report_action = toolbar_action(self, toolbar, "&Report…", self.make_report,
                                            QKeySequence("Ctrl+R"))
        self.report_action.setEnabled(False)
        return toolbar

    def _scope_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        label = QLabel("&Initiative:")
        label.setBuddy(self.initiative)
        bar.addWidget(label)
        bar.addWidget(self.initiative)
        bar.addSpacing(16)
        bar.addWidget(self.period)
        bar.addStretch(1)
        return bar

    # -- scope ------------------------------------------------------------------------

    def scope(self) -> EvaluationScope:
        return EvaluationScope(self.period.period(), self.initiative.currentData())

    def show_initiative(self, initiative_id: int) -> None:
        """Evaluate one initiative (e.g. from the Initiatives page)."""
        index = self.initiative.findData(initiative_id)
        if index < 0:  # created since the list was filled
            self._fill_initiatives()
            index = self.initiative.findData(initiative_id)
        if index >= 0:
            self.initiative.setCurrentIndex(index)

    def set_period(self, period: Period) -> None:
        self.period.set_period(period)

    def _fill_initiatives(self) -> None:
        chosen = self.initiative.currentData()
        self.initiative.blockSignals(True)
        try:
            self.initiative.clear()
            self.initiative.addItem(WHOLE_PARTNERSHIP, None)
            for initiative_id, name in initiative_choices(self.workspace):
                self.initiative.addItem(name, initiative_id)
            self.initiative.setCurrentIndex(max(self.initiative.findData(chosen), 0))
        finally:
            self.initiative.blockSignals(False)
        if self.initiative.currentData() != chosen:  # the one shown was archived
            self._scope_changed()

    def _scope_changed(self) -> None:
        self._load_current()

    def _load_current(self) -> None:
        index = self.tabs.currentIndex()
        scope = self.scope()
        self.report_action.setEnabled(not scope.whole_partnership)
        subject = self.initiative.currentText()
        self.count.setText(f"{subject} · {scope.period.label()}")
        if self._shown.get(index) != scope:
            self._shown[index] = scope
            tab = self.tabs.widget(index)
            tab.show_scope(scope)  # type: ignore[attr-defined]
            tab.setEnabled(not tab.loader.busy)  # type: ignore[attr-defined]

    # -- the page protocol ------------------------------------------------------------

    def refresh(self) -> None:
        self._load_current()

    def on_change(self, change: Change) -> None:
        if change.kind in (EVERYTHING, "initiatives"):
            self._fill_initiatives()
        current = self.tabs.currentIndex()
        if current in self._shown:
            self.tabs.widget(current).on_change(change)  # type: ignore[attr-defined]
        # The others reload the next time they are shown.
        self._shown = {i: s for i, s in self._shown.items() if i == current}

    # -- toolbar ----------------------------------------------------------------------

    def make_report(self) -> None:
        """Go to the Reports page with this initiative's evaluation report chosen."""
        initiative_id = self.initiative.currentData()
        if initiative_id is not None:
            self.show_report_requested.emit(initiative_id)

    def import_crime(self) -> None:
        from app.ui.dialogs.crime_import_wizard import CrimeImportWizard

        CrimeImportWizard.ask(self.workspace, self)

    def crime_imports(self) -> None:
        from app.ui.dialogs.crime_import_history import CrimeImportHistoryDialog

        CrimeImportHistoryDialog.ask(self.workspace, self)

    def edit_areas(self) -> None:
        from app.ui.dialogs.areas_dialog import AreasDialog

        AreasDialog.ask(self.workspace, self)
