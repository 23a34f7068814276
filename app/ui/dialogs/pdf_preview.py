"""An in-app preview of a PDF the program made, with Print… and Save as….

The caller writes the PDF (usually to a temporary file) and calls :func:`show_pdf`. The
dialog shows every page in one scrolling column, fitted to the width; the caller hears of a
print (``on_printed(pages)``, to audit it) or a saved copy (``on_saved(path)``).

Printing renders each page to an image with QtPdf (there is no vector path) and draws it
on the printer, one page per sheet, scaled to fit the printable area; :func:`print_pdf`
does that without a dialog. The dialog prints in a worker thread with a progress dialog.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QGuiApplication, QImage, QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.ui.documents import ask_save_path
from app.ui.progress import Cancelled, Progress, run_with_progress

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 5.0
# A page image at 1200 dpi (what PDF output and some printers report) takes over 500 MB;
# 600 dpi prints text as sharp as paper shows it at a quarter of that.
MAX_PRINT_DPI = 600
PDF_FILTER = "PDF files (*.pdf)"
Key = Qt.Key | QKeySequence.StandardKey | str

_LOAD_ERRORS = {
    QPdfDocument.Error.FileNotFound: "The file {path} does not exist (any more).",
    QPdfDocument.Error.InvalidFileFormat: "{name} is not a PDF file that can be read.",
    QPdfDocument.Error.IncorrectPassword: "{name} is protected by a password.",
    QPdfDocument.Error.UnsupportedSecurityScheme: "{name} is protected in a way not supported.",
}


def print_pages(
    document: QPdfDocument,
    printer: QPrinter,
    pages: Iterable[int],
    progress: Progress | None = None,
) -> int:
    """Print the given page numbers (1-based) of ``document``, one page per sheet.

    Each page is rendered at the printer's resolution (at most ``MAX_PRINT_DPI``) and
    scaled to fit the printable area, aspect ratio kept, centred across the sheet.
    Numbers outside the document are skipped. Returns the number of pages printed;
    raises OSError when the printer (or output file) cannot be started. If ``progress``
    raises (the user cancelled), the print job is aborted and the exception re-raised.
    """
    numbers = [n for n in pages if 1 <= n <= document.pageCount()]
    if not numbers:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        target = printer.outputFileName() or printer.printerName() or "the printer"
        raise OSError(f"Could not start printing to {target}.")
    area = printer.pageLayout().paintRectPixels(printer.resolution())
    render_scale = min(1.0, MAX_PRINT_DPI / printer.resolution())
    printed = 0
    try:
        for number in numbers:
            if progress is not None:
                progress(printed, len(numbers))
            if printed and not printer.newPage():
                raise OSError("The printer refused a new page.")
            points = document.pagePointSize(number - 1)
            scale = min(area.width() / points.width(), area.height() / points.height())
            target = QRectF(0, 0, points.width() * scale, points.height() * scale)
            target.moveLeft((area.width() - target.width()) / 2)
            image = document.render(number - 1, (target.size() * render_scale).toSize())
            if image.isNull():
                raise OSError(f"Page {number} could not be rendered (out of memory?).")
            painter.drawImage(target, _on_white(image))
            printed += 1
    except BaseException:
        printer.abort()
        raise
    finally:
        painter.end()
    return printed


def print_pdf(document: QPdfDocument, printer: QPrinter, first: int, last: int) -> int:
    """Print pages ``first`` to ``last`` (1-based, inclusive); the number of pages printed."""
    return print_pages(document, printer, range(first, last + 1))


def chosen_pages(printer: QPrinter, page_count: int, current_page: int) -> list[int]:
    """The page numbers (1-based) the user chose in the print dialog for ``printer``."""
    match printer.printRange():
        case QPrinter.PrintRange.CurrentPage:
            return [current_page]
        case QPrinter.PrintRange.PageRange:
            ranges = printer.pageRanges()
            if ranges.isEmpty():
                return list(range(printer.fromPage(), printer.toPage() + 1))
            return [n for n in range(1, page_count + 1) if ranges.contains(n)]
        case _:
            return list(range(1, page_count + 1))


def _on_white(image: QImage) -> QImage:
    """QtPdf leaves the paper transparent: put it on white, and drop the alpha channel."""
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOver)
    painter.fillRect(image.rect(), Qt.GlobalColor.white)
    painter.end()
    image.convertTo(QImage.Format.Format_RGB32)
    return image


class PdfPreviewDialog(QDialog):
    def __init__(
        self,
        pdf_path: Path,
        title: str,
        suggested_name: str,
        parent: QWidget | None = None,
        on_printed: Callable[[int], None] | None = None,
        on_saved: Callable[[Path], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pdf_path = Path(pdf_path)
        self.suggested_name = suggested_name
        self.on_printed, self.on_saved = on_printed, on_saved
        self.document = QPdfDocument(self)  # owned by the dialog while it is shown
        self.load_error = self._load()
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.navigator = self.view.pageNavigator()
        self.page_label = QLabel()
        self.page_label.setObjectName("pageIndicator")
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomIndicator")

        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.previous_action = self._action(
            bar, "◀ &Previous", [Qt.Key.Key_PageUp], "Previous page"
        )
        bar.addWidget(self.page_label)
        self.next_action = self._action(bar, "&Next ▶", [Qt.Key.Key_PageDown], "Next page")
        bar.addSeparator()
        self.zoom_out_action = self._action(
            bar, "−", [QKeySequence.StandardKey.ZoomOut, "Ctrl+-"], "Zoom out"
        )
        bar.addWidget(self.zoom_label)
        self.zoom_in_action = self._action(
            bar, "+", [QKeySequence.StandardKey.ZoomIn, "Ctrl+=", "Ctrl++"], "Zoom in"
        )
        self.fit_width_action = self._action(bar, "Fit &width", ["Ctrl+0"], "Fit the page width")
        bar.addSeparator()
        self.print_action = self._action(bar, "&Print…", [QKeySequence.StandardKey.Print], "")
        self.save_action = self._action(bar, "&Save as…", [QKeySequence.StandardKey.Save], "")
        self.previous_action.triggered.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_action.triggered.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.zoom_out_action.triggered.connect(lambda: self.zoom_to(self.zoom() / ZOOM_STEP))
        self.zoom_in_action.triggered.connect(lambda: self.zoom_to(self.zoom() * ZOOM_STEP))
        self.fit_width_action.triggered.connect(self.fit_width)
        self.print_action.triggered.connect(self.print_document)
        self.save_action.triggered.connect(self.save_as)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(bar)
        layout.addWidget(self.view, stretch=1)
        layout.addWidget(buttons)
        buttons.setContentsMargins(6, 0, 6, 0)

        self.navigator.currentPageChanged.connect(self._show_page)
        # The scroll range follows the layout: a new width changes the fit-width zoom.
        self.view.verticalScrollBar().rangeChanged.connect(self._show_zoom)
        self.finished.connect(self._release)
        available = self.screen().availableGeometry()
        self.resize(min(900, available.width() * 9 // 10), min(1000, available.height() * 9 // 10))
        self._show_page()
        self._show_zoom()
        self.view.setFocus()

    def _load(self) -> str | None:
        """Open the file; a message for the user when that fails, else None."""
        error = self.document.load(str(self.pdf_path))
        if error == QPdfDocument.Error.None_ and self.document.pageCount() > 0:
            return None
        name = self.pdf_path.name
        if error == QPdfDocument.Error.None_:
            return f"{name} has no pages to show."
        template = _LOAD_ERRORS.get(error, "{name} could not be opened ({error}).")
        return template.format(path=self.pdf_path, name=name, error=error.name)

    def _action(self, bar: QToolBar, text: str, keys: list[Key], tip: str) -> QAction:
        action = QAction(text, self)
        sequences: list[QKeySequence] = []
        for key in keys:  # a key given twice (Ctrl++ is also ZoomIn) would be ambiguous
            sequence = QKeySequence(key)
            if not sequence.isEmpty() and sequence not in sequences:
                sequences.append(sequence)
        action.setShortcuts(sequences)
        first = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or text.replace('&', '')} ({first})")
        bar.addAction(action)
        return action

    # Pages ------------------------------------------------------------------------------

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """The page shown (1-based)."""
        return self.navigator.currentPage() + 1

    def go_to_page(self, number: int) -> None:
        """Scroll to the top of page ``number`` (1-based; clamped to the document)."""
        if self.page_count():
            page = max(1, min(number, self.page_count())) - 1
            self.navigator.jump(page, QPointF(), self.navigator.currentZoom())

    def _show_page(self, *_: object) -> None:
        count, current = self.page_count(), self.current_page()
        self.page_label.setText(f"{current} of {count}" if count else "")
        self.previous_action.setEnabled(current > 1)
        self.next_action.setEnabled(current < count)

    # Zoom -------------------------------------------------------------------------------

    def zoom(self) -> float:
        """The zoom factor in effect (in fit-width mode: the one that fits the width)."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or not self.page_count():
            return self.view.zoomFactor()
        # As QPdfView computes it: screen pixels per point, then what fills the viewport.
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        dpi = QGuiApplication.primaryScreen().logicalDotsPerInch()
        page_width = self.document.pagePointSize(self.current_page() - 1).width() * dpi / 72
        return width / page_width if page_width > 0 else 1.0

    def zoom_to(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(factor, MAX_ZOOM))
        self._keeping_position(lambda: self._set_zoom(QPdfView.ZoomMode.Custom, factor))

    def fit_width(self) -> None:
        self._keeping_position(
            lambda: self._set_zoom(QPdfView.ZoomMode.FitToWidth, self.view.zoomFactor())
        )

    def _set_zoom(self, mode: QPdfView.ZoomMode, factor: float) -> None:
        self.view.setZoomFactor(factor)
        self.view.setZoomMode(mode)

    def _keeping_position(self, change: Callable[[], None]) -> None:
        """Apply a zoom change, keeping the same part of the document in view."""
        bar = self.view.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
        change()
        bar.setValue(round(fraction * bar.maximum()))
        self._show_zoom()

    def _show_zoom(self, *_: object) -> None:
        self.zoom_label.setText(f"{round(self.zoom() * 100)}%")
        self.fit_width_action.setEnabled(self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth)

    # Print and save ---------------------------------------------------------------------

    def print_document(self) -> int:
        """Ask for a printer and the pages, print them; the number of pages printed."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        if not self.choose_printer(printer):
            return 0
        pages = chosen_pages(printer, self.page_count(), self.current_page())
        try:
            printed = run_with_progress(
                self,
                "Print",
                f"Printing {self.suggested_name}…",
                lambda progress: print_pages(self.document, printer, pages, progress),
            )
        except Cancelled:
            return 0
        except OSError as error:
            QMessageBox.critical(self, "Print", f"{self.suggested_name} was not printed: {error}")
            return 0
        if printed and self.on_printed is not None:
            self.on_printed(printed)
        return printed

    def choose_printer(self, printer: QPrinter) -> bool:
        """Show the print dialog for ``printer``; False if cancelled (tests replace this)."""
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(self.page_count(), 1))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def save_as(self) -> Path | None:
        """Ask where, copy the PDF there; the path saved to (None if cancelled or failed)."""
        path = self.choose_save_path()
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
            # The file dialog asked about replacing the name typed, not this one.
            if path.exists() and not self.confirm_replace(path):
                return None
        existed = path.exists()
        try:
            shutil.copyfile(self.pdf_path, path)
        except OSError as error:
            if not existed:  # a half-written copy (disk full) is no use to anyone
                path.unlink(missing_ok=True)
            reason = error.strerror or str(error)
            QMessageBox.critical(
                self,
                "Save as",
                f"The PDF could not be saved as {path}.\n\n{reason}.\n\n"
                "Choose another folder, or free some disk space, and try again.",
            )
            return None
        if self.on_saved is not None:
            self.on_saved(path)
        return path

    def choose_save_path(self) -> Path | None:
        """Ask for a file name in the Documents folder (tests replace this)."""
        return ask_save_path(self, "Save PDF as", self.suggested_name, PDF_FILTER)

    def confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, "Save as", f"{path.name} already exists in {path.parent}. Replace it?"
        )
        return answer == QMessageBox.StandardButton.Yes

    def _release(self) -> None:
        """The dialog is finished: let go of the file (the caller may delete it now)."""
        self.document.close()


def show_pdf(
    parent: QWidget | None,
    pdf_path: Path,
    title: str,
    suggested_name: str,
    *,
    on_printed: Callable[[int], None] | None = None,
    on_saved: Callable[[Path], None] | None = None,
) -> None:
    """Preview ``pdf_path`` modally; a message instead when the file cannot be shown."""
    dialog = PdfPreviewDialog(pdf_path, title, suggested_name, parent, on_printed, on_saved)
    try:
        if dialog.load_error is not None:
            dialog.document.close()
            QMessageBox.critical(parent, title, dialog.load_error)
            return
        dialog.exec()
    finally:
        dialog.deleteLater()
