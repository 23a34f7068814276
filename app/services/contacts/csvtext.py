"""CSV text to rows: the delimiter (comma, semicolon or tab) is found, not assumed."""

from __future__ import annotations

import csv
import io

from app.services.contacts.errors import ContactImportError

DELIMITERS = (",", ";", "\t")
NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
SAMPLE_CHARS = 64 * 1024
# The csv module refuses longer fields; larger ones are cut down when rows are checked.
MAX_FIELD_CHARS = 64 * 1024 * 1024


def detect_delimiter(text: str) -> str:
    """The delimiter giving the most columns, consistently, over the first records."""
    sample = text[:SAMPLE_CHARS]
    if len(text) > SAMPLE_CHARS:
        sample = sample[: sample.rfind("\n") + 1] or sample
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
            rows = [r for r in reader if r][:50]
        except csv.Error:
            continue
        if not rows:
            continue
        widths = [len(r) for r in rows]
        consistent = sum(1 for w in widths if w == widths[0])
        score = (consistent if widths[0] > 1 else 0, widths[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_rows(text: str, delimiter: str) -> list[list[str]]:
    """Every record, quoted fields with newlines and doubled quotes included."""
    if csv.field_size_limit() < MAX_FIELD_CHARS:
        csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [row for row in reader]
    except csv.Error as exc:
        raise ContactImportError(
            f"Line {reader.line_num} cannot be read as CSV: {exc}."
        ) from None
