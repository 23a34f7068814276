"""vCard 3.0 export parsed back: values, escaping, folding at 75 octets, CRLF."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from app.reports.vcard import escape, fold_line, vcard, write_vcards
from app.services.directory_export import PersonExportRow

Card = dict[str, list[tuple[str, str]]]  # property name -> [(parameters, raw value)]


def parse(data: bytes) -> list[Card]:
    """A minimal vCard 3.0 reader: unfold, split property from value, group by card."""
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), "bare LF"
    lines = text.replace("\r\n ", "").split("\r\n")
    cards: list[Card] = []
    for line in filter(None, lines):
        name_part, value = line.split(":", 1)
        name, _, params = name_part.partition(";")
        if name == "BEGIN":
            cards.append({})
        cards[-1].setdefault(name, []).append((params, value))
    return cards


def unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def split_unescaped(value: str, separator: str) -> list[str]:
    return [unescape(p) for p in re.split(rf"(?<!\\){re.escape(separator)}", value)]


def test_every_person_becomes_a_card_with_their_details(
    tmp_path: Path, people: list[PersonExportRow]
) -> None:
    path = tmp_path / "people.vcf"
    write_vcards(people, path)
    cards = parse(path.read_bytes())
    assert len(cards) == len(people)
    assert all(c["VERSION"] == [("", "3.0")] and "END" in c for c in cards)

    nunez = next(c for c in cards if c["EMAIL"][0][1] == "jose.nunez@rhs.example.org")
    assert split_unescaped(nunez["N"][0][1], ";") == ["Núñez", "José", "", "", ""]
    assert unescape(nunez["FN"][0][1]) == "José Núñez"
    assert unescape(nunez["ORG"][0][1]) == "Riverton High"
    assert unescape(nunez["TITLE"][0][1]) == "Principal"
    assert unescape(nunez["ROLE"][0][1]) == "Principal"
    assert nunez["EMAIL"] == [("TYPE=INTERNET", "jose.nunez@rhs.example.org")]
    assert nunez["TEL"] == [("TYPE=WORK,VOICE", "(555) 201-0001"), ("TYPE=CELL", "+1 555 0100")]
    assert unescape(nunez["NOTE"][0][1]) == (
        "Line one\nLine two; with, punctuation \\ backslash\n"
        "Also at: Safe Harbor <Shelter> & Co (Board member)")
    assert split_unescaped(nunez["CATEGORIES"][0][1], ",") == ["Block Captain", "officer"]

    li = next(c for c in cards if unescape(c["FN"][0][1]) == "李华")
    assert "ORG" not in li and "TEL" not in li
    ivanov = next(c for c in cards if "dmitry@example.ru" in c["EMAIL"][0][1])
    assert split_unescaped(ivanov["N"][0][1], ";")[:2] == ["Иванов", "Дмитрий"]


def test_special_characters_are_escaped() -> None:
    assert escape("a,b;c\\d\r\ne\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    assert escape("bell\x07") == "bell"


def test_long_lines_fold_at_75_octets_without_splitting_characters(
    people: list[PersonExportRow],
) -> None:
    long_note = "Ünïcödé 李华 ليلى " * 20
    card = vcard(replace(people[0], notes=long_note, first_name="Ø" * 60))
    raw = card.encode("utf-8")
    for physical in raw.split(b"\r\n"):
        assert len(physical) <= 75
        physical.decode("utf-8")  # a split multi-byte character would fail here
    (note,) = parse(raw)[0]["NOTE"]
    assert unescape(note[1]) == long_note.strip()


def test_fold_line_keeps_short_lines_and_continues_with_a_space() -> None:
    assert fold_line("FN:Short") == "FN:Short"
    folded = fold_line("NOTE:" + "x" * 200)
    pieces = folded.split("\r\n")
    assert [len(p) for p in pieces] == [75, 75, 57]  # 205 = 75 + 74 + 56, plus the spaces
    assert all(p.startswith(" ") for p in pieces[1:])
    assert folded.replace("\r\n ", "") == "NOTE:" + "x" * 200
