"""People in memory, keyed by every duplicate rule: the rules for people live here.

Same e-mail (CERTAIN); same phone digits (LIKELY, or POSSIBLE when the names differ:
colleagues share a main line, families a home phone); same folded name, also swapped
(LIKELY); similar names at the same organization (POSSIBLE), compared only within blocks
of people at one organization who share a given or a family name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from app.services.duplicate_common import (
    Best,
    Hit,
    PairHit,
    Pairs,
    block_pairs,
    shown_phone,
    star,
    unique,
)
from app.services.duplicate_keys import (
    MatchStrength,
    email_key,
    name_key,
    organization_key,
    phone_key,
    similar_names,
    words,
)

__all__ = ["EntryMaker", "PersonEntry", "PersonIndex", "person_entry", "phone_strength"]


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """What the index knows about a person: ``ref`` is the id, or -row for a file's row."""

    ref: int
    name: str
    first: str
    last: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    organizations: tuple[str, ...]
    archived: bool = False

    @property
    def name_key(self) -> str:
        return name_key(self.first, self.last)


def person_entry(
    ref: int,
    first_name: str,
    last_name: str,
    *,
    name: str = "",
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    organizations: Iterable[str] = (),
    archived: bool = False,
) -> PersonEntry:
    """An entry for one person; ``organizations`` are names (see ``EntryMaker`` for many)."""
    return EntryMaker().person(
        ref, first_name, last_name, name=name, emails=emails, phones=phones,
        organization_keys=[organization_key(o) for o in organizations], archived=archived,
    )


class EntryMaker:
    """Builds entries for many records, folding each distinct name only once."""

    def __init__(self) -> None:
        self._words: dict[str, str] = {}

    def words(self, text: str) -> str:
        folded = self._words.get(text)
        if folded is None:
            folded = self._words[text] = words(text)
        return folded

    def person(
        self,
        ref: int,
        first_name: str,
        last_name: str,
        *,
        name: str = "",
        emails: Iterable[str] = (),
        phones: Iterable[str] = (),
        organization_keys: Iterable[str] = (),
        archived: bool = False,
    ) -> PersonEntry:
        return PersonEntry(
            ref=ref,
            name=name or " ".join(p for p in (first_name.strip(), last_name.strip()) if p),
            first=self.words(first_name),
            last=self.words(last_name),
            emails=unique([email_key(e) for e in emails]),
            phones=unique([phone_key(p) for p in phones]),
            organizations=unique(organization_keys),
            archived=archived,
        )


class PersonIndex:
    """People by e-mail, phone digits, folded name, and (organization, name) blocks."""

    def __init__(self, organization_names: dict[str, str] | None = None) -> None:
        self.by_email: dict[str, list[PersonEntry]] = defaultdict(list)
        self.by_phone: dict[str, list[PersonEntry]] = defaultdict(list)
        self.by_name: dict[str, list[PersonEntry]] = defaultdict(list)
        self.by_org_last: dict[tuple[str, str], list[PersonEntry]] = defaultdict(list)
        self.by_org_first: dict[tuple[str, str], list[PersonEntry]] = defaultdict(list)
        # organization key -> the name shown in reasons
        self.organization_names: dict[str, str] = dict(organization_names or {})
        self.size = 0

    def add(self, entry: PersonEntry) -> None:
        self.size += 1
        for email in entry.emails:
            self.by_email[email].append(entry)
        for phone in entry.phones:
            self.by_phone[phone].append(entry)
        key = entry.name_key
        if " " in key:  # a single word ("John") says too little on its own
            self.by_name[key].append(entry)
        for org in entry.organizations:
            if entry.last:
                self.by_org_last[(org, entry.last)].append(entry)
            if entry.first:
                self.by_org_first[(org, entry.first)].append(entry)

    def matches(self, entry: PersonEntry, exclude: int | None = None) -> list[Hit]:
        best = Best(entry.ref, exclude)
        for email in entry.emails:
            for other in self.by_email.get(email, ()):
                best.offer(other, f"same e-mail {email}", MatchStrength.CERTAIN, "email")
        for phone in entry.phones:
            for other in self.by_phone.get(phone, ()):
                best.offer(other, f"same phone number {shown_phone(phone)}",
                           phone_strength(entry, other), "phone")
        key = entry.name_key
        if " " in key:
            for other in self.by_name.get(key, ()):
                best.offer(other, self._name_reason(entry, other), MatchStrength.LIKELY, "name")
        for org in entry.organizations:
            block = [*self.by_org_last.get((org, entry.last), ()),
                     *self.by_org_first.get((org, entry.first), ())]
            for other in block:
                if similar_names(entry.first, entry.last, other.first, other.last):
                    best.offer(other, self._similar_reason(org), MatchStrength.POSSIBLE,
                               "similar")
        return best.sorted()

    def pairs(self, limit: int) -> list[PairHit]:
        found = Pairs()
        for email, bucket in self.by_email.items():
            for a, b in star(bucket):
                found.offer(a, b, f"same e-mail {email}", MatchStrength.CERTAIN)
        for phone, bucket in self.by_phone.items():
            for a, b in star(bucket):
                found.offer(a, b, f"same phone number {shown_phone(phone)}", phone_strength(a, b))
        for bucket in self.by_name.values():
            for a, b in star(bucket):
                found.offer(a, b, self._name_reason(a, b), MatchStrength.LIKELY)
        if len(found.pairs) >= limit:  # weaker pairs would all fall past the limit
            return found.sorted(limit)
        for blocks in (self.by_org_last, self.by_org_first):
            for (org, _name), bucket in blocks.items():
                for a, b in block_pairs(bucket):
                    if " " in a.name_key and a.name_key == b.name_key:
                        found.offer(a, b, self._name_reason(a, b), MatchStrength.LIKELY)
                    elif similar_names(a.first, a.last, b.first, b.last):
                        found.offer(a, b, self._similar_reason(org), MatchStrength.POSSIBLE)
        return found.sorted(limit)

    @staticmethod
    def _name_reason(entry: PersonEntry, other: PersonEntry) -> str:
        if (entry.first, entry.last) == (other.first, other.last):
            return "same name"
        if (entry.first, entry.last) == (other.last, other.first):
            return "same name, first and last swapped"
        return "same name words"

    def _similar_reason(self, org: str) -> str:
        return f"similar name at {self.organization_names.get(org, org)}"


def phone_strength(a: PersonEntry, b: PersonEntry) -> MatchStrength:
    """A shared number is likely one person only if the names agree (or one is missing):
    colleagues share an office's main line, families a home phone."""
    if not (a.first or a.last) or not (b.first or b.last):
        return MatchStrength.LIKELY
    if similar_names(a.first, a.last, b.first, b.last):
        return MatchStrength.LIKELY
    return MatchStrength.POSSIBLE
