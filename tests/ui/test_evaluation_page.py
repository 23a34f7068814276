"""The Evaluation page: one scope (initiative or whole partnership, period) for every tab;
only the tab on screen loads, the others when they are next shown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.models import Role
from app.models.database import open_database
from app.services.changes import Change
from app.services.demo_data import load_demo_data
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.goal_progress import goals_in_scope
from app.services.initiatives import initiative_choices
from app.services.workspace import Workspace
from app.ui.pages import evaluation_goals_tab
from app.ui.pages.evaluation_page import WHOLE_PARTNERSHIP, EvaluationPage

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    db = open_database(Path(tmp_path_factory.mktemp("evaluation")) / "demo.sqlite")
    load_demo_data(db, today=TODAY)
    try:
        yield Workspace(db)
    finally:
        db.close()


def page_with_spies(qtbot: QtBot, ws: Workspace) -> tuple[EvaluationPage, dict[str, list]]:
    page = EvaluationPage(ws, today=TODAY)
    qtbot.addWidget(page)
    calls: dict[str, list[EvaluationScope]] = {}
    for index in range(page.tabs.count()):
        tab = page.tabs.widget(index)
        original = tab.show_scope
        calls[tab.title] = []

        def spy(scope: EvaluationScope, seen: list = calls[tab.title],
                original=original) -> None:  # type: ignore[no-untyped-def]
            seen.append(scope)
            original(scope)

        tab.show_scope = spy
    return page, calls


def test_the_whole_partnership_over_the_last_12_months_by_default(
        qtbot: QtBot, demo: Workspace) -> None:
    page = EvaluationPage(demo, today=TODAY)
    qtbot.addWidget(page)
    assert page.initiative.currentText() == WHOLE_PARTNERSHIP
    assert [page.initiative.itemText(i) for i in range(1, page.initiative.count())] == [
        name for _id, name in initiative_choices(demo)]
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Goals", "Crime", "Surveys", "Engagement", "Network", "Resources"]
    goals = page.tabs.widget(0)
    with qtbot.waitSignal(goals.loaded, timeout=10_000):
        page.refresh()
    scope = EvaluationScope(Period(date(2025, 12, 1), TODAY))
    assert page.scope() == scope
    assert page.count.text() == "Whole partnership · 01 Dec 2025 – 28 Nov 2026"
    expected = goals_in_scope(demo, scope)
    model = goals.view.model()
    assert model.rowCount() == len(expected) > 0
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == [
        g.name for g in expected]
    assert not goals.view.isColumnHidden(0)  # the whole partnership names the initiative


def test_only_the_tab_on_screen_loads_and_the_others_catch_up(
        qtbot: QtBot, demo: Workspace) -> None:
    page, calls = page_with_spies(qtbot, demo)
    page.refresh()
    assert len(calls["Goals"]) == 1 and calls["Crime"] == []
    eastside = next(i for i, n in initiative_choices(demo) if n.startswith("Eastside"))
    page.show_initiative(eastside)
    assert calls["Goals"][-1].initiative_id == eastside
    page.period.preset.setCurrentText("Last year")
    assert calls["Goals"][-1] == EvaluationScope(Period.year(2025), eastside)
    assert calls["Crime"] == [] and calls["Surveys"] == []
    page.tabs.setCurrentIndex(1)  # Crime: loads the scope shown, once
    assert calls["Crime"] == [EvaluationScope(Period.year(2025), eastside)]
    page.tabs.setCurrentIndex(0)
    page.tabs.setCurrentIndex(1)
    assert len(calls["Crime"]) == 1  # nothing changed: not loaded again
    assert len(calls["Goals"]) == 3


def test_a_change_reloads_the_tab_on_screen_and_marks_the_others(
        qtbot: QtBot, demo: Workspace) -> None:
    page, calls = page_with_spies(qtbot, demo)
    page.refresh()
    page.tabs.setCurrentIndex(1)
    changed = []
    crime = page.tabs.widget(1)
    crime.on_change = changed.append
    page.on_change(Change("crime_counts", None))
    assert [c.kind for c in changed] == ["crime_counts"]
    page.tabs.setCurrentIndex(0)  # Goals was not on screen: it reloads when shown
    assert len(calls["Goals"]) == 2


def test_a_new_initiative_is_offered_and_an_archived_one_falls_back(
        qtbot: QtBot, demo: Workspace) -> None:
    from app.services.initiatives import set_initiative_archived

    page, calls = page_with_spies(qtbot, demo)
    page.refresh()
    oak = next(i for i, n in initiative_choices(demo) if n.startswith("Oak Park"))
    page.show_initiative(oak)
    set_initiative_archived(demo, oak, True)
    try:
        page.on_change(Change("initiatives", {oak}))
        assert page.initiative.findData(oak) == -1
        assert page.initiative.currentText() == WHOLE_PARTNERSHIP
        assert calls["Goals"][-1].initiative_id is None
    finally:
        set_initiative_archived(demo, oak, False)


def test_the_toolbar_offers_crime_import_and_areas(qtbot: QtBot, demo: Workspace) -> None:
    page = EvaluationPage(demo, today=TODAY)
    qtbot.addWidget(page)
    texts = [a.text().replace("&", "") for a in page.actions()]
    assert texts == ["Import crime data…", "Crime imports…", "Areas…", "Report…"]
    shortcut = page.actions()[0].shortcut().toString()
    assert shortcut == "Ctrl+I"
    assert page.initiative.findText(WHOLE_PARTNERSHIP, Qt.MatchFlag.MatchExactly) == 0


def test_report_asks_for_the_initiatives_evaluation_report(
        qtbot: QtBot, demo: Workspace) -> None:
    page = EvaluationPage(demo, today=TODAY)
    qtbot.addWidget(page)
    page.refresh()
    assert not page.report_action.isEnabled()  # the whole partnership: no one initiative
    eastside = next(i for i, n in initiative_choices(demo) if n.startswith("Eastside"))
    page.show_initiative(eastside)
    assert page.report_action.isEnabled()
    with qtbot.waitSignal(page.show_report_requested) as asked:
        page.report_action.trigger()
    assert asked.args == [eastside]


def test_a_viewer_is_not_offered_a_crime_import(qtbot: QtBot, demo: Workspace,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "role", Role.VIEWER)
    page = EvaluationPage(demo, today=TODAY)
    qtbot.addWidget(page)
    assert not page.import_action.isEnabled()  # the import itself would be refused
    assert "editor" in page.import_action.toolTip()


def test_goals_say_loading_not_the_last_scopes_figures(
        qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    page = EvaluationPage(demo, today=TODAY)
    qtbot.addWidget(page)
    goals = page.tabs.widget(0)
    with qtbot.waitSignal(goals.loaded, timeout=10_000):
        page.refresh()
    assert goals.summary.text().startswith(f"{goals.model.rowCount()} goals as of 28 Nov 2026")
    page.period.preset.setCurrentText("Last year")  # a new scope: read in the background
    assert goals.summary.text() == "Loading goals…"
    qtbot.waitUntil(lambda: "31 Dec 2025" in goals.summary.text(), timeout=10_000)

    def broken(*_args: object) -> list[object]:
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(evaluation_goals_tab, "goals_in_scope", broken)
    with qtbot.waitSignal(goals.loader.failed, timeout=10_000):
        page.period.preset.setCurrentText("This year")
    assert goals.summary.text() == "Not loaded: disk I/O error"
    assert goals.model.rowCount() == 0  # last year's goals are not shown as this year's
    assert goals.chart.chart is None


def test_a_tab_is_greyed_while_a_new_scope_loads(qtbot: QtBot, demo: Workspace) -> None:
    page = EvaluationPage(demo, today=TODAY)
    qtbot.addWidget(page)
    goals = page.tabs.widget(0)
    with qtbot.waitSignal(goals.loaded, timeout=10_000):
        page.refresh()
        assert not goals.isEnabled()  # the old figures are not the new scope's
    assert goals.isEnabled()
    eastside = next(i for i, n in initiative_choices(demo) if n.startswith("Eastside"))
    with qtbot.waitSignal(goals.loaded, timeout=10_000):
        page.show_initiative(eastside)
        assert not goals.isEnabled()
    assert goals.isEnabled()
