"""When a certificate is current: the one rule every training screen and report uses.

A completion on ``completed_on`` of a course valid for ``validity_months`` expires on
``certificate_expiry`` (the same day that many months later, clamped to the month's end:
29 Feb + 12 months = 28 Feb). On its expiry date a certificate is no longer current.
Dates are calendar dates in the agency's own time: "today" is the local date, so a
certificate never looks current one more evening because UTC has not changed day yet.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from app.services.dates import add_months, certificate_expiry

ONE_DAY = timedelta(days=1)


class CertificateStatus(enum.Enum):
    CURRENT = "current"
    EXPIRING = "expiring"  # current, but within the course's reminder lead time
    EXPIRED = "expired"
    NEVER = "never"  # never completed

    @property
    def label(self) -> str:
        return {
            CertificateStatus.CURRENT: "Current",
            CertificateStatus.EXPIRING: "Expiring soon",
            CertificateStatus.EXPIRED: "Expired",
            CertificateStatus.NEVER: "Never completed",
        }[self]

    @property
    def compliant(self) -> bool:
        """Current certificates, expiring ones included, count as compliant."""
        return self in (CertificateStatus.CURRENT, CertificateStatus.EXPIRING)


@dataclass(frozen=True)
class Standing:
    status: CertificateStatus
    completed_on: date | None
    expires_on: date | None  # None: never completed, or a one-time course


def standing(
    completed_on: date | None,
    validity_months: int | None,
    reminder_days: int,
    today: date,
    *,
    once: bool = False,
) -> Standing:
    """The standing of a person's latest completion of a course on ``today``.

    ``once``: the requirement asks for the course to be completed once (its expiry, if
    any, does not matter).
    """
    if completed_on is None:
        return Standing(CertificateStatus.NEVER, None, None)
    expires_on = None if once else certificate_expiry(completed_on, validity_months)
    if expires_on is None:
        return Standing(CertificateStatus.CURRENT, completed_on, None)
    if today >= expires_on:
        status = CertificateStatus.EXPIRED
    elif today >= expires_on - timedelta(days=reminder_days):
        status = CertificateStatus.EXPIRING
    else:
        status = CertificateStatus.CURRENT
    return Standing(status, completed_on, expires_on)


def last_lapsed_completion(validity_months: int, today: date) -> date:
    """The latest completion date whose certificate is no longer current on ``today``.

    Expiry only moves forward with the completion date, so a completion on this day or
    before has expired (``standing`` says EXPIRED) and any later one is current (or
    expiring): what a query needs to tell them apart without computing every expiry.
    """
    def lapsed(completed_on: date) -> bool:
        expires_on = certificate_expiry(completed_on, validity_months)
        return expires_on is not None and today >= expires_on

    day = add_months(today, -validity_months)  # within a few days of the answer
    while lapsed(day + ONE_DAY):
        day += ONE_DAY
    while not lapsed(day):
        day -= ONE_DAY
    return day
