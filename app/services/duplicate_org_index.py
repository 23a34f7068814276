"""Organizations in memory, keyed by every duplicate rule for organizations.

Same folded name (CERTAIN); same web site host or phone digits (LIKELY); a similar name
(60 % alike) with the same e-mail or web domain, public mail providers excepted
(POSSIBLE).
"""

from __future__ import annotations

from collections import defaultdict
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
    PUBLIC_MAIL_DOMAINS,
    SIMILAR_ORGANIZATION_RATIO,
    MatchStrength,
    email_domain,
    organization_key,
    phone_key,
    similar,
    website_host,
)


@dataclass(frozen=True, slots=True)
class OrganizationEntry:
    ref: int
    name: str
    key: str
    host: str
    domains: tuple[str, ...]
    phones: tuple[str, ...]
    archived: bool = False


def organization_entry(
    ref: int,
    name: str,
    *,
    website: str = "",
    email: str = "",
    phone: str = "",
    archived: bool = False,
) -> OrganizationEntry:
    host = website_host(website)
    domains = unique(d for d in (host, email_domain(email)) if d not in PUBLIC_MAIL_DOMAINS)
    return OrganizationEntry(
        ref=ref,
        name=name.strip(),
        key=organization_key(name),
        host=host,
        domains=domains,
        phones=unique([phone_key(phone)]),
        archived=archived,
    )


class OrganizationIndex:
    """Organizations by folded name, web site host, phone digits and mail domain."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[OrganizationEntry]] = defaultdict(list)
        self.by_host: dict[str, list[OrganizationEntry]] = defaultdict(list)
        self.by_phone: dict[str, list[OrganizationEntry]] = defaultdict(list)
        self.by_domain: dict[str, list[OrganizationEntry]] = defaultdict(list)

    def add(self, entry: OrganizationEntry) -> None:
        if entry.key:
            self.by_key[entry.key].append(entry)
        if entry.host:
            self.by_host[entry.host].append(entry)
        for phone in entry.phones:
            self.by_phone[phone].append(entry)
        for domain in entry.domains:
            self.by_domain[domain].append(entry)

    def matches(self, entry: OrganizationEntry, exclude: int | None = None) -> list[Hit]:
        best = Best(entry.ref, exclude)
        for other in self.by_key.get(entry.key, ()) if entry.key else ():
            best.offer(other, "same name", MatchStrength.CERTAIN, "name")
        for other in self.by_host.get(entry.host, ()) if entry.host else ():
            best.offer(other, f"same web site {entry.host}", MatchStrength.LIKELY, "website")
        for phone in entry.phones:
            for other in self.by_phone.get(phone, ()):
                best.offer(other, f"same phone number {shown_phone(phone)}",
                           MatchStrength.LIKELY, "phone")
        for domain in entry.domains:
            for other in self.by_domain.get(domain, ()):
                if similar(entry.key, other.key, SIMILAR_ORGANIZATION_RATIO):
                    best.offer(other, f"similar name, same domain {domain}",
                               MatchStrength.POSSIBLE, "domain")
        return best.sorted()

    def pairs(self, limit: int) -> list[PairHit]:
        found = Pairs()
        for bucket in self.by_key.values():
            for a, b in star(bucket):
                found.offer(a, b, "same name", MatchStrength.CERTAIN)
        for host, bucket in self.by_host.items():
            for a, b in star(bucket):
                found.offer(a, b, f"same web site {host}", MatchStrength.LIKELY)
        for phone, bucket in self.by_phone.items():
            for a, b in star(bucket):
                found.offer(a, b, f"same phone number {shown_phone(phone)}", MatchStrength.LIKELY)
        if len(found.pairs) >= limit:
            return found.sorted(limit)
        for domain, bucket in self.by_domain.items():
            for a, b in block_pairs(bucket):
                if similar(a.key, b.key, SIMILAR_ORGANIZATION_RATIO):
                    found.offer(a, b, f"similar name, same domain {domain}",
                                MatchStrength.POSSIBLE)
        return found.sorted(limit)
