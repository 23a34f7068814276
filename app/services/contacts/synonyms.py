"""A proposed mapping for any spreadsheet, from header words (English, German, French,
Spanish, Dutch) or, without a header row, from what the cells look like."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.models import fold
from app.services.contacts.fields import (
    CITY,
    EMAIL,
    FIRST_NAME,
    FULL_NAME,
    LAST_NAME,
    MOBILE,
    NOTES,
    ORGANIZATION,
    PHONE,
    POSTAL_CODE,
    REGION,
    STREET,
    TITLE,
    WEBSITE,
)
from app.services.contacts.layouts import KNOWN_HEADERS, header_key
from app.services.contacts.mapping import ColumnMapping
from app.services.fields import is_email, is_phone

# Exact header words (lower case, letters and digits only), best first within a field.
SYNONYMS: dict[str, tuple[str, ...]] = {
    FIRST_NAME: ("firstname", "givenname", "first", "forename", "vorname", "prenom", "nombre",
                 "voornaam"),
    LAST_NAME: ("lastname", "surname", "familyname", "last", "nachname", "nom", "apellido",
                "apellidos", "achternaam", "familienname"),
    FULL_NAME: ("name", "fullname", "displayname", "contactname", "formattedname", "contact",
                "person", "nomcomplet", "nombrecompleto"),
    TITLE: ("jobtitle", "title", "position", "role", "function", "occupation", "profession",
            "designation", "berufsbezeichnung", "funktion", "poste", "fonction", "cargo",
            "puesto", "functie"),
    ORGANIZATION: ("company", "organization", "organisation", "companyname",
                   "organizationname", "org", "employer", "agency", "firm", "institution",
                   "firma", "unternehmen", "entreprise", "societe", "empresa", "bedrijf"),
    EMAIL: ("email", "emailaddress", "mail", "primaryemail", "workemail", "businessemail",
            "emailadresse", "courriel", "correo", "correoelectronico"),
    PHONE: ("phone", "telephone", "tel", "phonenumber", "workphone", "businessphone",
            "officephone", "telephonenumber", "landline", "telefon", "telefonnummer",
            "telefono", "telefoon", "homephone"),
    MOBILE: ("mobile", "mobilephone", "cell", "cellphone", "cellular", "mobilenumber", "handy",
             "mobiltelefon", "portable", "movil", "celular", "mobiel"),
    WEBSITE: ("website", "web", "url", "webpage", "homepage", "site", "webseite", "siteweb"),
    NOTES: ("notes", "note", "comments", "comment", "remarks", "notizen", "bemerkungen",
            "memo", "remarques", "notas", "opmerkingen"),
    STREET: ("street", "address", "streetaddress", "businessstreet", "strasse", "adresse",
             "direccion", "straat"),
    CITY: ("city", "town", "businesscity", "ort", "stadt", "ville", "ciudad", "plaats"),
    REGION: ("state", "region", "province", "county", "businessstate", "bundesland"),
    POSTAL_CODE: ("zip", "zipcode", "postalcode", "postcode", "businesspostalcode", "plz",
                  "codepostal", "codigopostal", "postcode"),
}
_EXACT = {word: (name, rank) for name, words in SYNONYMS.items() for rank, word in
          enumerate(words)}
# Words inside a longer header, tried in this order when no exact word matches.
IGNORED_PARTS = ("middle", "nick", "maiden", "phonetic", "yomi", "prefix", "suffix", "initial",
                 "fax", "pager", "birth", "anniversar", "spouse", "assistant", "manager",
                 "categor", "group", "label", "type", "gender", "photo")
PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (EMAIL, ("mail", "courriel", "correo")),
    (MOBILE, ("mobile", "cell", "handy", "mobil")),
    (PHONE, ("phone", "tel")),
    (ORGANIZATION, ("company", "organi", "employer", "agency", "firma", "unternehmen")),
    (FIRST_NAME, ("firstname", "givenname", "vorname", "prenom")),
    (LAST_NAME, ("lastname", "surname", "familyname", "nachname")),
    (NOTES, ("note", "comment", "remark")),
    (WEBSITE, ("web", "url", "homepage")),
    (TITLE, ("title", "position", "role")),
    (POSTAL_CODE, ("zip", "postal", "postcode")),
    (CITY, ("city", "town")),
    (REGION, ("state", "region", "province")),
    (STREET, ("street", "address")),
    (FULL_NAME, ("name",)),
)
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
LAST_RANK = 99


def word_of(header: str) -> str:
    return _NOT_ALNUM.sub("", fold(header))


def field_for(header: str) -> tuple[str, int] | None:
    """The field a header names and how well (0 = best), or None."""
    word = word_of(header)
    if not word:
        return None
    if word in _EXACT:
        return _EXACT[word]
    if any(part in word for part in IGNORED_PARTS):
        return None
    for name, parts in PARTS:
        if any(part in word for part in parts):
            return name, LAST_RANK
    return None


def propose(headers: Sequence[str]) -> ColumnMapping:
    ranked: dict[str, list[tuple[int, int]]] = {}
    for column, header in enumerate(headers):
        found = field_for(header)
        if found:
            ranked.setdefault(found[0], []).append((found[1], column))
    return ColumnMapping.of({name: [c for _r, c in sorted(cols)] for name, cols in ranked.items()})


def looks_like_header(row: Sequence[str]) -> bool:
    """A first row of column names rather than a first contact."""
    known = sum(1 for cell in row if header_key(cell) in KNOWN_HEADERS or word_of(cell) in _EXACT)
    has_address = any("@" in cell for cell in row)
    return known >= 2 or (known >= 1 and not has_address)


def propose_from_cells(rows: Sequence[Sequence[str]]) -> ColumnMapping:
    """Without a header: the columns whose cells are mostly e-mail addresses or phones."""
    sample = rows[:50]
    width = max((len(r) for r in sample), default=0)
    fields: dict[str, list[int]] = {}
    for column in range(width):
        cells = [r[column].strip() for r in sample if column < len(r) and r[column].strip()]
        if not cells:
            continue
        if sum(is_email(c) for c in cells) * 2 >= len(cells):
            fields.setdefault(EMAIL, []).append(column)
        elif sum(is_phone(c) for c in cells) * 2 >= len(cells):
            fields.setdefault(PHONE, []).append(column)
    return ColumnMapping.of(fields)
