"""The Organizations page: the partner organizations of the directory."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from app.models import OrganizationKind
from app.services.directory_detail import organization_detail
from app.services.duplicates import (
    DuplicateMatch,
    OrganizationCandidate,
    find_organization_duplicates,
)
from app.services.merge import merge_organizations
from app.services.organizations import (
    OrganizationInput,
    OrganizationRow,
    delete_organization,
    list_organizations,
    set_archived,
)
from app.services.pages import Page
from app.services.search import DirectoryFilter
from app.ui.dialogs.organization_dialog import OrganizationDialog
from app.ui.formatting import enum_label
from app.ui.pages.detail_html import organization_html
from app.ui.pages.directory_page import DirectoryPage
from app.ui.pages.export_actions import ORGANIZATION_FORMATS
from app.ui.table_model import Column

COLUMNS: list[Column[OrganizationRow]] = [
    Column("Name", lambda o: o.name, wide=True),
    Column("Kind", lambda o: o.kind),
    Column("City", lambda o: o.city),
    Column("E-mail", lambda o: o.email),
    Column("Phone", lambda o: o.phone),
]


class OrganizationsPage(DirectoryPage):
    title = "Organizations"
    noun, plural = "organization", "organizations"
    watched_kinds = frozenset({"organizations", "affiliations", "people"})
    editor = OrganizationDialog
    export_formats = ORGANIZATION_FORMATS

    def columns(self) -> list[Column[Any]]:
        return COLUMNS

    def sort_keys(self) -> list[str | None]:
        return ["name", "kind", "city", "email", "phone"]

    def filters(self) -> list[QWidget]:
        self.kind = QComboBox()
        self.kind.setObjectName("kindFilter")
        self.kind.addItem("All kinds", None)
        for kind in OrganizationKind:
            self.kind.addItem(enum_label(kind), kind)
        self.kind.currentIndexChanged.connect(lambda _: self.refresh())
        return [self.kind]

    def fetch(self, sort: str, descending: bool, offset: int, limit: int) -> Page[Any]:
        return list_organizations(
            self.workspace,
            self.search.text(),
            self.kind.currentData(),
            self.show_archived.isChecked(),
            offset,
            limit,
            sort,
            descending,
        )

    def detail_html(self, record_id: int) -> str:
        return organization_html(organization_detail(self.workspace, record_id))

    def duplicates_of(self, data: OrganizationInput, record_id: int | None) -> list[DuplicateMatch]:
        candidate = OrganizationCandidate(
            name=data.name, website=data.website, email=data.email, phone=data.phone
        )
        return find_organization_duplicates(self.workspace, candidate, exclude_id=record_id)

    def current_filter(self) -> DirectoryFilter:
        return DirectoryFilter(
            search=self.search.text(),
            organization_kind=self.kind.currentData(),
            include_archived=self.show_archived.isChecked(),
        )

    def merge(self, keep_id: int, drop_id: int) -> object:
        return merge_organizations(self.workspace, keep_id, drop_id)

    def set_archived(self, record_id: int, archived: bool) -> None:
        set_archived(self.workspace, record_id, archived)

    def delete(self, record_id: int) -> None:
        delete_organization(self.workspace, record_id)
