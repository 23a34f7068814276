"""The machinery shared by the person and organization duplicate indexes.

An index is filled from the database (every record for an import preview or the "Find
duplicates" view, a few candidates for the warning on save) and asked either "what
matches this record?" (``matches``) or "which pairs match?" (``pairs``). Records with a
key in common are found by dictionary look-up; fuzzy comparisons happen only inside
small blocks, so nothing compares every record with every other.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol, TypeVar

from app.services.duplicate_keys import MatchStrength, words

# Blocks larger than this are compared with their neighbours in name order only (all
# pairs would be quadratic in the block size).
ALL_PAIRS_BLOCK = 60


class Entry(Protocol):
    """What every index entry has: ``ref`` is an id, or -row for a row of a file."""

    @property
    def ref(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def archived(self) -> bool: ...


E = TypeVar("E", bound=Entry)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while an index of ~10^5 entries is built.

    Entries hold no reference cycles, yet every few hundred allocations the collector
    walks all of them again: building a 100,000-person index takes twice as long with it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class Hit:
    """``other`` matches the record asked about, for ``reason``."""

    other: Entry
    reason: str
    strength: MatchStrength
    rule: str = ""  # "email", "phone", "name", "similar", "website", "domain"


@dataclass(frozen=True, slots=True)
class PairHit:
    first: Entry
    second: Entry
    reason: str
    strength: MatchStrength


def unique(values: Iterable[str]) -> tuple[str, ...]:
    found = [v for v in values if v]
    return tuple(dict.fromkeys(found)) if len(found) > 1 else tuple(found)


def shown_phone(key: str) -> str:
    return f"({key[:3]}) {key[3:6]}-{key[6:]}" if len(key) == 10 else key


class Best:
    """The strongest hit per other record (the first reason found at that strength)."""

    def __init__(self, own_ref: int, exclude: int | None) -> None:
        self.skip = {own_ref, exclude}
        self.hits: dict[int, Hit] = {}

    def offer(
        self, other: Entry, reason: str, s: MatchStrength, rule: str
    ) -> None:
        if other.ref in self.skip:
            return
        known = self.hits.get(other.ref)
        if known is None or known.strength < s:
            self.hits[other.ref] = Hit(other, reason, s, rule)

    def sorted(self) -> list[Hit]:
        return sorted(self.hits.values(), key=lambda h: (-h.strength, h.other.name, h.other.ref))


class Pairs:
    def __init__(self) -> None:
        self.pairs: dict[tuple[int, int], PairHit] = {}

    def offer(self, a: Entry, b: Entry,
              reason: str, strength: MatchStrength) -> None:
        if a.ref == b.ref:
            return
        if a.ref > b.ref:
            a, b = b, a
        known = self.pairs.get((a.ref, b.ref))
        if known is None or known.strength < strength:
            self.pairs[(a.ref, b.ref)] = PairHit(a, b, reason, strength)

    def sorted(self, limit: int) -> list[PairHit]:
        ordered = sorted(
            self.pairs.values(),
            key=lambda p: (-p.strength, p.first.name.casefold(), p.first.ref, p.second.ref),
        )
        return ordered[:limit]


def star(bucket: list[E]) -> Iterator[tuple[E, E]]:
    """Pairs of the first record of a group with each other one: linear in the group size."""
    for other in bucket[1:]:
        yield bucket[0], other


def block_pairs(bucket: list[E]) -> Iterator[tuple[E, E]]:
    """Every pair of a small block; neighbours in name order in a large one."""
    if len(bucket) < 2:
        return
    if len(bucket) <= ALL_PAIRS_BLOCK:
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                yield a, b
        return
    ordered = sorted(bucket, key=lambda e: words(e.name))
    yield from zip(ordered, ordered[1:], strict=False)
