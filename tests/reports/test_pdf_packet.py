"""The meeting packet PDF read back with pypdf: sections, every script, escaping, paper."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.platypus import Table

from app.models import ActionStatus, AttendanceStatus, Direction, MeetingStatus
from app.reports.pdf.packet import PacketParts, write_meeting_packet
from app.reports.pdf.packet_format import packet_styles
from app.reports.pdf.packet_sheets import WALK_IN_ROWS, sign_in_sheet
from app.services.action_items import OpenAction
from app.services.goal_status import GoalStatus
from app.services.meeting_packet import (
    MeetingAction,
    MeetingPacket,
    PacketAction,
    PacketAgendaItem,
    PacketGoal,
    PacketInitiative,
    PacketInvitee,
    PreviousMeeting,
)

AS_OF = date(2026, 3, 20)
START = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
MARKUP = "Budget <b>not</b> bold & a < b </para>"
PEOPLE = [  # (given, family, organization, attendance)
    ("Ann", "Adams", "Riverton High", AttendanceStatus.PRESENT),
    ("Zoë", "Núñez", "Safe Harbor <Shelter> & Co", AttendanceStatus.PRESENT),
    ("Дмитрий", "Иванов", "Городской совет", AttendanceStatus.EXCUSED),
    ("太郎", "山田", "東京商店", AttendanceStatus.ABSENT),
    ("محمد", "حداد", "Masjid Al-Noor", AttendanceStatus.INVITED),
]


def invitee(n: int, given: str, family: str, org: str, status: AttendanceStatus) -> PacketInvitee:
    return PacketInvitee(n, f"{given} {family}", f"{family}, {given}", org, status)


def open_action(n: int, text: str, owner: str, due: date | None, carried: bool,
                raised: date | None = None) -> PacketAction:
    overdue = max((AS_OF - due).days, 0) if due else 0
    item = OpenAction(n, text, owner, "Safe Harbor", due, overdue, 1 if carried else 2)
    return PacketAction(item, carried, raised)


def sample_packet(**changes: object) -> MeetingPacket:
    agenda = []
    clock = START
    for n, (title, who, minutes) in enumerate(
        [("Welcome and introductions", "Zoë Núñez", 10), (MARKUP, "Sgt. Lee", 25),
         ("Youth mentorship update", "Дмитрий Иванов", 15), ("Any other business", "", 10)],
        start=1,
    ):
        agenda.append(PacketAgendaItem(n, title, who, minutes, clock, ""))
        clock += timedelta(minutes=minutes)
    goals = (
        PacketGoal("Burglaries per month", "incidents", 40, 20, Direction.DECREASE, 24,
                   date(2026, 2, 28), GoalStatus.CLOSE),
        PacketGoal("Block captains", "", 5, 12, Direction.INCREASE, 12, date(2026, 2, 1),
                   GoalStatus.ON_TARGET),
        PacketGoal("Survey satisfaction", "%", None, 80, Direction.INCREASE, None, None,
                   GoalStatus.PENDING),
    )
    packet = MeetingPacket(
        meeting_id=7, agency_name="Riverton Police Department",
        generated_at=datetime(2026, 3, 9, 12, 0, tzinfo=UTC), as_of=AS_OF,
        title="Riverside council", starts_at=START, ends_at=START + timedelta(minutes=90),
        location="Library, room 2", status=MeetingStatus.SCHEDULED,
        series_title="Monthly council", initiative=PacketInitiative("Riverside Watch", goals),
        agenda=tuple(agenda),
        invitees=tuple(invitee(n, *p) for n, p in enumerate(PEOPLE, start=1)),
        previous=PreviousMeeting(3, "February council", START - timedelta(days=28),
                                 "Opened at 18:00.\nPatrol report given.\n\nClosed at 19:20.",
                                 "Buy two cameras"),
        open_actions=(
            open_action(1, "Order cameras", "Дмитрий Иванов", date(2026, 3, 8), True,
                        date(2026, 2, 10)),
            open_action(2, "Map hot spots", "Zoë Núñez", date(2026, 4, 1), True),
            open_action(3, "Book the hall", "Ann Adams", None, False, date(2026, 3, 10)),
        ),
        minutes="Budget agreed.\nCameras ordered.", decisions="Meet monthly",
        walk_in_count=3,
        actions_raised=(
            MeetingAction("Book the hall", "Ann Adams", "", None, ActionStatus.OPEN, None, 0),
            MeetingAction("Thank volunteers", "Zoë Núñez", "Safe Harbor", None,
                          ActionStatus.DONE, date(2026, 3, 12), 0),
        ),
    )
    return replace(packet, **changes)  # type: ignore[arg-type]


def read(packet: MeetingPacket, **options: object) -> tuple[list[str], PdfReader]:
    buffer = io.BytesIO()
    pages = write_meeting_packet(packet, buffer, **options)  # type: ignore[arg-type]
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    assert pages == len(reader.pages)
    # Arabic comes back as joined presentation forms: NFKC gives the ordinary letters.
    return [unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages], reader


@pytest.fixture(scope="module")
def packet_pages() -> list[str]:
    return read(sample_packet())[0]


def test_the_sections_come_in_order(packet_pages: list[str]) -> None:
    text = "\n".join(packet_pages[1:])
    headings = ["Agenda", "Invitees", "Sign-in sheet", "Walk-ins",
                "Minutes of the previous meeting", "Open action items", "Initiative status"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)


def test_the_cover_page_stands_alone(packet_pages: list[str]) -> None:
    cover = packet_pages[0]
    for line in ("Riverton Police Department", "Meeting packet", "Riverside council",
                 "Tuesday, 10 March 2026", "Library, room 2", "Riverside Watch",
                 "In this packet", "Initiative status"):
        assert line in cover
    assert "Welcome and introductions" not in cover


def test_agenda_has_running_start_times_presenters_and_minutes(packet_pages: list[str]) -> None:
    text = "\n".join(packet_pages)
    assert "1\n18:00\nWelcome and introductions\nZoë Núñez\n10" in text
    assert "2\n18:10\n" + MARKUP + "\nSgt. Lee\n25" in text
    assert "3\n18:35\nYouth mentorship update\nДмитрий Иванов\n15" in text
    assert "4\n18:50\nAny other business\n10" in text  # no presenter
    assert "60 minutes in all; the agenda ends at 19:00 (scheduled end 19:30)." in text


def test_an_agenda_longer_than_the_meeting_says_so() -> None:
    packet = sample_packet()
    long = replace(packet, ends_at=packet.starts_at + timedelta(minutes=45))
    text = "\n".join(read(long)[0])
    assert "the agenda ends at 19:00, 15 minutes after the scheduled end (18:45)." in text


def test_names_in_every_script_and_their_organizations(packet_pages: list[str]) -> None:
    text = "\n".join(packet_pages)
    for name in ("Núñez, Zoë", "Иванов, Дмитрий", "山田, 太郎", "Городской совет", "東京商店"):
        assert name in text
    assert "حداد" in text and "محمد" in text


def test_user_markup_is_printed_literally(packet_pages: list[str]) -> None:
    text = "\n".join(packet_pages)
    assert MARKUP in text
    assert "Safe Harbor <Shelter> & Co" in text


def test_previous_minutes_keep_their_line_breaks(packet_pages: list[str]) -> None:
    text = "\n".join(packet_pages)
    assert "Opened at 18:00.\nPatrol report given." in text
    assert "Closed at 19:20." in text and "Buy two cameras" in text
    assert "February council" in text


def test_overdue_items_and_goal_statuses(packet_pages: list[str]) -> None:
    text = "\n".join(packet_pages)
    assert "Overdue 12 days" in text
    assert "Due in 12 days" in text and "No due date" in text
    assert "Carried from the meeting of 10 Feb 2026" in text
    assert "Raised at this meeting" in text
    for status in ("Close to target", "On target", "Pending (no data)"):
        assert status in text
    assert "Burglaries per month" in text and "24" in text


def test_pages_are_numbered_and_carry_the_running_header(packet_pages: list[str]) -> None:
    total = len(packet_pages)
    for number, page in enumerate(packet_pages, start=1):
        assert f"Page {number} of {total}" in page
    for page in packet_pages[1:]:
        assert page.lstrip().startswith("Riverton Police Department")
        assert "Meeting packet: Riverside council, 10 Mar 2026" in page


def test_the_sign_in_sheet_is_on_pages_of_its_own(packet_pages: list[str]) -> None:
    sheet = [p for p in packet_pages if "Please sign beside your name" in p]
    assert len(sheet) == 1
    page = sheet[0]
    assert "Agenda" not in page.split("Sign-in sheet")[-1]
    assert "Minutes of the previous meeting" not in page
    assert "Name (please print)" in page and "Signature" in page


def test_letter_and_a4_paper() -> None:
    for size, expected in (("Letter", (612, 792)), ("A4", (595, 842))):
        _, reader = read(sample_packet(), page_size=size)
        for page in reader.pages:
            box = page.mediabox
            assert (round(float(box.width)), round(float(box.height))) == expected
    _, reader = read(sample_packet())
    assert round(float(reader.pages[0].mediabox.height)) == 792  # Letter unless asked
    with pytest.raises(ValueError, match="page size"):
        read(sample_packet(), page_size="A5")


def test_sign_in_sheet_alone_has_tall_rows_and_blank_walk_in_rows() -> None:
    pages, reader = read(sample_packet(), parts=PacketParts.SIGN_IN_SHEET)
    text = "\n".join(pages)
    assert len(pages) == 1
    assert "Riverton Police Department\nSign-in sheet: Riverside council\n" in text
    assert "Tuesday, 10 March 2026 · 18:00 – 19:30 · Library, room 2" in text
    assert "Name\nOrganization\nSignature\n1\nAdams, Ann\nRiverton High\n2\nNúñez, Zoë" in text
    blank_rows = "\n".join(str(n) for n in range(1, WALK_IN_ROWS + 1))
    assert f"Walk-ins\n #\nName (please print)\nOrganization\nE-mail or phone\nSignature\n" \
           f"{blank_rows}\nPage 1 of 1" in text
    assert WALK_IN_ROWS >= 8
    assert "Agenda" not in text and "Open action items" not in text
    assert reader.metadata is not None and reader.metadata.title.startswith("Sign-in sheet")
    width = 180 * mm
    styles = packet_styles()
    tables = [f for f in sign_in_sheet(sample_packet(), styles, width) if isinstance(f, Table)]
    invited, walk_ins = tables
    for table, rows in ((invited, len(PEOPLE)), (walk_ins, WALK_IN_ROWS)):
        table.wrap(width, 1000 * mm)
        heights = table._rowHeights[1:]
        assert len(heights) == rows >= 5
        assert min(heights) >= 9 * mm
        assert table.repeatRows == 1


def test_a_long_sign_in_sheet_repeats_its_header_on_every_page() -> None:
    crowd = tuple(invitee(n, "Person", f"Number{n:02d}", "Riverton High",
                          AttendanceStatus.INVITED) for n in range(60))
    pages, _ = read(sample_packet(invitees=crowd), parts=PacketParts.SIGN_IN_SHEET)
    assert len(pages) >= 3
    for page in pages:
        assert "Name" in page and "Signature" in page
    text = "\n".join(pages)
    assert all(f"Number{n:02d}, Person" in text for n in range(60))


def test_minutes_alone() -> None:
    pages, _ = read(sample_packet(), parts=PacketParts.MINUTES)
    text = "\n".join(pages)
    assert "Riverton Police Department\nMinutes: Riverside council\n" in pages[0]
    assert "Present (2): Ann Adams, Zoë Núñez" in text
    assert "Excused (1): Дмитрий Иванов" in text and "Absent (1): 太郎 山田" in text
    assert "Walk-ins: 3" in text and "5 people attended (2 invitees and 3 walk-ins)" in text
    assert "Budget agreed.\nCameras ordered." in text and "Meet monthly" in text
    assert "Book the hall" in text and "Done 12 Mar 2026" in text
    assert "Sign-in sheet" not in text and "February council" not in text


def test_an_empty_meeting_still_makes_a_sensible_packet() -> None:
    empty = sample_packet(agenda=(), invitees=(), previous=None, open_actions=(),
                          initiative=PacketInitiative("Riverside Watch", ()), minutes="",
                          decisions="", walk_in_count=0, actions_raised=(), location="",
                          agency_name="")
    pages, _ = read(empty)
    text = "\n".join(pages)
    for line in ("No agenda items yet.", "No one has been invited yet.",
                 "No earlier meeting in this series.", "No open action items.",
                 "No goals defined yet.", "To be announced", "Walk-ins"):
        assert line in text
    assert f"Page 1 of {len(pages)}" in pages[0]
    sheet, _ = read(empty, parts=PacketParts.SIGN_IN_SHEET)
    assert "No one has been invited yet: please sign in below." in sheet[0]
    assert "Please sign beside your name" not in sheet[0]
    assert f"Signature\n{chr(10).join(str(n) for n in range(1, 19))}\nPage 1 of 1" in sheet[0]
    minutes, _ = read(empty, parts=PacketParts.MINUTES)
    text = "\n".join(minutes)
    assert "No minutes were recorded." in text
    assert "No action items were raised at this meeting." in text
    assert "0 people attended" in text


def test_without_an_initiative_its_section_is_left_out() -> None:
    pages, _ = read(sample_packet(initiative=None, status=MeetingStatus.CANCELLED))
    text = "\n".join(pages)
    assert "Initiative status" not in text and "Riverside Watch" not in text
    assert "This meeting is cancelled." in pages[0]


def test_written_to_a_path_and_cancelling_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "packet.pdf"
    seen: list[tuple[int, int]] = []
    pages = write_meeting_packet(sample_packet(), path, progress=lambda d, t: seen.append((d, t)))
    assert len(PdfReader(path).pages) == pages and seen[-1][0] == seen[-1][1]

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_meeting_packet(sample_packet(), tmp_path / "cancelled.pdf", progress=cancel)
    assert [p.name for p in tmp_path.iterdir()] == ["packet.pdf"]
