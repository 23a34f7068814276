"""Add or edit an organization."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.models import OrganizationKind
from app.services.organizations import (
    OrganizationInput,
    create_organization,
    organization_form,
    update_organization,
)
from app.services.workspace import Workspace
from app.ui.forms import FormDialog

DuplicateCheck = Callable[[QWidget, OrganizationInput, int | None], bool]


class OrganizationDialog(FormDialog):
    def __init__(
        self,
        workspace: Workspace,
        organization_id: int | None = None,
        parent: QWidget | None = None,
        check_duplicates: DuplicateCheck | None = None,
    ) -> None:
        super().__init__("Edit organization" if organization_id else "New organization", parent)
        self.workspace = workspace
        self.check_duplicates = check_duplicates
        self.organization_id = organization_id
        self.version = 0
        form = self.form
        self.name = form.line("name", "&Name")
        form.enum_choice("kind", "&Kind", OrganizationKind)
        form.line("email", "&E-mail", "office@example.org")
        form.line("phone", "&Phone")
        form.line("website", "&Website", "example.org")
        form.line("street", "&Street")
        form.line("city", "&City")
        form.line("region", "State/&region")
        form.line("postal_code", "Postal c&ode")
        form.text("notes", "N&otes")
        if organization_id is not None:
            self.reload()
        else:
            form.set_values({"kind": OrganizationKind.NONPROFIT})
        self.resize(480, 520)
        self.name.setFocus()

    def reload(self) -> None:
        """Show the stored organization (discarding edits) and save against its version."""
        assert self.organization_id is not None
        self.version, data = organization_form(self.workspace, self.organization_id)
        self.form.set_values(vars(data))

    def save(self) -> int | None:
        data = OrganizationInput(**self.form.values())
        if self.check_duplicates is not None and not self.check_duplicates(
            self, data, self.organization_id
        ):
            return None
        if self.organization_id is None:
            return create_organization(self.workspace, data)
        update_organization(self.workspace, self.organization_id, data, self.version)
        return self.organization_id

    @classmethod
    def ask(
        cls,
        workspace: Workspace,
        organization_id: int | None = None,
        parent: QWidget | None = None,
        check_duplicates: DuplicateCheck | None = None,
    ) -> int | None:
        """Show the dialog; the saved organization's id, or None if cancelled."""
        dialog = cls(workspace, organization_id, parent, check_duplicates)
        return dialog.saved_id if dialog.exec() else None
