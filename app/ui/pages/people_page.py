"""The People page: everyone in the directory, with their organizations and tags."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from app.services.changes import Change
from app.services.directory_detail import person_detail
from app.services.duplicates import DuplicateMatch, PersonCandidate, find_person_duplicates
from app.services.merge import merge_people
from app.services.pages import Page
from app.services.people import (
    PeopleQuery,
    PersonInput,
    PersonRow,
    all_tags,
    delete_person,
    list_people,
    set_person_archived,
)
from app.services.search import DirectoryFilter
from app.ui.dialogs.person_dialog import PersonDialog
from app.ui.pages.detail_html import person_html
from app.ui.pages.directory_page import DirectoryPage
from app.ui.pages.export_actions import PEOPLE_FORMATS
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
    editor = PersonDialog
    export_formats = PEOPLE_FORMATS

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

    def on_change(self, change: Change) -> None:
        self._fill_tags()  # a save may have brought a new tag
        super().on_change(change)

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

    def duplicates_of(self, data: PersonInput, record_id: int | None) -> list[DuplicateMatch]:
        candidate = PersonCandidate(
            first_name=data.first_name,
            last_name=data.last_name,
            email=data.email,
            phone=data.phone,
            mobile=data.mobile,
            organization_ids=tuple(a.organization_id for a in data.affiliations),
        )
        return find_person_duplicates(self.workspace, candidate, exclude_id=record_id)

    def current_filter(self) -> DirectoryFilter:
        return DirectoryFilter(
            search=self.search.text(),
            tag=self.tag.currentData(),
            include_archived=self.show_archived.isChecked(),
        )

    def merge(self, keep_id: int, drop_id: int) -> object:
        return merge_people(self.workspace, keep_id, drop_id)

    def set_archived(self, record_id: int, archived: bool) -> None:
        set_person_archived(self.workspace, record_id, archived)

    def delete(self, record_id: int) -> None:
        delete_person(self.workspace, record_id)
