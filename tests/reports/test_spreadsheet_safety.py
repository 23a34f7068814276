"""Formula injection: text that a spreadsheet would evaluate is neutralised, numbers are not."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.reports.spreadsheet_safety import csv_value, is_formula_like, safe_cell, xlsx_text


@pytest.mark.parametrize(
    "text",
    ["=1+2", "+1 555", "-2+3", "@SUM(A1)", "\tx", "\r=1+2", '=HYPERLINK("http://x")',
     "=cmd|' /C calc'!A0", "-5"],
)
def test_text_that_starts_a_formula_gets_a_leading_quote_in_csv(text: str) -> None:
    assert is_formula_like(text)
    assert safe_cell(text) == "'" + text
    assert csv_value(text) == "'" + text


@pytest.mark.parametrize("text", ["", "plain", "O'Brien", " =not at start", "'=1+2", "a=b"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert safe_cell(text) == text


def test_numbers_stay_numbers_and_other_values_are_written_plainly() -> None:
    assert csv_value(-12.5) == "-12.5"
    assert csv_value(-3) == "-3"
    assert csv_value(Decimal("-1.50")) == "-1.50"
    assert csv_value(None) == ""
    assert csv_value(True) == "Yes"
    assert csv_value(date(2026, 1, 31)) == "2026-01-31"


def test_nul_is_dropped_from_csv_and_xml_illegal_characters_from_xlsx() -> None:
    assert csv_value("\0=1+2") == "'=1+2"  # what remains would be a formula: quoted
    assert xlsx_text("a\x01b\x0bc\td\ne") == "abc\td\ne"
    assert len(xlsx_text("x" * 40_000)) == 32_767
