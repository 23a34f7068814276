"""Pre/post crime analysis: every figure equals a recomputation from the raw rows."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import insert

from app.models import (
    Area,
    CrimeCount,
    ImportBatch,
    ImportKind,
    Initiative,
    InitiativeKind,
    OffenseCategory,
)
from app.models.database import Database
from app.services.areas import set_neighbors
from app.services.crime_analysis import (
    crime_trend,
    initiatives_pre_post,
    pre_post,
    ratio_text,
)
from app.services.dates import add_months
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.workspace import Workspace
from tests.services.test_rate_ratio import exact_interval

START = date(2024, 3, 10)  # the first "after" month is March 2024
TODAY = date(2026, 1, 20)  # December 2025 is the last complete month
Z = 1.959963984540054


@dataclass
class World:
    ws: Workspace
    areas: dict[str, int]
    categories: dict[str, int]
    rows: list[dict[str, object]]
    initiative: int

    def raw(self, area: str, first: date, months: int, category: str | None = None) -> int:
        """The sum of the raw rows, recomputed without SQL."""
        window = {add_months(first, i) for i in range(months)}
        return sum(
            int(r["count"]) for r in self.rows  # type: ignore[call-overload]
            if r["area_id"] == self.areas[area] and r["month"] in window
            and (category is None or r["category_id"] == self.categories[category])
        )


def month(index: int) -> date:
    """Month ``index`` counted from January 2022."""
    return add_months(date(2022, 1, 1), index)


@pytest.fixture
def world(any_db: Database) -> World:
    ws = Workspace(any_db)
    with ws.write() as action:
        s = action.session
        areas = {n: Area(name=n) for n in ("Target", "Comparison", "North", "South", "Empty")}
        categories = {n: OffenseCategory(name=n) for n in ("Burglary", "Robbery", "Vandalism")}
        batch = ImportBatch(kind=ImportKind.CRIME, source_name="a.csv", source_sha256="0" * 64,
                            imported_by="test")
        s.add_all([*areas.values(), *categories.values(), batch])
        s.flush()
        area_ids = {n: a.id for n, a in areas.items()}
        category_ids = {n: c.id for n, c in categories.items()}
        rows: list[dict[str, object]] = []
        for index in range(48):  # January 2022 – December 2025
            m = month(index)
            after = m >= date(2024, 3, 1)
            for name, level in (("Target", 20), ("Comparison", 18), ("North", 9)):
                for c_index, category in enumerate(("Burglary", "Robbery", "Vandalism")):
                    base = level + c_index * 3 + (index * 7 + c_index * 5) % 6
                    if name == "Target" and after:
                        base = base * 6 // 10
                    rows.append({"area_id": area_ids[name], "category_id": category_ids[category],
                                 "month": m, "count": base, "import_batch_id": None})
            # South has counts only from the start on (no data before), Robbery only.
            if after:
                rows.append({"area_id": area_ids["South"], "category_id": category_ids["Robbery"],
                             "month": m, "count": 4, "import_batch_id": None})
        # A second import batch adds more Burglary counts to the same cells: all rows sum.
        for index in (20, 21, 28):
            rows.append({"area_id": area_ids["Target"], "category_id": category_ids["Burglary"],
                         "month": month(index), "count": 5, "import_batch_id": batch.id})
        # Target, May 2023: no rows at all (not covered). June 2023: only Vandalism, 0.
        rows = [r for r in rows if not (r["area_id"] == area_ids["Target"]
                                        and r["month"] in (month(16), month(17)))]
        rows.append({"area_id": area_ids["Target"], "category_id": category_ids["Vandalism"],
                     "month": month(17), "count": 0, "import_batch_id": None})
        s.execute(insert(CrimeCount), rows)
        initiative = Initiative(name="Target watch", kind=InitiativeKind.NEIGHBORHOOD_WATCH,
                                area_id=area_ids["Target"],
                                comparison_area_id=area_ids["Comparison"], starts_on=START)
        s.add(initiative)
        s.flush()
        initiative_id = initiative.id
    set_neighbors(ws, area_ids["Target"], {area_ids["North"], area_ids["South"]})
    return World(ws, area_ids, category_ids, rows, initiative_id)


def test_counts_rates_and_intervals_equal_a_recomputation(world: World) -> None:
    result = pre_post(world.ws, world.initiative, today=TODAY)
    assert result.problem == ""
    assert (result.before.first, result.before.last) == (date(2023, 3, 1), date(2024, 2, 1))
    assert (result.after.first, result.after.last) == (date(2024, 3, 1), date(2025, 2, 1))
    t = result.target
    before = world.raw("Target", date(2023, 3, 1), 12)
    after = world.raw("Target", date(2024, 3, 1), 12)
    assert (t.before, t.after) == (before, after)
    # May 2023 has no rows: 11 months counted before; June 2023 (one row of 0) is counted.
    assert (t.before_covered, t.after_covered) == (11, 12)
    rate_ratio = (after / 12) / (before / 11)
    assert t.rate_ratio.estimate == pytest.approx(rate_ratio)
    assert t.percent_change == pytest.approx((rate_ratio - 1) * 100)
    p_low, p_high = exact_interval(after, after + before)
    assert t.rate_ratio.low == pytest.approx(p_low / (1 - p_low) * 11 / 12, rel=1e-7)
    assert t.rate_ratio.high == pytest.approx(p_high / (1 - p_high) * 11 / 12, rel=1e-7)
    c = result.comparison
    c_before = world.raw("Comparison", date(2023, 3, 1), 12)
    c_after = world.raw("Comparison", date(2024, 3, 1), 12)
    assert (c.before, c.after) == (c_before, c_after)
    did = (after / 12 / (before / 11)) / (c_after / c_before)
    half = Z * math.sqrt(1 / after + 1 / before + 1 / c_after + 1 / c_before)
    assert result.did.estimate == pytest.approx(did)
    assert result.did.low == pytest.approx(did * math.exp(-half))
    assert result.did.high == pytest.approx(did * math.exp(half))
    assert "Target: 1" in result.sentence or f"Target: {before:,}" in result.sentence
    assert f"{before:,} crimes in the 11 of 12 months with counts before" in result.sentence
    assert "statistically distinguishable from no change" in result.sentence
    assert "not statistically" not in result.sentence.split("Compared")[0]
    assert "what caused it" in result.sentence
    assert any("Target: crime counts for only 11 of 12 months before" in n for n in result.notes)


def test_category_filter_counts_only_chosen_categories_but_coverage_stays(world: World) -> None:
    chosen = [world.categories["Robbery"]]
    result = pre_post(world.ws, world.initiative, categories=chosen, today=TODAY)
    t = result.target
    assert t.before == world.raw("Target", date(2023, 3, 1), 12, "Robbery")
    assert t.after == world.raw("Target", date(2024, 3, 1), 12, "Robbery")
    # June 2023 has a Vandalism row only: covered, counted as 0 Robberies.
    assert t.before_covered == 11
    assert result.categories == ("Robbery",)
    assert "crimes (Robbery)" in result.sentence
    index = result.trend.months.index(date(2023, 6, 1))
    assert result.trend.series[0].values[index] == 0
    assert result.trend.series[0].values[index - 1] is None  # May 2023: no data, not 0


def test_displacement_per_neighbor_and_no_data_is_not_zero(world: World) -> None:
    result = pre_post(world.ws, world.initiative, today=TODAY)
    north, south = result.displacement
    assert north.area_name == "North"
    assert north.before == world.raw("North", date(2023, 3, 1), 12)
    assert north.after == world.raw("North", date(2024, 3, 1), 12)
    assert north.rate_ratio.estimate == pytest.approx(north.after / north.before)
    assert south.before is None and south.before_covered == 0
    assert south.after == 48
    assert south.percent_change is None
    assert south.rate_ratio.estimate is None
    assert "no data in the before window" in south.rate_ratio.note
    assert ratio_text(south.rate_ratio) == "cannot be computed"


def test_a_recent_start_gives_equal_shorter_windows_and_says_so(world: World) -> None:
    result = pre_post(world.ws, world.initiative, today=date(2024, 8, 3))  # Mar–Jul complete
    assert result.after.months == result.before.months == 5
    assert (result.before.first, result.after.last) == (date(2023, 10, 1), date(2024, 7, 1))
    assert result.shortened
    assert result.notes[0].startswith("Only 5 complete months after the start are available")
    assert result.target.after == world.raw("Target", date(2024, 3, 1), 5)
    assert result.target.before == world.raw("Target", date(2023, 10, 1), 5)


def test_windows_are_limited_by_the_first_month_with_counts(world: World) -> None:
    with world.ws.write() as action:
        initiative = action.session.get(Initiative, world.initiative)
        initiative.starts_on = date(2022, 4, 1)  # counts start January 2022
    result = pre_post(world.ws, world.initiative, months=12, today=TODAY)
    assert result.before.months == 3
    assert (result.before.first, result.after.last) == (date(2022, 1, 1), date(2022, 6, 1))
    assert "before the start are available" in result.notes[0]


def test_zero_before_is_cannot_be_computed_never_inf(world: World) -> None:
    with world.ws.write() as action:
        initiative = action.session.get(Initiative, world.initiative)
        initiative.area_id, initiative.comparison_area_id = world.areas["South"], None
        for m in (date(2024, 1, 1), date(2024, 2, 1)):  # counted months with 0 crimes
            action.session.add(CrimeCount(area_id=world.areas["South"], month=m, count=0,
                                          category_id=world.categories["Robbery"]))
    result = pre_post(world.ws, world.initiative, today=TODAY)
    t = result.target
    assert result.before.months == 2  # South's counts begin January 2024
    assert (t.before, t.after) == (0, 8)
    assert t.percent_change is None
    assert t.rate_ratio.estimate is None and t.rate_ratio.high is None
    assert result.did is None
    assert "The rate ratio cannot be computed: no crimes before the start" in result.sentence
    assert "inf" not in result.sentence and "nan" not in result.sentence.lower()
    assert ratio_text(t.rate_ratio) == "cannot be computed"


def test_a_change_within_chance_is_not_overstated(world: World) -> None:
    with world.ws.write() as action:
        initiative = action.session.get(Initiative, world.initiative)
        initiative.area_id, initiative.comparison_area_id = world.areas["North"], None
    result = pre_post(world.ws, world.initiative, today=TODAY)
    assert result.target.rate_ratio.includes_one
    assert "not statistically distinguishable from no change" in result.sentence
    assert "what caused it" not in result.sentence


def test_initiatives_without_area_start_or_after_period_explain_why(world: World) -> None:
    with world.ws.write() as action:
        s = action.session
        s.add(Initiative(name="No area", kind=InitiativeKind.OTHER, starts_on=START))
        s.add(Initiative(name="No start", kind=InitiativeKind.OTHER,
                         area_id=world.areas["Target"]))
        s.add(Initiative(name="Future", kind=InitiativeKind.OTHER, area_id=world.areas["North"],
                         starts_on=date(2026, 6, 1)))
        s.add(Initiative(name="Empty area", kind=InitiativeKind.OTHER,
                         area_id=world.areas["Empty"], starts_on=START))
        s.flush()
        ids = {i.name: i.id for i in s.query(Initiative)}
    assert "no area" in pre_post(world.ws, ids["No area"], today=TODAY).problem
    assert "no start date" in pre_post(world.ws, ids["No start"], today=TODAY).problem
    assert "starts in June 2026" in pre_post(world.ws, ids["Future"], today=TODAY).problem
    assert "no crime counts" in pre_post(world.ws, ids["Empty area"], today=TODAY).problem
    listed = initiatives_pre_post(world.ws, today=TODAY)
    assert [p.initiative_name for p in listed] == ["Empty area", "Future", "Target watch"]
    assert listed[2].target.before == world.raw("Target", date(2023, 3, 1), 12)


def test_trend_covers_the_period_and_both_windows_and_marks_months_without_counts(
        world: World) -> None:
    period = Period(date(2023, 1, 1), date(2023, 12, 31))
    result = pre_post(world.ws, world.initiative, period=period, today=TODAY)
    assert result.trend.months[0] == date(2023, 1, 1)
    # The period ends before the initiative starts: the trend runs on to the after window's
    # last month, so the start is always on the chart.
    assert result.trend.months[-1] == result.after.last
    assert date(2024, 3, 1) in result.trend.months
    assert len(result.trend.months) == len(set(result.trend.months))
    target, comparison = result.trend.series
    assert target.values[4] is None  # May 2023
    assert target.values[0] == world.raw("Target", date(2023, 1, 1), 1)
    assert comparison.values[11] == world.raw("Comparison", date(2023, 12, 1), 1)


def test_partnership_trend_totals_and_top_categories(world: World) -> None:
    period = Period(date(2021, 11, 1), date(2022, 3, 31))
    trend = crime_trend(world.ws, EvaluationScope(period), top=2)
    assert trend.months[0] == date(2021, 11, 1)
    assert trend.total[:2] == (None, None)  # no counts anywhere before 2022
    everything = sum(world.raw(a, month(0), 1) for a in world.areas)
    assert trend.total[2] == everything
    assert [s.name for s in trend.by_category][-1] == "Other categories"
    assert sum(s.values[3] for s in trend.by_category) == trend.total[3]
    robbery = crime_trend(world.ws, EvaluationScope(period), categories=[
        world.categories["Robbery"]])
    assert robbery.total[2] == sum(world.raw(a, month(0), 1, "Robbery") for a in world.areas)
    assert robbery.categories == ("Robbery",)
