"""vCard 3.0 (RFC 2426) files for phones, Outlook and other address books.

Text values escape backslash, comma, semicolon and line breaks; lines longer than 75
octets are folded (CRLF and one space) without ever splitting a UTF-8 character.
One card per person: the primary organization is ORG (its role ROLE); other current
organizations are listed in NOTE after the person's notes; tags become CATEGORIES.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from app.reports.output import PROGRESS_EVERY, Progress, Target, binary_output, no_progress
from app.services.directory_export import PersonExportRow

LINE_OCTETS = 75
CRLF = "\r\n"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def escape(text: str) -> str:
    """A vCard 3.0 text value: ``\\ , ;`` and line breaks escaped, control chars dropped."""
    text = _CONTROL.sub("", text)
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return _LINE_BREAK.sub("\\\\n", text)


def fold_line(line: str) -> str:
    """Fold one content line into CRLF-joined pieces of at most 75 octets each."""
    if len(line.encode("utf-8")) <= LINE_OCTETS:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size = [], 0
            limit = LINE_OCTETS - 1  # continuation lines start with a space
        current.append(char)
        size += width
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def vcard_lines(person: PersonExportRow) -> Iterator[str]:
    """The content lines of one card, unfolded."""
    yield "BEGIN:VCARD"
    yield "VERSION:3.0"
    yield f"N:{escape(person.last_name)};{escape(person.first_name)};;;"
    yield f"FN:{escape(person.full_name)}"
    if person.organization:
        yield f"ORG:{escape(person.organization)}"
    if person.title:
        yield f"TITLE:{escape(person.title)}"
    if person.role:
        yield f"ROLE:{escape(person.role)}"
    if person.email:
        yield f"EMAIL;TYPE=INTERNET:{escape(person.email)}"
    if person.phone:
        yield f"TEL;TYPE=WORK,VOICE:{escape(person.phone)}"
    if person.mobile:
        yield f"TEL;TYPE=CELL:{escape(person.mobile)}"
    note = _note(person)
    if note:
        yield f"NOTE:{escape(note)}"
    if person.tags:
        yield "CATEGORIES:" + ",".join(escape(tag) for tag in person.tags)
    yield "END:VCARD"


def vcard(person: PersonExportRow) -> str:
    """One complete card, folded, each line ending in CRLF."""
    return "".join(fold_line(line) + CRLF for line in vcard_lines(person))


def write_vcards(
    rows: Sequence[PersonExportRow], target: Target, progress: Progress = no_progress
) -> None:
    """Write every person as one card of a single UTF-8 .vcf file."""
    total = len(rows)
    with binary_output(target) as file:
        chunk: list[str] = []
        for done, person in enumerate(rows, start=1):
            chunk.append(vcard(person))
            if done % PROGRESS_EVERY == 0:
                file.write("".join(chunk).encode("utf-8"))
                chunk.clear()
                progress(done, total)
        file.write("".join(chunk).encode("utf-8"))
    progress(total, total)


def _note(person: PersonExportRow) -> str:
    others = [
        f"{m.organization} ({m.role})" if m.role else m.organization
        for m in person.memberships[1:]
    ]
    parts = [person.notes.strip()] if person.notes.strip() else []
    if others:
        parts.append("Also at: " + "; ".join(others))
    return "\n".join(parts)
