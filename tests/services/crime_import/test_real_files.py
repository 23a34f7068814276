"""The real Chicago and data.police.uk exports: what ends up in crime_counts is recounted
here another way (plain csv + Counter, written independently of the importer)."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from app.models import Area, AreaKind, CrimeCount, ImportBatch, OffenseCategory
from app.services.crime_import import (
    CHICAGO,
    POLICE_UK,
    MappingChoice,
    import_crime,
    preview_crime_import,
)
from app.services.workspace import Workspace


def stored(ws: Workspace, batch_id: int) -> dict[tuple[str, str, date], int]:
    """(area name, category name, month) -> count of one batch, as stored."""
    with ws.read() as session:
        rows = session.execute(
            select(Area.name, OffenseCategory.name, CrimeCount.month, CrimeCount.count)
            .join(Area, Area.id == CrimeCount.area_id)
            .join(OffenseCategory, OffenseCategory.id == CrimeCount.category_id)
            .where(CrimeCount.import_batch_id == batch_id)
        ).all()
    result = {(a, c, m): n for a, c, m, n in rows}
    assert len(result) == len(rows)  # one count per cell
    return result


def area_kinds(ws: Workspace) -> set[AreaKind]:
    with ws.read() as session:
        return set(session.scalars(select(Area.kind)))


def chicago_recount(path: Path, column: str) -> tuple[Counter[tuple[int, str, date]], list[int]]:
    counts: Counter[tuple[int, str, date]] = Counter()
    missing = []
    with path.open(newline="", encoding="utf-8") as file:
        for number, row in enumerate(csv.DictReader(file), start=2):
            if not row[column].strip():
                missing.append(number)
                continue
            when = datetime.strptime(row["Date"], "%m/%d/%Y %I:%M:%S %p")
            counts[(int(row[column]), row["Primary Type"].upper(), date(when.year, when.month,
                                                                        1))] += 1
    return counts, missing


def test_chicago_by_district_matches_an_independent_count(ws: Workspace,
                                                          chicago_csv: Path) -> None:
    expected, missing = chicago_recount(chicago_csv, "District")
    preview = preview_crime_import(ws, chicago_csv)
    assert preview.layout == CHICAGO
    assert preview.rows_read == 3000
    assert preview.rows_counted == sum(expected.values()) == 3000 - len(missing)
    assert [(s.reason, s.count, list(s.rows)) for s in preview.skipped] == [
        ("no area", len(missing), missing)
    ]
    assert preview.months == (date(2015, 2, 1),)
    assert "Chicago District 11" in preview.new_areas  # written "011" in the file
    result = import_crime(ws, preview)
    got = stored(ws, result.batch_id)
    prefix = "Chicago District "
    assert all(area.startswith(prefix) for area, _c, _m in got)
    assert Counter({(int(a.removeprefix(prefix)), c.upper(), m): n
                    for (a, c, m), n in got.items()}) == expected
    assert area_kinds(ws) == {AreaKind.DISTRICT}
    assert result.incidents == sum(expected.values())
    assert result.counts_added == len(expected)
    with ws.read() as session:
        batch = session.get(ImportBatch, result.batch_id)
        assert batch is not None
        assert (batch.rows_read, batch.rows_added, batch.rows_skipped) == (
            3000, 3000 - len(missing), len(missing))


def test_chicago_by_beat_and_community_area(ws: Workspace, chicago_csv: Path) -> None:
    expected, missing = chicago_recount(chicago_csv, "Beat")
    assert missing == []
    result = import_crime(ws, preview_crime_import(ws, chicago_csv,
                                                   MappingChoice(area_column="Beat")))
    got = stored(ws, result.batch_id)
    assert Counter({(int(a.removeprefix("Chicago Beat ")), c.upper(), m): n
                    for (a, c, m), n in got.items()}) == expected
    assert area_kinds(ws) == {AreaKind.BEAT}
    preview = preview_crime_import(ws, chicago_csv, MappingChoice(area_column="community area"))
    assert preview.mapping.area_kind is AreaKind.NEIGHBORHOOD
    assert preview.already_imported is not None  # the same file, whatever the mapping
    assert "Chicago Community Area 46" in preview.new_areas


def test_police_uk_matches_an_independent_count(ws: Workspace, police_uk_csv: Path) -> None:
    expected: Counter[tuple[str, str, str]] = Counter()
    without_lsoa = []
    with police_uk_csv.open(newline="", encoding="utf-8") as file:
        for number, row in enumerate(csv.DictReader(file), start=2):
            if row["LSOA name"].strip():
                expected[(row["LSOA name"], row["Crime type"], row["Month"])] += 1
            else:
                without_lsoa.append(number)
    assert len(without_lsoa) == 80  # as SOURCES.md says
    preview = preview_crime_import(ws, police_uk_csv)
    assert preview.layout == POLICE_UK
    assert (preview.rows_read, preview.rows_counted) == (821, 741)
    assert [(s.reason, list(s.rows)) for s in preview.skipped] == [("no area", without_lsoa)]
    result = import_crime(ws, preview)
    got = stored(ws, result.batch_id)
    assert Counter({(a, c, f"{m:%Y-%m}"): n for (a, c, m), n in got.items()}) == expected
    assert area_kinds(ws) == {AreaKind.LSOA}
