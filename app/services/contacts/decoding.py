"""Bytes to text: byte-order marks, UTF-8, Shift-JIS, cp1252, then charset-normalizer.

Address books come from Windows (cp1252), Japanese Windows (Shift-JIS), Thunderbird
(UTF-16 with a byte-order mark) and everything modern (UTF-8, often with a BOM). The
order below prefers the strict, common encodings and asks charset-normalizer last.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from app.services.contacts.errors import ContactImportError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 (with BOM)"),
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 BE"),
)
# Share of control characters (other than tab, CR, LF, form feed) that marks a binary file.
CONTROL_SHARE = 0.01
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
NON_ASCII = re.compile(r"[^\x00-\x7f]")


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and a name for its encoding; refuses binary files."""
    for bom, codec, label in BOMS:
        if data.startswith(bom):
            return _checked(_strict(data, codec, label), label)
    utf16 = _bomless_utf16(data)
    if utf16:
        return _checked(_strict(data, utf16, utf16.upper()), utf16.upper())
    if b"\x00" in data:
        raise ContactImportError("This is a binary file, not a contact list.")
    try:
        return _checked(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    japanese = _shift_jis(data)
    if japanese is not None:
        return _checked(japanese, "Shift-JIS")
    try:
        return _checked(data.decode("cp1252"), "Windows-1252")
    except UnicodeDecodeError:
        pass
    return _checked(*_guess(data))


def _strict(data: bytes, codec: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ContactImportError(
            f"The file says it is {label} but byte {exc.start} is not valid {label}."
        ) from None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: every other byte of ASCII text is zero."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _shift_jis(data: bytes) -> str | None:
    """Shift-JIS text with kana or kanji; Western cp1252 bytes decode to half-width kana."""
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        return None
    japanese = halfwidth = 0
    for char in NON_ASCII.findall(text):
        if "\uff61" <= char <= "\uff9f":
            halfwidth += 1
        elif unicodedata.name(char, "").startswith(("CJK", "HIRAGANA", "KATAKANA")):
            japanese += 1
    return text if japanese and halfwidth == 0 else None


def _guess(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ContactImportError(
            "The text encoding of this file cannot be recognised; save it as UTF-8 and retry."
        )
    return str(best), best.encoding


def _checked(text: str, label: str) -> tuple[str, str]:
    controls = len(CONTROL.findall(text))
    if "\x00" in text or controls > CONTROL_SHARE * max(len(text), 1):
        raise ContactImportError("This is a binary file, not a contact list.")
    return text, label
