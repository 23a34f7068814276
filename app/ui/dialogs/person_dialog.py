"""Add or edit a person: names, contact details, tags and affiliations edited in place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.models import ContactMethod
from app.services.errors import ValidationError
from app.services.organizations import organization_choices
from app.services.people import (
    AffiliationInput,
    PersonInput,
    all_tags,
    create_person,
    person_form,
    update_person,
)
from app.services.permissions import AccessDenied, Permission
from app.services.workspace import Workspace
from app.ui.forms import FormDialog, parse_date

ORGANIZATION, ROLE, SINCE, UNTIL, PRIMARY = range(5)
DuplicateCheck = Callable[[QWidget, PersonInput, int | None], bool]


class TagsEdit(QLineEdit):
    """Comma-separated tags; completion offers the tags already in use."""

    def __init__(self, known: list[str]) -> None:
        super().__init__()
        self.setPlaceholderText("officer, block captain")
        completer = QCompleter(known, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setWidget(self)
        completer.activated.connect(self._complete)
        self._completer = completer
        self.textEdited.connect(self._suggest)

    def tags(self) -> tuple[str, ...]:
        return tuple(t.strip() for t in self.text().split(",") if t.strip())

    def set_tags(self, tags: tuple[str, ...]) -> None:
        self.setText(", ".join(tags))

    def _suggest(self, text: str) -> None:
        current = text.split(",")[-1].strip()
        if current:
            self._completer.setCompletionPrefix(current)
            self._completer.complete()

    def _complete(self, tag: str) -> None:
        done = [t.strip() for t in self.text().split(",")[:-1] if t.strip()]
        self.setText(", ".join([*done, tag]) + ", ")


class AffiliationsEditor(QWidget):
    """One row per organization the person belongs to, edited in place."""

    def __init__(self, organizations: list[tuple[int, str]]) -> None:
        super().__init__()
        self._organizations = organizations
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("affiliationsTable")
        self.table.setHorizontalHeaderLabels(["Organization", "Role", "Since", "Until", "Primary"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ORGANIZATION, QHeaderView.ResizeMode.Stretch)
        for column, width in ((ROLE, 150), (SINCE, 100), (UNTIL, 100), (PRIMARY, 60)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(120)
        add = QPushButton("&Add organization")
        add.clicked.connect(lambda: self.add_row(None))
        remove = QPushButton("Re&move")
        remove.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, item: AffiliationInput | None, name: str = "") -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItem("", None)
        for org_id, org_name in self._organizations:
            combo.addItem(org_name, org_id)
        if item is not None and combo.findData(item.organization_id) < 0:
            combo.addItem(name or f"#{item.organization_id}", item.organization_id)
        combo.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        combo.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        if item is not None:
            combo.setCurrentIndex(combo.findData(item.organization_id))
        self.table.setCellWidget(row, ORGANIZATION, combo)
        for column, text in (
            (ROLE, item.role if item else ""),
            (SINCE, item.since.isoformat() if item and item.since else ""),
            (UNTIL, item.until.isoformat() if item and item.until else ""),
        ):
            edit = QLineEdit(text)
            if column != ROLE:
                edit.setPlaceholderText("YYYY-MM-DD")
            self.table.setCellWidget(row, column, edit)
        primary = QCheckBox()
        primary.setChecked(bool(item and item.is_primary) or row == 0 and item is None)
        self.table.setCellWidget(row, PRIMARY, primary)
        combo.setFocus()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)

    def set_values(self, items: tuple[AffiliationInput, ...], names: dict[int, str]) -> None:
        self.table.setRowCount(0)
        for item in items:
            self.add_row(item, names.get(item.organization_id, ""))

    def values(self) -> tuple[AffiliationInput, ...]:
        """The rows as input; a row naming no known organization is refused."""
        items = []
        for row in range(self.table.rowCount()):
            combo: QComboBox = self.table.cellWidget(row, ORGANIZATION)  # type: ignore[assignment]
            index = combo.findText(combo.currentText(), Qt.MatchFlag.MatchFixedString)
            org_id = combo.itemData(index) if index >= 0 else None
            if org_id is None:
                if not combo.currentText().strip():
                    continue
                raise ValidationError.single(
                    "affiliations", f"Row {row + 1}: choose an organization from the list."
                )
            try:
                since = parse_date(self._text(row, SINCE))
                until = parse_date(self._text(row, UNTIL))
            except ValueError:
                raise ValidationError.single(
                    "affiliations", f"Row {row + 1}: dates are written like 2024-05-14."
                ) from None
            primary: QCheckBox = self.table.cellWidget(row, PRIMARY)  # type: ignore[assignment]
            items.append(
                AffiliationInput(org_id, self._text(row, ROLE), since, until, primary.isChecked())
            )
        return tuple(items)

    def _text(self, row: int, column: int) -> str:
        edit: QLineEdit = self.table.cellWidget(row, column)  # type: ignore[assignment]
        return edit.text()


class PersonDialog(FormDialog):
    def __init__(
        self,
        workspace: Workspace,
        person_id: int | None = None,
        parent: QWidget | None = None,
        check_duplicates: DuplicateCheck | None = None,
    ) -> None:
        super().__init__("Edit person" if person_id else "New person", parent)
        self.workspace = workspace
        self.person_id = person_id
        self.version = 0
        self.check_duplicates = check_duplicates
        form = self.form
        self.first_name = form.line("first_name", "&First name")
        form.line("last_name", "&Last name")
        form.line("title", "&Title")
        form.line("email", "&E-mail", "name@example.org")
        form.line("phone", "&Phone")
        form.line("mobile", "&Mobile")
        form.enum_choice("preferred_contact", "Prefers", ContactMethod, optional="(no preference)")
        self.tags = TagsEdit(all_tags(workspace))
        form.add("tags", "T&ags", self.tags, self.tags.tags, self.tags.set_tags)
        self.affiliations = AffiliationsEditor(organization_choices(workspace))
        form.add(
            "affiliations",
            "Organi&zations",
            self.affiliations,
            self.affiliations.values,
            lambda items: self.affiliations.set_values(items, {}),
        )
        form.text("notes", "N&otes")
        self.sensitive_notes = None
        if workspace.may(Permission.SEE_SENSITIVE):  # otherwise not shown and left unchanged
            self.sensitive_notes = form.text("sensitive_notes", "&Sensitive notes")
            self.sensitive_notes.setToolTip(
                "Crisis-intervention and other restricted notes: only users with the "
                "sensitive-notes permission see them; exports leave them out unless asked."
            )
        if person_id is not None:
            self.reload()
        self.resize(820, 720)
        self.first_name.setFocus()

    def reload(self) -> None:
        """Show the stored person (discarding edits) and save against its version."""
        assert self.person_id is not None
        loaded = person_form(self.workspace, self.person_id)
        self.version = loaded.version
        values = vars(loaded.data)
        self.form.set_values({k: v for k, v in values.items() if k != "affiliations"})
        self.affiliations.set_values(loaded.data.affiliations, loaded.organization_names)

    def save(self) -> int | None:
        data = PersonInput(**self.form.values())
        if self.check_duplicates is not None and not self.check_duplicates(
            self, data, self.person_id
        ):
            return None
        try:
            if self.person_id is None:
                return create_person(self.workspace, data)
            update_person(self.workspace, self.person_id, data, self.version)
        except AccessDenied as denied:
            raise ValidationError.single("", denied.message) from None
        return self.person_id

    @classmethod
    def ask(
        cls,
        workspace: Workspace,
        person_id: int | None = None,
        parent: QWidget | None = None,
        check_duplicates: DuplicateCheck | None = None,
    ) -> int | None:
        dialog = cls(workspace, person_id, parent, check_duplicates)
        return dialog.saved_id if dialog.exec() else None
