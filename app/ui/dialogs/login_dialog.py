"""Sign in, create the first admin account, change one's password.

``ensure_signed_in`` is what the application runs before a database's data is shown:
with accounts, the login dialog must succeed; a new, empty database without accounts is
offered its admin account ("Not now" keeps single-user mode as the operating-system user).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.accounts import (
    LoginRefused,
    SignedIn,
    change_password,
    create_first_admin,
    has_accounts,
    sign_in,
)
from app.services.demo_data import is_empty
from app.services.errors import ValidationError
from app.services.settings import ADMIN_OFFERED, get_setting, set_setting
from app.services.workspace import Workspace, os_user_name
from app.ui.forms import Form

Clock = Callable[[], datetime | None]
PASSPHRASE_HINT = "At least 10 characters; a passphrase of several words with spaces is best."


def _password(form: Form, name: str, label: str) -> QLineEdit:
    edit = form.line(name, label)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class _Dialog(QDialog):
    def __init__(self, title: str, intro: str, ok: str, cancel: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = Form(self)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def message(self) -> str:
        general = self.form.general_error
        return general.text() if not general.isHidden() else ""


class LoginDialog(_Dialog):
    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, clock: Clock = lambda: None
    ) -> None:
        super().__init__(
            f"Sign in — {workspace.db.display_name}",
            "This database is protected: sign in with your account.",
            "Sign in",
            "Quit",
            parent,
        )
        self.workspace = workspace
        self.clock = clock
        self.signed: SignedIn | None = None
        self.locked = False
        self.username = self.form.line("username", "&User name")
        self.password = _password(self.form, "password", "&Password")
        (self.password if self.username.text() else self.username).setFocus()

    def accept(self) -> None:
        try:
            self.signed = sign_in(
                self.workspace, self.username.text(), self.password.text(), now=self.clock()
            )
        except LoginRefused as refused:
            self.locked = refused.locked
            self.form.show_errors({"": refused.message})
            self.password.clear()
            self.password.setFocus()
            return
        super().accept()

    @classmethod
    def ask(cls, workspace: Workspace, parent: QWidget | None = None) -> SignedIn | None:
        dialog = cls(workspace, parent)
        return dialog.signed if dialog.exec() else None


class FirstAdminDialog(_Dialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(
            "Create the administrator account",
            "This new database has no accounts yet. Create the administrator account now: "
            "from then on everyone signs in, the screen locks when you step away, and only "
            "the roles you allow may change records or see sensitive notes.\n\n"
            "Not now keeps single-user mode (you work as your computer login with full "
            "rights); you can create accounts later with File > Users….",
            "Create account",
            "Not now",
            parent,
        )
        self.workspace = workspace
        self.form.line("username", "&User name").setText(os_user_name())
        self.form.line("display_name", "&Full name")
        _password(self.form, "password", "&Password").setToolTip(PASSPHRASE_HINT)
        _password(self.form, "repeat", "&Repeat password")

    def accept(self) -> None:
        values = self.form.values()
        try:
            if values["password"] != values["repeat"]:
                raise ValidationError.single("repeat", "The two passwords differ.")
            create_first_admin(
                self.workspace, values["username"], values["display_name"], values["password"]
            )
            sign_in(self.workspace, values["username"], values["password"])
        except (ValidationError, LoginRefused) as error:
            errors = getattr(error, "errors", None) or {"": str(error)}
            self.form.show_errors(errors)
            return
        super().accept()


class ChangePasswordDialog(_Dialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(
            "Change password", PASSPHRASE_HINT, "Change password", "Cancel", parent
        )
        self.workspace = workspace
        _password(self.form, "old", "&Current password")
        _password(self.form, "new", "&New password")
        _password(self.form, "repeat", "&Repeat new password")

    def accept(self) -> None:
        values = self.form.values()
        try:
            if values["new"] != values["repeat"]:
                raise ValidationError.single("repeat", "The two new passwords differ.")
            change_password(self.workspace, values["old"], values["new"])
        except ValidationError as error:
            self.form.show_errors(error.errors)
            return
        super().accept()


def ensure_signed_in(parent: QWidget | None, workspace: Workspace) -> bool:
    """True when the workspace may be shown: signed in, or single-user mode."""
    if has_accounts(workspace):
        return LoginDialog.ask(workspace, parent) is not None
    if is_empty(workspace.db) and not get_setting(workspace, ADMIN_OFFERED, False):
        FirstAdminDialog(workspace, parent).exec()
        if not has_accounts(workspace):  # "Not now": File > Users… creates it later
            set_setting(workspace, ADMIN_OFFERED, True)
    return True
