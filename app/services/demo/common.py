"""Shared pieces of the demo data generator: the build context and date helpers."""

from __future__ import annotations

import calendar
import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from app.models import Area, Initiative, Organization, Person, Tag

CITY = "Riverton"
REGION = "OH"
AGENCY = "Riverton Police Department"
SEED = 20_240_611


@dataclass
class DemoContext:
    """Everything one demo load shares: the session, the clock, the dice and the records."""

    session: Session
    today: date
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)
    members: dict[str, list[Person]] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    areas: dict[str, Area] = field(default_factory=dict)
    initiatives: dict[str, Initiative] = field(default_factory=dict)

    def tagged(self, name: str) -> list[Person]:
        return [p for p in self.people if self.tags[name] in p.tags]

    def staff(self, org_key: str) -> list[Person]:
        return self.members.get(org_key, [])


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def month_start(day: date, offset: int = 0) -> date:
    return add_months(day.replace(day=1), offset)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (Monday = 0) of a month: the 2nd Tuesday is (1, 2)."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def local_time(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time on this computer's time zone, as an aware UTC datetime."""
    return datetime.combine(day, time(hour, minute)).astimezone().astimezone(UTC)


def ascii_handle(text: str) -> str:
    """'Zoë Núñez-Smith' -> 'zoe.nunez-smith' (for e-mail local parts and slugs)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[^a-z0-9-]+", ".", plain.encode("ascii", "ignore").decode())
    return plain.strip(".")


def phone(rng: random.Random) -> str:
    return f"(555) {rng.randint(201, 899)}-{rng.randint(0, 9999):04d}"


# Positions in DemoContext.people of the fixed cast (see names.SPECIAL_PEOPLE).
LIAISON, CIT_CLINICIAN, ANALYST = 0, 3, 5
