"""The directory PDF read back with pypdf: every script, escaped text, pages numbered."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.models.database import open_database
from app.reports.pdf.directory import write_directory_pdf
from app.services.directory_report import DirectoryReport, directory_report
from app.services.search import DirectoryFilter
from tests.directory_data import FORMULA_TEXTS, TODAY, build_directory

BIG = 200


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DirectoryReport]:
    db = open_database(tmp_path_factory.mktemp("pdf") / "desk.sqlite")
    try:
        directory = build_directory(db, big_org_people=BIG)
        yield directory_report(directory.ws, DirectoryFilter(), today=TODAY)
    finally:
        db.close()


@pytest.fixture(scope="module")
def pages(report: DirectoryReport, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    path = tmp_path_factory.mktemp("out") / "directory.pdf"
    write_directory_pdf(report, path)
    # Arabic comes back as joined presentation forms: NFKC gives the ordinary letters.
    return [unicodedata.normalize("NFKC", p.extract_text()) for p in PdfReader(path).pages]


def test_names_in_every_script_print(pages: list[str]) -> None:
    text = "\n".join(pages)
    for name in ("Núñez, José", "Иванов, Дмитрий", "Παπαδοπούλου, Ελένη", "李华"):
        assert name in text
    assert "حداد" in text and "ليلى" in text


def test_user_text_is_printed_not_interpreted(pages: list[str]) -> None:
    text = "\n".join(pages)
    assert "Safe Harbor <Shelter> & Co" in text
    assert FORMULA_TEXTS[0] in text.replace("\n", "")


def test_first_page_has_the_title_block_and_organizations_have_details(
    pages: list[str],
) -> None:
    first = pages[0]
    assert "Partner directory" in first
    assert "Riverton Police Department" in first
    assert f"organizations, {BIG + 6} people" in first
    text = "\n".join(pages)
    assert "School · (555) 201-7788 · office@rhs.example.org · 1 School Rd, Riverton, OH" in text
    assert "Principal" in text and "Board member" in text
    assert "People without an organization" in text
    assert "Zeta Library" in text and "No people listed." in text


def test_pages_are_numbered_x_of_y_and_carry_the_running_header(pages: list[str]) -> None:
    total = len(pages)
    assert total >= 4
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
        assert "Generated " in page
    for page in pages[1:]:
        assert page.lstrip().startswith("Riverton Police Department")


def test_a_large_organization_spans_pages_and_its_header_row_repeats(
    pages: list[str],
) -> None:
    with_members = [p for p in pages if "Member" in p and "Volunteer" in p]
    assert len(with_members) >= 3
    for page in with_members:
        assert "Name and role" in page
    found = re.findall(r"Volunteer, Member(\d{3})", "\n".join(pages))
    assert sorted(found) == [f"{n:03d}" for n in range(BIG)]


def test_letter_paper_and_metadata(report: DirectoryReport) -> None:
    buffer = io.BytesIO()
    write_directory_pdf(report, buffer, page_size="Letter")
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert reader.metadata is not None
    assert reader.metadata.title == "Partner directory"
    assert reader.metadata.creator == "Partnership Desk"


def test_an_empty_directory_says_so_and_bad_page_sizes_are_refused(
    report: DirectoryReport, tmp_path: Path
) -> None:
    empty = replace(report, sections=(), unaffiliated=(), filter_description='Search "zzz"')
    path = tmp_path / "empty.pdf"
    write_directory_pdf(empty, path)
    text = PdfReader(path).pages[0].extract_text()
    assert "Nothing matches this filter." in text and 'Search "zzz"' in text
    with pytest.raises(ValueError, match="page size"):
        write_directory_pdf(empty, tmp_path / "x.pdf", page_size="A5")
    assert not (tmp_path / "x.pdf").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["empty.pdf"]  # no partial file left


def test_progress_is_reported_and_raising_cancels(report: DirectoryReport, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_directory_pdf(report, tmp_path / "ok.pdf", progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_directory_pdf(report, tmp_path / "cancelled.pdf", progress=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.pdf"]
