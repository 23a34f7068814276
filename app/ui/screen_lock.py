"""Screen lock: after a spell without keyboard or mouse use, hide the window's contents.

An event filter on the application notes activity; a timer compares the time since then
with the setting ``screen_lock_minutes`` (default 15, at most 30). Locking swaps the central
widget for a panel asking for the signed-in user's password; the menus are switched off.
Single-user mode (no accounts, so no password) never locks. The clock is injectable.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.accounts import LoginRefused, sign_in
from app.services.settings import (
    DEFAULT_LOCK_MINUTES,
    MAX_LOCK_MINUTES,
    SCREEN_LOCK_MINUTES,
    lock_minutes,
)
from app.services.workspace import Workspace
from app.ui.forms import error_label

SETTING = SCREEN_LOCK_MINUTES
DEFAULT_MINUTES = DEFAULT_LOCK_MINUTES
MAX_MINUTES = MAX_LOCK_MINUTES
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


OFF_SCREEN = QPoint(-32000, -32000)


class LockPanel(QWidget):
    def __init__(self, who: str, unlock: Callable[[str], str | None]) -> None:
        super().__init__()
        self.setObjectName("lockPanel")
        self._unlock = unlock
        title = QLabel(f"<h2>Locked</h2><p>Signed in as <b>{who}</b>. Enter your password.</p>")
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit)
        self.button = QPushButton("Unlock")
        self.button.clicked.connect(self.submit)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, self.password, self.error, self.button):
            layout.addWidget(widget)
        layout.addStretch(2)

    def submit(self) -> None:
        message = self._unlock(self.password.text())
        self.password.clear()
        if message:
            self.error.setText(message)
            self.error.show()


class ScreenLock(QObject):
    def __init__(
        self,
        window: QMainWindow,
        clock: Callable[[], float] = time.monotonic,
        check_every_ms: int = 5000,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.workspace: Workspace | None = None
        self.minutes = DEFAULT_MINUTES
        self.last_activity = clock()
        self.panel: LockPanel | None = None
        self._content: QWidget | None = None
        self._hidden: list[tuple[QWidget, QPoint]] = []
        self.timer = QTimer(self)
        self.timer.setInterval(check_every_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def locked(self) -> bool:
        return self.panel is not None

    @property
    def enabled(self) -> bool:
        return self.workspace is not None and self.workspace.user_id is not None

    def attach(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.minutes = lock_minutes(workspace)
        self.last_activity = self.clock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in ACTIVITY and not self.locked:
            self.last_activity = self.clock()
        return False

    def check(self) -> None:
        idle = self.clock() - self.last_activity
        if self.enabled and not self.locked and idle >= self.minutes * 60:
            self.lock()

    def lock(self) -> None:
        if not self.enabled or self.locked or self.workspace is None:
            return
        self._content = self.window.takeCentralWidget()
        # Open dialogs (an edit form with sensitive notes...) go out of sight too: moved off
        # the screen and disabled, not hidden, since hiding would cancel a modal dialog.
        self._hidden = [
            (w, w.pos())
            for w in QApplication.topLevelWidgets()
            if w is not self.window and w.isVisible()
        ]
        for widget, _ in self._hidden:
            widget.setEnabled(False)
            widget.move(OFF_SCREEN)
        self.panel = LockPanel(self.workspace.user_name, self.unlock)
        self.window.setCentralWidget(self.panel)
        self.window.menuBar().setEnabled(False)
        self.panel.password.setFocus()

    def unlock(self, password: str) -> str | None:
        """None when unlocked, else the reason (wrong password, account locked)."""
        if self.workspace is None or self.panel is None:
            return None
        try:
            sign_in(self.workspace, self.workspace.user_name, password)
        except LoginRefused as refused:
            return refused.message
        self.window.takeCentralWidget()
        self.panel.deleteLater()
        self.panel = None
        if self._content is not None:
            self.window.setCentralWidget(self._content)
        for widget, position in self._hidden:
            widget.move(position)
            widget.setEnabled(True)
        self._hidden = []
        self._content = None
        self.window.menuBar().setEnabled(True)
        self.last_activity = self.clock()
        return None

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
