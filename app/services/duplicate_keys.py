"""The comparison keys behind every duplicate rule: e-mail, phone, name, organization, host.

Each key is a plain string; two records share a key exactly when a rule says they may be
the same. Keys are computed once per record, so matching is dictionary look-ups.
"""

from __future__ import annotations

import enum
import re
from difflib import SequenceMatcher

from app.models import fold

MIN_PHONE_DIGITS = 7
PHONE_KEY_DIGITS = 10
SIMILAR_NAME_RATIO = 0.85
SIMILAR_PART_RATIO = 0.8
SIMILAR_ORGANIZATION_RATIO = 0.6
_NOT_WORD = re.compile(r"[^\w]+")
_NOT_DIGIT = re.compile(r"[^0-9]+")
# Mail providers whose domain says nothing about the organization behind an address.
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "hotmail.com", "outlook.com",
        "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "protonmail.com",
        "proton.me", "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com", "comcast.net",
        "att.net", "verizon.net", "sbcglobal.net", "earthlink.net", "yandex.ru", "qq.com",
    }
)


class MatchStrength(enum.IntEnum):
    """How sure a rule is: the UI may sort or colour by it."""

    POSSIBLE = 1  # similar names at the same organization; similar names and one domain
    LIKELY = 2  # same phone digits; same name; same web site
    CERTAIN = 3  # same e-mail address; same organization name


def email_key(email: str | None) -> str:
    text = (email or "").strip().lower()
    return text if "@" in text else ""


def email_domain(email: str | None) -> str:
    key = email_key(email)
    return key.rpartition("@")[2] if key else ""


def phone_key(phone: str | None) -> str:
    """The last ten digits of a number with at least seven; "" otherwise."""
    if not phone:
        return ""
    digits = _NOT_DIGIT.sub("", phone)
    return digits[-PHONE_KEY_DIGITS:] if len(digits) >= MIN_PHONE_DIGITS else ""


def words(text: str | None) -> str:
    """Folded text with punctuation taken out: "O'Brien-Smith" -> "o brien smith"."""
    return " ".join(_NOT_WORD.sub(" ", fold(text).replace("'", "")).replace("_", " ").split())


def name_key(first: str, last: str) -> str:
    """Folded name words in sorted order, so "Smith John" and "John Smith" share it."""
    return " ".join(sorted(f"{first} {last}".split()))


def organization_key(name: str | None) -> str:
    return words(name)


def website_host(url: str | None) -> str:
    text = (url or "").strip().lower()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    host = re.split(r"[/:?#]", text, maxsplit=1)[0]
    host = host.removeprefix("www.")
    return host if "." in host else ""


def is_initial(first: str) -> bool:
    return len(first.replace(".", "").replace(" ", "")) == 1


def similar(a: str, b: str, threshold: float = SIMILAR_NAME_RATIO) -> bool:
    """difflib's ratio at least ``threshold``; lengths alone rule most pairs out cheaply."""
    if not a or not b or 2 * min(len(a), len(b)) < threshold * (len(a) + len(b)):
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= threshold
        and matcher.quick_ratio() >= threshold
        and matcher.ratio() >= threshold
    )


def similar_names(first_a: str, last_a: str, first_b: str, last_b: str) -> bool:
    """Names that may be one person's, given as folded words (see ``words``).

    With one part shared, the other must be close: an initial of the other ("J." and
    "John") or spellings at least 80 % alike ("Jon"/"John", "Smith"/"Smyth"). The shared
    part is left out of the comparison: a long family name alone would make "Aisha
    Abdullah" and "Maria Abdullah" 85 % alike. Otherwise the full names must be 85 % alike.
    """
    if last_a == last_b and first_a == first_b:
        return bool(last_a or first_a)
    if last_a and last_a == last_b:
        if first_a and first_b and (is_initial(first_a) or is_initial(first_b)):
            return first_a[0] == first_b[0]
        return similar(first_a, first_b, SIMILAR_PART_RATIO)
    if first_a and first_a == first_b:
        return similar(last_a, last_b, SIMILAR_PART_RATIO)
    return similar(f"{first_a} {last_a}".strip(), f"{first_b} {last_b}".strip())
