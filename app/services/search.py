"""Search-as-you-type conditions over the directory, evaluated in SQL.

Every word the user types must appear (accent- and case-folded) somewhere in the record's
``search_text``; a person's search text also holds the names of their organizations.
Phone numbers match by digits, so "201-7788" finds "(555) 201 7788".
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_, true

from app.models import Organization, Person, fold


def _word_terms(search: str) -> list[list[str]]:
    """For each word: the folded word, plus its digits when it is a phone fragment."""
    terms = []
    for word in fold(search).split():
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


def is_searching(search: str) -> bool:
    return bool(fold(search))
