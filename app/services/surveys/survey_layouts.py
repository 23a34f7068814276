"""Survey export files: which tool wrote them, their header rows, and answer texts.

- Google Forms: one header row, the first column is "Timestamp"; grid questions are
  "Question [row]" columns.
- Qualtrics: three header rows: column names (Q1, Q2_3...), question texts, and
  ``{"ImportId":...}`` JSON; "Status" marks previews, tests and spam.
- SurveyMonkey: two header rows: the question (blank for the rest of a grid's columns),
  then the sub-answer ("Response", "Open-Ended Response" or the grid row).
- Anything else: one header row ("Spreadsheet").

Answer texts become numbers by the built-in scales below, by a leading number 1-5
("4", "5 - Strongly agree"), or by the user's own mapping, which wins over both.
Blank cells and "N/A", "Don't know"-style texts are no answer (never 0).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.models.base import fold
from app.models.surveys import SCALE_MAX, SCALE_MIN
from app.services.contacts.csvtext import detect_delimiter, read_rows
from app.services.contacts.decoding import decode
from app.services.contacts.errors import ContactImportError

MAX_FILE_BYTES = 100 * 1024 * 1024
GOOGLE_FORMS, QUALTRICS, SURVEYMONKEY, SPREADSHEET = (
    "Google Forms", "Qualtrics", "SurveyMonkey", "Spreadsheet")
TIMESTAMP_NAMES = {"timestamp", "marca temporal", "zeitstempel", "horodateur",
                   "carimbo de data/hora", "informazioni cronologiche"}
DATE_NAMES = ("recordeddate", "enddate", "end date", "timestamp", "date", "responded on",
              "submitted", "startdate", "start date")
ID_NAMES = ("responseid", "respondent id", "response id", "respondent")
SURVEYMONKEY_SUB = {"response", "open-ended response", "other (please specify)"}

SCALES: dict[str, int] = {
    "strongly disagree": 1, "disagree": 2, "somewhat disagree": 2,
    "neither agree nor disagree": 3, "neutral": 3, "somewhat agree": 4, "agree": 4,
    "strongly agree": 5,
    "very dissatisfied": 1, "dissatisfied": 2, "somewhat dissatisfied": 2,
    "neither satisfied nor dissatisfied": 3, "somewhat satisfied": 4, "satisfied": 4,
    "very satisfied": 5,
    "never": 1, "rarely": 2, "sometimes": 3, "often": 4, "always": 5,
    "very poor": 1, "poor": 2, "fair": 3, "good": 4, "excellent": 5,
}
NO_ANSWER = {"", "na", "n/a", "n.a.", "-", "not applicable", "no answer",
             "prefer not to say", "prefer not to answer", "don't know", "dont know",
             "don’t know", "do not know", "skipped"}
LEADING_NUMBER = re.compile(r"^(\d+)(?:\.0+)?(?:\s*[-–=:.)]\s*.*)?$")


class SurveyImportError(ContactImportError):
    """The survey file was refused as a whole; nothing was changed."""


@dataclass(frozen=True)
class SurveyFile:
    path: Path
    sha256: str
    encoding: str
    layout: str
    names: tuple[str, ...]  # one per column: the column's name (Q1, "Timestamp"...)
    texts: tuple[str, ...]  # one per column: its question text ("" when none)
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (line number in the file, cells)
    date_column: int | None
    id_column: int | None
    status_column: int | None = None  # Qualtrics: previews, tests and spam are skipped

    @property
    def source_name(self) -> str:
        return self.path.name

    def label(self, column: int) -> str:
        """How a column is named on screen: "Q1 – How safe…" or the header itself."""
        name, text = self.names[column], self.texts[column]
        if text and fold(text) != fold(name):
            return f"{name} – {text}" if name else text
        return name or f"Column {column + 1}"

    def cell(self, cells: tuple[str, ...], column: int | None) -> str:
        return cells[column].strip() if column is not None and column < len(cells) else ""


def read_survey_file(path: Path) -> SurveyFile:
    data = _read(path)
    try:
        text, encoding = decode(data)
    except ContactImportError as error:
        raise SurveyImportError(error.message.replace("contact list", "survey export")) \
            from None
    if not text.strip():
        raise SurveyImportError("The file is empty.")
    try:
        rows = read_rows(text, detect_delimiter(text))
    except ContactImportError as error:
        raise SurveyImportError(error.message) from None
    numbered = [(n, tuple(r)) for n, r in enumerate(rows, start=1) if any(c.strip() for c in r)]
    if not numbered:
        raise SurveyImportError("The file is empty.")
    sha = hashlib.sha256(data).hexdigest()
    layout, names, texts, body = _recognise(numbered)
    if not body:
        raise SurveyImportError("No responses found: the file has header rows only.")
    width = max(len(names), *(len(cells) for _n, cells in body))
    names = _pad(names, width)
    texts = _pad(texts, width)
    return SurveyFile(path, sha, encoding, layout, names, texts, tuple(body),
                      _find(names, DATE_NAMES), _find(names, ID_NAMES),
                      _find(names, ("status",)) if layout == QUALTRICS else None)


def _read(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise SurveyImportError(f"{path.name} is a folder, not a file.")
        size = path.stat().st_size
        if size == 0:
            raise SurveyImportError("The file is empty.")
        if size > MAX_FILE_BYTES:
            raise SurveyImportError(f"The file is {size // (1024 * 1024)} MB; survey exports "
                                    f"over {MAX_FILE_BYTES // (1024 * 1024)} MB are refused.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise SurveyImportError(f"{path} does not exist.") from None
    except PermissionError:
        raise SurveyImportError(f"{path} cannot be read (no permission).") from None
    except OSError as exc:
        raise SurveyImportError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    if data.startswith(b"PK\x03\x04"):
        raise SurveyImportError("This is a workbook; export the survey as CSV and import that.")
    return data


Rows = list[tuple[int, tuple[str, ...]]]


def _recognise(rows: Rows) -> tuple[str, tuple[str, ...], tuple[str, ...], Rows]:
    first = tuple(c.strip() for c in rows[0][1])
    second = tuple(c.strip() for c in rows[1][1]) if len(rows) > 1 else ()
    third = tuple(c.strip() for c in rows[2][1]) if len(rows) > 2 else ()
    if third and sum(c.startswith('{"ImportId"') for c in third) >= len(third) // 2 + 1:
        return QUALTRICS, first, second, rows[3:]
    if second and _surveymonkey(first, second):
        names, question = [], ""
        for head in _pad(first, len(second)):
            question = head or question  # a grid's question heads its first column only
            names.append(question)
        texts = tuple(sub if sub and fold(sub) not in SURVEYMONKEY_SUB else ""
                      for sub in second)
        return SURVEYMONKEY, tuple(names), texts, rows[2:]
    if first and fold(first[0]) in TIMESTAMP_NAMES:
        return GOOGLE_FORMS, first, ("",) * len(first), rows[1:]
    return SPREADSHEET, first, ("",) * len(first), rows[1:]


def _surveymonkey(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    folded = {fold(c) for c in first}
    if {"respondent id", "collector id"} <= folded:
        return True
    return sum(fold(c) in SURVEYMONKEY_SUB for c in second) >= 2


def _pad(cells: tuple[str, ...], width: int) -> tuple[str, ...]:
    return tuple(cells) + ("",) * (width - len(cells))


def _find(names: tuple[str, ...], wanted: tuple[str, ...]) -> int | None:
    folded = [fold(n) for n in names]
    for name in wanted:
        if name in folded:
            return folded.index(name)
    return None


# -- answers ---------------------------------------------------------------------------
class Unusable(ValueError):
    """An answer text that is not a number on the scale (the message says why)."""


def answer_value(text: str, mapping: dict[str, int | None] | None = None) -> int | None:
    """1-5, or None for no answer; raises Unusable for text with no number."""
    key = fold(text)
    if mapping and key in mapping:
        return mapping[key]
    if key in NO_ANSWER:
        return None
    if key in SCALES:
        return SCALES[key]
    match = LEADING_NUMBER.match(key)
    if match:
        number = int(match.group(1))
        if SCALE_MIN <= number <= SCALE_MAX:
            return number
        raise Unusable(f"“{text}” is outside {SCALE_MIN}–{SCALE_MAX}")
    raise Unusable(f"“{text}” has no number")


def parse_day(text: str, day_first: bool = False) -> date | None:
    """The date of a timestamp cell ("2014-08-27 11:29:31", "8/27/2014 11:29:31 AM")."""
    text = text.strip()
    if not text:
        return None
    iso = re.match(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text)
    if iso:
        try:
            return date(*(int(g) for g in iso.groups()))
        except ValueError:
            return None
    match = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
    if not match:
        return None
    a, b, year = (int(g) for g in match.groups())
    month, day = (b, a) if day_first else (a, b)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_first(cells: list[str]) -> bool:
    """Whether slash dates in a column are day/month/year (some first number is over 12)."""
    for text in cells:
        match = re.match(r"^\s*(\d{1,2})[/.](\d{1,2})[/.]\d{4}", text)
        if match and int(match.group(1)) > 12:
            return True
    return False
