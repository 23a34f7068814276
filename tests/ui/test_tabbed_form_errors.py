"""A refusal's messages across a tabbed dialog's forms: beside their fields, the ones no
field owns on the first form's general line, and the first tab with a message shown."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget
from pytestqt.qtbot import QtBot

from app.ui.forms import Form, show_errors_on_tabs, stacked_tab


def test_field_and_general_messages_both_stay_and_their_tab_is_shown(qtbot: QtBot) -> None:
    details, agenda = Form(), Form()
    details.line("title", "&Title")
    agenda.line("agenda", "&Agenda")
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(details, "Details")
    tabs.addTab(QLabel("nothing to check here"), "Notes")
    tabs.addTab(stacked_tab(agenda, QLabel("the agenda list")), "Agenda")
    tabs.setCurrentIndex(1)
    show_errors_on_tabs(tabs, [details, agenda],
                        {"title": "Give the meeting a title.", "": "Someone else saved it."})
    assert details.error_text("title") == "Give the meeting a title."
    assert not details.general_error.isHidden()
    assert "Someone else saved it." in details.general_error.text()
    assert tabs.currentIndex() == 0
    show_errors_on_tabs(tabs, [details, agenda], {"agenda": "An item needs a title."})
    assert details.error_text("title") == ""  # the last refusal's messages only
    assert agenda.error_text("agenda") == "An item needs a title."
    assert tabs.currentIndex() == 2  # the tab the agenda's form sits in
