"""Search-as-you-type conditions over the directory, evaluated in SQL.

Every word the user types must appear (accent- and case-folded) somewhere in the record's
``search_text``; a person's search text also holds the names of their organizations.
Phone numbers match by digits, so "201-7788" finds "(555) 201 7788".
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, select, true

from app.models import Affiliation, Organization, OrganizationKind, Person, Tag, fold, person_tags

WORD_PUNCTUATION = ",;:()\"'"


def _word_terms(search: str) -> list[list[str]]:
    """For each word: the folded word, plus its digits when it is a phone fragment."""
    terms = []
    for word in fold(search).split():
        word = word.strip(WORD_PUNCTUATION)  # "Lee," as the list shows "Lee, Ann"
        if not word:
            continue
        digits = "".join(c for c in word if c.isdigit())
        alternatives = [word]
        if len(digits) >= 3 and digits != word:
            alternatives.append(digits)
        terms.append(alternatives)
    return terms


def organization_matches(search: str) -> ColumnElement[bool]:
    conditions = [
        or_(*(Organization.search_text.contains(t, autoescape=True) for t in alternatives))
        for alternatives in _word_terms(search)
    ]
    return and_(true(), *conditions)


def person_matches(search: str) -> ColumnElement[bool]:
    """People's search text includes their organizations' names (see models.directory)."""
    conditions = [
        or_(*(Person.search_text.contains(t, autoescape=True) for t in alternatives))
        for alternatives in _word_terms(search)
    ]
    return and_(true(), *conditions)


def contains_words(search: str, *columns: ColumnElement[str]) -> list[ColumnElement[bool]]:
    """Each typed word in one of ``columns``, ignoring case ("50%" and "a_b" as typed):
    for short texts without a folded search column (meetings, action items)."""
    return [or_(*(c.icontains(word, autoescape=True) for c in columns))
            for word in search.split()]


def search_key(search: str) -> tuple[tuple[str, ...], ...]:
    """Two searches with the same key find the same records ("maria" and "Maria ")."""
    return tuple(tuple(terms) for terms in _word_terms(search))


def is_distinctive(search: str) -> bool:
    """A word of four letters or more: few records hold it (unlike "ma" or "555")."""
    return any(len(t[0]) >= 4 and not t[0].isdigit() for t in _word_terms(search))


def is_searching(search: str) -> bool:
    return bool(fold(search))


@dataclass(frozen=True)
class DirectoryFilter:
    """What the directory lists are showing.

    ``organization_kind`` keeps organizations of that kind and the people affiliated with
    one; ``organization_id`` keeps that organization and its people; ``tag`` applies to
    people only (the organization list has no tag filter).
    """

    search: str = ""
    organization_kind: OrganizationKind | None = None
    tag: str | None = None
    include_archived: bool = False
    organization_id: int | None = None

    def describe(self) -> str:
        """A short line for report headers, e.g. 'Search "lee" · School'; '' when unfiltered."""
        parts = []
        if self.search.strip():
            parts.append(f'Search "{self.search.strip()}"')
        if self.organization_kind is not None:
            parts.append(self.organization_kind.label)
        if self.tag:
            parts.append(f"Tag: {self.tag}")
        if self.include_archived:
            parts.append("including archived")
        return " · ".join(parts)


def person_conditions(flt: DirectoryFilter) -> list[ColumnElement[bool]]:
    """SQL conditions selecting the people a people list with this filter shows.

    Like the list, membership filters look at every affiliation, past ones included.
    """
    conditions = [person_matches(flt.search)]
    if not flt.include_archived:
        conditions.append(Person.archived_at.is_(None))
    if flt.tag:
        tagged = (
            select(person_tags.c.person_id)
            .join(Tag, Tag.id == person_tags.c.tag_id)
            .where(Tag.name == flt.tag)
        )
        conditions.append(Person.id.in_(tagged))
    if flt.organization_id is not None:
        members = select(Affiliation.person_id).where(
            Affiliation.organization_id == flt.organization_id
        )
        conditions.append(Person.id.in_(members))
    if flt.organization_kind is not None:
        of_kind = (
            select(Affiliation.person_id)
            .join(Organization, Organization.id == Affiliation.organization_id)
            .where(Organization.kind == flt.organization_kind)
        )
        conditions.append(Person.id.in_(of_kind))
    return conditions


def organization_conditions(flt: DirectoryFilter) -> list[ColumnElement[bool]]:
    """SQL conditions selecting the organizations an organization list shows (no tag)."""
    return [organization_matches(flt.search), *organization_scope(flt)]


def organization_scope(flt: DirectoryFilter) -> list[ColumnElement[bool]]:
    """Kind, archive state (and one organization): the conditions besides the search."""
    conditions = []
    if flt.organization_id is not None:
        conditions.append(Organization.id == flt.organization_id)
    if flt.organization_kind is not None:
        conditions.append(Organization.kind == flt.organization_kind)
    if not flt.include_archived:
        conditions.append(Organization.archived_at.is_(None))
    return conditions
