"""Which column holds what: known export layouts, guessed columns, and the user's choice.

Recognised layouts:

- Chicago data portal, "Crimes - 2001 to Present" (ID, Case Number, Date, Primary Type,
  Beat, District, Ward, Community Area...): one row per incident; category = Primary Type;
  the area is District by default, or Beat, Ward or Community Area. Areas are named
  "Chicago District 11", "Chicago Beat 422", "Chicago Ward 7", "Chicago Community Area 46"
  (zero padding dropped: the portal writes District 11 as "011"), so the names read well
  and stay the same across files and years. Its dates are month-first (02/08/2015 is
  8 February), always: a file of early-month dates cannot show that, the layout does.
- data.police.uk street-level crime (Crime ID, Month, ... LSOA name, Crime type): one row
  per crime; area = LSOA name as published ("Camden 027B", kind LSOA), category = Crime type.
  Rows without an LSOA (crimes the police could not place) are skipped as "no area".
- Anything else with a heading row: the date, area and category columns are guessed from
  their headings (the user confirms or chooses), with an optional count column for tables
  that are already aggregated. Area names are the column's values as written, optionally
  after a prefix the user gives.

Headings are compared ignoring case, spacing and underscores (``primary_type`` matches).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.models.crime import AreaKind
from app.services.crime_import.dates import DateOrder
from app.services.errors import ValidationError

CHICAGO = "Chicago data portal, Crimes - 2001 to Present"
POLICE_UK = "data.police.uk street-level crime"
GENERIC = "Spreadsheet"

CHICAGO_SIGNATURE = {"id", "case number", "date", "primary type", "beat", "district"}
POLICE_UK_SIGNATURE = {"crime id", "month", "lsoa name", "crime type"}
# Chicago area columns: the kind of area and how its areas are named.
CHICAGO_AREAS: dict[str, tuple[AreaKind, str]] = {
    "district": (AreaKind.DISTRICT, "Chicago District "),
    "beat": (AreaKind.BEAT, "Chicago Beat "),
    "ward": (AreaKind.WARD, "Chicago Ward "),
    "community area": (AreaKind.NEIGHBORHOOD, "Chicago Community Area "),
}
CHICAGO_AREA_CHOICES = ("District", "Beat", "Ward", "Community Area")

DATE_WORDS = ("date", "month", "period", "occurred", "occurrence date", "incident date",
              "report date", "reported date", "date occurred", "date reported", "offense date",
              "offence date", "year month", "date time", "datetime")
AREA_WORDS = ("area", "area name", "district", "beat", "ward", "neighborhood", "neighbourhood",
              "community area", "precinct", "zone", "sector", "lsoa name", "patrol area",
              "neighborhood name", "location area", "region", "town", "city", "borough")
CATEGORY_WORDS = ("category", "offense", "offence", "crime type", "offense type",
                  "offence type", "offense category", "offence category", "primary type",
                  "crime", "crime category", "type", "ucr description", "nibrs description",
                  "description")
COUNT_WORDS = ("count", "incidents", "number", "total", "crimes", "offenses", "offences",
               "crime count", "incident count", "number of crimes", "n", "value")
KIND_WORDS: tuple[tuple[str, AreaKind], ...] = (
    ("lsoa", AreaKind.LSOA), ("beat", AreaKind.BEAT), ("district", AreaKind.DISTRICT),
    ("precinct", AreaKind.DISTRICT), ("ward", AreaKind.WARD),
    ("neighbo", AreaKind.NEIGHBORHOOD), ("community", AreaKind.NEIGHBORHOOD),
    ("city", AreaKind.CITY), ("town", AreaKind.CITY),
)
FIELD_LABELS = {"date_column": "date", "area_column": "area", "category_column": "category",
                "count_column": "count"}


def heading_key(heading: str) -> str:
    return " ".join(heading.replace("_", " ").split()).casefold()


@dataclass(frozen=True)
class CrimeMapping:
    """The columns (0-based) read for each row, and how areas are named and classed.

    ``count_column`` None: one row per incident. ``date_order`` None: decided from the
    file (and asked for when the file cannot tell). ``area_prefix`` (for example
    "Chicago District ") is put before each area value; digits-only values then lose
    their zero padding ("011" -> "Chicago District 11").
    """

    date_column: int
    area_column: int
    category_column: int
    count_column: int | None = None
    date_order: DateOrder | None = None
    area_kind: AreaKind = AreaKind.OTHER
    area_prefix: str = ""

    def columns(self) -> tuple[int, ...]:
        used = (self.date_column, self.area_column, self.category_column, self.count_column)
        return tuple(c for c in used if c is not None)

    def area_name(self, value: str) -> str:
        text = " ".join(value.split())
        if self.area_prefix and text:
            return self.area_prefix + (str(int(text)) if text.isdigit() else text)
        return text

    def with_order(self, order: DateOrder | None) -> CrimeMapping:
        return replace(self, date_order=order)


@dataclass(frozen=True)
class MappingChoice:
    """What the user chose (the wizard's mapping page, the command line's options); None
    leaves it to the layout or the guess. Columns are given by number (0-based) or by
    heading (any case); ``count_column`` "" says "no count column"."""

    date_column: int | str | None = None
    area_column: int | str | None = None
    category_column: int | str | None = None
    count_column: int | str | None = None
    date_order: DateOrder | None = None
    area_kind: AreaKind | None = None
    area_prefix: str | None = None


def recognise(headers: Sequence[str]) -> str:
    keys = {heading_key(h) for h in headers}
    if keys >= CHICAGO_SIGNATURE:
        return CHICAGO
    if keys >= POLICE_UK_SIGNATURE:
        return POLICE_UK
    return GENERIC


def build_mapping(
    headers: Sequence[str], choice: MappingChoice | None = None
) -> tuple[str, CrimeMapping]:
    """The layout's name and the mapping: the layout's own or guessed columns, overridden
    by ``choice``. Raises ValidationError naming each field that has no usable column."""
    choice = choice or MappingChoice()
    layout = recognise(headers)
    keys = [heading_key(h) for h in headers]
    errors: dict[str, str] = {}
    guessed = _layout_columns(layout, keys)
    chosen: dict[str, int | None] = {}
    for name in FIELD_LABELS:
        wanted = getattr(choice, name)
        if wanted is None:
            chosen[name] = guessed.get(name)
        elif wanted == "" and name == "count_column":
            chosen[name] = None
        else:
            found = _column(keys, wanted)
            if found is None:
                errors[name] = f"There is no column {wanted!r} in this file."
            chosen[name] = found
    for name in ("date_column", "area_column", "category_column"):
        if chosen[name] is None and name not in errors:
            errors[name] = (f"Choose the column that holds the {FIELD_LABELS[name]} of each "
                            "row.")
    used = [c for c in chosen.values() if c is not None]
    if not errors and len(set(used)) != len(used):
        errors[""] = "Each column can hold only one thing: choose different columns."
    if errors:
        raise ValidationError(errors)
    area = chosen["area_column"]
    assert area is not None
    kind, prefix = _area_naming(layout, keys[area])
    mapping = CrimeMapping(
        date_column=chosen["date_column"],  # type: ignore[arg-type]
        area_column=area,
        category_column=chosen["category_column"],  # type: ignore[arg-type]
        count_column=chosen["count_column"],
        # The Chicago portal writes every date month-first (02/08/2015 is 8 February).
        date_order=choice.date_order or (DateOrder.MONTH_FIRST if layout == CHICAGO else None),
        area_kind=choice.area_kind or kind,
        area_prefix=prefix if choice.area_prefix is None else choice.area_prefix,
    )
    return layout, mapping


def _layout_columns(layout: str, keys: list[str]) -> dict[str, int | None]:
    if layout == CHICAGO:
        return {"date_column": keys.index("date"), "area_column": keys.index("district"),
                "category_column": keys.index("primary type"), "count_column": None}
    if layout == POLICE_UK:
        return {"date_column": keys.index("month"), "area_column": keys.index("lsoa name"),
                "category_column": keys.index("crime type"), "count_column": None}
    return {
        "date_column": _first(keys, DATE_WORDS),
        "area_column": _first(keys, AREA_WORDS),
        "category_column": _first(keys, CATEGORY_WORDS),
        "count_column": _first(keys, COUNT_WORDS),
    }


def _first(keys: list[str], words: tuple[str, ...]) -> int | None:
    """The column whose heading is the earliest of ``words`` (exact, ignoring case)."""
    for word in words:
        if word in keys:
            return keys.index(word)
    return None


def _column(keys: list[str], wanted: int | str) -> int | None:
    if isinstance(wanted, int):
        return wanted if 0 <= wanted < len(keys) else None
    key = heading_key(wanted)
    if key in keys:
        return keys.index(key)
    if key.isdigit() and 1 <= int(key) <= len(keys):  # "3": the third column
        return int(key) - 1
    return None


def _area_naming(layout: str, key: str) -> tuple[AreaKind, str]:
    if layout == CHICAGO and key in CHICAGO_AREAS:
        return CHICAGO_AREAS[key]
    return guess_area_kind(key), ""


def guess_area_kind(heading: str) -> AreaKind:
    key = heading_key(heading)
    for word, kind in KIND_WORDS:
        if word in key:
            return kind
    return AreaKind.OTHER


def category_name(value: str) -> str:
    """A category as stored: spacing collapsed; ALL-CAPS values ("MOTOR VEHICLE THEFT",
    as Chicago writes them) in title case ("Motor Vehicle Theft")."""
    text = " ".join(value.split())
    if text.isupper():
        return " ".join("-".join(p[:1] + p[1:].lower() for p in word.split("-"))
                        for word in text.split(" "))
    return text


def proposal(headers: Sequence[str]) -> tuple[str, MappingChoice]:
    """The layout and the columns it (or the headings) suggest, None where nothing fits:
    what a mapping editor starts from. Area kind and prefix are left to follow the area
    column (None)."""
    layout = recognise(headers)
    columns = _layout_columns(layout, [heading_key(h) for h in headers])
    return layout, MappingChoice(
        date_column=columns["date_column"],
        area_column=columns["area_column"],
        category_column=columns["category_column"],
        count_column=columns["count_column"] if columns["count_column"] is not None else "",
        date_order=DateOrder.MONTH_FIRST if layout == CHICAGO else None,
    )
