"""The PDF preview: pages, zoom, Save as (and its failures), printing, unreadable files."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPageRanges
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from app.ui.dialogs import pdf_preview
from app.ui.dialogs.pdf_preview import (
    PdfPreviewDialog,
    chosen_pages,
    print_pdf,
    show_pdf,
)

# One colour per page, in a band across the top, so a printed sheet tells which page it is.
BANDS = [QColor(200, 30, 30), QColor(30, 160, 30), QColor(30, 30, 200)]


@pytest.fixture
def three_pages(tmp_path: Path) -> Path:
    path = tmp_path / "packet.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    width, height = A4
    for number, band in enumerate(BANDS, start=1):
        canvas.setFillColorRGB(band.redF(), band.greenF(), band.blueF())
        canvas.rect(0, height - 150, width, 150, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setFont("Helvetica-Bold", 28)
        canvas.drawString(72, height - 220, f"Meeting packet — page {number}")
        canvas.setFont("Helvetica", 12)
        for line in range(30):
            canvas.drawString(72, height - 260 - line * 18, f"Agenda item {line + 1}: details")
        canvas.showPage()
    canvas.save()
    return path


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of every QMessageBox.critical, shown without blocking."""
    shown: list[str] = []

    def critical(_parent: QWidget | None, _title: str, text: str, *_: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    return shown


def preview(qtbot: QtBot, path: Path, **callbacks: object) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(path, "Meeting packet", "packet.pdf", **callbacks)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.load_error is None
    return dialog


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def band_colours(path: Path) -> list[QColor]:
    """The colour near the top middle of each page of ``path``, rendered back."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    colours = []
    for page in range(document.pageCount()):
        size = document.pagePointSize(page).toSize()
        image = document.render(page, size)
        colours.append(image.pixelColor(size.width() // 2, 60))
    document.close()
    return colours


def near(colour: QColor, expected: QColor) -> bool:
    pairs = zip(colour.getRgb()[:3], expected.getRgb()[:3], strict=True)
    return all(abs(a - b) <= 12 for a, b in pairs)


def test_shows_the_pages_and_moves_between_them(qtbot: QtBot, three_pages: Path) -> None:
    dialog = preview(qtbot, three_pages)
    assert dialog.windowTitle() == "Meeting packet"
    assert dialog.view.pageMode() == QPdfView.PageMode.MultiPage
    assert dialog.page_label.text() == "1 of 3"
    assert not dialog.previous_action.isEnabled()
    dialog.next_action.trigger()
    assert dialog.page_label.text() == "2 of 3"
    assert dialog.view.verticalScrollBar().value() > 0  # the view scrolled to page 2
    dialog.next_action.trigger()
    assert dialog.page_label.text() == "3 of 3"
    assert not dialog.next_action.isEnabled()
    dialog.previous_action.trigger()
    assert dialog.page_label.text() == "2 of 3"
    # Scrolling by hand moves the indicator too.
    dialog.view.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: dialog.page_label.text() == "1 of 3")


def test_page_keys_turn_pages(qtbot: QtBot, three_pages: Path) -> None:
    dialog = preview(qtbot, three_pages)
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.keyClick(dialog.view, Qt.Key.Key_PageDown)
    assert dialog.page_label.text() == "2 of 3"
    qtbot.keyClick(dialog.view, Qt.Key.Key_PageUp)
    assert dialog.page_label.text() == "1 of 3"


def test_the_page_is_drawn(qtbot: QtBot, three_pages: Path, tmp_path: Path) -> None:
    dialog = preview(qtbot, three_pages)
    dialog.resize(900, 1000)

    def band_shown() -> bool:
        image = dialog.view.viewport().grab().toImage()
        return near(image.pixelColor(image.width() // 2, 40), BANDS[0])

    qtbot.waitUntil(band_shown)  # pages are rendered in the background
    assert dialog.grab().save(str(tmp_path / "preview.png"))


def test_zoom_in_out_and_back_to_fit_width(qtbot: QtBot, three_pages: Path) -> None:
    dialog = preview(qtbot, three_pages)
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert not dialog.fit_width_action.isEnabled()
    fit = dialog.zoom()
    fit_height = dialog.view.verticalScrollBar().maximum()
    assert dialog.zoom_label.text() == f"{round(fit * 100)}%"

    dialog.zoom_in_action.trigger()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert dialog.view.zoomFactor() == pytest.approx(fit * 1.25)
    assert dialog.zoom_label.text() == f"{round(fit * 125)}%"
    assert dialog.fit_width_action.isEnabled()
    dialog.zoom_out_action.trigger()
    dialog.zoom_out_action.trigger()
    assert dialog.zoom() == pytest.approx(fit / 1.25)

    dialog.fit_width_action.trigger()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert dialog.zoom() == pytest.approx(fit)
    # The fit-width factor is the one QPdfView uses: zooming from it does not jump.
    dialog.zoom_to(fit)
    assert abs(dialog.view.verticalScrollBar().maximum() - fit_height) <= 3


def test_zoom_stops_at_its_limits(qtbot: QtBot, three_pages: Path) -> None:
    dialog = preview(qtbot, three_pages)
    for _ in range(30):
        dialog.zoom_in_action.trigger()
    assert dialog.view.zoomFactor() == pytest.approx(pdf_preview.MAX_ZOOM)
    for _ in range(30):
        dialog.zoom_out_action.trigger()
    assert dialog.view.zoomFactor() == pytest.approx(pdf_preview.MIN_ZOOM)


def test_shortcuts(qtbot: QtBot, three_pages: Path) -> None:
    dialog = preview(qtbot, three_pages)

    def keys(action: object) -> set[str]:
        return {s.toString() for s in action.shortcuts()}  # type: ignore[attr-defined]

    assert keys(dialog.previous_action) == {"PgUp"}
    assert keys(dialog.next_action) == {"PgDown"}
    assert {"Ctrl+=", "Ctrl++"} <= keys(dialog.zoom_in_action)
    assert "Ctrl+-" in keys(dialog.zoom_out_action)
    assert keys(dialog.fit_width_action) == {"Ctrl+0"}
    assert QKeySequence("Ctrl+P") in dialog.print_action.shortcuts()
    assert QKeySequence("Ctrl+S") in dialog.save_action.shortcuts()
    assert dialog.print_action.text() == "&Print…"
    assert dialog.save_action.text() == "&Save as…"


def test_escape_closes_and_lets_go_of_the_file(qtbot: QtBot, three_pages: Path) -> None:
    dialog = preview(qtbot, three_pages)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.document.status() == QPdfDocument.Status.Null
    three_pages.unlink()  # the caller may now delete its temporary file


def test_save_as_writes_an_identical_copy(
    qtbot: QtBot, three_pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved: list[Path] = []
    dialog = preview(qtbot, three_pages, on_saved=saved.append)
    monkeypatch.setattr(dialog, "choose_save_path", lambda: tmp_path / "out" / "May meeting")
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "May meeting.pdf"  # ".pdf" added
    assert dialog.save_as() == target
    assert target.read_bytes() == three_pages.read_bytes()
    assert saved == [target]


def test_save_as_cancelled_does_nothing(
    qtbot: QtBot, three_pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved: list[Path] = []
    dialog = preview(qtbot, three_pages, on_saved=saved.append)
    monkeypatch.setattr(dialog, "choose_save_path", lambda: None)
    assert dialog.save_as() is None
    assert saved == []


def test_an_added_suffix_does_not_replace_a_file_unasked(
    qtbot: QtBot, three_pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = tmp_path / "minutes.pdf"
    existing.write_bytes(b"keep me")
    dialog = preview(qtbot, three_pages)
    monkeypatch.setattr(dialog, "choose_save_path", lambda: tmp_path / "minutes")
    asked: list[Path] = []
    monkeypatch.setattr(dialog, "confirm_replace", lambda path: asked.append(path) or False)
    assert dialog.save_as() is None
    assert asked == [existing]
    assert existing.read_bytes() == b"keep me"


def test_save_as_into_a_missing_folder_says_so(
    qtbot: QtBot,
    three_pages: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    saved: list[Path] = []
    dialog = preview(qtbot, three_pages, on_saved=saved.append)
    target = tmp_path / "no such folder" / "packet.pdf"
    monkeypatch.setattr(dialog, "choose_save_path", lambda: target)
    assert dialog.save_as() is None
    assert len(messages) == 1
    assert str(target) in messages[0]
    assert "No such file or directory" in messages[0]
    assert saved == []
    assert not target.parent.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_save_as_into_a_read_only_folder_says_so(
    qtbot: QtBot,
    three_pages: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    dialog = preview(qtbot, three_pages)
    monkeypatch.setattr(dialog, "choose_save_path", lambda: folder / "packet.pdf")
    try:
        assert dialog.save_as() is None
    finally:
        folder.chmod(0o755)
    assert "Permission denied" in messages[0]
    assert list(folder.iterdir()) == []


def test_a_full_disk_leaves_no_half_written_copy(
    qtbot: QtBot,
    three_pages: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    def copy_until_full(source: Path, target: Path) -> None:
        Path(target).write_bytes(Path(source).read_bytes()[:100])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(shutil, "copyfile", copy_until_full)
    dialog = preview(qtbot, three_pages)
    target = tmp_path / "packet copy.pdf"
    monkeypatch.setattr(dialog, "choose_save_path", lambda: target)
    assert dialog.save_as() is None
    assert "No space left on device" in messages[0]
    assert "free some disk space" in messages[0]
    assert not target.exists()


def test_print_pdf_prints_the_page_range_one_page_per_sheet(
    qtbot: QtBot, three_pages: Path, tmp_path: Path
) -> None:
    document = QPdfDocument()
    assert document.load(str(three_pages)) == QPdfDocument.Error.None_
    output = tmp_path / "printed.pdf"
    assert print_pdf(document, pdf_printer(output), 2, 3) == 2
    assert len(PdfReader(output).pages) == 2
    colours = band_colours(output)
    assert near(colours[0], BANDS[1]) and near(colours[1], BANDS[2])
    # A range beyond the document prints what there is; an empty one prints nothing.
    draft = pdf_printer(tmp_path / "all.pdf")
    draft.setResolution(150)  # a quicker printer: the page count is what matters here
    assert print_pdf(document, draft, 1, 9) == 3
    assert len(PdfReader(tmp_path / "all.pdf").pages) == 3
    assert print_pdf(document, pdf_printer(tmp_path / "none.pdf"), 3, 2) == 0
    document.close()


def test_print_pdf_to_an_unwritable_place_raises(three_pages: Path, tmp_path: Path) -> None:
    document = QPdfDocument()
    document.load(str(three_pages))
    with pytest.raises(OSError, match="Could not start printing"):
        print_pdf(document, pdf_printer(tmp_path / "missing" / "x.pdf"), 1, 3)
    document.close()


def test_chosen_pages_follow_the_print_dialog(qapp: object) -> None:
    printer = QPrinter()
    assert chosen_pages(printer, 3, 2) == [1, 2, 3]
    printer.setPrintRange(QPrinter.PrintRange.CurrentPage)
    assert chosen_pages(printer, 3, 2) == [2]
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setPageRanges(QPageRanges.fromString("1,3"))
    assert chosen_pages(printer, 3, 2) == [1, 3]


def test_print_from_the_dialog_reports_the_pages_printed(
    qtbot: QtBot, three_pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed: list[int] = []
    dialog = preview(qtbot, three_pages, on_printed=printed.append)
    output = tmp_path / "printed.pdf"

    def choose(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setPageRanges(QPageRanges.fromString("2-3"))
        return True

    monkeypatch.setattr(dialog, "choose_printer", choose)
    assert dialog.print_document() == 2
    assert printed == [2]
    assert len(PdfReader(output).pages) == 2


def test_print_cancelled_or_failed_is_not_reported(
    qtbot: QtBot,
    three_pages: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
) -> None:
    printed: list[int] = []
    dialog = preview(qtbot, three_pages, on_printed=printed.append)
    monkeypatch.setattr(dialog, "choose_printer", lambda printer: False)
    assert dialog.print_document() == 0

    def unwritable(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "missing" / "x.pdf"))
        return True

    monkeypatch.setattr(dialog, "choose_printer", unwritable)
    assert dialog.print_document() == 0
    assert printed == []
    assert "packet.pdf was not printed" in messages[0]


def test_show_pdf_opens_the_dialog_modally(
    qtbot: QtBot, three_pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[PdfPreviewDialog] = []

    def exec_(self: PdfPreviewDialog) -> int:
        shown.append(self)
        assert self.page_label.text() == "1 of 3"
        self.reject()
        return 0

    monkeypatch.setattr(PdfPreviewDialog, "exec", exec_)
    show_pdf(None, three_pages, "Meeting packet", "packet.pdf", on_printed=print)
    assert len(shown) == 1
    assert shown[0].on_printed is print
    assert shown[0].document.status() == QPdfDocument.Status.Null  # closed when finished


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"%PDF-1.4 this is not really a PDF", "is not a PDF file"), (None, "does not exist")],
)
def test_show_pdf_of_an_unreadable_file_shows_a_message_instead(
    qapp: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[str],
    content: bytes | None,
    expected: str,
) -> None:
    path = tmp_path / "broken.pdf"
    if content is not None:
        path.write_bytes(content)
    shown: list[PdfPreviewDialog] = []
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: shown.append(self) or 0)
    show_pdf(None, path, "Meeting packet", "packet.pdf")
    assert shown == []
    assert len(messages) == 1
    assert expected in messages[0]
    assert "broken.pdf" in messages[0]
