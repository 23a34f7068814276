"""One raw row or card checked and tidied into a contact, or refused with a reason.

Names: a lone full name is split ("Doe, John" or "John Doe"); a given-name cell holding
a whole name with no family name is split too. A row naming an organization but no
person imports that organization (with its e-mail, phone and web address); one with only
an e-mail address is a person named after it. The first valid e-mail is the primary
one; other valid addresses and phone numbers, and values that are not valid e-mail
addresses, phone numbers or web addresses, are kept in the notes (with a warning)
rather than lost. Birthdays are not imported, so invalid dates do not matter.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from app.models import fold
from app.models.directory import person_name
from app.services.contacts import fields as f
from app.services.contacts.fields import RawContact
from app.services.fields import is_email, is_phone, normalize_website

LIMITS = {f.FIRST_NAME: 100, f.LAST_NAME: 100, f.ORGANIZATION: 200}
TITLE_MAX = 150
EMAIL_MAX = 254
PHONE_MAX = 40
WEBSITE_MAX = 300
ADDRESS_MAX = {f.STREET: 200, f.CITY: 100, f.REGION: 100, f.POSTAL_CODE: 20}
NOTES_MAX = 100_000
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "rev", "fr"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ANGLE_ADDRESS = re.compile(r"<([^<>@\s]+@[^<>\s]+)>")


class ContactKind(enum.Enum):
    PERSON = "person"
    ORGANIZATION = "organization"


@dataclass(frozen=True)
class ContactRow:
    """A contact ready to import: a person (maybe at an organization) or an organization."""

    row_number: int
    kind: ContactKind
    first_name: str = ""
    last_name: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    mobile: str = ""
    organization: str = ""
    website: str = ""
    notes: str = ""
    other_emails: tuple[str, ...] = ()
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""

    @property
    def name(self) -> str:
        if self.kind is ContactKind.ORGANIZATION:
            return self.organization
        return person_name(self.first_name, self.last_name)


@dataclass(frozen=True)
class CheckedRow:
    row_number: int
    where: str
    contact: ContactRow | None
    error: str = ""
    warnings: tuple[str, ...] = ()


def line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def check_row(raw: RawContact) -> CheckedRow:
    warnings: list[str] = []
    extra_notes: list[str] = []
    single = {name: line(raw.first(name)) for name in (f.FIRST_NAME, f.LAST_NAME,
                                                         f.FULL_NAME, f.ORGANIZATION, f.TITLE)}
    for name, limit in LIMITS.items():
        if len(single[name]) > limit:
            label = name.replace("_", " ")
            return _error(raw, f"the {label} is {len(single[name]):,} characters long "
                               f"(at most {limit})")
    emails, bad_emails = _emails(raw.all(f.EMAIL))
    first, last, organization = single[f.FIRST_NAME], single[f.LAST_NAME], single[f.ORGANIZATION]
    if not first and not last and single[f.FULL_NAME]:
        full = single[f.FULL_NAME]
        if is_email(full):
            if full.lower() not in (e.lower() for e in emails):
                emails.append(full)
        elif fold(full) != fold(organization):
            first, last = split_name(full)
    elif first and not last and " " in first:
        first, last = split_name(first)
    if len(first) > LIMITS[f.FIRST_NAME] or len(last) > LIMITS[f.LAST_NAME]:
        return _error(raw, "the name is longer than 100 characters")
    if not (first or last or emails or organization):
        reason = "no name, e-mail address or organization"
        if bad_emails:
            reason += f" (\"{bad_emails[0][:80]}\" is not an e-mail address)"
        return _error(raw, reason)
    kind = ContactKind.PERSON
    if not first and not last:
        if organization:  # a company entry: the organization with its e-mail and phone
            kind = ContactKind.ORGANIZATION
        else:
            first, last = name_from_email(emails[0])
            warnings.append(f"no name given: named {person_name(first, last)} after the e-mail")
    for bad in bad_emails:
        warnings.append(f"\"{bad[:80]}\" is not a valid e-mail address: kept in the notes")
        extra_notes.append(f"E-mail (not valid): {bad[:EMAIL_MAX]}")
    if emails[1:]:
        extra_notes.append("Other e-mail addresses: " + ", ".join(emails[1:]))
    phone, mobile = _phones(raw, warnings, extra_notes)
    title = single[f.TITLE]
    if len(title) > TITLE_MAX:
        warnings.append(f"the job title was cut to {TITLE_MAX} characters")
        title = title[:TITLE_MAX].rstrip()
    website = _website(raw.first(f.WEBSITE), warnings)
    if website and kind is ContactKind.PERSON:
        extra_notes.append(f"Website: {website}")
    address = {name: line(raw.first(name)) for name in ADDRESS_MAX}
    for name, limit in ADDRESS_MAX.items():
        if len(address[name]) > limit:
            warnings.append(f"the {name.replace('_', ' ')} was too long and was left out")
            address[name] = ""
    notes = _notes(raw.all(f.NOTES), extra_notes, warnings)
    contact = ContactRow(
        row_number=raw.row_number, kind=kind, first_name=first, last_name=last, title=title,
        email=emails[0] if emails else "", phone=phone, mobile=mobile,
        organization=organization, website=website if kind is ContactKind.ORGANIZATION else "",
        notes=notes, other_emails=tuple(emails[1:]), **address,
    )
    return CheckedRow(raw.row_number, raw.location, contact, "", tuple(warnings))


def _error(raw: RawContact, reason: str) -> CheckedRow:
    return CheckedRow(raw.row_number, raw.location, None, reason)


def split_name(full: str) -> tuple[str, str]:
    """ "Doe, John" or "Dr. John Q. Doe Jr." -> ("John", "Doe"); one word is a last name."""
    if full.count(",") == 1:
        last, first = (p.strip() for p in full.split(","))
        if first and last and " " not in last.strip():
            return first, last
    words = full.replace(",", " ").split()
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words.pop(0)
    while len(words) > 1 and words[-1].lower().replace(".", "") in SUFFIXES:
        words.pop()
    if len(words) == 1:
        return "", words[0]
    return " ".join(words[:-1]), words[-1]


def name_from_email(email: str) -> tuple[str, str]:
    """ "john.doe@x.org" -> ("John", "Doe"); "jdoe@x.org" -> ("", "jdoe")."""
    local = email.partition("@")[0]
    parts = [p for p in re.split(r"[._\-+]+", local) if p and not p.isdigit()]
    if len(parts) >= 2:
        return parts[0].capitalize(), " ".join(p.capitalize() for p in parts[1:])
    return "", local


def _emails(values: list[str]) -> tuple[list[str], list[str]]:
    good: list[str] = []
    bad: list[str] = []
    for value in values:
        for candidate in _addresses(value):
            if len(candidate) <= EMAIL_MAX and is_email(candidate):
                if candidate.lower() not in (g.lower() for g in good):
                    good.append(candidate)
            elif candidate not in bad:
                bad.append(candidate)
    return good, bad


def _addresses(value: str) -> list[str]:
    text = line(value)
    angled = _ANGLE_ADDRESS.findall(text)
    if angled:
        return angled
    text = re.sub(r"^mailto:", "", text, flags=re.IGNORECASE)
    if text.count("@") > 1:
        return [p for p in re.split(r"[;,\s]+", text) if p]
    return [text] if text else []


def _phones(raw: RawContact, warnings: list[str], notes: list[str]) -> tuple[str, str]:
    chosen = {f.PHONE: "", f.MOBILE: ""}
    others: list[str] = []
    for name in (f.PHONE, f.MOBILE):
        for value in raw.all(name):
            number = line(value)
            if len(number) > PHONE_MAX or not is_phone(number):
                warnings.append(f"\"{number[:40]}\" is not a phone number: kept in the notes")
                notes.append(f"Phone (not valid): {number[:PHONE_MAX]}")
            elif not chosen[name]:
                chosen[name] = number
            elif number not in others and number not in chosen.values():
                others.append(number)
    if others:
        notes.append("Other phone numbers: " + ", ".join(others))
    return chosen[f.PHONE], chosen[f.MOBILE]


def _website(value: str, warnings: list[str]) -> str:
    text = line(value).replace("\\:", ":")
    if not text:
        return ""
    website = normalize_website(text)
    if website is None or len(website) > WEBSITE_MAX:
        warnings.append(f"\"{text[:60]}\" is not a web address and was left out")
        return ""
    return website


def _notes(values: list[str], extra: list[str], warnings: list[str]) -> str:
    text = "\n".join(v.strip().replace("\r\n", "\n").replace("\r", "\n") for v in values)
    text = "\n".join(p for p in (_CONTROL.sub("", text), *extra) if p)
    if len(text) > NOTES_MAX:
        warnings.append(f"the notes ({len(text):,} characters) were cut to {NOTES_MAX:,}")
        text = text[:NOTES_MAX]
    return text
