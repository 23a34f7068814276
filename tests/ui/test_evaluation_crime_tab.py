"""The Crime tab and the Areas dialog on the demo database, read as a user reads them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.models.database import open_database
from app.services.areas import neighbors_of
from app.services.changes import Change
from app.services.crime_analysis import pre_post
from app.services.demo_data import load_demo_data
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.initiatives import initiative_choices
from app.services.workspace import Workspace
from app.ui.dialogs.areas_dialog import AreasDialog
from app.ui.pages.evaluation_crime_tab import CrimeTab

TODAY = date(2026, 5, 15)
PERIOD = Period(date(2023, 1, 1), date(2026, 4, 30))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    db = open_database(Path(tmp_path_factory.mktemp("crime")) / "demo.sqlite")
    load_demo_data(db, today=TODAY)
    try:
        yield Workspace(db)
    finally:
        db.close()


def initiative(ws: Workspace, name: str) -> int:
    return next(i for i, n in initiative_choices(ws) if n == name)


def cells(view) -> list[list[str]]:  # type: ignore[no-untyped-def]
    model = view.model()
    return [[model.index(r, c).data(Qt.ItemDataRole.DisplayRole) or ""
             for c in range(model.columnCount())] for r in range(model.rowCount())]


def shown(qtbot: QtBot, tab: CrimeTab, scope: EvaluationScope) -> None:
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.show_scope(scope)


def test_an_initiative_shows_its_figures_sentence_chart_and_neighbors(
    qtbot: QtBot, demo: Workspace
) -> None:
    tab = CrimeTab(demo, today=TODAY)
    qtbot.addWidget(tab)
    eastside = initiative(demo, "Eastside Burglary Reduction Project")
    shown(qtbot, tab, EvaluationScope(PERIOD, eastside))
    expected = pre_post(demo, eastside, today=TODAY)
    t, c = expected.target, expected.comparison
    rows = cells(tab.figures_view)
    assert rows[0][:5] == ["Eastside", "Target", f"{t.before:,}", f"{t.after:,}",
                           f"{t.percent_change:+.0f}%"]
    assert rows[0][5] == (f"{t.rate_ratio.estimate:.2f} [{t.rate_ratio.low:.2f}–"
                          f"{t.rate_ratio.high:.2f}]")
    assert rows[0][6] == f"{expected.did.estimate:.2f} [{expected.did.low:.2f}–" \
                         f"{expected.did.high:.2f}]"
    assert rows[1][:4] == ["Westfield", "Comparison", f"{c.before:,}", f"{c.after:,}"]
    sentence = tab.sentence.text()
    assert sentence.startswith(f"Eastside: {t.before:,} crimes in the 12 months before")
    assert "decrease" in sentence and "Westfield" in sentence
    assert "first month after" in tab.notes.text()
    assert "no data, not as 0" in tab.notes.text()
    assert [r[0] for r in cells(tab.displacement_view)] == ["Downtown", "Millbrook", "Oak Park"]
    assert tab.chart.chart.marker_label == "Start Nov 2024"
    assert tab.chart.chart.x[0] == date(2023, 1, 1)  # the page's period sets the range


def test_window_length_and_category_filter_reload_the_figures(
    qtbot: QtBot, demo: Workspace
) -> None:
    tab = CrimeTab(demo, today=TODAY)
    qtbot.addWidget(tab)
    eastside = initiative(demo, "Eastside Burglary Reduction Project")
    shown(qtbot, tab, EvaluationScope(PERIOD, eastside))
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.months.setValue(6)
    assert "in the 6 months before" in tab.sentence.text()
    burglary = next(a for a in tab.category_menu.actions() if a.text() == "Burglary")
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        burglary.setChecked(True)
    assert tab.categories.text() == "Burglary"
    expected = pre_post(demo, eastside, 6, [burglary.data()], today=TODAY)
    assert cells(tab.figures_view)[0][2] == f"{expected.target.before:,}"
    assert "crimes (Burglary)" in tab.sentence.text()
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        tab.choose_categories(None)
    assert tab.categories.text() == "All categories"


def test_whole_partnership_lists_every_initiative_with_area_and_start(
    qtbot: QtBot, demo: Workspace
) -> None:
    tab = CrimeTab(demo, today=TODAY)
    qtbot.addWidget(tab)
    shown(qtbot, tab, EvaluationScope(PERIOD))
    rows = {r[0]: r for r in cells(tab.initiatives_view)}
    assert rows["Eastside Burglary Reduction Project"][1] == "Eastside"
    future = rows["Millbrook Safe Streets CPTED Review"]
    assert future[1] == "Millbrook" and "no after period yet" in future[-1]
    assert future[4] == "" and future[7] == ""  # no figures, and certainly no 0
    assert "months with counts" in tab.sentence.text()
    assert tab.figures_view.isHidden() and tab.neighbors.isHidden()


def test_areas_dialog_edits_neighbors_and_the_tab_follows(
    qtbot: QtBot, demo: Workspace
) -> None:
    tab = CrimeTab(demo, today=TODAY)
    qtbot.addWidget(tab)
    demo.changes.subscribe(tab.on_change)
    eastside = initiative(demo, "Eastside Burglary Reduction Project")
    shown(qtbot, tab, EvaluationScope(PERIOD, eastside))
    dialog = AreasDialog(demo)
    qtbot.addWidget(dialog)
    names = [dialog.areas.item(i).text() for i in range(dialog.areas.count())]
    row = next(i for i, n in enumerate(names) if n.startswith("Eastside"))
    dialog.areas.setCurrentRow(row)
    assert dialog.name.text() == "Eastside"
    assert "1 initiative" in dialog.uses.text()
    assert not dialog.delete_button.isEnabled()  # in use
    dialog.set_neighbor_checked("Northgate", True)
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        assert dialog.save()
    area_id = dict((n, i) for i, n in neighbors_of(demo, dialog.current or 0))
    assert "Northgate" in area_id
    assert "Northgate" in [r[0] for r in cells(tab.displacement_view)]
    # A duplicate name and a bad population are both refused beside their fields.
    dialog.new_area()
    dialog.name.setText("eastside")
    dialog.population.setText("12x")
    assert not dialog.save()
    assert "exists already" in dialog.form.error_text("name")
    assert "whole number" in dialog.form.error_text("population")
    # A new, unused area can be deleted.
    dialog.name.setText("Harbor Point")
    dialog.population.setText("1,200")
    assert dialog.save()
    assert dialog.delete_button.isEnabled()
    assert dialog.delete_row(dialog.current or 0)
    assert not any(dialog.areas.item(i).text().startswith("Harbor Point")
                   for i in range(dialog.areas.count()))
    tab.on_change(Change("unrelated", frozenset()))  # ignored: nothing to wait for
