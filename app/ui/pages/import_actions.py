"""The Import menu of the directory pages: the contact import wizard and its history.

The pages need not be told about an import or an undo: both services announce their
changes, and the main window passes them to the page on screen, which reloads its list.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from app.services.workspace import Workspace
from app.ui.dialogs.import_history import ImportHistoryDialog
from app.ui.dialogs.import_wizard import ImportWizard


def import_button(parent: QWidget, workspace: Workspace) -> QToolButton:
    """A toolbar button whose menu opens the import wizard or the import history."""
    menu = QMenu(parent)
    wizard = QAction("Import &contacts…", menu)
    wizard.setObjectName("importContacts")
    wizard.triggered.connect(lambda _=False: ImportWizard.ask(workspace, parent))
    history = QAction("Import &history…", menu)
    history.setObjectName("importHistory")
    history.triggered.connect(lambda _=False: ImportHistoryDialog.ask(workspace, parent))
    menu.addAction(wizard)
    menu.addAction(history)
    button = QToolButton(parent)
    button.setObjectName("importButton")
    button.setText("&Import")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setMenu(menu)
    return button
