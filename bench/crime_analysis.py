"""Crime pre/post analysis at scale: 10 years x 50 areas x 30 categories of monthly counts.

    python -m bench.crime_analysis [--runs 15] [--rebuild]

Builds once (reused afterwards) bench/out/crime-analysis.sqlite: 50 areas, each with
neighbors (a ring: the areas before and after it), 30 offense categories, 120 months of
counts (180,000 rows, Poisson-like noise), and an initiative in area 10 with area 30 as its
comparison, started 36 months before the end of the data. Built with Core bulk inserts.

Prints the median time of ``pre_post`` with the trend over the whole ten years and the
displacement check (goal: 200 ms or less), with a category filter, of every initiative's
pre/post (the partnership table), and of the partnership trend.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select

from app.models import (
    Area,
    AreaNeighbor,
    CrimeCount,
    Initiative,
    InitiativeKind,
    OffenseCategory,
)
from app.models.database import open_database
from app.services.crime_analysis import crime_trend, initiatives_pre_post, pre_post
from app.services.dates import add_months
from app.services.evaluation_scope import EvaluationScope, Period
from app.services.workspace import Workspace
from bench.timing import median_ms

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 200.0
AREAS, CATEGORIES, MONTHS = 50, 30, 120
FIRST = date(2016, 1, 1)
TODAY = add_months(FIRST, MONTHS + 1)
SEED = 11


def build(path: Path) -> None:
    db = open_database(path)
    rng = random.Random(SEED)
    with db.write() as session:
        areas = [Area(name=f"Area {i:02d}") for i in range(1, AREAS + 1)]
        categories = [OffenseCategory(name=f"Category {i:02d}") for i in range(1, CATEGORIES + 1)]
        session.add_all([*areas, *categories])
        session.flush()
        pairs = {tuple(sorted((areas[i].id, areas[(i + 1) % AREAS].id))) for i in range(AREAS)}
        session.execute(insert(AreaNeighbor),
                        [{"area_id": a, "neighbor_id": b} for a, b in pairs])
        start = add_months(FIRST, MONTHS - 36)
        rows = []
        for a_index, area in enumerate(areas):
            level = 0.5 + a_index % 7 * 0.3
            for c_index, category in enumerate(categories):
                base = level * (1 + c_index % 5)
                for m in range(MONTHS):
                    month = add_months(FIRST, m)
                    mean = base * (0.7 if a_index == 9 and month >= start else 1.0)
                    rows.append({"area_id": area.id, "category_id": category.id,
                                 "month": month,
                                 "count": max(0, round(rng.gauss(mean, mean ** 0.5)))})
        session.execute(insert(CrimeCount), rows)
        session.add(Initiative(name="Bench initiative", kind=InitiativeKind.PROBLEM_SOLVING,
                               area_id=areas[9].id, comparison_area_id=areas[29].id,
                               starts_on=start))
        for i in range(8):
            session.add(Initiative(name=f"Other initiative {i}", kind=InitiativeKind.OTHER,
                                   area_id=areas[i * 5].id, starts_on=add_months(start, -i * 7)))
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    path = ROOT / "bench" / "out" / "crime-analysis.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild and path.exists():
        path.unlink()
    if not path.exists():
        began = time.perf_counter()
        build(path)
        print(f"built {path} in {time.perf_counter() - began:.1f} s")
    db = open_database(path)
    ws = Workspace(db)
    with ws.read() as session:
        initiative = session.scalar(select(Initiative.id).where(
            Initiative.name == "Bench initiative"))
        rows = session.query(CrimeCount).count()
        some = list(session.scalars(select(OffenseCategory.id).limit(5)))
    assert initiative is not None
    period = Period(FIRST, add_months(FIRST, MONTHS) - (add_months(FIRST, 1) - FIRST))
    scope = EvaluationScope(period)
    figures = {
        "pre_post (12-month windows, 10-year trend, 2 neighbors)": lambda: pre_post(
            ws, initiative, period=period, today=TODAY),
        "pre_post, 5 categories chosen": lambda: pre_post(
            ws, initiative, categories=some, period=period, today=TODAY),
        "every initiative's pre/post (9 initiatives)": lambda: initiatives_pre_post(
            ws, today=TODAY),
        "partnership trend, 10 years, top 5 categories": lambda: crime_trend(ws, scope),
    }
    print(f"{rows:,} count rows; median of {args.runs} runs:")
    for label, work in figures.items():
        ms = median_ms(work, args.runs, warm_up=True)
        mark = "" if "categories chosen" in label or "pre_post (" not in label else (
            "  ok" if ms <= GOAL_MS else f"  OVER the {GOAL_MS:.0f} ms goal")
        print(f"  {label}: {ms:.1f} ms{mark}")
    db.close()


if __name__ == "__main__":
    main()
