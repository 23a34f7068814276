"""The agenda of a meeting: ordered items with presenters, minutes and running start times.

Items are reordered by dragging, by the Up/Down buttons or with Ctrl+Up/Ctrl+Down; Insert
adds, Enter edits, Delete removes. The start times follow the meeting's start time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.dates import local_instant
from app.services.meetings import AgendaEntry, running_starts, validated_entry
from app.ui.forms import FormDialog

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
START, TITLE, PRESENTER, MINUTES = range(4)
Presenters = Callable[[], list[tuple[int, str]]]  # the invitees: (person id, name)


class AgendaItemDialog(FormDialog):
    """Add or edit one agenda item; the presenter is an invitee or a guest by name."""

    def __init__(self, entry: AgendaEntry | None, presenters: list[tuple[int, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__("Edit agenda item" if entry else "New agenda item", parent)
        form = self.form
        self.title = form.line("title", "&Title", "Crime trends since the last meeting")
        options: list[tuple[str, object]] = [("Nobody / a guest named below", None)]
        options += [(name, person_id) for person_id, name in presenters]
        self.presenter: QComboBox = form.choice("presenter_id", "&Presenter", options)
        self.guest = form.line("presenter_name", "&Guest presenter", "Dr. Amara Okafor")
        form.number("minutes_allotted", "&Minutes", 0, 480, " min")
        form.text("notes", "N&otes")
        self.presenter.currentIndexChanged.connect(self._presenter_changed)
        entry = entry or AgendaEntry("", 10)
        form.set_values(vars(entry))
        if entry.presenter_id is not None and self.presenter.findData(entry.presenter_id) < 0:
            self.presenter.addItem(entry.presenter_name, entry.presenter_id)  # no longer invited
            self.presenter.setCurrentIndex(self.presenter.count() - 1)
        self._presenter_changed()
        self.entry: AgendaEntry | None = None
        self.resize(460, 360)
        self.title.setFocus()

    def _presenter_changed(self) -> None:
        self.guest.setEnabled(self.presenter.currentData() is None)

    def save(self) -> int | None:
        values = self.form.values()
        if values["presenter_id"] is not None:
            values["presenter_name"] = self.presenter.currentText()
        self.entry = validated_entry(AgendaEntry(**values))
        return 0

    @classmethod
    def ask(cls, entry: AgendaEntry | None, presenters: list[tuple[int, str]],
            parent: QWidget | None = None) -> AgendaEntry | None:
        dialog = cls(entry, presenters, parent)
        return dialog.entry if dialog.exec() else None


class AgendaTree(QTreeWidget):
    """The agenda list; ``dropped`` after a drag has moved an item (Qt moves it by removing
    and inserting it, which ``rowsMoved`` does not report)."""

    dropped = Signal()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        super().dropEvent(event)
        self.dropped.emit()


class AgendaEditor(QWidget):

    def __init__(self, presenters: Presenters, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._presenters = presenters
        self._start = local_instant(date.today(), time(18, 0))
        self._duration = 90
        self.tree = AgendaTree()
        self.tree.setObjectName("agenda")
        self.tree.setHeaderLabels(["Starts", "Item", "Presenter", "Minutes"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (START, PRESENTER, MINUTES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.dropped.connect(self._renumber)
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit_current())
        self.total = QLabel()
        self.total.setObjectName("agendaTotal")
        buttons = QHBoxLayout()
        for text, slot, key in (
            ("&Add item…", self.add_item, QKeySequence(Qt.Key.Key_Insert)),
            ("&Edit…", self.edit_current, None),
            ("&Remove", self.remove_current, QKeySequence(Qt.Key.Key_Delete)),
            ("Move &up", lambda: self.move_current(-1), QKeySequence("Ctrl+Up")),
            ("Move do&wn", lambda: self.move_current(1), QKeySequence("Ctrl+Down")),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=slot: s())
            buttons.addWidget(button)
            if key is not None:
                button.setToolTip(key.toString(QKeySequence.SequenceFormat.NativeText))
                shortcut = QShortcut(key, self.tree)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(slot)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.tree)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.edit_current)
        buttons.addStretch(1)
        buttons.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        hint = QLabel("Drag items to reorder them. Start times follow the meeting's start.")
        hint.setObjectName("hint")
        layout.addWidget(hint)

    # -- values ----------------------------------------------------------------------
    def entries(self) -> tuple[AgendaEntry, ...]:
        root = self.tree.invisibleRootItem()
        return tuple(root.child(i).data(0, ENTRY_ROLE) for i in range(root.childCount()))

    def set_entries(self, entries: tuple[AgendaEntry, ...]) -> None:
        self.tree.clear()
        for entry in entries:
            self.tree.addTopLevelItem(self._item(entry))
        self._renumber()

    def set_timing(self, start: datetime, duration_minutes: int) -> None:
        self._start, self._duration = start, duration_minutes
        self._renumber()

    # -- actions ---------------------------------------------------------------------
    def add_item(self) -> None:
        entry = AgendaItemDialog.ask(None, self._presenters(), self)
        if entry is not None:
            index = self.tree.indexOfTopLevelItem(self.tree.currentItem()) + 1 or \
                self.tree.topLevelItemCount()
            self.tree.insertTopLevelItem(index, self._item(entry))
            self.tree.setCurrentItem(self.tree.topLevelItem(index))
            self._renumber()

    def edit_current(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        entry = AgendaItemDialog.ask(item.data(0, ENTRY_ROLE), self._presenters(), self)
        if entry is not None:
            self._fill(item, entry)
            self._renumber()

    def remove_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
            self._renumber()

    def move_current(self, step: int) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        row = self.tree.indexOfTopLevelItem(item)
        target = row + step
        if 0 <= target < self.tree.topLevelItemCount():
            self.tree.takeTopLevelItem(row)
            self.tree.insertTopLevelItem(target, item)
            self.tree.setCurrentItem(item)
            self._renumber()

    # -- drawing ---------------------------------------------------------------------
    def _item(self, entry: AgendaEntry) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        # Dropping *onto* an item would nest it; items are only dropped between others.
        item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
                      | Qt.ItemFlag.ItemIsDragEnabled)
        self._fill(item, entry)
        return item

    def _fill(self, item: QTreeWidgetItem, entry: AgendaEntry) -> None:
        item.setData(0, ENTRY_ROLE, entry)
        item.setText(TITLE, entry.title)
        item.setText(PRESENTER, entry.presenter_name)
        item.setText(MINUTES, str(entry.minutes_allotted))
        item.setTextAlignment(MINUTES, Qt.AlignmentFlag.AlignRight)

    def _renumber(self) -> None:
        entries = self.entries()
        starts = running_starts(self._start, (e.minutes_allotted for e in entries))
        for index, start in enumerate(starts):
            self.tree.topLevelItem(index).setText(START, start.strftime("%H:%M"))
        planned = sum(e.minutes_allotted for e in entries)
        self.total.setText(f"{planned} of {self._duration} min planned")
        over = planned > self._duration
        self.total.setStyleSheet("color: #b3261e;" if over else "")
        self.total.setToolTip("The agenda runs longer than the meeting." if over else "")
