"""A crime export opened as a stream: its encoding, delimiter and heading row, then its
records one at a time, hashed (SHA-256) while they are read.

A file of a million rows is never held in memory: the encoding is chosen from the first
64 KB (byte-order mark, else UTF-8, else Windows-1252) and the rest is decoded as it is
read. A UTF-8 file with a bad byte further on is read again as Windows-1252 (see
``aggregate``), the way spreadsheet programs save "CSV" on Windows.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from app.services.contacts.csvtext import NAMES, detect_delimiter
from app.services.contacts.decoding import BOMS, CONTROL, CONTROL_SHARE
from app.services.crime_import.errors import CrimeImportError

SAMPLE_BYTES = 64 * 1024
CHUNK = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
MAX_FIELD_CHARS = 1024 * 1024
SAMPLE_ROWS = 200
FALLBACKS = ("utf-8", "cp1252", "latin-1")
ENCODING_NAMES = {"utf-8": "UTF-8", "cp1252": "Windows-1252", "latin-1": "ISO-8859-1"}


@dataclass(frozen=True)
class FileHead:
    """What the first 64 KB tell: how to read the file, its headings, sample values."""

    path: Path
    size: int
    codec: str  # a Python codec name
    encoding: str  # the encoding as the user reads it: "UTF-8 (with BOM)", "Windows-1252"
    delimiter: str
    headers: tuple[str, ...]
    header_row: int  # its row number (1 unless blank lines come first)
    samples: tuple[str, ...]  # per column: its first non-blank value in the sample

    @property
    def format(self) -> str:
        return f"CSV ({NAMES[self.delimiter]}-separated)"


class HashingReader(io.RawIOBase):
    """A binary file that hashes and counts the bytes read through it."""

    def __init__(self, file: IO[bytes]) -> None:
        super().__init__()
        self._file = file
        self.sha256 = hashlib.sha256()
        self.done = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._file.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.sha256.update(data)
        self.done += n
        return n

    def finish(self) -> str:
        """Hash what is left unread; the whole file's SHA-256."""
        while chunk := self._file.read(CHUNK):
            self.sha256.update(chunk)
            self.done += len(chunk)
        return self.sha256.hexdigest()


def _open(path: Path) -> IO[bytes]:
    try:
        if path.is_dir():
            raise CrimeImportError(f"{path.name} is a folder, not a file.")
        return path.open("rb")
    except FileNotFoundError:
        raise CrimeImportError(f"{path} does not exist.") from None
    except PermissionError:
        raise CrimeImportError(f"{path} cannot be read (no permission).") from None
    except OSError as exc:
        raise CrimeImportError(f"{path} cannot be read: {exc.strerror or exc}.") from None


def read_head(path: Path) -> FileHead:
    """Encoding, delimiter and heading row of ``path``; refuses files that are empty,
    binary, workbooks, or have a heading row only."""
    with _open(path) as file:
        sample = file.read(SAMPLE_BYTES)
        whole = not file.read(1)
    size = path.stat().st_size
    if not sample.strip():
        raise CrimeImportError("The file is empty.")
    if sample.startswith(ZIP_MAGIC) or sample.startswith(OLE2_MAGIC):
        raise CrimeImportError(
            "This is a workbook or an archive, not a CSV file: save the sheet as CSV "
            "(comma-separated) and import that."
        )
    codec, encoding = sniff_encoding(sample, whole)
    text = _decoded(sample, codec, whole)
    if "\x00" in text or len(CONTROL.findall(text)) > CONTROL_SHARE * len(text):
        raise CrimeImportError("This is a binary file, not a table of crime figures.")
    if not whole:  # the last line of the sample may be cut: leave it out
        text = text[: text.rfind("\n") + 1] or text
    delimiter = detect_delimiter(text)
    _field_limit()
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number, headers = 0, None
    samples: list[str] = []
    rows = 0
    for cells in records:
        number += 1
        if not any(c.strip() for c in cells):
            continue
        if headers is None:
            headers = tuple(c.strip() for c in cells)
            header_row = number
            samples = [""] * len(headers)
            continue
        rows += 1
        for i, value in enumerate(cells[: len(samples)]):
            if not samples[i] and value.strip():
                samples[i] = " ".join(value.split())
        if rows >= SAMPLE_ROWS:
            break
    if headers is None:
        raise CrimeImportError("The file is empty.")
    if rows == 0 and whole:
        raise CrimeImportError("The file has a heading row only: there is nothing to import.")
    return FileHead(path, size, codec, encoding, delimiter, headers, header_row, tuple(samples))


def sniff_encoding(sample: bytes, whole: bool) -> tuple[str, str]:
    """Python codec and a readable name, from the file's first bytes."""
    for bom, codec, label in BOMS:
        if sample.startswith(bom):
            return codec, label
    for codec in FALLBACKS:
        try:
            _decoded(sample, codec, whole)
        except UnicodeDecodeError:
            continue
        return codec, ENCODING_NAMES[codec]
    raise AssertionError("Latin-1 decodes any bytes")


def next_codec(codec: str) -> str | None:
    """The encoding to try when ``codec`` met a byte it cannot decode further on."""
    if codec in FALLBACKS[:-1]:
        return FALLBACKS[FALLBACKS.index(codec) + 1]
    return None


def _decoded(sample: bytes, codec: str, whole: bool) -> str:
    return codecs.getincrementaldecoder(codec)().decode(sample, final=whole)


def _field_limit() -> None:
    if csv.field_size_limit() < MAX_FIELD_CHARS:
        csv.field_size_limit(MAX_FIELD_CHARS)


@contextmanager
def records(head: FileHead, codec: str) -> Iterator[tuple[HashingReader, Iterator[list[str]]]]:
    """The file's records after the heading row, read as ``codec``; the hashing reader
    counts (and hashes) the bytes read so far."""
    with _open(head.path) as file:
        raw = HashingReader(file)
        buffered = io.BufferedReader(raw, CHUNK)
        text = io.TextIOWrapper(buffered, encoding=codec, newline="")
        _field_limit()
        reader = csv.reader(text, delimiter=head.delimiter)
        for _number, _cells in zip(range(head.header_row), reader, strict=False):
            pass
        yield raw, reader
