"""Importing, refusing, undoing: one transaction, nothing guessed, nothing counted twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import (
    Area,
    AreaKind,
    AuditAction,
    AuditEntry,
    CrimeCount,
    ImportBatch,
    OffenseCategory,
    Role,
)
from app.services.crime_import import (
    CrimeImportError,
    DateOrder,
    ImportCancelled,
    MappingChoice,
    choose_date_order,
    import_crime,
    list_crime_imports,
    preview_crime_import,
    undo_crime_import,
)
from app.services.errors import ValidationError
from app.services.permissions import AccessDenied
from app.services.workspace import Workspace
from tests.services.crime_import.conftest import write

AMBIGUOUS = (
    "Date,Neighborhood,Offense\n"
    "01/02/2024,Eastside,Burglary\n"
    "03/04/2024,Eastside,Burglary\n"
    "03/04/2024,Westfield,Robbery\n"
)


def state(ws: Workspace) -> tuple[list[tuple[str, str]], list[str], list[tuple[object, ...]]]:
    with ws.read() as session:
        areas = [(a.name, a.kind.value) for a in session.scalars(select(Area).order_by(Area.id))]
        categories = list(session.scalars(select(OffenseCategory.name).order_by(
            OffenseCategory.id)))
        counts = [tuple(r) for r in session.execute(select(
            CrimeCount.area_id, CrimeCount.category_id, CrimeCount.month, CrimeCount.count,
            CrimeCount.import_batch_id).order_by(CrimeCount.id))]
    return areas, categories, counts


def cells(preview: object) -> set[tuple[str, str, date, int]]:
    return {(c.area, c.category, c.month, c.count) for c in preview.cells}  # type: ignore[attr-defined]


def test_reimporting_the_same_file_is_refused(ws: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "month.csv", "Month,Area,Category\n2024-11,A1,Theft\n")
    first = import_crime(ws, preview_crime_import(ws, path))
    before = state(ws)
    again = preview_crime_import(ws, path)
    assert again.already_imported is not None
    assert again.already_imported.batch_id == first.batch_id
    assert not again.can_import
    with pytest.raises(ValidationError, match="already imported"):
        import_crime(ws, again)
    copy = write(tmp_path / "renamed copy.csv", path.read_text())
    with pytest.raises(ValidationError, match="count every incident twice"):
        import_crime(ws, preview_crime_import(ws, copy))  # same bytes, other name
    assert state(ws) == before
    undo_crime_import(ws, first.batch_id)
    assert preview_crime_import(ws, path).already_imported is None
    assert import_crime(ws, preview_crime_import(ws, path)).counts_added == 1


def test_undo_restores_what_was_there(ws: Workspace, tmp_path: Path) -> None:
    with ws.write() as action:
        action.session.add_all([OffenseCategory(name="Theft"),
                                Area(name="Eastside", kind=AreaKind.NEIGHBORHOOD)])
    before = state(ws)
    path = write(tmp_path / "counts.csv",
                 "Month,Neighborhood,Offense,Count\n"
                 "2024-01,EASTSIDE,THEFT,5\n2024-01,Westfield,Theft,2\n"
                 "2024-02,Westfield,Arson,1\n2024-02,Westfield,Arson,3\n")
    preview = preview_crime_import(ws, path)
    assert preview.new_areas == ("Westfield",)  # "EASTSIDE" is the existing Eastside
    assert preview.new_categories == ("Arson",)
    result = import_crime(ws, preview)
    assert (result.counts_added, result.incidents, result.areas_added,
            result.categories_added) == (3, 11, 1, 1)
    areas, categories, counts = state(ws)
    assert ("Westfield", "neighborhood") in areas and categories == ["Theft", "Arson"]
    assert sorted(c[3] for c in counts) == [2, 4, 5]  # the two Arson rows summed
    undone = undo_crime_import(ws, result.batch_id)
    assert (undone.counts_removed, undone.areas_removed, undone.categories_removed) == (3, 1, 1)
    assert state(ws) == before
    with ws.read() as session:
        batch = session.get(ImportBatch, result.batch_id)
        assert batch is not None and batch.undone_at is not None and batch.undone_by == "analyst"
        actions = list(session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "import_batches",
                                            AuditEntry.entity_id == result.batch_id)
            .order_by(AuditEntry.id)))
    assert AuditAction.IMPORT in actions and actions[-1] is AuditAction.UNDO_IMPORT
    history = list_crime_imports(ws)
    assert [(h.id, h.counts, h.can_undo, h.first_month, h.last_month) for h in history] == [
        (result.batch_id, 0, False, date(2024, 1, 1), date(2024, 2, 1))]
    with pytest.raises(ValidationError, match="already undone"):
        undo_crime_import(ws, result.batch_id)


def test_undo_keeps_an_area_another_import_uses(ws: Workspace, tmp_path: Path) -> None:
    one = write(tmp_path / "one.csv", "Month,Area,Category\n2024-01,North,Theft\n")
    two = write(tmp_path / "two.csv", "Month,Area,Category\n2024-02,North,Theft\n")
    first = import_crime(ws, preview_crime_import(ws, one))
    import_crime(ws, preview_crime_import(ws, two))
    undone = undo_crime_import(ws, first.batch_id)
    assert (undone.areas_removed, undone.categories_removed, undone.areas_kept) == (
        0, 0, ("North",))
    assert [n for n, _k in state(ws)[0]] == ["North"]


def test_ambiguous_dates_need_a_choice(ws: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "ambiguous.csv", AMBIGUOUS)
    preview = preview_crime_import(ws, path)
    assert preview.needs_date_order and preview.date_order is None
    assert preview.rows_counted == 3 and not preview.can_import
    with pytest.raises(ValidationError) as refused:
        import_crime(ws, preview)
    assert "day-first" in refused.value.errors["date_order"]
    assert state(ws) == ([], [], [])
    day_first = choose_date_order(ws, preview, DateOrder.DAY_FIRST)
    assert cells(day_first) == {("Eastside", "Burglary", date(2024, 2, 1), 1),
                                ("Eastside", "Burglary", date(2024, 4, 1), 1),
                                ("Westfield", "Robbery", date(2024, 4, 1), 1)}
    month_first = choose_date_order(ws, preview, DateOrder.MONTH_FIRST)
    assert month_first.months == (date(2024, 1, 1), date(2024, 3, 1))
    read_again = preview_crime_import(ws, path, MappingChoice(date_order=DateOrder.MONTH_FIRST))
    assert cells(read_again) == cells(month_first)
    assert import_crime(ws, day_first).first_month == date(2024, 2, 1)


def test_the_file_shows_the_order_once_a_day_is_above_12(ws: Workspace,
                                                          tmp_path: Path) -> None:
    path = write(tmp_path / "later.csv", AMBIGUOUS + "25/04/2024,Eastside,Burglary\n")
    preview = preview_crime_import(ws, path)
    assert not preview.needs_date_order
    assert (preview.date_order, preview.date_order_inferred) == (DateOrder.DAY_FIRST, True)
    # The rows read before the proof are counted day-first too.
    assert cells(preview) == {("Eastside", "Burglary", date(2024, 2, 1), 1),
                              ("Eastside", "Burglary", date(2024, 4, 1), 2),
                              ("Westfield", "Robbery", date(2024, 4, 1), 1)}
    chosen = preview_crime_import(ws, path, MappingChoice(date_order=DateOrder.MONTH_FIRST))
    assert [(s.reason, s.rows) for s in chosen.skipped] == [
        ("date not recognised as month-first", (5,))]


def test_rows_are_reported_not_guessed(ws: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "gaps.csv",
                 "Date,Area,Category,Incidents\n"
                 "2024-03-05,North,Theft,2\n"
                 ",North,Theft,1\n"
                 "someday,North,Theft,1\n"
                 "2024-03-06,,Theft,1\n"
                 "2024-03-07,North,,1\n"
                 "2024-03-08,North,Theft,\n"
                 "2024-03-09,North,Theft,-1\n"
                 "2024-03-10,North,Theft,1.5\n"
                 "\n"
                 "2024-02-30,North,Theft,1\n"
                 "1850-01-01,North,Theft,1\n"
                 "2024-03-11,North,Theft,\"1,000\"\n")
    preview = preview_crime_import(ws, path)
    reasons = {s.reason: s.rows for s in preview.skipped}
    assert reasons == {
        "no date": (3,), "date not recognised": (4, 11), "no area": (5,),
        "no category": (6,), "no count": (7,),
        "count is not a whole number of 0 or more": (8, 9), "date out of range": (12,),
    }
    assert {s.reason: s.examples for s in preview.skipped}["date not recognised"] == (
        "someday", "2024-02-30")
    assert (preview.rows_read, preview.rows_counted, preview.rows_skipped) == (11, 2, 9)
    assert cells(preview) == {("North", "Theft", date(2024, 3, 1), 1002)}


def test_nothing_countable_and_bad_mappings_are_refused(ws: Workspace,
                                                        tmp_path: Path) -> None:
    path = write(tmp_path / "none.csv", "Date,Area,Category\n2024-01-01,,Theft\n")
    preview = preview_crime_import(ws, path)
    assert preview.rows_counted == 0 and not preview.can_import
    with pytest.raises(ValidationError, match="Nothing to import"):
        import_crime(ws, preview)
    other = write(tmp_path / "other.csv", "When,Where,What\n2024-01-01,North,Theft\n")
    with pytest.raises(ValidationError) as missing:
        preview_crime_import(ws, other)
    assert set(missing.value.errors) == {"date_column", "area_column", "category_column"}
    with pytest.raises(ValidationError) as unknown:
        preview_crime_import(ws, other, MappingChoice(date_column="When", area_column="Where",
                                                      category_column="Nope"))
    assert unknown.value.errors == {"category_column": "There is no column 'Nope' in this file."}
    chosen = preview_crime_import(ws, other, MappingChoice(
        date_column="when", area_column=1, category_column="3", area_kind=AreaKind.BEAT,
        area_prefix="Beat "))
    assert cells(chosen) == {("Beat North", "Theft", date(2024, 1, 1), 1)}
    assert import_crime(ws, chosen).areas_added == 1
    assert state(ws)[0] == [("Beat North", "beat")]


def test_a_file_changed_after_the_preview_is_refused(ws: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "c.csv", "Month,Area,Category\n2024-01,North,Theft\n")
    preview = preview_crime_import(ws, path)
    write(path, "Month,Area,Category\n2024-01,North,Theft\n2024-01,North,Theft\n")
    with pytest.raises(CrimeImportError, match="changed since it was read"):
        import_crime(ws, preview)
    assert state(ws) == ([], [], [])


def test_viewers_may_not_import_or_undo(ws: Workspace, tmp_path: Path) -> None:
    path = write(tmp_path / "c.csv", "Month,Area,Category\n2024-01,North,Theft\n")
    preview = preview_crime_import(ws, path)
    result = import_crime(ws, preview)
    viewer = Workspace(ws.db, user_name="viewer", role=Role.VIEWER)
    with pytest.raises(AccessDenied):
        undo_crime_import(viewer, result.batch_id)
    with pytest.raises(AccessDenied):
        import_crime(viewer, preview)
    with ws.read() as session:
        assert session.scalar(select(func.count()).select_from(CrimeCount)) == 1


def test_progress_and_cancel(ws: Workspace, tmp_path: Path) -> None:
    lines = ["Month,Area,Category"] + [f"2024-{m:02d},A{m},Theft" for m in range(1, 13)] * 3000
    path = write(tmp_path / "long.csv", "\n".join(lines) + "\n")
    seen: list[tuple[int, int]] = []
    preview = preview_crime_import(ws, path, progress=lambda done, total: seen.append(
        (done, total)))
    size = path.stat().st_size
    assert len(seen) >= 3 and seen[-1] == (size, size)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    assert preview.rows_counted == 36_000 and len(preview.months) == 12
    with pytest.raises(ImportCancelled):
        preview_crime_import(ws, path, cancelled=lambda: True)
    with pytest.raises(ImportCancelled):
        import_crime(ws, preview, cancelled=lambda: True)
    assert state(ws) == ([], [], [])
