"""The People page: everyone in the directory, with their organizations and tags."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from app.services.directory_detail import person_detail
from app.services.pages import Page
from app.services.people import (
    PeopleQuery,
    PersonRow,
    all_tags,
    delete_person,
    list_people,
    set_person_archived,
)
from app.ui.dialogs.person_dialog import PersonDialog
from app.ui.pages.detail_html import person_html
from app.ui.pages.directory_page import DirectoryPage
from app.ui.table_model import Column

COLUMNS: list[Column[PersonRow]] = [
    Column("Name", lambda p: p.name, wide=True),
    Column("Organization", lambda p: p.organization, wide=True),
    Column("Title", lambda p: p.title),
    Column("E-mail", lambda p: p.email),
    Column("Phone", lambda p: p.phone),
]


class PeoplePage(DirectoryPage):
    title = "People"
    noun, plural = "person", "people"
    watched_kinds = frozenset({"people", "affiliations", "organizations", "tags"})

    def columns(self) -> list[Column[Any]]:
        return COLUMNS

    def sort_keys(self) -> list[str | None]:
        return ["name", "organization", "title", "email", "phone"]

    def filters(self) -> list[QWidget]:
        self.tag = QComboBox()
        self.tag.setObjectName("tagFilter")
        self._fill_tags()
        self.tag.currentIndexChanged.connect(lambda _: self.refresh())
        return [self.tag]

    def _fill_tags(self) -> None:
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem("All tags", None)
        for name in all_tags(self.workspace):
            self.tag.addItem(name, name)
        self.tag.setCurrentIndex(max(self.tag.findData(current), 0))
        self.tag.blockSignals(False)

    def refresh(self) -> None:
        self._fill_tags()
        super().refresh()

    def fetch(self, sort: str, descending: bool, offset: int, limit: int) -> Page[Any]:
        query = PeopleQuery(
            search=self.search.text(),
            tag=self.tag.currentData(),
            include_archived=self.show_archived.isChecked(),
            sort=sort,
            descending=descending,
        )
        return list_people(self.workspace, query, offset, limit)

    def detail_html(self, record_id: int) -> str:
        return person_html(person_detail(self.workspace, record_id))

    def open_editor(self, record_id: int | None) -> int | None:
        return PersonDialog.ask(self.workspace, record_id, self)

    def set_archived(self, record_id: int, archived: bool) -> None:
        set_person_archived(self.workspace, record_id, archived)

    def delete(self, record_id: int) -> None:
        delete_person(self.workspace, record_id)
