"""Checks and normalisations shared by every form: e-mail, phone, web address, text."""

from __future__ import annotations

import re

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
