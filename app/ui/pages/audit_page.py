"""The Audit page: the append-only log filtered, paged, explained and exported (admins)."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.models import AuditAction, AuditOutcome
from app.services.audit_log import (
    AuditQuery,
    AuditRow,
    audit_entities,
    audit_rows,
    audit_users,
    list_audit,
    record_export,
)
from app.services.changes import Change
from app.services.pages import Page
from app.services.permissions import Permission
from app.services.workspace import Workspace
from app.ui.formatting import display, enum_label
from app.ui.paged_model import PagedTableModel
from app.ui.progress import Cancelled, Progress, run_with_progress
from app.ui.table_model import Column
from app.ui.table_view import row_table_view

NOT_ADMIN = "Only administrators can see the audit log."
EARLIEST = QDate(2000, 1, 1)  # shown as "Any" in the date filters
COLUMNS: list[Column[AuditRow]] = [
    Column(
        "When",
        lambda r: r.at.astimezone().strftime("%a %d %b %Y, %H:%M:%S"),
        tooltip=lambda r: r.at.strftime("%Y-%m-%d %H:%M:%S UTC"),
    ),
    Column("User", lambda r: r.user_name),
    Column("Action", lambda r: action_label(r.action)),
    Column("Record", lambda r: _record(r)),
    Column(
        "Outcome",
        lambda r: outcome_label(r.outcome),
        warning=lambda r: r.outcome != AuditOutcome.OK,
    ),
    Column("Summary", lambda r: summary(r), wide=True, tooltip=lambda r: summary(r)),
    Column("Workstation", lambda r: r.workstation),
]
SORT_KEYS: list[str | None] = [
    "at",
    "user",
    "action",
    "entity",
    "outcome",
    "summary",
    "workstation",
]
FORMATS = {"CSV": ("audit-log.csv", "CSV (*.csv)"), "XLSX": ("audit-log.xlsx", "Excel (*.xlsx)")}


ACTION_LABELS = {
    AuditAction.RESTORE: "Restore from archive",
    AuditAction.RESTORE_BACKUP: "Restore a backup",
    AuditAction.UNDO_IMPORT: "Undo import",
}
OUTCOME_LABELS = {
    AuditOutcome.OK: "OK",
    AuditOutcome.DENIED: "Denied",
    AuditOutcome.FAILED: "Failed",
}


def action_label(action: AuditAction) -> str:
    return ACTION_LABELS.get(action) or enum_label(action)


def outcome_label(outcome: AuditOutcome) -> str:
    return OUTCOME_LABELS[outcome]


def summary(row: AuditRow) -> str:
    """The entry's own summary, or one made from its values (automatic entries have none)."""
    if row.summary:
        return row.summary
    name = row.changes.get("name")
    if row.action is AuditAction.UPDATE:
        return "Changed " + ", ".join(k.replace("_", " ") for k in row.changes)
    if isinstance(name, str) and row.action in (AuditAction.CREATE, AuditAction.DELETE):
        return f"{'Created' if row.action is AuditAction.CREATE else 'Deleted'} {name}"
    return action_label(row.action)


def _record(row: AuditRow) -> str:
    kind = row.entity.replace("_", " ")
    return f"{kind} #{row.entity_id}" if row.entity_id is not None else kind


def is_admin(workspace: Workspace) -> bool:
    """May read the log (the service checks it again)."""
    return workspace.may(Permission.VIEW_AUDIT)


def _combo(name: str, everything: str, items: list[tuple[str, Any]]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(everything, None)
    for label, value in items:
        combo.addItem(label, value)
    return combo


def _date_edit(name: str, tip: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd MMM yyyy")
    edit.setMinimumDate(EARLIEST)
    edit.setSpecialValueText("Any")
    edit.setDate(EARLIEST)
    edit.setToolTip(tip)
    return edit


def _local_midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def _cell(value: Any) -> str:
    if value is None or value == "":
        return "<i>(empty)</i>"
    return html.escape(str(value))


def entry_html(row: AuditRow) -> str:
    """The whole entry: who, when, where, and every old -> new value."""
    facts = [
        ("When", f"{row.at.strftime('%Y-%m-%d %H:%M:%S')} UTC ({display(row.at)} here)"),
        ("User", row.user_name),
        ("Workstation", row.workstation or "(not recorded)"),
        ("Action", action_label(row.action)),
        ("Record", _record(row)),
        ("Outcome", outcome_label(row.outcome)),
    ]
    parts = [f"<h3>{html.escape(summary(row))}</h3><table>"]
    parts += [f"<tr><th align=left>{k}</th><td>{_cell(v)}</td></tr>" for k, v in facts]
    parts.append("</table>")
    if row.changes:
        updated = all(isinstance(v, list) and len(v) == 2 for v in row.changes.values())
        heading = (
            "<tr><th>Field</th><th>Old value</th><th>New value</th></tr>"
            if updated
            else ("<tr><th>Field</th><th>Value</th></tr>")
        )
        parts.append(f"<h4>Values</h4><table border=1 cellspacing=0 cellpadding=3>{heading}")
        for key, value in row.changes.items():
            cells = [value[0], value[1]] if updated else [value]
            tds = "".join(f"<td>{_cell(v)}</td>" for v in cells)
            parts.append(f"<tr><td>{html.escape(key.replace('_', ' '))}</td>{tds}</tr>")
        parts.append("</table>")
    return "".join(parts)


class AuditPage(QWidget):
    title = "Audit"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.denied = QLabel(NOT_ADMIN)
        self.denied.setObjectName("auditDenied")
        self.denied.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content = QWidget()
        self.count = QLabel()
        self.count.setObjectName("count")
        self._build_filters()
        self.model: PagedTableModel[AuditRow] = PagedTableModel(
            COLUMNS, SORT_KEYS, self._fetch, self
        )
        self.view = row_table_view(self.model, "auditList")
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.detail = QTextBrowser()
        self.detail.setObjectName("auditDetail")
        self.detail.setPlaceholderText("Select an entry to see its old and new values.")
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self._reload = QTimer(self, singleShot=True, interval=250)
        self._reload.timeout.connect(self.refresh)
        self._build_layout()

    # -- layout ----------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search summaries and values…")
        self.search.setClearButtonEnabled(True)
        self.user = _combo("userFilter", "All users", [])
        self.action = _combo(
            "actionFilter", "All actions", [(action_label(a), a) for a in AuditAction]
        )
        self.entity = _combo("entityFilter", "All records", [])
        self.outcome = _combo(
            "outcomeFilter", "Any outcome", [(outcome_label(o), o) for o in AuditOutcome]
        )
        self.since = _date_edit("sinceFilter", "The first day shown (your local date)")
        self.until = _date_edit("untilFilter", "The last day shown (your local date)")
        self.clear = QPushButton("Clear filters")
        self.clear.clicked.connect(self.clear_filters)
        self.export_button = QToolButton()
        self.export_button.setText("E&xport")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for kind in FORMATS:
            menu.addAction(f"Audit log as {kind}…", lambda k=kind: self.export(k))
        self.export_button.setMenu(menu)
        self.search.textChanged.connect(lambda _: self._reload.start())
        for combo in (self.user, self.action, self.entity, self.outcome):
            combo.currentIndexChanged.connect(lambda _: self.refresh())
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _: self._reload.start())

    def _build_layout(self) -> None:
        heading = QLabel("Audit log")
        heading.setObjectName("pageHeading")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.count)
        top.addWidget(self.export_button)
        first = QHBoxLayout()
        first.addWidget(self.search, stretch=1)
        for combo in (self.user, self.action, self.entity, self.outcome):
            first.addWidget(combo)
        second = QHBoxLayout()
        second.addWidget(QLabel("From"))
        second.addWidget(self.since)
        second.addWidget(QLabel("to"))
        second.addWidget(self.until)
        second.addWidget(self.clear)
        second.addStretch(1)
        second.addWidget(QLabel("Times are shown in your time zone; the log keeps UTC."))
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(top)
        inner.addLayout(first)
        inner.addLayout(second)
        inner.addWidget(splitter, stretch=1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.denied)
        layout.addWidget(self.content)

    # -- loading ---------------------------------------------------------------------
    def query(self) -> AuditQuery:
        since = self.since.date()
        until = self.until.date()
        return AuditQuery(
            since=_local_midnight_utc(since.toPython()) if since != EARLIEST else None,
            until=(
                _local_midnight_utc(until.toPython() + timedelta(days=1))
                if until != EARLIEST
                else None
            ),
            user=self.user.currentData(),
            action=self.action.currentData(),
            entity=self.entity.currentData(),
            outcome=self.outcome.currentData(),
            search=self.search.text(),
        )

    def _fetch(self, sort: str, descending: bool, offset: int, limit: int) -> Page[AuditRow]:
        query = self.query()
        sorted_query = AuditQuery(**{**query.__dict__, "sort": sort, "descending": descending})
        return list_audit(self.workspace, sorted_query, offset, limit)

    def refresh(self) -> None:
        allowed = is_admin(self.workspace)
        self.denied.setVisible(not allowed)
        self.content.setVisible(allowed)
        if not allowed:
            return
        self._fill(self.user, audit_users(self.workspace), lambda name: name)
        self._fill(self.entity, audit_entities(self.workspace), lambda e: e.replace("_", " "))
        self.model.reload()
        total = self.model.total
        self.count.setText(f"{total:,} entr{'y' if total == 1 else 'ies'}")
        self._show_detail()

    def on_change(self, change: Change) -> None:
        self.refresh()  # every change writes audit entries

    def clear_filters(self) -> None:
        widgets = (self.search, self.user, self.action, self.entity, self.outcome)
        for widget in (*widgets, self.since, self.until):
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.user, self.action, self.entity, self.outcome):
            combo.setCurrentIndex(0)
        self.since.setDate(EARLIEST)
        self.until.setDate(EARLIEST)
        for widget in (*widgets, self.since, self.until):
            widget.blockSignals(False)
        self.refresh()

    @staticmethod
    def _fill(combo: QComboBox, values: list[str], label: Any) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in values:
            combo.addItem(label(value), value)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    def _show_detail(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            self.detail.clear()
            return
        self.detail.setHtml(entry_html(self.model.row_at(index.row())))

    # -- export ----------------------------------------------------------------------
    def export(self, kind: str, path: Path | None = None) -> Path | None:
        """Write the entries the filters show to CSV or XLSX, then audit the export."""
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            name, file_filter = FORMATS[kind]
            chosen, _ = QFileDialog.getSaveFileName(self, "Export the audit log", name, file_filter)
            if not chosen:
                return None
            path = Path(chosen)
        query, workspace = self.query(), self.workspace
        target = path

        def job(progress: Progress) -> int:
            from app.reports import audit_export

            rows = audit_rows(workspace, query)
            write = audit_export.write_audit_csv if kind == "CSV" else audit_export.write_audit_xlsx
            write(rows, target, progress)
            return len(rows)

        try:
            count = run_with_progress(self, "Export", f"Writing {path.name}…", job)
        except Cancelled:
            return None
        except OSError as error:
            QMessageBox.warning(self, "Export", f"{path} could not be written: {error}")
            return None
        record_export(workspace, "audit entries", count, path.name)
        self.refresh()
        QMessageBox.information(self, "Export", f"Saved {count:,} entries in {path}.")
        return path
