"""File > Users… (admins): list accounts, add, edit role/active/sensitive, reset, unlock."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.users import Role
from app.services.accounts import (
    UserInput,
    UserRow,
    create_user,
    list_users,
    reset_password,
    unlock_user,
    update_user,
)
from app.services.errors import NotFoundError, ValidationError
from app.services.permissions import AccessDenied
from app.services.workspace import Workspace
from app.ui.dialogs.login_dialog import PASSPHRASE_HINT
from app.ui.forms import Form, FormDialog

COLUMNS = ["User name", "Name", "Role", "Sensitive notes", "Active", "Locked", "Last sign-in"]


def _check(form: Form, name: str, label: str) -> QCheckBox:
    box = QCheckBox(label)
    form.add(name, "", box, box.isChecked, lambda v: box.setChecked(bool(v)))
    return box


class UserEditDialog(FormDialog):
    def __init__(
        self, workspace: Workspace, user: UserRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("Edit user" if user else "New user", parent)
        self.workspace = workspace
        self.user = user
        form = self.form
        form.line("username", "&User name").setReadOnly(user is not None)
        form.line("display_name", "&Full name")
        form.enum_choice("role", "&Role", Role)
        _check(form, "can_see_sensitive", "May see &sensitive notes")
        _check(form, "active", "&Active (may sign in)")
        if user is None:
            password = form.line("password", "&Password")
            password.setEchoMode(QLineEdit.EchoMode.Password)
            password.setToolTip(PASSPHRASE_HINT)
            form.set_values({"role": Role.EDITOR, "active": True})
        else:
            form.set_values(
                {
                    "username": user.username,
                    "display_name": user.display_name,
                    "role": user.role,
                    "can_see_sensitive": user.can_see_sensitive,
                    "active": user.active,
                }
            )

    def save(self) -> int | None:
        data = UserInput(**self.form.values())
        try:
            if self.user is None:
                return create_user(self.workspace, data)
            update_user(self.workspace, self.user.id, data)
        except AccessDenied as denied:
            raise ValidationError.single("", denied.message) from None
        return self.user.id


class UsersDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Users")
        self.workspace = workspace
        self.rows: list[UserRow] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _index: self.edit_user())
        buttons = QHBoxLayout()
        for text, slot in (
            ("&Add…", self.add_user),
            ("&Edit…", self.edit_user),
            ("&Reset password…", self.reset),
            ("&Unlock", self.unlock),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=slot: s())
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(close)
        self.resize(820, 420)
        self.reload()

    def reload(self) -> None:
        self.rows = list_users(self.workspace)
        self.table.setRowCount(len(self.rows))
        for row, user in enumerate(self.rows):
            when = f"{user.last_login_at:%Y-%m-%d %H:%M} UTC" if user.last_login_at else ""
            cells = [
                user.username, user.display_name, user.role.value,
                "yes" if user.can_see_sensitive or user.role is Role.ADMIN else "",
                "yes" if user.active else "no", "LOCKED" if user.locked else "", when,
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def current(self) -> UserRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def add_user(self) -> None:
        if UserEditDialog(self.workspace, None, self).exec():
            self.reload()

    def edit_user(self) -> None:
        user = self.current()
        if user is not None and UserEditDialog(self.workspace, user, self).exec():
            self.reload()

    def reset(self) -> None:
        user = self.current()
        if user is None:
            return
        password, ok = QInputDialog.getText(
            self, "Reset password", f"New password for {user.username}:\n{PASSPHRASE_HINT}",
            QLineEdit.EchoMode.Password,
        )
        if ok:
            self._run(lambda: reset_password(self.workspace, user.id, password))

    def unlock(self) -> None:
        user = self.current()
        if user is not None:
            self._run(lambda: unlock_user(self.workspace, user.id))

    def _run(self, work: Callable[[], object]) -> None:
        try:
            work()
        except (ValidationError, NotFoundError, AccessDenied) as error:
            QMessageBox.warning(self, "Users", str(error))
        self.reload()

    @classmethod
    def ask(cls, workspace: Workspace, parent: QWidget | None = None) -> None:
        cls(workspace, parent).exec()
