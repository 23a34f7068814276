"""vCard 2.1, 3.0 and 4.0 files (one or many cards) to raw contacts.

Handles folded lines, quoted-printable values with a charset (and their soft line
breaks), grouped properties (``item1.EMAIL``), TYPE parameters in all three styles
(``TEL;CELL``, ``TEL;TYPE=CELL,VOICE``, ``TEL;TYPE="work,voice"``), escaped ``\\,`` ``\\;``
``\\n``, and ``tel:`` URIs. Photos, logos, sounds and keys are skipped unread.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from app.services.contacts.errors import ContactImportError
from app.services.contacts.fields import (
    CITY,
    EMAIL,
    FIRST_NAME,
    FULL_NAME,
    LAST_NAME,
    MOBILE,
    NOTES,
    ORGANIZATION,
    PHONE,
    POSTAL_CODE,
    REGION,
    STREET,
    TITLE,
    WEBSITE,
    RawContact,
)

BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
SKIPPED_PHONES = frozenset({"FAX", "PAGER", "TEXTPHONE", "MODEM", "BBS", "ISDN"})
_SPLIT = re.compile(r"(?<!\\);")
_COMMA = re.compile(r"(?<!\\),")


@dataclass
class Property:
    name: str
    params: dict[str, list[str]]
    value: str

    @property
    def types(self) -> set[str]:
        return {t.upper() for t in self.params.get("TYPE", [])}

    @property
    def preferred(self) -> bool:
        return "PREF" in self.types or "PREF" in self.params


@dataclass
class Card:
    number: int
    properties: list[Property] = field(default_factory=list)


def looks_like_vcard(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:11].upper() == "BEGIN:VCARD"


def read_vcards(text: str) -> list[RawContact]:
    cards = list(_cards(_logical_lines(text)))
    if not cards:
        raise ContactImportError("No vCards found in this file.")
    return [_contact(card) for card in cards]


def _logical_lines(text: str) -> Iterator[str]:
    """Unfold continuation lines; join quoted-printable soft line breaks ("=" at the end)."""
    current: str | None = None
    for line in text.splitlines():
        if current is not None and line[:1] in (" ", "\t"):
            current += line[1:]
            continue
        if current is not None and _soft_break(current):
            current = current[:-1] + line
            continue
        if current is not None:
            yield current
        current = line
    if current is not None:
        yield current


def _soft_break(line: str) -> bool:
    head, colon, _value = line.partition(":")
    return bool(colon) and line.endswith("=") and "QUOTED-PRINTABLE" in head.upper()


def _cards(lines: Iterator[str]) -> Iterator[Card]:
    card: Card | None = None
    count = 0
    for line in lines:
        if not line.strip():
            continue
        upper = line.upper()
        if upper.startswith("BEGIN:VCARD"):
            count += 1
            card = Card(count)
        elif upper.startswith("END:VCARD"):
            if card is not None:
                yield card
            card = None
        elif card is not None:
            prop = _property(line)
            if prop is not None:
                card.properties.append(prop)


def _property(line: str) -> Property | None:
    head, colon, value = line.partition(":")
    if not colon:
        return None
    parts = head.split(";")
    name = parts[0].rpartition(".")[2].upper()  # "item1.EMAIL" -> "EMAIL"
    if name in BINARY:
        return None
    params: dict[str, list[str]] = {}
    for param in parts[1:]:
        key, equals, raw = param.partition("=")
        if not equals:  # vCard 2.1: "TEL;CELL;PREF" means TYPE=CELL, TYPE=PREF
            key, raw = "TYPE", param
        values = [v.strip().strip('"') for v in raw.strip('"').split(",")]
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    return Property(name, params, _decoded(value, params))


def _decoded(value: str, params: dict[str, list[str]]) -> str:
    encoding = {e.upper() for e in params.get("ENCODING", [])}
    if "QUOTED-PRINTABLE" not in encoding:
        return value
    raw = quopri.decodestring(value.encode("latin-1", "replace"))
    charset = (params.get("CHARSET") or ["utf-8"])[0]
    for name in (charset, "utf-8", "cp1252"):
        try:
            return raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("latin-1")


def unescape(text: str) -> str:
    out = []
    chars = iter(text)
    for c in chars:
        if c == "\\":
            nxt = next(chars, "")
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(c)
    return "".join(out).replace("\r\n", "\n").replace("\r", "\n")


def components(value: str) -> list[str]:
    """Structured values (N, ORG, ADR): split on unescaped ";", each part unescaped."""
    return [" ".join(unescape(p).split()) for p in _SPLIT.split(value)]


def _list_words(value: str) -> str:
    """A name part may be a comma list ("Richter,James"): joined with spaces."""
    return " ".join(unescape(p).strip() for p in _COMMA.split(value) if p.strip())


class _Values:
    """Values per field, each with a rank: preferred ones (PREF, work phone) come first."""

    def __init__(self) -> None:
        self.ranked: dict[str, list[tuple[int, int, str]]] = {}
        self.count = 0

    def add(self, name: str, value: str, rank: int = 2) -> None:
        self.count += 1
        self.ranked.setdefault(name, []).append((rank, self.count, value))

    def sorted(self) -> dict[str, list[str]]:
        return {name: [v for _r, _n, v in sorted(found)] for name, found in self.ranked.items()}


def _contact(card: Card) -> RawContact:
    values = _Values()
    for prop in card.properties:
        _take(prop, values)
    return RawContact(card.number, values.sorted(), where="card")


def _take(prop: Property, values: _Values) -> None:
    name, value = prop.name, prop.value
    rank = 0 if prop.preferred else 2
    if name == "N":
        parts = _SPLIT.split(value) + ["", ""]
        values.add(LAST_NAME, _list_words(parts[0]))
        values.add(FIRST_NAME, _list_words(parts[1]))
    elif name == "FN":
        values.add(FULL_NAME, unescape(value))
    elif name == "ORG":
        values.add(ORGANIZATION, components(value)[0])
    elif name in ("TITLE", "ROLE"):  # ROLE ("Counting Money") only when there is no TITLE
        values.add(TITLE, unescape(value), rank if name == "TITLE" else 3)
    elif name == "EMAIL":
        values.add(EMAIL, unescape(value).strip(), rank)
    elif name == "TEL":
        _phone(prop, values)
    elif name == "URL":
        values.add(WEBSITE, unescape(value), rank)
    elif name == "NOTE":
        values.add(NOTES, unescape(value))
    elif name == "ADR" and ("WORK" in prop.types or not prop.types & {"HOME", "OTHER"}):
        parts = components(value) + [""] * 7
        street = ", ".join(p for p in (parts[1], parts[2]) if p)
        rank = 0 if "WORK" in prop.types else 2
        for target, part in ((STREET, street), (CITY, parts[3]), (REGION, parts[4]),
                             (POSTAL_CODE, parts[5])):
            values.add(target, part, rank)


def _phone(prop: Property, values: _Values) -> None:
    types = prop.types
    if types & SKIPPED_PHONES:
        return
    number = unescape(prop.value).strip()
    if number.lower().startswith("tel:"):
        number, _semi, extension = number[4:].partition(";ext=")
        number = f"{number} ext. {extension}" if extension else number
    target = MOBILE if types & {"CELL", "MOBILE"} else PHONE
    rank = 0 if prop.preferred else 1 if "WORK" in types else 2
    values.add(target, number, rank)
