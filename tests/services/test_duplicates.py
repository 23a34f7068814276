"""Duplicate rules for people and organizations, each rule on its own, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.models import Affiliation, Organization, OrganizationKind, Person, utcnow
from app.models.database import Database
from app.services.duplicate_index import PersonIndex, person_entry
from app.services.duplicate_keys import phone_key, similar_names, website_host, words
from app.services.duplicates import (
    MatchStrength,
    OrganizationCandidate,
    PersonCandidate,
    find_duplicate_pairs,
    find_organization_duplicates,
    find_person_duplicates,
)
from app.services.workspace import Workspace


@pytest.fixture
def ws(any_db: Database) -> Iterator[Workspace]:
    yield Workspace(any_db, user_name="tester")


def add_org(ws: Workspace, name: str, **fields: str) -> int:
    with ws.write() as action:
        org = Organization(name=name, kind=OrganizationKind.NONPROFIT, **fields)
        action.session.add(org)
        action.session.flush()
        return org.id


def add_person(ws: Workspace, first: str, last: str, *, org_id: int | None = None,
               archived: bool = False, **fields: str) -> int:
    with ws.write() as action:
        person = Person(first_name=first, last_name=last, **fields)
        if archived:
            person.archived_at = utcnow()
        action.session.add(person)
        action.session.flush()
        if org_id is not None:
            action.session.add(Affiliation(person_id=person.id, organization_id=org_id))
        return person.id


def reasons(matches: list) -> dict[int, str]:
    return {m.id: m.reason for m in matches}


# --- the keys behind the rules ---------------------------------------------------------


def test_phone_keys_compare_the_last_ten_digits_of_seven_or_more() -> None:
    assert phone_key("(555) 201-7788") == phone_key("+1 555 201 7788") == "5552017788"
    assert phone_key("555.201.7788 ") == "5552017788"
    assert phone_key("201-77") == ""  # six digits: too short to say anything
    assert phone_key("") == ""


def test_names_fold_case_accents_punctuation_and_spaces() -> None:
    assert words("  José   Núñez ") == words("jose nunez") == "jose nunez"
    assert words("O'Brien-Smith") == "obrien smith"
    assert words("Łukasz Æsir") == "lukasz aesir"


def test_similar_names() -> None:
    assert similar_names("j", "smith", "john", "smith")  # an initial
    assert similar_names("jon", "smith", "john", "smith")
    assert similar_names("john", "smyth", "john", "smith")
    assert not similar_names("aisha", "abdullah", "maria", "abdullah")
    assert not similar_names("jane", "smith", "john", "smith")


def test_web_site_hosts() -> None:
    assert website_host("https://www.Harbor-Food.org/about") == "harbor-food.org"
    assert website_host("harbor-food.org") == "harbor-food.org"
    assert website_host("not a site") == ""


def test_index_rules_without_a_database() -> None:
    index = PersonIndex({"acme": "Acme"})
    index.add(person_entry(1, "Ann", "Lee", emails=["Ann@X.org"], organizations=["ACME"]))
    assert [h.reason for h in index.matches(person_entry(0, "", "", emails=["ann@x.ORG"]))] == [
        "same e-mail ann@x.org"
    ]
    similar = index.matches(person_entry(0, "A.", "Lee", organizations=["Acme"]))
    assert [(h.other.ref, h.reason, h.strength) for h in similar] == [
        (1, "similar name at Acme", MatchStrength.POSSIBLE)
    ]


# --- people, through the service --------------------------------------------------------


def test_same_email_ignoring_case(ws: Workspace) -> None:
    ann = add_person(ws, "Ann", "Lee", email="Ann.Lee@Harbor.org")
    candidate = PersonCandidate("Annie", "Leigh", email="ann.lee@HARBOR.org")
    found = find_person_duplicates(ws, candidate)
    assert reasons(found) == {ann: "same e-mail ann.lee@harbor.org"}
    assert found[0].strength is MatchStrength.CERTAIN and found[0].name == "Ann Lee"


@pytest.mark.parametrize("typed", ["555 201 7788", "+1 (555) 201-7788", "555.201.7788"])
def test_same_phone_digits_in_any_format(ws: Workspace, typed: str) -> None:
    ann = add_person(ws, "Ann", "Lee", mobile="(555) 201-7788")
    found = find_person_duplicates(ws, PersonCandidate("Ann", "Lee", phone=typed))
    assert reasons(found) == {ann: "same phone number (555) 201-7788"}
    assert found[0].strength is MatchStrength.LIKELY


def test_a_shared_number_with_another_name_is_only_possible(ws: Workspace) -> None:
    add_person(ws, "Ann", "Lee", phone="555-201-7700")
    found = find_person_duplicates(ws, PersonCandidate("Bob", "Okafor", phone="5552017700"))
    assert [m.strength for m in found] == [MatchStrength.POSSIBLE]


def test_short_numbers_never_match(ws: Workspace) -> None:
    add_person(ws, "Ann", "Lee", phone="201-77")
    assert find_person_duplicates(ws, PersonCandidate("Bob", "Roe", phone="20177")) == []


def test_names_equal_after_folding_accents_and_case(ws: Workspace) -> None:
    jose = add_person(ws, "José", "Núñez")
    found = find_person_duplicates(ws, PersonCandidate("jose", "NUNEZ"))
    assert reasons(found) == {jose: "same name"}


def test_first_and_last_swapped(ws: Workspace) -> None:
    jose = add_person(ws, "José", "Núñez")
    found = find_person_duplicates(ws, PersonCandidate("Nunez", "Jose"))
    assert reasons(found) == {jose: "same name, first and last swapped"}


def test_similar_names_only_at_the_same_organization(ws: Workspace) -> None:
    harbor = add_org(ws, "Harbor Youth Center")
    other = add_org(ws, "Eastside Church")
    jon = add_person(ws, "Jon", "Smith", org_id=harbor)
    add_person(ws, "Jon", "Smith-Jones", org_id=other)
    found = find_person_duplicates(
        ws, PersonCandidate("John", "Smith", organization_ids=(harbor,))
    )
    assert reasons(found) == {jon: "similar name at Harbor Youth Center"}
    assert find_person_duplicates(ws, PersonCandidate("John", "Smith")) == []
    by_name = find_person_duplicates(
        ws, PersonCandidate("J.", "Smith", organization_names=("harbor youth center",))
    )
    assert reasons(by_name) == {jon: "similar name at Harbor Youth Center"}


def test_the_record_being_edited_is_left_out(ws: Workspace) -> None:
    ann = add_person(ws, "Ann", "Lee", email="ann@harbor.org")
    assert find_person_duplicates(ws, PersonCandidate("Ann", "Lee", "ann@harbor.org"),
                                  exclude_id=ann) == []


def test_archived_people_are_found_and_marked(ws: Workspace) -> None:
    ann = add_person(ws, "Ann", "Lee", email="ann@harbor.org", archived=True)
    (match,) = find_person_duplicates(ws, PersonCandidate("A", "L", email="ann@harbor.org"))
    assert (match.id, match.archived) == (ann, True)


def test_strongest_reason_first(ws: Workspace) -> None:
    by_phone = add_person(ws, "Ann", "Lee", phone="555-201-7788")
    by_email = add_person(ws, "Annabel", "Lee", email="ann@harbor.org")
    found = find_person_duplicates(
        ws, PersonCandidate("Ann", "Lee", email="ann@harbor.org", phone="5552017788")
    )
    assert [m.id for m in found] == [by_email, by_phone]


# --- organizations ----------------------------------------------------------------------


def test_organization_rules(ws: Workspace) -> None:
    harbor = add_org(ws, "Harbor Food Bank", website="https://www.harborfood.org",
                     phone="(555) 404-1000", email="info@harborfood.org")
    assert reasons(find_organization_duplicates(ws, OrganizationCandidate("harbor  FOOD bank"))) \
        == {harbor: "same name"}
    assert reasons(find_organization_duplicates(
        ws, OrganizationCandidate("HFB", website="harborfood.org/donate"))) == {
        harbor: "same web site harborfood.org"}
    assert reasons(find_organization_duplicates(
        ws, OrganizationCandidate("Food pantry", phone="555 404 1000"))) == {
        harbor: "same phone number (555) 404-1000"}
    assert reasons(find_organization_duplicates(
        ws, OrganizationCandidate("Harbor Food Bank Inc", email="director@harborfood.org"))) == {
        harbor: "similar name, same domain harborfood.org"}
    assert find_organization_duplicates(
        ws, OrganizationCandidate("Eastside Church", email="office@gmail.com")) == []


def test_public_mail_domains_prove_nothing(ws: Workspace) -> None:
    add_org(ws, "Harbor Food Bank", email="harborfood@gmail.com")
    found = find_organization_duplicates(
        ws, OrganizationCandidate("Harbor Food Pantry", email="pantry@gmail.com")
    )
    assert found == []


# --- pairs across the directory ---------------------------------------------------------


def test_duplicate_pairs_of_people(ws: Workspace) -> None:
    harbor = add_org(ws, "Harbor Youth Center")
    a = add_person(ws, "Ann", "Lee", email="ann@harbor.org")
    b = add_person(ws, "Annie", "Lee", email="ANN@harbor.org")
    c = add_person(ws, "José", "Núñez")
    d = add_person(ws, "Nunez", "Jose")
    e = add_person(ws, "Jon", "Smith", org_id=harbor)
    f = add_person(ws, "John", "Smith", org_id=harbor)
    add_person(ws, "Ann", "Lee", email="ann@harbor.org", archived=True)  # left out
    pairs = find_duplicate_pairs(ws, "people")
    assert [(p.first_id, p.second_id, p.reason) for p in pairs] == [
        (a, b, "same e-mail ann@harbor.org"),
        (c, d, "same name, first and last swapped"),
        (e, f, "similar name at Harbor Youth Center"),
    ]
    assert [p.strength for p in pairs] == [
        MatchStrength.CERTAIN, MatchStrength.LIKELY, MatchStrength.POSSIBLE
    ]
    assert len(find_duplicate_pairs(ws, "people", limit=1)) == 1


def test_duplicate_pairs_of_organizations(ws: Workspace) -> None:
    a = add_org(ws, "Harbor Food Bank")
    b = add_org(ws, "HARBOR FOOD BANK")
    add_org(ws, "Eastside Church")
    pairs = find_duplicate_pairs(ws, "organizations")
    assert [(p.first_id, p.second_id, p.first_name, p.reason) for p in pairs] == [
        (a, b, "Harbor Food Bank", "same name")
    ]
