"""Password hashing (argon2id, OWASP parameters) and the passphrase rule."""

from __future__ import annotations

import unicodedata
from functools import cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from app.services.errors import ValidationError

# OWASP Password Storage Cheat Sheet, argon2id: 19 MiB memory, 2 iterations, 1 lane.
MEMORY_KIB = 19456
ITERATIONS = 2
PARALLELISM = 1
MIN_LENGTH = 10


@cache
def hasher() -> PasswordHasher:
    """Immutable configuration, built once (not state: it holds no data)."""
    return PasswordHasher(
        time_cost=ITERATIONS,
        memory_cost=MEMORY_KIB,
        parallelism=PARALLELISM,
        hash_len=32,
        salt_len=16,
        type=Type.ID,
    )


def normalized(password: str) -> str:
    """NFC, so the same passphrase typed on another keyboard or system still matches."""
    return unicodedata.normalize("NFC", password)


def check_new_password(password: str, field: str = "password") -> str:
    """The normalized passphrase, or ValidationError if it is too short."""
    text = normalized(password)
    if len(text) < MIN_LENGTH or not text.strip():
        raise ValidationError.single(
            field,
            f"Use at least {MIN_LENGTH} characters. A passphrase of several words with "
            "spaces is easy to remember and hard to guess.",
        )
    return text


def hash_password(password: str) -> str:
    return hasher().hash(normalized(password))


@cache
def _dummy_hash() -> str:
    return hash_password("not a real password, only for timing")


def verify_password(stored: str | None, password: str) -> bool:
    """True if ``password`` matches; takes the same time when there is no stored hash."""
    try:
        return hasher().verify(stored or _dummy_hash(), normalized(password)) and bool(stored)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    try:
        return hasher().check_needs_rehash(stored)
    except InvalidHashError:
        return True
