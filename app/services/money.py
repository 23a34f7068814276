"""Amounts of money: stored as whole cents, typed and shown with two decimals.

``parse_money("1,234.50")`` -> 123450; ``format_money(123450)`` -> "1,234.50". An empty
field is "no amount" (None), which is not the same as 0.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

# The money columns are 32-bit integers on PostgreSQL: stay well inside them.
MAX_CENTS = 2_000_000_000
MONEY_HINT = "Enter an amount such as 1,234.50."


def parse_money(text: str | None) -> int | None:
    """Cents of a typed amount ("1,234.50", "$ 80", "12.5"); None when empty.

    ValueError (with a message for the user) when the text is not an amount of money.
    """
    cleaned = (text or "").strip().replace(",", "").replace("$", "").replace(" ", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(MONEY_HINT) from None
    if not value.is_finite():
        raise ValueError(MONEY_HINT)
    if value < 0:
        raise ValueError("An amount cannot be negative.")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError("Use at most two decimals (cents).")
    cents = int(value * 100)
    if cents > MAX_CENTS:
        raise ValueError(f"At most {format_money(MAX_CENTS)}.")
    return cents


def format_money(cents: int | None) -> str:
    """"1,234.50" (negative amounts with a minus sign); "" for no amount."""
    if cents is None:
        return ""
    return f"{Decimal(cents) / 100:,.2f}"
