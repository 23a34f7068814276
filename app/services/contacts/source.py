"""A contact file read into memory: its format, encoding, layout, header and rows.

The format is decided by content, not by name: a zip is a workbook, text starting with
BEGIN:VCARD is a vCard file, other text is CSV. A file named .xlsx that is not a zip is
refused (so is everything empty, binary, or too large).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from app.services.contacts.csvtext import NAMES, detect_delimiter, read_rows
from app.services.contacts.decoding import decode
from app.services.contacts.errors import ContactImportError
from app.services.contacts.fields import RawContact
from app.services.contacts.layouts import (
    GENERIC,
    THUNDERBIRD,
    THUNDERBIRD_COLUMNS,
    THUNDERBIRD_HEADERLESS,
    recognise,
)
from app.services.contacts.mapping import ColumnMapping
from app.services.contacts.synonyms import looks_like_header, propose, propose_from_cells
from app.services.contacts.vcard import looks_like_vcard, read_vcards
from app.services.contacts.xlsx import OLE2_MAGIC, is_zip, read_xlsx

MAX_FILE_BYTES = 100 * 1024 * 1024
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
VCARD_SUFFIXES = (".vcf", ".vcard")
HEADERLESS = f"{GENERIC} (no header row)"


@dataclass(frozen=True)
class ContactSource:
    path: Path
    sha256: str
    format: str
    encoding: str
    layout: str
    headers: tuple[str, ...]
    proposed: ColumnMapping | None
    rows: tuple[tuple[int, tuple[str, ...]], ...] = ()  # (row number, cells) of a table
    cards: tuple[RawContact, ...] = ()

    @property
    def is_table(self) -> bool:
        return self.proposed is not None

    def contacts(self, mapping: ColumnMapping | None) -> list[RawContact]:
        if not self.is_table:
            return list(self.cards)
        use = mapping or self.proposed
        assert use is not None
        return [use.apply(cells, number) for number, cells in self.rows]


def read_source(path: Path) -> ContactSource:
    data = _read(path)
    sha = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES or is_zip(data) or data.startswith(OLE2_MAGIC):
        return _table(path, sha, "Excel workbook", "", read_xlsx(data))
    text, encoding = decode(data)
    if looks_like_vcard(text):
        cards = read_vcards(text)
        return ContactSource(path, sha, "vCard", encoding, "vCard", (), None, cards=tuple(cards))
    if suffix in VCARD_SUFFIXES:
        raise ContactImportError("No vCards found in this file (no BEGIN:VCARD line).")
    if not text.strip():
        raise ContactImportError("The file is empty.")
    delimiter = detect_delimiter(text)
    kind = f"CSV ({NAMES[delimiter]}-separated)"
    return _table(path, sha, kind, encoding, read_rows(text, delimiter))


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ContactImportError(f"{path.name} is a folder, not a file.")
        if size == 0:
            raise ContactImportError("The file is empty.")
        if size > MAX_FILE_BYTES:
            raise ContactImportError(
                f"The file is {size // (1024 * 1024)} MB; contact lists over "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB are refused."
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ContactImportError(f"{path} does not exist.") from None
    except PermissionError:
        raise ContactImportError(f"{path} cannot be read (no permission).") from None
    except OSError as exc:
        raise ContactImportError(f"{path} cannot be read: {exc.strerror or exc}.") from None


def _table(path: Path, sha: str, kind: str, encoding: str, rows: list[list[str]]) -> ContactSource:
    numbered = [(n, tuple(r)) for n, r in enumerate(rows, start=1) if any(c.strip() for c in r)]
    if not numbered:
        raise ContactImportError("The file is empty.")
    first_number, first = numbered[0]
    if looks_like_header(first):
        headers = tuple(c.strip() for c in first)
        data = tuple(numbered[1:])
        if not data:
            raise ContactImportError("No contacts found: the file has a header row only.")
        layout = recognise(headers)
        proposed = layout.mapping(headers) if layout else propose(headers)
        name = layout.name if layout else GENERIC
        return ContactSource(path, sha, kind, encoding, name, headers, proposed, data)
    data = tuple(numbered)
    width = max(len(cells) for _n, cells in data)
    if _thunderbird_shaped(first):
        headers = THUNDERBIRD_COLUMNS + tuple(f"Column {i}" for i in range(37, width + 1))
        proposed = THUNDERBIRD.mapping(headers)
        return ContactSource(path, sha, kind, encoding, THUNDERBIRD_HEADERLESS, headers,
                             proposed, data)
    headers = tuple(f"Column {i}" for i in range(1, width + 1))
    proposed = propose_from_cells([cells for _n, cells in data])
    return ContactSource(path, sha, kind, encoding, HEADERLESS, headers, proposed, data)


def _thunderbird_shaped(row: tuple[str, ...]) -> bool:
    """36 columns (37 with a trailing comma), the primary e-mail in the fifth."""
    return len(THUNDERBIRD_COLUMNS) <= len(row) <= len(THUNDERBIRD_COLUMNS) + 2 and (
        "@" in row[4] or not row[4].strip()
    )
