"""The first sheet of an .xlsx workbook as rows of text, refusing unsafe or broken files.

Before openpyxl sees the file, the zip directory is checked: encrypted (password-protected)
workbooks, damaged or truncated files, and zip bombs (a huge total size, or a member that
inflates far beyond any real sheet) are refused with a message. XML parts declaring a
DOCTYPE or entities ("billion laughs") are refused too; openpyxl itself parses with
defusedxml when it is installed (it is a dependency), which forbids entities as well.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

from app.services.contacts.errors import ContactImportError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_MEMBER_RATIO = 100
RATIO_CHECKED_FROM = 4 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_ROWS = 1_000_000
MAX_COLUMNS = 1_000
XML_HEAD = 2048


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC)


def read_xlsx(data: bytes) -> list[list[str]]:
    if data.startswith(OLE2_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ContactImportError(
                "This workbook is password-protected. Open it in Excel, remove the password "
                "(File > Info > Protect Workbook), save, and import it again."
            )
        raise ContactImportError(
            "This is an old Excel 97-2003 (.xls) workbook. Save it as .xlsx or .csv first."
        )
    if not is_zip(data):
        raise ContactImportError(
            "This file is named like an Excel workbook but is not one (it looks like "
            f"{_what(data)}). Rename it to .csv if it is a CSV file."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ContactImportError(
            "This workbook is damaged or incomplete (perhaps cut short while copying)."
        ) from None
    with archive:
        _check_archive(archive)
        return _first_sheet(data)


def _what(data: bytes) -> str:
    head = data[:512]
    if not head.strip():
        return "an empty file"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "binary data"
    return "text"


def _check_archive(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ContactImportError(f"This workbook holds {len(members)} parts; refusing it.")
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise ContactImportError("This zip file is not an Excel workbook (no xl/workbook.xml).")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise ContactImportError("This workbook is encrypted (password-protected).")
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_FROM and ratio > MAX_MEMBER_RATIO:
            raise ContactImportError(
                f"This workbook looks like a zip bomb: {member.filename} would inflate "
                f"{ratio:.0f} times to {member.file_size // (1024 * 1024)} MB."
            )
    if total > MAX_TOTAL_BYTES:
        raise ContactImportError(
            f"This workbook would inflate to {total // (1024 * 1024)} MB; that is too large "
            "for a contact list (zip bomb?)."
        )
    for member in members:
        if member.filename.endswith((".xml", ".rels")):
            _check_xml(archive, member)


def _check_xml(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    try:
        with archive.open(member) as part:
            head = part.read(XML_HEAD).upper()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise ContactImportError(
            f"This workbook is damaged: its part {member.filename} cannot be read."
        ) from None
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise ContactImportError(
            f"This workbook's part {member.filename} declares XML entities, which Excel never "
            "writes (an 'entity expansion' attack?); refusing it."
        )


def _first_sheet(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds; the user needs one message
        raise ContactImportError(f"This workbook cannot be read: {_reason(exc)}.") from None
    try:
        if not workbook.worksheets:
            raise ContactImportError("This workbook has no sheets.")
        rows: list[list[str]] = []
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            if len(rows) >= MAX_ROWS:
                raise ContactImportError(f"The sheet has more than {MAX_ROWS:,} rows.")
            rows.append([_text(v) for v in values[:MAX_COLUMNS]])
        return rows
    except ContactImportError:
        raise
    except Exception as exc:
        raise ContactImportError(f"This workbook cannot be read: {_reason(exc)}.") from None
    finally:
        workbook.close()


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers typed as numbers: 5552017788.0
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)
