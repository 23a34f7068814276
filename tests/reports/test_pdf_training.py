"""The training PDFs read back with pypdf: sign-in sheet, certificates, compliance report."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Table

from app.models import EnrollmentStatus, RequirementMode
from app.reports.pdf.handout import handout_styles
from app.reports.pdf.signing import SIGN_ROW_HEIGHT
from app.reports.pdf.training import (
    write_certificates,
    write_compliance_pdf,
    write_session_roster,
)
from app.reports.pdf.training_roster import WALK_IN_ROWS, WALK_IN_ROWS_ALONE, roster_story
from app.services.certificates import CertificateStatus, Standing
from app.services.compliance import (
    ComplianceReport,
    HoursReport,
    HoursTarget,
    OrganizationHours,
    PersonHours,
    PersonStanding,
    RequirementCompliance,
    RequirementRow,
)
from app.services.training_documents import (
    Certificate,
    CertificatesDoc,
    ComplianceDoc,
    RosterPerson,
    SessionDetails,
    SessionRosterDoc,
)

AGENCY = "Riverton Police Department"
GENERATED = datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
MARKUP = "Budget <b>not</b> bold & a < b </para>"
PEOPLE = [  # given, family, organization
    ("Ann", "Adams", "Riverton High"),
    ("Zoë", "Núñez", "Safe Harbor <Shelter> & Co"),
    ("Дмитрий", "Иванов", "Городской совет"),
    ("太郎", "山田", "東京商店"),
    ("محمد", "حداد", "Masjid Al-Noor"),
]
S = CertificateStatus


def details(**changes: object) -> SessionDetails:
    session = SessionDetails(
        session_id=12, course="De-escalation Fundamentals", validity_months=24,
        starts_at=datetime(2026, 3, 10, 9, 30).astimezone(), days=1, hours=7.5,
        trainer="Sgt. Maria Lopez", provider="Riverton Behavioral Health",
        location="Training Room 2", capacity=20,
    )
    return replace(session, **changes)  # type: ignore[arg-type]


def person(n: int, status: EnrollmentStatus = EnrollmentStatus.ENROLLED) -> RosterPerson:
    given, family, organization = PEOPLE[n % len(PEOPLE)]
    return RosterPerson(n, f"{given} {family}", f"{family}, {given}", organization, status)


def roster(**changes: object) -> SessionRosterDoc:
    doc = SessionRosterDoc(
        agency_name=AGENCY, generated_at=GENERATED, session=details(),
        people=tuple(person(n) for n in range(len(PEOPLE))),
        waiting=(RosterPerson(90, "Wait First", "First, Wait", "Riverton High",
                              EnrollmentStatus.WAITLISTED),
                 RosterPerson(91, "Wait Second", "Second, Wait", "",
                              EnrollmentStatus.WAITLISTED)),
    )
    return replace(doc, **changes)  # type: ignore[arg-type]


def certificates(**changes: object) -> CertificatesDoc:
    doc = CertificatesDoc(
        agency_name=AGENCY, generated_at=GENERATED, session=details(),
        certificates=tuple(
            Certificate(n, f"{given} {family}", organization, date(2026, 3, 10),
                        6.0 if n == 1 else 7.5, date(2028, 3, 10))
            for n, (given, family, organization) in enumerate(PEOPLE)
        ),
    )
    return replace(doc, **changes)  # type: ignore[arg-type]


def standing(n: int, status: CertificateStatus, name: str = "") -> PersonStanding:
    given, family, organization = PEOPLE[n % len(PEOPLE)]
    completed = None if status is S.NEVER else date(2024, 5, 2)
    expires = None if status is S.NEVER else date(2026, 5, 2)
    return PersonStanding(n, name or f"{given} {family}", organization,
                          Standing(status, completed, expires))


def requirement(n: int, course: str, tag: str, people: list[PersonStanding],
                mode: RequirementMode = RequirementMode.KEEP_CURRENT) -> RequirementCompliance:
    return RequirementCompliance(RequirementRow(n, n, course, tag, mode), tuple(people))


def compliance(**changes: object) -> ComplianceDoc:
    report = ComplianceReport(date(2026, 3, 20), (
        requirement(1, "De-escalation Fundamentals", "officer", [
            standing(1, S.NEVER), standing(2, S.EXPIRED), standing(4, S.EXPIRING),
            standing(0, S.CURRENT), standing(3, S.CURRENT)]),
        requirement(2, MARKUP, "officer", [standing(0, S.CURRENT)]),
        requirement(3, "Youth Mentor Orientation", "youth mentor", [],
                    RequirementMode.COMPLETE_ONCE),
    ))
    hours = HoursReport(
        2026, HoursTarget(40.0, "officer"),
        (PersonHours(1, "Ann Adams", "Riverton High", 12.5, 40.0),
         PersonHours(2, "Zoë Núñez", "Safe Harbor", 44.0, 40.0),
         PersonHours(3, "Дмитрий Иванов", "Городской совет", 0.0, 40.0),
         PersonHours(4, "Bo Kim", "", 8.0, None)),
        (OrganizationHours(1, "Riverton High", 1, 12.5),
         OrganizationHours(2, "Safe Harbor", 1, 44.0)),
    )
    doc = ComplianceDoc(AGENCY, GENERATED, report, hours)
    return replace(doc, **changes)  # type: ignore[arg-type]


def read_pdf(data: bytes) -> tuple[list[str], PdfReader]:
    reader = PdfReader(io.BytesIO(data))
    # Arabic comes back as joined presentation forms: NFKC gives the ordinary letters.
    return [unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages], reader


def written(write: object, doc: object, **options: object) -> tuple[list[str], PdfReader]:
    buffer = io.BytesIO()
    pages = write(doc, buffer, **options)  # type: ignore[operator]
    texts, reader = read_pdf(buffer.getvalue())
    assert pages == len(reader.pages)
    return texts, reader


def flat(text: str) -> str:
    """Text with its line breaks as spaces (where a cell wraps depends on its width)."""
    return " ".join(text.split())


def size_of(reader: PdfReader, page: int = 0) -> tuple[int, int]:
    box = reader.pages[page].mediabox
    return round(float(box.width)), round(float(box.height))


# -- the sign-in sheet ----------------------------------------------------------------


def test_the_sign_in_sheet_heads_with_the_session() -> None:
    pages, reader = written(write_session_roster, roster())
    first = flat(pages[0])
    assert f"{AGENCY} Training sign-in sheet De-escalation Fundamentals Date" in first
    for line in ("Tuesday, 10 March 2026", "Starts 09:30 · 7.5 hours", "Training Room 2",
                 "Sgt. Maria Lopez", "Riverton Behavioral Health",
                 "20 seats · 5 taken · 15 free · 2 on the waiting list"):
        assert line in first
    assert size_of(reader) == (612, 792)  # Letter unless asked
    assert reader.metadata is not None
    assert reader.metadata.title == "Sign-in sheet: De-escalation Fundamentals, 10 Mar 2026"
    assert reader.metadata.author == AGENCY


def test_the_sign_in_sheet_lists_people_then_the_waiting_list_then_walk_ins() -> None:
    pages, _ = written(write_session_roster, roster())
    text = flat("\n".join(pages))
    assert "# Name Organization Status Signature 1 Adams, Ann Riverton High Enrolled" in text
    for name in ("Núñez, Zoë", "Иванов, Дмитрий", "山田, 太郎", "Городской совет", "東京商店"):
        assert name in text
    assert "حداد" in text and "محمد" in text
    assert "Safe Harbor <Shelter> & Co" in text  # markup printed as typed
    headings = ["Please sign beside your name", "Adams, Ann", "Waiting list (2)",
                "First, Wait", "Second, Wait", "Walk-ins # Name (please print)",
                "Attendance confirmed by the trainer", "Trainer: Sgt. Maria Lopez"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    blank = " ".join(str(n) for n in range(1, WALK_IN_ROWS + 1))
    assert f"E-mail or phone Signature {blank} Attendance" in text


def test_signing_rows_are_pen_sized_and_headers_repeat() -> None:
    width = 180 * mm
    story = roster_story(roster(), handout_styles(), width)
    tables = [f for f in story if isinstance(f, Table) and f.repeatRows == 1]
    people, waiting, walk_ins = tables
    for table, rows in ((people, len(PEOPLE)), (waiting, 2), (walk_ins, WALK_IN_ROWS)):
        table.wrap(width, 1000 * mm)
        heights = table._rowHeights[1:]
        assert len(heights) == rows
        assert min(heights) >= 9 * mm and 9 * mm <= SIGN_ROW_HEIGHT


def test_a_long_sheet_repeats_its_header_on_every_page() -> None:
    crowd = tuple(RosterPerson(n, f"Person Number{n:02d}", f"Number{n:02d}, Person",
                               "Riverton High", EnrollmentStatus.ENROLLED) for n in range(60))
    pages, _ = written(write_session_roster, roster(people=crowd), page_size="A4")
    assert len(pages) >= 3
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
        assert "Name" in page and "Signature" in page
    for page in pages[1:]:
        assert page.startswith(AGENCY)
        assert "Sign-in sheet: De-escalation Fundamentals, 10 Mar 2026" in page
    text = "\n".join(pages)
    assert all(f"Number{n:02d}, Person" in text for n in range(60))


def test_markup_in_the_course_and_details_is_printed_literally() -> None:
    doc = roster(session=details(course=MARKUP, location="Room <1> & 2", trainer="",
                                 provider="", capacity=None, days=3, hours=24.0))
    pages, reader = written(write_session_roster, doc)
    text = flat("\n".join(pages))
    assert MARKUP in text and "Room <1> & 2" in text
    assert "Tuesday, 10 March – Thursday, 12 March 2026" in text
    assert "Starts 09:30 · 24 hours over 3 days" in text
    assert "No limit · 5 enrolled · 2 on the waiting list" in text
    assert "Trainer — Time" in text and "Provider — Location" in text
    assert "Trainer: " not in text  # the confirmation line names nobody
    assert reader.metadata is not None and MARKUP in reader.metadata.title


def test_nobody_enrolled_and_nobody_waiting() -> None:
    pages, _ = written(write_session_roster, roster(people=(), waiting=()))
    text = flat("\n".join(pages))
    assert "No one is enrolled yet: please sign in under Walk-ins." in text
    assert "Please sign beside your name" not in text and "Waiting list" not in text
    assert " ".join(str(n) for n in range(1, WALK_IN_ROWS_ALONE + 1)) in text
    assert "No limit" not in text and "20 seats · 0 taken · 20 free" in text


# -- certificates -------------------------------------------------------------------


def test_one_landscape_certificate_per_person() -> None:
    doc = certificates()
    pages, reader = written(write_certificates, doc)
    assert len(pages) == len(doc.certificates) == len(PEOPLE)
    assert size_of(reader) == (792, 612)
    names = ["Ann Adams", "Zoë Núñez", "Дмитрий Иванов", "太郎 山田"]
    for page, name in zip(pages, names, strict=False):
        assert name in page
        assert sum(other in page for other in names) == 1  # one person per page
    assert "حداد" in pages[4] and "محمد" in pages[4]
    for number, page in enumerate(pages):
        for line in (AGENCY, "Certificate of Completion", "This certifies that",
                     "has completed the course", "De-escalation Fundamentals",
                     "on 10 March 2026", "Valid through 9 March 2028",
                     "Riverton Behavioral Health", "Provider", "Sgt. Maria Lopez", "Trainer",
                     f"Certificate 12-{number}"):
            assert line in page, (number, line)
        assert "Page " not in page  # no page numbers on a certificate
    assert "7.5 hours credited" in pages[0] and "6 hours credited" in pages[1]
    assert "Safe Harbor <Shelter> & Co" in pages[1]
    assert reader.metadata is not None
    assert reader.metadata.title == "Certificates: De-escalation Fundamentals, 10 Mar 2026"


def test_certificates_of_a_one_time_course_with_markup_on_a4() -> None:
    one = Certificate(7, MARKUP, "", date(2026, 3, 11), 1.0, None)
    doc = certificates(session=details(course=MARKUP, provider=""), certificates=(one,))
    pages, reader = written(write_certificates, doc, page_size="A4")
    (page,) = pages
    assert size_of(reader) == (842, 595)
    assert page.count(MARKUP) == 2  # the person's name and the course, as typed
    assert "This certificate does not expire" in page and "Valid through" not in page
    assert "1 hour credited" in page
    assert f"{AGENCY} Issued by" in flat(page)  # no provider: the agency issues it
    assert "Provider" not in page


def test_a_very_long_name_still_fits_one_page() -> None:
    long_name = "Alexandria " + "Konstantinopoulou-" * 6 + "Vanderbilt"
    doc = certificates(certificates=(Certificate(1, long_name, "", date(2026, 3, 10), 8.0,
                                                 None),))
    pages, _ = written(write_certificates, doc)
    assert len(pages) == 1
    assert "Vanderbilt" in pages[0] and "Trainer" in pages[0]


def test_no_completers_no_certificates(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Nobody has completed"):
        write_certificates(certificates(certificates=()), tmp_path / "none.pdf")
    with pytest.raises(ValueError, match="page size"):
        write_certificates(certificates(), tmp_path / "a5.pdf", page_size="A5")
    assert list(tmp_path.iterdir()) == []


def test_written_to_paths_with_progress_and_cancelling_leaves_no_file(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    path = tmp_path / "certificates.pdf"
    pages = write_certificates(certificates(), path, progress=lambda d, t: seen.append((d, t)))
    assert pages == len(PdfReader(path).pages) == len(seen) == len(PEOPLE)
    assert seen[-1] == (len(PEOPLE), len(PEOPLE))

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    for write, doc in ((write_certificates, certificates()), (write_session_roster, roster()),
                       (write_compliance_pdf, compliance())):
        with pytest.raises(KeyboardInterrupt):
            write(doc, tmp_path / "cancelled.pdf", progress=cancel)  # type: ignore[operator]
    assert [p.name for p in tmp_path.iterdir()] == ["certificates.pdf"]


# -- the compliance report -----------------------------------------------------------


def test_the_summary_per_requirement() -> None:
    pages, reader = written(write_compliance_pdf, compliance())
    first = flat(pages[0])
    assert (f"{AGENCY} Training compliance As of Friday, 20 March 2026 · 3 requirements · "
            "training hours of 2026 Summary") in first
    summary = first.split("Summary", 1)[1].split("Compliant:", 1)[0]
    assert "Requirement People Current Expiring Expired Never Compliant" in summary
    assert "De-escalation Fundamentals Tagged “officer” · keep current 5 2 1 1 1 60%" in summary
    assert f"{MARKUP} Tagged “officer” · keep current 1 1 0 0 0 100%" in summary
    assert summary.endswith("Youth Mentor Orientation Tagged “youth mentor” · complete once "
                            "0 0 0 0 0 — ")  # a dash for nobody, never 0%
    assert reader.metadata is not None
    assert reader.metadata.title == "Training compliance, 20 Mar 2026"


def test_the_people_not_compliant_with_each_requirement() -> None:
    pages, _ = written(write_compliance_pdf, compliance())
    text = flat("\n".join(pages))
    section = text.split("Compliant: holds", 1)[1].split(f"{MARKUP} — tagged", 1)[0]
    assert section.split("not compliant (60% compliant)")[0].endswith(
        "De-escalation Fundamentals — tagged “officer” 2 of 5 people ")
    assert ("De-escalation Fundamentals — tagged “officer”: not compliant "
            "Name Organization Status Completed Expires "
            "Zoë Núñez Safe Harbor <Shelter> & Co Never completed "
            "Дмитрий Иванов Городской совет Expired 2 May 2024 2 May 2026") in section
    assert "Ann Adams" not in section and "山田" not in section  # current: left out
    assert "محمد" not in section  # expiring is still compliant
    assert "Everyone it applies to is compliant." in text
    assert "Nobody is tagged “youth mentor”: this requirement applies to no one yet." in text


def test_everyone_lists_the_compliant_people_too() -> None:
    pages, _ = written(write_compliance_pdf, compliance(), everyone=True)
    text = flat("\n".join(pages))
    section = text.split("De-escalation Fundamentals — tagged “officer”: everyone", 1)[1]
    for name in ("Ann Adams", "Zoë Núñez", "Дмитрий Иванов", "山田", "Expiring soon",
                 "Current"):
        assert name in section


def test_people_below_the_hours_target() -> None:
    pages, _ = written(write_compliance_pdf, compliance())
    text = flat("\n".join(pages))
    hours = text.split("Training hours 2026: below the target", 1)[1]
    assert hours.startswith(" Target: 40 hours in 2026 for everyone tagged “officer”. 1 of 3 "
                            "people reached it. Below the target of 40 hours in 2026 "
                            "Name Organization Hours Short by "
                            "Ann Adams Riverton High 12.5 27.5 "
                            "Дмитрий Иванов Городской совет 0 40 ")
    assert "Zoë Núñez" not in hours.split("Hours by organization")[0]  # reached it
    assert "Bo Kim" not in hours  # not tagged: no target
    assert ("Hours by organization, 2026 Organization People trained Hours "
            "Riverton High 1 12.5 Safe Harbor 1 44") in hours


def test_a_long_list_says_what_it_lists_on_every_page() -> None:
    crowd = [standing(n, S.NEVER, f"Person Number{n:03d}") for n in range(150)]
    doc = compliance(compliance=ComplianceReport(date(2026, 3, 20), (
        requirement(1, "De-escalation Fundamentals", "officer", crowd),)))
    pages, _ = written(write_compliance_pdf, doc, page_size="A4")
    listing = [p for p in pages if "Person Number" in p]
    assert len(listing) >= 3
    for page in listing:
        assert ("De-escalation Fundamentals — tagged “officer”: not compliant Name Organization"
                in flat(page))
    text = "\n".join(pages)
    assert all(f"Person Number{n:03d}" in text for n in range(150))


def test_no_requirements_and_nobody_with_the_target_tag() -> None:
    empty = compliance(
        compliance=ComplianceReport(date(2026, 3, 20), ()),
        hours=HoursReport(2026, HoursTarget(40.0, "officer"), (), ()),
        agency_name="",
    )
    pages, _ = written(write_compliance_pdf, empty)
    text = flat("\n".join(pages))
    assert "12:00 Training compliance As of" in text  # no agency line
    assert "No training requirements are defined yet." in text
    assert "Nobody is tagged “officer”." in text


@pytest.mark.parametrize(("compliant", "people", "shown"), [
    (0, 0, "—"), (0, 1, "0%"), (1, 250, "<1%"), (1, 2, "50%"), (199, 200, "99%"),
    (1, 3, "33%"), (2, 3, "66%"), (29, 100, "29%"), (1, 1, "100%"),
])
def test_shares_never_round_up_to_a_full_hundred(compliant: int, people: int,
                                                 shown: str) -> None:
    """The one rule the page, the PDF and the workbook show (rounded down)."""
    from app.models import RequirementMode
    from app.services.certificates import CertificateStatus, Standing
    from app.services.compliance import PersonStanding, RequirementCompliance, RequirementRow

    def person(n: int) -> PersonStanding:
        status = CertificateStatus.CURRENT if n < compliant else CertificateStatus.NEVER
        return PersonStanding(n, "", "", Standing(status, None, None))

    requirement = RequirementRow(1, 1, "Course", "officer", RequirementMode.KEEP_CURRENT)
    item = RequirementCompliance(requirement, tuple(person(n) for n in range(people)))
    assert item.percent_text == shown
