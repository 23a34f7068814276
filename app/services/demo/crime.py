"""Demo crime statistics: five years of monthly counts with seasonality, noise and an effect."""

from __future__ import annotations

import math
from datetime import date

from sqlalchemy import insert

from app.models import Area, AreaKind, AreaNeighbor, CrimeCount, OffenseCategory
from app.services.demo.common import DemoContext, month_start

MONTHS = 60
# name, kind, population, crime level relative to the city average
AREAS: list[tuple[str, AreaKind, int, float]] = [
    ("Downtown", AreaKind.DISTRICT, 8_400, 2.1),
    ("Eastside", AreaKind.NEIGHBORHOOD, 14_200, 1.4),
    ("Oak Park", AreaKind.NEIGHBORHOOD, 11_800, 0.8),
    ("Millbrook", AreaKind.NEIGHBORHOOD, 12_600, 1.2),
    ("Riverside Heights", AreaKind.NEIGHBORHOOD, 9_300, 0.5),
    ("Northgate", AreaKind.NEIGHBORHOOD, 13_100, 0.9),
    ("Westfield", AreaKind.NEIGHBORHOOD, 13_900, 1.3),
    ("Beat 12 – Harbor & Industrial", AreaKind.BEAT, 4_700, 1.0),
]
# Areas that share a border: where displaced crime would show up.
NEIGHBORS: list[tuple[str, str]] = [
    ("Eastside", "Downtown"),
    ("Eastside", "Millbrook"),
    ("Eastside", "Oak Park"),
    ("Downtown", "Westfield"),
    ("Downtown", "Beat 12 – Harbor & Industrial"),
    ("Westfield", "Northgate"),
    ("Oak Park", "Riverside Heights"),
    ("Millbrook", "Riverside Heights"),
    ("Northgate", "Oak Park"),
]
TARGET_AREA = "Eastside"
COMPARISON_AREA = "Westfield"
# name, average monthly count in an average area, seasonal swing (summer peak)
CATEGORIES: list[tuple[str, float, float]] = [
    ("Burglary", 14.0, 0.20),
    ("Robbery", 4.0, 0.10),
    ("Aggravated Assault", 5.0, 0.25),
    ("Simple Assault", 12.0, 0.20),
    ("Motor Vehicle Theft", 7.0, 0.10),
    ("Theft from Vehicle", 16.0, 0.25),
    ("Larceny/Theft", 24.0, 0.15),
    ("Vandalism", 11.0, 0.30),
    ("Drug Offenses", 6.0, 0.05),
    ("Disorderly Conduct", 8.0, 0.35),
]
# The target area's counts after the initiative starts, month by month (then steady).
EFFECT_RAMP = (0.86, 0.78)
EFFECT = 0.70
YEARLY_TREND = -0.015


def build_areas(ctx: DemoContext) -> None:
    for name, kind, population, _level in AREAS:
        ctx.areas[name] = Area(name=name, kind=kind, population=population)
    ctx.session.add_all(ctx.areas.values())
    ctx.session.flush()
    pairs = {tuple(sorted((ctx.areas[a].id, ctx.areas[b].id))) for a, b in NEIGHBORS}
    ctx.session.add_all(AreaNeighbor(area_id=low, neighbor_id=high) for low, high in pairs)


def intervention_start(today: date) -> date:
    """When the target area's problem-solving initiative started: 18 months ago."""
    return month_start(today, -18)


def build_crime_counts(ctx: DemoContext) -> int:
    rng = ctx.rng
    session = ctx.session
    categories = [OffenseCategory(name=name) for name, _base, _swing in CATEGORIES]
    session.add_all(categories)
    session.flush()
    first = month_start(ctx.today, -MONTHS)
    start = intervention_start(ctx.today)
    rows: list[dict[str, object]] = []
    for area_name, _kind, _population, level in AREAS:
        area = ctx.areas[area_name]
        for category, (_name, base, swing) in zip(categories, CATEGORIES, strict=True):
            for index in range(MONTHS):
                month = month_start(first, index)
                season = 1 + swing * math.cos(2 * math.pi * (month.month - 7) / 12)
                trend = (1 + YEARLY_TREND) ** (index / 12)
                mean = base * level * season * trend
                if area_name == TARGET_AREA and month >= start:
                    mean *= _effect(start, month)
                noisy = rng.gauss(mean, math.sqrt(mean))
                rows.append(
                    {
                        "area_id": area.id,
                        "category_id": category.id,
                        "month": month,
                        "count": max(0, round(noisy)),
                    }
                )
    session.execute(insert(CrimeCount), rows)
    return len(rows)


def _effect(start: date, month: date) -> float:
    elapsed = (month.year - start.year) * 12 + month.month - start.month
    return EFFECT_RAMP[elapsed] if elapsed < len(EFFECT_RAMP) else EFFECT
