"""Areas and their neighbors: a list on the left, the chosen area's form on the right.

Neighbors are where crime pushed out of an initiative's area would show up (the Crime
tab's displacement check); ticking a neighbor here makes the pair known from both sides.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models import AreaKind
from app.services.areas import (
    KIND_LABELS,
    AreaInput,
    AreaRow,
    create_area,
    delete_area,
    list_areas,
    set_neighbors,
    update_area,
    validated,
)
from app.services.errors import ValidationError
from app.services.permissions import Permission
from app.services.workspace import Workspace
from app.ui.forms import Form
from app.ui.refusals import REFUSALS

ID_ROLE = Qt.ItemDataRole.UserRole


def _describe(row: AreaRow) -> str:
    parts = [row.kind_label]
    if row.population is not None:
        parts.append(f"pop. {row.population:,}")
    if row.neighbor_ids:
        parts.append(f"{len(row.neighbor_ids)} neighbor{'s' * (len(row.neighbor_ids) != 1)}")
    return f"{row.name} — {', '.join(parts)}"


class AreasDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Areas and neighbors")
        self.workspace = workspace
        self.rows: list[AreaRow] = []
        self.current: int | None = None  # None: a new area
        editable = workspace.may(Permission.EDIT)

        self.areas = QListWidget()
        self.areas.setObjectName("areasList")
        self.areas.currentItemChanged.connect(lambda item, _old: self._select(item))
        self.new_button = QPushButton("&New area")
        self.new_button.clicked.connect(self.new_area)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.clicked.connect(self.delete_current)

        self.form = Form(self)
        self.name = self.form.line("name", "&Name")
        self.kind = self.form.choice("kind", "&Kind",
                                     [(label, kind) for kind, label in KIND_LABELS.items()])
        self.population = self.form.line("population", "&Population", "optional")
        self.neighbors = QListWidget()
        self.neighbors.setObjectName("neighbors")
        self.form.attach("neighbors", self.neighbors, self.checked_neighbors, lambda _v: None)
        self.uses = QLabel()
        self.uses.setObjectName("areaUses")
        self.uses.setWordWrap(True)
        self.save_button = QPushButton("&Save area")
        self.save_button.setObjectName("saveArea")
        self.save_button.clicked.connect(self.save)

        left = QVBoxLayout()
        left.addWidget(self.areas, stretch=1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left.addLayout(row)
        right = QVBoxLayout()
        right.addWidget(self.form)
        right.addWidget(QLabel("Neighbors (areas that share a border, for the displacement "
                               "check):"))
        right.addWidget(self.neighbors, stretch=1)
        right.addWidget(self.uses)
        right.addWidget(self.save_button, alignment=Qt.AlignmentFlag.AlignRight)
        columns = QHBoxLayout()
        columns.addLayout(left, stretch=1)
        columns.addLayout(right, stretch=1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        body = QVBoxLayout(self)
        body.addLayout(columns, stretch=1)
        body.addWidget(close)
        for widget in (self.new_button, self.delete_button, self.save_button):
            widget.setEnabled(editable)
        self.resize(900, 520)
        self.reload()

    @classmethod
    def ask(cls, workspace: Workspace, parent: QWidget | None = None) -> None:
        cls(workspace, parent).exec()

    # -- list ---------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        self.rows = list_areas(self.workspace)
        wanted = select if select is not None else self.current
        self.areas.blockSignals(True)
        self.areas.clear()
        for r in self.rows:
            item = QListWidgetItem(_describe(r))
            item.setToolTip(_describe(r) + (f"\nNeighbors: {', '.join(r.neighbor_names)}"
                                            if r.neighbor_names else ""))
            item.setData(ID_ROLE, r.id)
            self.areas.addItem(item)
        self.areas.blockSignals(False)
        index = next((i for i, r in enumerate(self.rows) if r.id == wanted), 0)
        if self.rows:
            self.areas.setCurrentRow(index)  # shows it (currentItemChanged)
        else:
            self.new_area()

    def _row(self, area_id: int | None) -> AreaRow | None:
        return next((r for r in self.rows if r.id == area_id), None)

    def _select(self, item: QListWidgetItem | None) -> None:
        row = self._row(item.data(ID_ROLE)) if item is not None else None
        if row is None:
            return
        self.current = row.id
        self.form.clear_errors()
        self.form.set_values({"name": row.name, "kind": row.kind,
                              "population": "" if row.population is None else str(row.population)})
        self._fill_neighbors(row.id, set(row.neighbor_ids))
        uses = [f"{n} {what}" for n, what in ((row.initiatives, "initiative(s)"),
                                              (row.surveys, "survey(s)"),
                                              (row.count_rows, "monthly crime count(s)")) if n]
        self.uses.setText("Used by " + ", ".join(uses) + "." if uses else "Not used yet.")
        self.delete_button.setEnabled(self.workspace.may(Permission.EDIT) and not row.in_use)
        self.delete_button.setToolTip("Areas in use cannot be deleted; rename them instead."
                                      if row.in_use else "")

    def _fill_neighbors(self, area_id: int | None, chosen: set[int]) -> None:
        self.neighbors.clear()
        for r in self.rows:
            if r.id == area_id:
                continue
            item = QListWidgetItem(r.name)
            item.setData(ID_ROLE, r.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if r.id in chosen
                               else Qt.CheckState.Unchecked)
            self.neighbors.addItem(item)

    def checked_neighbors(self) -> set[int]:
        return {self.neighbors.item(i).data(ID_ROLE) for i in range(self.neighbors.count())
                if self.neighbors.item(i).checkState() == Qt.CheckState.Checked}

    def set_neighbor_checked(self, name: str, checked: bool) -> None:
        for i in range(self.neighbors.count()):
            item = self.neighbors.item(i)
            if item.text() == name:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    # -- actions ------------------------------------------------------------------------

    def new_area(self) -> None:
        self.current = None
        self.areas.clearSelection()
        self.form.clear_errors()
        self.form.set_values({"name": "", "kind": AreaKind.NEIGHBORHOOD, "population": ""})
        self._fill_neighbors(None, set())
        self.uses.setText("A new area.")
        self.delete_button.setEnabled(False)
        self.name.setFocus()

    def _input(self) -> AreaInput:
        text = self.population.text().strip().replace(",", "")
        population = None
        if text:
            if not text.isdigit():
                errors = {"population": "Population is a whole number, or left empty."}
                try:  # the other fields' messages too, all at once
                    validated(self.workspace, AreaInput(self.name.text(), AreaKind.OTHER),
                              self.current)
                except ValidationError as error:
                    errors.update(error.errors)
                raise ValidationError(errors)
            population = int(text)
        return AreaInput(self.name.text(), self.kind.currentData(), population)

    def save(self) -> bool:
        """Create or update the area and its neighbors; False (messages shown) if refused."""
        try:
            data = self._input()
            if self.current is None:
                area_id = create_area(self.workspace, data)
            else:
                area_id = self.current
                update_area(self.workspace, area_id, data)
            self.current = area_id
            set_neighbors(self.workspace, area_id, self.checked_neighbors())
        except ValidationError as error:
            self.form.show_errors(error.errors)
            return False
        except REFUSALS as error:  # not found, not allowed, a full disk...
            QMessageBox.warning(self, self.windowTitle(), str(error))
            self.reload()
            return False
        self.reload(select=area_id)
        return True

    def delete_current(self) -> None:
        row = self._row(self.current)
        if row is None:
            return
        answer = QMessageBox.question(self, self.windowTitle(), f"Delete the area {row.name}?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.delete_row(row.id)

    def delete_row(self, area_id: int) -> bool:
        try:
            delete_area(self.workspace, area_id)
        except ValidationError as error:
            self.form.show_errors(error.errors)
            return False
        except REFUSALS as error:  # not found, not allowed, a full disk...
            QMessageBox.warning(self, self.windowTitle(), str(error))
        self.current = None
        self.reload()
        return True
