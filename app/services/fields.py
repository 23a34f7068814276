"""Checks and normalisations shared by every form: e-mail, phone, web address, text."""

from __future__ import annotations

import re

from app.services.errors import FieldErrors

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_CHARACTERS = re.compile(r"^[0-9+()\-./\s]*(?:(?:x|ext\.?)\s*[0-9]+)?$", re.IGNORECASE)
HOST = re.compile(r"^[a-z0-9]([a-z0-9\-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9\-]*[a-z0-9])?)+$", re.I)


def clean(text: str | None) -> str:
    """Trimmed text with inner runs of white space kept (notes keep their lines)."""
    return (text or "").strip()


def is_email(text: str) -> bool:
    return bool(EMAIL.match(text))


def is_phone(text: str) -> bool:
    digits = sum(c.isdigit() for c in text)
    return bool(PHONE_CHARACTERS.match(text)) and 3 <= digits <= 20


def normalize_website(text: str) -> str | None:
    """``example.org`` -> ``https://example.org``; None when it cannot be a web address."""
    text = text.strip()
    if not text:
        return ""
    if not re.match(r"^https?://", text, re.IGNORECASE):
        text = "https://" + text
    host = re.sub(r"^https?://", "", text, flags=re.IGNORECASE).split("/")[0].split(":")[0]
    return text if HOST.match(host) else None


def format_phone(text: str) -> str:
    """A phone number as people read it: North American numbers grouped, others tidied.

    ``5552017788`` -> ``(555) 201-7788``; ``+1 555 201 7788`` -> ``+1 (555) 201-7788``;
    anything else keeps its own grouping with single spaces (``+44 20 7946 0958``).
    """
    return _format_main(" ".join(text.split()))


def _format_main(text: str) -> str:
    match = re.match(r"^(.*?)(?:\s*(?:x|ext\.?)\s*(\d+))?$", text, flags=re.I)
    main, extension = (match.group(1), match.group(2)) if match else (text, None)
    digits = "".join(c for c in main if c.isdigit())
    if not main.startswith("+") and len(digits) == 10:
        main = f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    elif (
        len(digits) == 11
        and digits.startswith("1")
        and (main.startswith("+") or main.startswith("1"))
    ):
        main = f"+1 ({digits[1:4]}) {digits[4:7]}-{digits[7:]}"
    return f"{main} ext. {extension}" if extension else main


class ContactChecks:
    """The e-mail and phone checks every contact form shares, reporting per field."""

    def __init__(self, errors: FieldErrors) -> None:
        self.errors = errors

    def email(self, field: str, value: str) -> None:
        self.errors.check(not value or is_email(value), field, "This is not an e-mail address.")

    def phone(self, field: str, value: str) -> str:
        """Checks ``value``; returns it formatted for display (unchanged when invalid)."""
        if not value:
            return ""
        if not is_phone(value):
            self.errors.add(field, "This is not a phone number.")
            return value
        return format_phone(value)
