"""Dates in crime exports, reduced to the calendar month they fall in.

Recognised: ``02/08/2015 11:43:40 PM`` (Chicago), ``2018/12/01 12:25:00 AM``, ``2024-11``
(data.police.uk), ISO dates and timestamps (``2015-02-08``, ``2015-02-08T23:43:40``),
``08.02.2015``, two-digit years (``2/8/15``: 00-69 are 2000s), and month names
(``8 Feb 2015``, ``08-Feb-2015``, ``Feb 8, 2015``, ``February 2015``). Times are ignored.

A numeric date with the year last (``02/08/2015``) is day-first or month-first. Which is
decided by the file: a first number above 12 means day-first, a second one above 12 means
month-first. A file whose numbers are all 12 or less is ambiguous and the user chooses
(see :class:`DateOrder`); such dates are kept as :data:`Pair` until then.
"""

from __future__ import annotations

import calendar
import enum
import re

FIRST_YEAR, LAST_YEAR = 1900, 2100
CENTURY_PIVOT = 70  # two-digit years below this are 20xx, the others 19xx

# What reading one value gives: (year, month); (year, first, second) for a numeric date
# whose order is not known yet; or a reason (str) the value is not a date.
Month = tuple[int, int]
Pair = tuple[int, int, int]
Parsed = Month | Pair | str

NOT_A_DATE = "date not recognised"
NO_DATE = "no date"
OUT_OF_RANGE = "date out of range"


class DateOrder(enum.Enum):
    DAY_FIRST = "day-first"
    MONTH_FIRST = "month-first"

    @property
    def example(self) -> str:
        return "31/12/2024" if self is DateOrder.DAY_FIRST else "12/31/2024"


MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS["sept"] = 9
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?")
YEAR_LAST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})")
DAY_NAME_YEAR = re.compile(rf"(\d{{1,2}})[-\s]{_MONTH}[-\s,]+(\d{{4}})", re.IGNORECASE)
NAME_DAY_YEAR = re.compile(rf"{_MONTH}\s+(?:(\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(\d{{4}})",
                           re.IGNORECASE)
YEAR_NAME = re.compile(rf"(\d{{4}})[-\s]{_MONTH}", re.IGNORECASE)


def date_part(value: str) -> str:
    """The date of a timestamp: ``02/08/2015`` of ``02/08/2015 11:43:40 PM``."""
    head = value.strip().split(None, 1)[0] if value.strip() else ""
    return head.split("T", 1)[0] if len(head) > 10 and "T" in head else head


def parse(value: str) -> Parsed:
    """``value`` read as a month, an undecided day/month pair, or why it is not a date."""
    text = value.strip()
    if not text:
        return NO_DATE
    head = date_part(text)
    match = YEAR_FIRST.fullmatch(head)
    if match:
        year, month, day = match.groups()
        return _checked(int(year), int(month), int(day) if day else 1)
    match = YEAR_LAST.fullmatch(head)
    if match:
        first, second, year = match.groups()
        a, b, y = int(first), int(second), _year(year)
        if not (1 <= a <= 31 and 1 <= b <= 31) or (a > 12 and b > 12):
            return NOT_A_DATE
        if not FIRST_YEAR <= y <= LAST_YEAR:
            return OUT_OF_RANGE
        return (y, a, b)
    return _named(text)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        return year + (2000 if year < CENTURY_PIVOT else 1900)
    return year


def _named(text: str) -> Parsed:
    match = DAY_NAME_YEAR.match(text)
    if match:
        day, name, year = match.groups()
        return _checked(int(year), MONTHS[name.lower()], int(day))
    match = NAME_DAY_YEAR.match(text)
    if match:
        name, day, year = match.groups()
        return _checked(int(year), MONTHS[name.lower()], int(day) if day else 1)
    match = YEAR_NAME.match(text)
    if match:
        year, name = match.groups()
        return _checked(int(year), MONTHS[name.lower()], 1)
    return NOT_A_DATE


def _checked(year: int, month: int, day: int) -> Parsed:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return NOT_A_DATE
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return OUT_OF_RANGE
    if day > calendar.monthrange(year, month)[1]:
        return NOT_A_DATE
    return (year, month)


def resolve(pair: Pair, order: DateOrder) -> Parsed:
    """The month of a numeric year-last date once the order is known."""
    year, first, second = pair
    day, month = (first, second) if order is DateOrder.DAY_FIRST else (second, first)
    return _checked(year, month, day)


def evidence(pair: Pair) -> DateOrder | None:
    """The order a value proves (a number above 12 can only be the day), if any."""
    _year_, first, second = pair
    if first > 12:
        return DateOrder.DAY_FIRST
    if second > 12:
        return DateOrder.MONTH_FIRST
    return None


class DateReader:
    """Parses the values of a date column, remembering each distinct date seen (a column
    of timestamps repeats its dates: one parse per day instead of one per row)."""

    MAX_REMEMBERED = 200_000

    def __init__(self) -> None:
        self._seen: dict[str, Parsed] = {}

    def read(self, value: str) -> Parsed:
        head = date_part(value)
        found = self._seen.get(head)
        if found is None:
            found = parse(value)
            numeric = YEAR_FIRST.fullmatch(head) or YEAR_LAST.fullmatch(head)
            if numeric and len(self._seen) < self.MAX_REMEMBERED:
                self._seen[head] = found  # the result depends on the date part only
        return found
