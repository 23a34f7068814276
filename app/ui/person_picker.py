"""Choosing people in a directory of 100,000: a search-as-you-type field for one person
and a dialog that checks many. Every search runs in SQL (``list_people``) a page at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.meetings import Invitee, invitees_by_id, organization_members
from app.services.organizations import organization_choices
from app.services.pages import Page
from app.services.people import PeopleQuery, list_people
from app.services.workspace import Workspace

SUGGESTIONS = 20  # rows in the picker's popup
CHOOSER_PAGE = 200  # rows the chooser loads at a time
DEBOUNCE_MS = 150
PERSON_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


def people_matching(ws: Workspace, search: str, offset: int = 0, limit: int = 20) -> Page[Invitee]:
    """People whose name, organization or e-mail holds every word of ``search``, by name."""
    page = list_people(ws, PeopleQuery(search=search), offset, limit)
    return Page(invitees_by_id(ws, [row.id for row in page.rows]), offset, page.total)


def person_label(person: Invitee) -> str:
    """"Zoë Núñez — Harbor Youth Center" ("Zoë Núñez" for someone of no organization)."""
    return f"{person.name} — {person.organization}" if person.organization else person.name


class PersonPicker(QLineEdit):
    """One person, chosen by typing part of a name, organization or e-mail.

    An empty field means no person; editing the text after a choice clears the choice.
    """

    person_chosen = Signal(object)  # the chosen person's id, or None when cleared

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        placeholder: str = "Type part of a name, organization or e-mail",
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._person_id: int | None = None
        self._organization = ""
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.suggestions = QStandardItemModel(self)
        self.completer_ = QCompleter(self.suggestions, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setWidget(self)  # not setCompleter: the field keeps what was typed
        self.completer_.activated[QModelIndex].connect(self._choose_index)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.suggest)
        self.textEdited.connect(self._edited)

    @property
    def person_id(self) -> int | None:
        return self._person_id

    @property
    def organization(self) -> str:
        """The chosen person's primary organization ("" when unknown or none)."""
        return self._organization

    def is_unresolved(self) -> bool:
        """Text typed but no person chosen from the suggestions."""
        return self._person_id is None and bool(self.text().strip())

    def set_person(self, person_id: int | None, name: str = "", organization: str = "") -> None:
        """Show a given person (None: nobody) without searching."""
        self._timer.stop()
        self.completer_.popup().hide()
        self._person_id = person_id
        self._organization = organization if person_id is not None else ""
        self.setText(name if person_id is not None else "")

    def choose(self, person: Invitee) -> None:
        """What choosing a suggestion does: show the person and announce them."""
        self.set_person(person.person_id, person.name, person.organization)
        self.person_chosen.emit(person.person_id)

    def suggest(self) -> None:
        """Search for what is typed and offer the matches in the popup."""
        text = self.text().strip()
        popup = self.completer_.popup()
        if self._person_id is not None or not text:
            popup.hide()
            return
        page = people_matching(self.workspace, text, 0, SUGGESTIONS)
        self.suggestions.clear()
        for person in page.rows:
            item = QStandardItem(person_label(person))
            item.setData(person, PERSON_ROLE)
            item.setToolTip(person.email)
            item.setEditable(False)
            self.suggestions.appendRow(item)
        more = page.total - len(page.rows)
        if not page.rows or more > 0:
            note = f"{more:,} more — type more of the name" if page.rows else "No one matches"
            item = QStandardItem(note)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.suggestions.appendRow(item)
        popup.setMinimumWidth(max(self.width(), 360))
        self.completer_.complete()

    def suggestion_texts(self) -> list[str]:
        """What the popup offers (for tests and screen readers)."""
        return [self.suggestions.item(r).text() for r in range(self.suggestions.rowCount())]

    def _edited(self, _text: str) -> None:
        if self._person_id is not None:
            self._person_id, self._organization = None, ""
            self.person_chosen.emit(None)
        self._timer.start()

    def _choose_index(self, index: QModelIndex) -> None:
        person = index.data(PERSON_ROLE)
        if isinstance(person, Invitee):
            self.choose(person)


class PeopleModel(QAbstractListModel):
    """Matching people with check boxes, loaded a page at a time; checks kept by id."""

    checks_changed = Signal()

    def __init__(self, chosen: dict[int, Invitee], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.chosen = chosen
        self._rows: list[Invitee] = []
        self._fetch: Callable[[int, int], Page[Invitee]] = lambda o, n: Page([], o, 0)
        self.total = 0

    def load(self, fetch: Callable[[int, int], Page[Invitee]]) -> None:
        self.beginResetModel()
        try:
            self._fetch = fetch
            page = fetch(0, CHOOSER_PAGE)
            self._rows, self.total = list(page.rows), page.total
        finally:
            self.endResetModel()

    def person_at(self, row: int) -> Invitee:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        person = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return person_label(person)
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = person.person_id in self.chosen
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return person.email
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        person = self._rows[index.row()]
        if value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value):
            self.chosen[person.person_id] = person
        else:
            self.chosen.pop(person.person_id, None)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checks_changed.emit()
        return True

    def checks_updated(self) -> None:
        """The chosen people changed from outside (a whole organization was added)."""
        if self._rows:
            last = self.index(len(self._rows) - 1)
            self.dataChanged.emit(self.index(0), last, [Qt.ItemDataRole.CheckStateRole])
        self.checks_changed.emit()

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid():
            return
        rows = list(self._fetch(len(self._rows), CHOOSER_PAGE).rows)
        if not rows:
            self.total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        try:
            self._rows.extend(rows)
        finally:
            self.endInsertRows()


class PeopleChooserDialog(QDialog):
    """Check people found by searching, or everyone of an organization; OK returns them."""

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, title: str = "Invite people"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.workspace = workspace
        self.chosen: dict[int, Invitee] = {}  # in the order chosen
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search by name, organization or e-mail…")
        self.search.setClearButtonEnabled(True)
        self.model = PeopleModel(self.chosen, self)
        self.list = QListView()
        self.list.setObjectName("people")
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setSpacing(2)
        self.matches = QLabel()
        self.matches.setObjectName("matches")
        self.only_chosen = QCheckBox("Show &chosen only")
        self.count = QLabel()
        self.count.setObjectName("count")
        self.organization = QComboBox()
        self.organization.setObjectName("organization")
        self.organization.setMinimumContentsLength(24)
        self.organization.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        for organization_id, name in organization_choices(workspace):
            self.organization.addItem(name, organization_id)
        self.add_organization = QPushButton("&Add everyone from this organization")
        self.add_organization.setAutoDefault(False)
        self.add_organization.setEnabled(self.organization.count() > 0)
        self.added = QLabel()
        self.added.setObjectName("added")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._build_layout()
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_changed)
        self.only_chosen.toggled.connect(lambda _: self.refresh())
        self.model.checks_changed.connect(self._count_changed)
        self.add_organization.clicked.connect(self.add_members)
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        self.refresh()
        self._count_changed()
        self.resize(520, 560)
        self.search.setFocus()

    def _build_layout(self) -> None:
        label = QLabel("Or&ganization:")
        label.setBuddy(self.organization)
        by_organization = QHBoxLayout()
        by_organization.addWidget(label)
        by_organization.addWidget(self.organization, stretch=1)
        by_organization.addWidget(self.add_organization)
        counts = QHBoxLayout()
        counts.addWidget(self.matches, stretch=1)
        counts.addWidget(self.only_chosen)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, stretch=1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, stretch=1)
        layout.addLayout(counts)
        layout.addLayout(by_organization)
        layout.addWidget(self.added)
        layout.addLayout(bottom)

    def refresh(self) -> None:
        """List the people matching the search (or, with "chosen only", the chosen)."""
        if self.only_chosen.isChecked():
            people = list(self.chosen.values())

            def fetch(offset: int, limit: int) -> Page[Invitee]:
                return Page(people[offset : offset + limit], offset, len(people))
        else:
            text = self.search.text()

            def fetch(offset: int, limit: int) -> Page[Invitee]:
                return people_matching(self.workspace, text, offset, limit)

        self.model.load(fetch)
        total, shown = self.model.total, self.model.rowCount()
        if total == 0:
            self.matches.setText("No one matches." if self.search.text().strip() else "")
        elif shown < total:
            self.matches.setText(f"{total:,} people — scroll down for more")
        else:
            self.matches.setText(f"{total:,} {'person' if total == 1 else 'people'}")

    def _search_changed(self, _text: str) -> None:
        self.only_chosen.blockSignals(True)  # a new search lists matches again
        self.only_chosen.setChecked(False)
        self.only_chosen.blockSignals(False)
        self._timer.start()

    def add_members(self) -> None:
        organization_id = self.organization.currentData()
        if organization_id is None:
            return
        name = self.organization.currentText()
        members = organization_members(self.workspace, organization_id)
        new = [m for m in members if m.person_id not in self.chosen]
        for member in new:
            self.chosen[member.person_id] = member
        if not members:
            self.added.setText(f"{name} has no current members.")
        else:
            already = len(members) - len(new)
            note = f" ({already} already chosen)" if already else ""
            self.added.setText(f"Added {len(new)} from {name}{note}.")
        if self.only_chosen.isChecked():
            self.refresh()
        self.model.checks_updated()

    def person_ids(self) -> list[int]:
        return list(self.chosen)

    def _count_changed(self) -> None:
        self.count.setText(f"{len(self.chosen)} chosen")
        self.count.setToolTip("\n".join(p.name for p in list(self.chosen.values())[:30]))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Down from the search goes into the list; typing in the list searches again."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if watched is self.search and event.key() == Qt.Key.Key_Down and self.model.rowCount():
            self.list.setFocus()
            if not self.list.currentIndex().isValid():
                self.list.setCurrentIndex(self.model.index(0))
            return True
        text = event.text()
        if watched is self.list and text.isprintable() and text.strip():
            self.search.setFocus()
            self.search.insert(text)
            return True
        return False

    @classmethod
    def ask(
        cls, workspace: Workspace, parent: QWidget | None = None, title: str = "Invite people"
    ) -> list[int]:
        """The ids of the people checked, in the order chosen; [] if cancelled."""
        dialog = cls(workspace, parent, title)
        return dialog.person_ids() if dialog.exec() else []
