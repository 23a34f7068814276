"""Small pieces of wording shared by screens, documents and the command line."""

from __future__ import annotations


def plural(count: int, one: str, many: str = "") -> str:
    """"1 person", "2,500 people", "3 meetings" (``many`` defaults to ``one`` + "s")."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"
