"""A copy of the meetings benchmark database with what the Evaluation page also reads.

    python -m bench.make_evaluation_db [--people 100000 --meetings 20000 --invitees 25]

bench.make_db fills people, organizations, meetings and attendance, and crime counts
(100 areas x 10 categories x 60 months); it leaves out surveys, goals and expenditures
and area neighbours. This copies bench/out/meetings-P-M-I.sqlite (SQLite backup API, so a
reader holding the original is no problem) to bench/out/evaluation-P-M-I.sqlite and adds,
with Core bulk inserts and a fixed seed:

- a ring of neighbours between the areas (for the crime displacement check);
- crime counts for 50 areas x 30 categories x 120 months when fewer than that exist;
- 4 surveys (community satisfaction, partner collaboration, two custom) of 12 questions
  in 4 factors with 1,000 responses each over the last two years (48,000 answers);
- 3 goals per initiative with a baseline, target and a measurement every month;
- 120 expenditures per initiative (cash and in-kind, some volunteer hours).

The copy is built once and reused (``--rebuild`` replaces it).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from app.models import (
    Area,
    AreaNeighbor,
    CrimeCount,
    Direction,
    Expenditure,
    Funding,
    Goal,
    Initiative,
    Measurement,
    Meeting,
    OffenseCategory,
    Organization,
    Survey,
    SurveyAnswer,
    SurveyFactor,
    SurveyKind,
    SurveyQuestion,
    SurveyResponse,
)
from app.models.database import open_database
from app.services.dates import add_months
from bench.meetings_pages import ROOT, database

SEED = 23
AREAS, CATEGORIES, MONTHS = 50, 30, 120
SURVEYS, FACTORS, QUESTIONS_PER_FACTOR, RESPONSES = 4, 4, 3, 1000
GOALS_PER_INITIATIVE = 3
EXPENDITURES_PER_INITIATIVE = 120
CHUNK = 20_000


def evaluation_database(people: int, meetings: int, invitees: int,
                        rebuild: bool = False) -> Path:
    source = database(people, meetings, invitees)
    path = ROOT / "bench" / "out" / f"evaluation-{people}-{meetings}-{invitees}.sqlite"
    if path.exists() and not rebuild:
        return path
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    partial = path.with_name(path.stem + "-partial.sqlite")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as original, \
            sqlite3.connect(partial) as copy:
        original.backup(copy)
    original.close()
    copy.close()
    counts = fill(partial)
    partial.rename(path)
    print(f"built {path.name} in {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{n:,} {name}" for name, n in counts.items()))
    return path


def _chunks(session: Any, model: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(model), rows[start:start + CHUNK])


def fill(path: Path) -> dict[str, int]:
    rng = random.Random(SEED)
    db = open_database(path)
    counts: dict[str, int] = {}
    try:
        with db.write() as session:
            latest = session.scalar(select(func.max(Meeting.starts_at)))
            today: date = latest.date() if latest else date.today()
            initiatives = list(session.scalars(select(Initiative.id).order_by(Initiative.id)))
            organizations = list(session.scalars(select(Organization.id)))
            counts["crime counts"] = _crime(session, rng, today)
            counts["surveys answers"] = _surveys(session, rng, today, initiatives,
                                                 organizations)
            counts["measurements"] = _goals(session, rng, today, initiatives)
            counts["expenditures"] = _expenditures(session, rng, today, initiatives,
                                                   organizations)
    finally:
        db.close()
    return counts


def _crime(session: Any, rng: random.Random, today: date) -> int:
    added = 0
    if (session.scalar(select(func.count()).select_from(CrimeCount)) or 0) < \
            AREAS * CATEGORIES * MONTHS:
        areas = [Area(name=f"Evaluation area {i:02d}") for i in range(1, AREAS + 1)]
        categories = [OffenseCategory(name=f"Evaluation category {i:02d}")
                      for i in range(1, CATEGORIES + 1)]
        session.add_all([*areas, *categories])
        session.flush()
        first = add_months(today.replace(day=1), -MONTHS)
        rows = []
        for a_index, area in enumerate(areas):
            level = 0.5 + a_index % 7 * 0.3
            for c_index, category in enumerate(categories):
                base = level * (1 + c_index % 5)
                for m in range(MONTHS):
                    rows.append({"area_id": area.id, "category_id": category.id,
                                 "month": add_months(first, m),
                                 "count": max(0, round(rng.gauss(base, base ** 0.5)))})
        _chunks(session, CrimeCount, rows)
        added = len(rows)
    if not session.scalar(select(func.count()).select_from(AreaNeighbor)):
        ids = list(session.scalars(select(Area.id).order_by(Area.id)))
        pairs = {tuple(sorted((ids[i], ids[(i + 1) % len(ids)]))) for i in range(len(ids))}
        session.execute(insert(AreaNeighbor),
                        [{"area_id": a, "neighbor_id": b} for a, b in pairs if a != b])
    return added


def _surveys(session: Any, rng: random.Random, today: date, initiatives: list[int],
             organizations: list[int]) -> int:
    kinds = [SurveyKind.COMMUNITY_SATISFACTION, SurveyKind.PARTNER_COLLABORATION,
             SurveyKind.CUSTOM, SurveyKind.CUSTOM]
    area = session.scalar(select(Area.id).order_by(Area.id))
    start = today - timedelta(days=730)
    answers = 0
    for number in range(SURVEYS):
        survey = Survey(name=f"Evaluation survey {number + 1}", kind=kinds[number],
                        initiative_id=initiatives[number] if number >= 2 and initiatives
                        else None, area_id=area if number == 0 else None,
                        opens_on=start, closes_on=today)
        session.add(survey)
        session.flush()
        questions = []
        for f in range(FACTORS):
            factor = SurveyFactor(survey_id=survey.id, position=f, name=f"Factor {f + 1}")
            session.add(factor)
            session.flush()
            for q in range(QUESTIONS_PER_FACTOR):
                question = SurveyQuestion(survey_id=survey.id, factor_id=factor.id,
                                          position=f * QUESTIONS_PER_FACTOR + q,
                                          text=f"Question {f + 1}.{q + 1}",
                                          reverse_scored=q == 2)
                session.add(question)
                questions.append(question)
        session.flush()
        first = session.scalar(select(func.coalesce(func.max(SurveyResponse.id), 0))) + 1
        responses, rows = [], []
        for r in range(RESPONSES):
            responses.append({
                "id": first + r, "survey_id": survey.id,
                "responded_on": start + timedelta(days=rng.randrange(730)),
                "respondent_ref": f"R{number + 1}-{r + 1:04d}",
                "organization_id": rng.choice(organizations)
                if kinds[number] is SurveyKind.PARTNER_COLLABORATION else None})
            mood = rng.gauss(3.4, 0.6)
            for question in questions:
                value = min(5, max(1, round(rng.gauss(mood, 0.8))))
                rows.append({"response_id": first + r, "question_id": question.id,
                             "value": 6 - value if question.reverse_scored else value})
        _chunks(session, SurveyResponse, responses)
        _chunks(session, SurveyAnswer, rows)
        answers += len(rows)
    return answers


def _goals(session: Any, rng: random.Random, today: date, initiatives: list[int]) -> int:
    rows = []
    first = add_months(today.replace(day=1), -24)
    for initiative in initiatives:
        for position in range(GOALS_PER_INITIATIVE):
            direction = Direction.DECREASE if position != 1 else Direction.INCREASE
            baseline = rng.uniform(20, 200)
            change = rng.uniform(0.1, 0.3) * baseline
            goal = Goal(initiative_id=initiative, position=position,
                        name=f"Goal {position + 1}", unit="incidents" if position != 1
                        else "%", baseline=baseline, direction=direction,
                        target=baseline - change if direction is Direction.DECREASE
                        else baseline + change)
            session.add(goal)
            session.flush()
            for m in range(25):
                progress = m / 24 * rng.uniform(0.4, 1.3)
                value = baseline + (change if direction is Direction.INCREASE
                                    else -change) * progress + rng.gauss(0, change * 0.1)
                rows.append({"goal_id": goal.id, "measured_on": add_months(first, m),
                             "value": round(value, 1)})
    _chunks(session, Measurement, rows)
    return len(rows)


def _expenditures(session: Any, rng: random.Random, today: date, initiatives: list[int],
                  organizations: list[int]) -> int:
    categories = ("Staff time", "Equipment", "Printing", "Venue", "Training", "Outreach")
    rows = []
    for initiative in initiatives:
        for _ in range(EXPENDITURES_PER_INITIATIVE):
            cash = rng.random() < 0.7
            rows.append({
                "initiative_id": initiative,
                "spent_on": today - timedelta(days=rng.randrange(730)),
                "category": rng.choice(categories), "description": "",
                "amount_cents": rng.randrange(2_000, 500_000),
                "funding": Funding.CASH if cash else Funding.IN_KIND,
                "volunteer_hours": 0.0 if cash else round(rng.uniform(0, 40), 1),
                "organization_id": None if cash else rng.choice(organizations)})
    _chunks(session, Expenditure, rows)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--meetings", type=int, default=20_000)
    parser.add_argument("--invitees", type=int, default=25)
    parser.add_argument("--rebuild", action="store_true")
    options = parser.parse_args()
    print(evaluation_database(options.people, options.meetings, options.invitees,
                              options.rebuild))


if __name__ == "__main__":
    main()
