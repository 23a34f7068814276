"""The Partners tab: each partner organization with its role and responsibilities, a
contact person, when it joined and what it contributes."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget

from app.models import ContributionType
from app.services.errors import ValidationError
from app.services.initiative_editing import PartnerEntry, validated_partner
from app.services.initiatives import CONTRIBUTION_LABELS
from app.services.meetings import invitees_by_id
from app.services.workspace import Workspace
from app.ui.dialogs.action_item_dialog import add_date
from app.ui.dialogs.initiative_fields import EntryList, joined
from app.ui.forms import FormDialog
from app.ui.person_picker import PersonPicker
from app.ui.table_model import Column

COLUMNS: list[Column[PartnerEntry]] = [
    Column("Organization", lambda p: p.organization_name),
    Column("Role", lambda p: p.role),
    Column("Contact", lambda p: p.contact_name),
    Column("Contributes", lambda p: joined(p.contributions, CONTRIBUTION_LABELS.__getitem__),
           wide=True, tooltip=lambda p: p.responsibilities),
]


class Contributions(QWidget):
    """One check box per contribution type, in three columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[ContributionType, QCheckBox] = {}
        for index, kind in enumerate(ContributionType):
            box = QCheckBox(CONTRIBUTION_LABELS[kind])
            box.setObjectName(f"contribution_{kind.value}")
            grid.addWidget(box, index // 3, index % 3)
            self.boxes[kind] = box

    def value(self) -> tuple[ContributionType, ...]:
        return tuple(kind for kind, box in self.boxes.items() if box.isChecked())

    def set_value(self, kinds: tuple[ContributionType, ...]) -> None:
        for kind, box in self.boxes.items():
            box.setChecked(kind in (kinds or ()))


class PartnerDialog(FormDialog):
    """Add or edit one partner; ``organizations`` are (id, name) choices."""

    def __init__(self, workspace: Workspace, entry: PartnerEntry | None,
                 organizations: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__("Edit partner" if entry else "New partner", parent)
        self.workspace = workspace
        form = self.form
        options: list[tuple[str, object]] = [("(choose an organization)", None)]
        options += [(name, org_id) for org_id, name in organizations]
        self.organization = form.choice("organization_id", "&Organization", options)
        if entry is not None and self.organization.findData(entry.organization_id) < 0:
            self.organization.addItem(entry.organization_name, entry.organization_id)
        self.role = form.line("role", "&Role", "Lead agency, referral partner, sponsor…")
        self.duties = form.text("responsibilities", "Res&ponsibilities")
        self.contact = PersonPicker(workspace, placeholder="Someone in the directory")
        form.add("contact_person_id", "&Contact person", self.contact, self._read_contact,
                 self._write_contact)
        add_date(form, "joined_on", "&Joined on")
        self.contributions = Contributions()
        form.add("contributions", "Contri&butes", self.contributions,
                 self.contributions.value, self.contributions.set_value)
        self.entry: PartnerEntry | None = None
        if entry is not None:
            form.set_values(vars(entry))
        self.resize(560, self.sizeHint().height())
        self.organization.setFocus()

    def _read_contact(self) -> int | None:
        if self.contact.is_unresolved():
            raise ValidationError.single(
                "contact_person_id", "Choose the person from the suggestions, or clear it.")
        return self.contact.person_id

    def _write_contact(self, person_id: int | None) -> None:
        found = invitees_by_id(self.workspace, [person_id]) if person_id is not None else []
        if found:
            self.contact.set_person(found[0].person_id, found[0].name, found[0].organization)
        else:
            self.contact.set_person(None)

    def save(self) -> int | None:
        values = self.form.values()
        name = self.organization.currentText() if values["organization_id"] is not None else ""
        contact = self.contact.text() if values["contact_person_id"] is not None else ""
        self.entry = validated_partner(PartnerEntry(**values, organization_name=name,
                                                    contact_name=contact))
        return 0

    @classmethod
    def ask(cls, workspace: Workspace, entry: PartnerEntry | None,  # type: ignore[override]
            organizations: list[tuple[int, str]],
            parent: QWidget | None = None) -> PartnerEntry | None:
        dialog = cls(workspace, entry, organizations, parent)
        return dialog.entry if dialog.exec() else None


class PartnersTab(EntryList[PartnerEntry]):
    def __init__(self, workspace: Workspace, organizations: list[tuple[int, str]],
                 parent: QWidget | None = None) -> None:
        self.workspace = workspace
        self.organizations = organizations
        super().__init__(COLUMNS, self._ask_partner, "partners", "partner", parent)

    def _ask_partner(self, entry: PartnerEntry | None) -> PartnerEntry | None:
        taken = {p.organization_id for p in self.entries()} - (
            {entry.organization_id} if entry else set())
        choices = [(i, n) for i, n in self.organizations if i not in taken]
        return PartnerDialog.ask(self.workspace, entry, choices, self)
