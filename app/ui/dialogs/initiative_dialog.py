"""Add or edit an initiative: details, partners, goals with measurements, resources and
(for problem-solving projects) the SARA record.

Everything but the resources is saved at once by Save, in one transaction against the
version loaded; resources are records of their own, saved as soon as their dialog closes.
A refusal's messages show beside the fields, on the tab that holds them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget, QWidget

from app.models import InitiativeKind, InitiativeStatus
from app.services.areas import area_choices
from app.services.errors import ValidationError
from app.services.initiative_editing import (
    InitiativeForm,
    InitiativeInput,
    create_initiative,
    initiative_form,
    update_initiative,
)
from app.services.initiatives import KIND_LABELS, STATUS_LABELS
from app.services.organizations import organization_choices
from app.services.permissions import Permission
from app.services.workspace import Workspace
from app.ui.dialogs.action_item_dialog import add_date
from app.ui.dialogs.initiative_fields import add_money
from app.ui.dialogs.initiative_goals_tab import GoalsTab
from app.ui.dialogs.initiative_partners_tab import PartnersTab
from app.ui.dialogs.initiative_resources_tab import ResourcesTab
from app.ui.dialogs.initiative_sara_tab import SaraTab
from app.ui.forms import Form, FormDialog, show_errors_on_tabs, stacked_tab

DETAILS = ("name", "kind", "status", "area_id", "comparison_area_id", "starts_on", "ends_on",
           "lead_organization_id", "budget_cents", "description")
DETAILS_TAB, PARTNERS_TAB, GOALS_TAB, RESOURCES_TAB, SARA_TAB = range(5)


class InitiativeDialog(FormDialog):
    def __init__(self, workspace: Workspace, initiative_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit initiative" if initiative_id else "New initiative", parent)
        self.workspace = workspace
        self.initiative_id = initiative_id
        self.loaded: InitiativeForm | None = None
        self.see_sensitive = workspace.may(Permission.SEE_SENSITIVE)
        self.organizations = organization_choices(workspace)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("initiativeTabs")
        while self.body.count() > 1:  # the form and its stretch make way for the tabs
            self.body.takeAt(0)
        self.body.insertWidget(0, self.tabs, stretch=1)
        self._build_details()
        self.partners_form, self.partners = Form(), PartnersTab(workspace, self.organizations)
        self.partners_form.attach("partners", self.partners, self.partners.entries,
                                  self.partners.set_entries)
        self.tabs.addTab(stacked_tab(self.partners_form, self.partners), "&Partners")
        self.goals_form, self.goals = Form(), GoalsTab()
        self.goals_form.attach("goals", self.goals, self.goals.entries, self.goals.set_entries)
        self.tabs.addTab(stacked_tab(self.goals_form, self.goals), "&Goals")
        self.resources = ResourcesTab(workspace, self.organizations, self._budget)
        self.tabs.addTab(self.resources, "&Resources")
        self.sara = SaraTab()
        self.tabs.addTab(self.sara, "&SARA")
        self.forms = [self.form, self.partners_form, self.goals_form, self.sara]
        self.kind.currentIndexChanged.connect(lambda _: self._kind_changed())
        self.budget.textChanged.connect(lambda _: self.resources.show_totals())
        if initiative_id is not None:
            self.reload()
        else:
            self.form.set_values({"kind": InitiativeKind.NEIGHBORHOOD_WATCH,
                                  "status": InitiativeStatus.PLANNED})
            self.sara.set_entry(None)
        self._kind_changed()
        if not workspace.may(Permission.EDIT):  # a viewer reads it
            self.buttons.button(self.buttons.StandardButton.Save).setEnabled(False)
            self.partners.set_editable(False)
            self.goals.set_editable(False)
        self.resize(880, 660)
        self.name.setFocus()

    # -- building ----------------------------------------------------------------------
    def _build_details(self) -> None:
        form = self.form
        self.name = form.line("name", "&Name", "Eastside Burglary Reduction Project")
        self.kind = form.choice("kind", "&Kind", [(KIND_LABELS[k], k) for k in InitiativeKind])
        form.choice("status", "Stat&us", [(STATUS_LABELS[s], s) for s in InitiativeStatus])
        areas = [("(none)", None)] + [(n, i) for i, n in area_choices(self.workspace)]
        self.area = self._fit(form.choice("area_id", "&Area", areas))
        self.comparison = self._fit(form.choice("comparison_area_id", "&Comparison area",
                                                areas))
        self.comparison.setToolTip("A similar area without the initiative: the evaluation "
                                   "compares the change in both.")
        add_date(form, "starts_on", "S&tarts on")
        add_date(form, "ends_on", "&Ends on")
        orgs = [("(none)", None)] + [(n, i) for i, n in self.organizations]
        self.lead = self._fit(form.choice("lead_organization_id", "&Lead organization", orgs))
        self.budget = add_money(form, "budget_cents", "&Budget",
                                "Leave empty when there is no budget")
        description = form.text("description", "&Description")
        description.setFixedHeight(100)
        self.sensitive = form.text("sensitive_notes", "Sensiti&ve notes")
        self.sensitive.setToolTip("Seen only by users allowed to see sensitive notes; never "
                                  "in the audit log's values.")
        if not self.see_sensitive:
            self.sensitive.setEnabled(False)
            self.sensitive.setPlaceholderText("Hidden: your account may not see sensitive "
                                              "notes.")
        self.archived_label = QLabel()
        self.archived_label.setStyleSheet("color: #b3261e;")
        form.layout_.addRow(self.archived_label)
        self.tabs.addTab(form, "&Details")

    @staticmethod
    def _fit(combo: QComboBox) -> QComboBox:
        combo.setMinimumContentsLength(28)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    @staticmethod
    def _keep(combo: QComboBox, value: int | None, text: str) -> None:
        """A value no longer among the choices (archived organization) stays shown."""
        if value is not None and combo.findData(value) < 0:
            combo.addItem(text, value)

    # -- loading and saving ------------------------------------------------------------
    def reload(self) -> None:
        assert self.initiative_id is not None
        loaded = initiative_form(self.workspace, self.initiative_id)
        self.loaded = loaded
        data = loaded.data
        self._keep(self.area, data.area_id, loaded.area_name)
        self._keep(self.comparison, data.comparison_area_id, loaded.comparison_area_name)
        self._keep(self.lead, data.lead_organization_id, loaded.lead_organization_name)
        self.form.set_values({name: getattr(data, name) for name in DETAILS})
        if self.see_sensitive:
            self.form.set_values({"sensitive_notes": data.sensitive_notes or ""})
        self.partners.set_entries(data.partners)
        self.goals.set_entries(data.goals)
        self.sara.set_entry(data.sara)
        self.archived_label.setText("This initiative is archived." if loaded.archived else "")
        self.archived_label.setVisible(loaded.archived)
        self.resources.set_initiative(loaded.id)

    def _budget(self) -> int | None:
        return self.form.fields["budget_cents"].read()  # type: ignore[no-any-return]

    def _kind_changed(self) -> None:
        problem_solving = self.kind.currentData() is InitiativeKind.PROBLEM_SOLVING
        self.sara.set_problem_solving(problem_solving, self.workspace.may(Permission.EDIT))
        self.tabs.setTabToolTip(SARA_TAB, "" if problem_solving else
                                "For problem-solving projects")

    def _details(self) -> dict[str, object]:
        """The Details fields; every field that cannot be read is reported at once."""
        values, errors = {}, {}
        for name, field in self.form.fields.items():
            try:
                values[name] = field.read()
            except ValidationError as error:
                errors.update(error.errors)
        if errors:
            raise ValidationError(errors)
        return values

    def values(self) -> InitiativeInput:
        values = self._details()
        notes = values.pop("sensitive_notes")
        problem_solving = values["kind"] is InitiativeKind.PROBLEM_SOLVING
        return InitiativeInput(
            **values,  # type: ignore[arg-type]
            sensitive_notes=notes if self.see_sensitive else None,
            partners=self.partners.entries(),
            goals=self.goals.entries(),
            sara=self.sara.entry() if problem_solving else None,
        )

    def save(self) -> int | None:
        data = self.values()
        if self.initiative_id is None:
            return create_initiative(self.workspace, data)
        assert self.loaded is not None
        update_initiative(self.workspace, self.initiative_id, data, self.loaded.version)
        return self.initiative_id

    def show_errors(self, errors: dict[str, str]) -> None:
        show_errors_on_tabs(self.tabs, self.forms, errors)

    @classmethod
    def ask(cls, workspace: Workspace, initiative_id: int | None = None,  # type: ignore[override]
            parent: QWidget | None = None) -> int | None:
        """Show the dialog; the saved initiative's id, or None if cancelled."""
        dialog = cls(workspace, initiative_id, parent)
        return dialog.saved_id if dialog.exec() else None
