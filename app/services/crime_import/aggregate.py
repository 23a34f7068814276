"""One streaming pass over a crime export: counts by (area, category, month), and every
skipped row with its reason and row number.

Rows are never kept: each is read, checked and added to a dictionary keyed by area,
category and month, so memory stays flat however long the file is. Row numbers are as a
spreadsheet shows them (the heading row is row 1).

Numeric dates whose order the file has not shown yet (every day and month 12 or less so
far) are counted by (area, category, year, first, second) until a value proves the order;
if none ever does, those counts wait for the user's choice (:meth:`Tally.resolved`).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field

from app.services.crime_import.dates import (
    NOT_A_DATE,
    DateOrder,
    DateReader,
    Pair,
    evidence,
    resolve,
)
from app.services.crime_import.errors import CrimeImportError, ImportCancelled
from app.services.crime_import.layouts import CrimeMapping, category_name
from app.services.crime_import.source import FileHead, next_codec, records

Progress = Callable[[int, int], None]  # (bytes read, file size); may raise to cancel
CancelCheck = Callable[[], bool]
REPORT_EVERY = 16_384
ROWS_KEPT_PER_REASON = 500
EXAMPLES_PER_REASON = 5
MAX_COUNT = 10_000_000
# A key for a month: year * 12 + month - 1.
MonthKey = int

NO_AREA, NO_CATEGORY = "no area", "no category"
NO_COUNT, BAD_COUNT = "no count", "count is not a whole number of 0 or more"


@dataclass
class Skips:
    """Rows left out for one reason: how many, the first row numbers, example values."""

    count: int = 0
    rows: list[int] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    def add(self, row: int, example: str) -> None:
        self.count += 1
        if len(self.rows) < ROWS_KEPT_PER_REASON:
            self.rows.append(row)
        if example and len(self.examples) < EXAMPLES_PER_REASON and example not in \
                self.examples:
            self.examples.append(example)


@dataclass
class Tally:
    """The result of the pass (mutable while reading; the preview freezes it)."""

    codec: str
    sha256: str = ""
    rows_read: int = 0
    rows_counted: int = 0
    counts: dict[tuple[str, str, MonthKey], int] = field(default_factory=dict)
    undecided: dict[tuple[str, str, int, int, int], int] = field(default_factory=dict)
    undecided_rows: int = 0
    skipped: dict[str, Skips] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)  # folded name -> name as first seen
    categories: dict[str, str] = field(default_factory=dict)
    order_found: DateOrder | None = None  # proven by the file (None: chosen or not needed)

    def skip(self, reason: str, row: int, example: str = "") -> None:
        skips = self.skipped.get(reason)
        if skips is None:
            skips = self.skipped[reason] = Skips()
        skips.add(row, example)

    def resolved(self, order: DateOrder) -> dict[tuple[str, str, MonthKey], int]:
        """The counts with the undecided dates read in ``order`` (their day and month are
        both 12 or less, so either order gives a valid date)."""
        counts = dict(self.counts)
        for (area, category, year, first, second), n in self.undecided.items():
            month = resolve((year, first, second), order)
            if isinstance(month, tuple):
                key = (area, category, month[0] * 12 + month[1] - 1)
                counts[key] = counts.get(key, 0) + n
        return counts

    def fold_undecided(self, order: DateOrder) -> None:
        self.counts = self.resolved(order)
        self.undecided = {}
        self.undecided_rows = 0


def tally(
    head: FileHead,
    mapping: CrimeMapping,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Tally:
    """Read the whole file once; on a byte its encoding cannot decode, read it again in
    the next likelier encoding (UTF-8, then Windows-1252, then Latin-1)."""
    codec: str | None = head.codec
    while codec is not None:
        try:
            return _tally(head, mapping, codec, progress, cancelled)
        except UnicodeDecodeError as exc:
            codec = next_codec(codec)
            if codec is None:
                raise CrimeImportError(
                    f"The file says it is {head.encoding} but holds bytes that are not "
                    f"({exc.reason}); save it as UTF-8 and import it again."
                ) from None
    raise AssertionError("unreachable")


def _tally(  # noqa: C901 (one tight loop, kept whole for speed)
    head: FileHead,
    mapping: CrimeMapping,
    codec: str,
    progress: Progress | None,
    cancelled: CancelCheck | None,
) -> Tally:
    result = Tally(codec=codec)
    counts, undecided, areas, categories = (
        result.counts, result.undecided, result.areas, result.categories
    )
    area_names: dict[str, str] = {}  # the value as written -> folded area name
    category_names: dict[str, str] = {}
    dates = DateReader()
    order = mapping.date_order
    date_at, area_at, category_at = (
        mapping.date_column, mapping.area_column, mapping.category_column
    )
    count_at = mapping.count_column
    width = max(mapping.columns()) + 1
    number = head.header_row
    size = max(head.size, 1)
    with records(head, codec) as (raw, reader):
        try:
            for cells in reader:
                number += 1
                if number % REPORT_EVERY == 0:
                    if cancelled is not None and cancelled():
                        raise ImportCancelled()
                    if progress is not None:
                        progress(raw.done, size)
                if not cells or not any(cells):
                    continue
                if len(cells) < width:
                    if not any(c.strip() for c in cells):
                        continue
                    cells = cells + [""] * (width - len(cells))
                result.rows_read += 1
                area = area_names.get(cells[area_at])
                if area is None:
                    shown = mapping.area_name(cells[area_at])
                    area = shown.casefold()
                    area_names[cells[area_at]] = area
                    if area:
                        areas.setdefault(area, shown)
                if not area:
                    result.skip(NO_AREA, number)
                    continue
                category = category_names.get(cells[category_at])
                if category is None:
                    shown = category_name(cells[category_at])
                    category = shown.casefold()
                    category_names[cells[category_at]] = category
                    if category:
                        categories.setdefault(category, shown)
                if not category:
                    result.skip(NO_CATEGORY, number)
                    continue
                if count_at is None:
                    n = 1
                else:
                    n = _count(cells[count_at])
                    if n < 0:
                        result.skip(NO_COUNT if n == -1 else BAD_COUNT, number,
                                    cells[count_at].strip()[:40])
                        continue
                parsed = dates.read(cells[date_at])
                if isinstance(parsed, str):
                    result.skip(parsed, number, cells[date_at].strip()[:40])
                    continue
                if len(parsed) == 3:
                    pair: Pair = parsed  # type: ignore[assignment]
                    if order is None:
                        order = evidence(pair)
                        if order is None:
                            key5 = (area, category, pair[0], pair[1], pair[2])
                            undecided[key5] = undecided.get(key5, 0) + n
                            result.undecided_rows += 1
                            result.rows_counted += 1
                            continue
                        result.order_found = order
                        result.fold_undecided(order)
                        counts = result.counts
                    parsed = resolve(pair, order)
                    if isinstance(parsed, str):
                        result.skip(f"{NOT_A_DATE} as {order.value}", number,
                                    cells[date_at].strip()[:40])
                        continue
                key = (area, category, parsed[0] * 12 + parsed[1] - 1)
                counts[key] = counts.get(key, 0) + n
                result.rows_counted += 1
        except csv.Error as exc:  # a NUL byte, a field over the size limit
            raise CrimeImportError(f"Row {number + 1} cannot be read as CSV: {exc}.") from None
        result.sha256 = raw.finish()
    if progress is not None:
        progress(size, size)
    return result


def _count(text: str) -> int:
    """A count cell as a number; -1 when blank, -2 when not a whole number 0 or more."""
    value = text.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    if not value:
        return -1
    try:
        number = int(value)
    except ValueError:
        try:
            as_float = float(value)
        except ValueError:
            return -2
        if not as_float.is_integer():
            return -2
        number = int(as_float)
    return number if 0 <= number <= MAX_COUNT else -2
