"""What the import wizards (contacts, crime statistics) share: the wizard's frame, the
page that chooses the file, the top of the preview page, running the import in the
background, and the last page with the result and a way to the import history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.ui.forms import error_label
from app.ui.progress import Cancelled, Progress, run_with_progress
from app.ui.refusals import REFUSALS

T = TypeVar("T")
BANNER_STYLE = (
    "background: #fff4ce; color: #3d2e00; border: 1px solid #e0c45c; border-radius: 4px;"
    "padding: 8px;"
)


def set_up_wizard(wizard: QWizard, title: str, pages: Sequence[QWizardPage],
                  size: tuple[int, int]) -> None:
    """Title, classic style, no Back on the first page nor Cancel on the last; the pages
    numbered in order."""
    wizard.setWindowTitle(title)
    wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
    wizard.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
    wizard.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
    for number, page in enumerate(pages):
        wizard.setPage(number, page)
    wizard.resize(*size)


class ChooseFilePage(QWizardPage):
    """A path with Browse… and the error met reading it; subclasses read the file in
    ``validatePage`` and call :meth:`show_error` when it cannot be read."""

    def __init__(self, subtitle: str, placeholder: str, hint: str, caption: str,
                 file_filter: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption, self.file_filter = caption, file_filter
        self.setTitle("Choose a file")
        self.setSubTitle(subtitle)
        self.path = QLineEdit()
        self.path.setObjectName("path")
        self.path.setPlaceholderText(placeholder)
        self.path.setClearButtonEnabled(True)
        self.path.textChanged.connect(lambda _: self._edited())
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, stretch=1)
        row.addWidget(browse)
        form = QFormLayout()
        label = QLabel("&File:")
        label.setBuddy(self.path)
        form.addRow(label, row)
        self.error = error_label()
        self.error.setObjectName("fileError")
        hint_label = QLabel(hint)
        hint_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addSpacing(12)
        layout.addWidget(hint_label)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        self.path.setFocus()

    def _edited(self) -> None:
        self.error.hide()
        self.completeChanged.emit()

    def browse(self) -> None:
        start = str(Path(self.path.text()).expanduser().parent) if self.path.text() else ""
        chosen, _ = QFileDialog.getOpenFileName(self, self.caption, start, self.file_filter)
        if chosen:
            self.path.setText(chosen)

    def chosen_path(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.path.text().strip())

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


class ImportPreviewPage(QWizardPage):
    """The top of a preview page: Import as its commit button, a banner for a file that
    was imported already (hidden until shown) and the counts in bold."""

    def __init__(self, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Preview")
        self.setSubTitle(subtitle)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.banner = QLabel()
        self.banner.setObjectName("alreadyImported")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        font = self.counts.font()
        font.setBold(True)
        self.counts.setFont(font)


def import_in_background(page: QWidget, title: str, source_name: str,
                         job: Callable[[Progress], T], refused: tuple[type[Exception], ...],
                         *, cancellable: bool = True) -> T | None:
    """Run the import ``job`` with a progress dialog; its result, or None when it was
    cancelled or refused (a refusal, or an error of ``refused``, is shown: nothing was
    imported)."""
    try:
        return run_with_progress(page, title, f"Importing {source_name}…", job,
                                 cancellable=cancellable)
    except Cancelled:
        return None
    except (*refused, *REFUSALS) as error:
        message = getattr(error, "message", None) or str(error)
        QMessageBox.warning(page, title, f"Nothing was imported.\n\n{message}")
        return None


class DonePage(QWizardPage):
    """The import's result in words, and a button to its import history."""

    def __init__(self, summary: Callable[[], str], history_button: str,
                 open_history: Callable[[QWidget], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_text = summary
        self.setTitle("Done")
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        history = QPushButton(history_button)
        history.clicked.connect(lambda: open_history(self))
        row = QHBoxLayout()
        row.addWidget(history)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        self.summary.setText(self.summary_text())
