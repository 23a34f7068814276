"""The Reports page: choose a report, period, initiatives, sections and options; the PDF
opens in the preview with the narrative typed, the workbook is saved where asked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.models import Role
from app.models.database import open_database
from app.services.demo_data import load_demo_data
from app.services.evaluation_scope import Period
from app.services.initiatives import initiative_choices
from app.services.report_narratives import load_narrative
from app.services.report_options import EvaluationSection
from app.services.workspace import Workspace
from app.ui.pages.reports_page import ReportsPage

TODAY = date(2026, 11, 28)
Q3 = Period.quarter(2026, 3)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    db = open_database(Path(tmp_path_factory.mktemp("reports")) / "demo.sqlite")
    load_demo_data(db, today=TODAY)
    try:
        yield Workspace(db)
    finally:
        db.close()


@pytest.fixture
def page(qtbot: QtBot, demo: Workspace) -> ReportsPage:
    page = ReportsPage(demo, today=TODAY)
    qtbot.addWidget(page)
    page.refresh()
    return page


def eastside(ws: Workspace) -> int:
    return next(i for i, n in initiative_choices(ws) if n.startswith("Eastside"))


def previewed(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    shown: dict[str, str] = {}

    def preview(parent, path, title, suggested_name, **callbacks):  # type: ignore[no-untyped-def]
        shown.update(text="\n".join(p.extract_text() for p in PdfReader(path).pages),
                     title=title)

    monkeypatch.setattr("app.ui.dialogs.pdf_preview.show_pdf", preview)
    return shown


def test_the_evaluation_report_needs_an_initiative(
        page: ReportsPage, monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr("app.ui.pages.reports_page.QMessageBox.information",
                        lambda parent, title, text: said.append(text))
    shown = previewed(monkeypatch)
    page.make_report()
    assert said == ["Choose at least one initiative."]
    assert shown == {}


def test_an_evaluation_report_with_the_narrative_typed(
        page: ReportsPage, demo: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    assert page.period.period() == Q3  # last quarter by default
    page.show_initiative(eastside(demo))
    assert page.narrative.isVisibleTo(page)
    assert page.narrative.initiative.currentText().startswith("Eastside")
    page.narrative.answers["accomplishments"].setPlainText("Forty homes got new locks & lights.")
    page.narrative.answers["assistance"].setPlainText("A second crime analyst.")
    # Leave out the surveys section.
    for i in range(page.sections.count()):
        item = page.sections.item(i)
        if item.data(Qt.ItemDataRole.UserRole) is EvaluationSection.SURVEYS:
            item.setCheckState(Qt.CheckState.Unchecked)
    shown = previewed(monkeypatch)
    page.make_report()
    assert "Eastside Burglary Reduction Project" in shown["text"]
    assert "Forty homes got new locks & lights." in shown["text"]
    assert "A second crime analyst." in shown["text"]
    assert "Survey results" not in shown["text"]
    kept = load_narrative(demo, eastside(demo), Q3)
    assert kept.accomplishments == "Forty homes got new locks & lights."


def test_the_narrative_comes_back_for_the_same_initiative_and_period(
        qtbot: QtBot, demo: Workspace) -> None:
    page = ReportsPage(demo, today=TODAY)
    qtbot.addWidget(page)
    page.show_initiative(eastside(demo))
    text = page.narrative.answers["accomplishments"].toPlainText()
    assert text == "Forty homes got new locks & lights."
    page.period.preset.setCurrentText("This quarter")  # another period: nothing typed yet
    assert page.narrative.answers["accomplishments"].toPlainText() == ""


def test_a_redacted_partnership_report(page: ReportsPage, demo: Workspace,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    page.choose("partnership")
    assert not page.narrative.isVisibleTo(page)
    page.redacted.setChecked(True)
    assert page.options().redacted
    shown = previewed(monkeypatch)
    page.make_report()
    assert shown["title"].startswith("Partnership")
    assert "Meetings and attendance" in shown["text"]


def test_the_funder_workbook_is_saved_where_asked(
        page: ReportsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "funder.xlsx"
    monkeypatch.setattr("app.ui.documents.ask_save_path", lambda *args: target)
    offered: list[Path] = []
    monkeypatch.setattr("app.ui.documents.offer_to_open",
                        lambda parent, title, text, path: offered.append(path))
    page.choose("funder")
    assert page.make.text() == "&Save workbook…"
    assert not page.paper.isVisibleTo(page)
    page.make_report()
    assert offered == [target]
    workbook = load_workbook(target, read_only=True)
    assert workbook.sheetnames[0] == "Summary"
    assert "Measures" in workbook.sheetnames


def test_a_viewer_is_not_offered_to_make_reports(qtbot: QtBot, demo: Workspace,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "role", Role.VIEWER)
    page = ReportsPage(demo, today=TODAY)
    qtbot.addWidget(page)
    for key in ("evaluation", "partnership", "funder"):
        page.choose(key)
        assert not page.make.isEnabled()  # the service refuses viewers every report
    assert "editor" in page.make.toolTip()


def test_the_paper_chosen_here_stays_until_settings_change_it(
        page: ReportsPage, demo: Workspace) -> None:
    from app.services.changes import Change
    from app.services.settings import PAPER_SIZE, set_setting

    default = page.paper.currentText()
    other = "A4" if default == "Letter" else "Letter"
    page.paper.setCurrentText(other)
    page.refresh()  # shown again
    page.on_change(Change("settings", None))  # e.g. a narrative kept
    assert page.paper.currentText() == other
    set_setting(demo, PAPER_SIZE, other)
    try:
        page.paper.setCurrentText(default)
        page.on_change(Change("settings", None))
        assert page.paper.currentText() == other  # the new default from Settings
    finally:
        set_setting(demo, PAPER_SIZE, default)


def test_the_narrative_says_which_period_it_is_for(page: ReportsPage, demo: Workspace) -> None:
    page.show_initiative(eastside(demo))
    assert page.narrative.title().startswith("Narrative for 01 Jul 2026 – 30 Sep 2026")
    page.period.preset.setCurrentText("Last year")
    assert page.narrative.title().startswith("Narrative for 01 Jan 2025 – 31 Dec 2025")
