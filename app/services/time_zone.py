"""The computer's time zone, by its IANA name when the system says it.

Meetings are stored in UTC and shown in local time. A calendar file needs more than the
current offset: it needs the zone's *name* (America/Chicago), so that a meeting in July
keeps its summer time however far ahead it is. Python's ``datetime.astimezone()`` gives
only a fixed offset, so the name is looked up where the system keeps it:

1. the ``TZ`` environment variable, when it names a zone ("Europe/Berlin",
   ":Europe/Berlin" or a path ending in ``zoneinfo/Europe/Berlin``);
2. the target of the ``/etc/localtime`` symlink after ``zoneinfo/``;
3. the first line of ``/etc/timezone`` (Debian and Ubuntu).

When none of them names a zone (Windows, or ``TZ`` set to a POSIX rule such as
``EST5EDT4``) the answer is today's fixed offset from ``datetime.now().astimezone()``.
A ``TZ`` that is set but names no zone also skips the files: it is what the C library,
and so every local time shown, follows.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LOCALTIME = Path("/etc/localtime")
TIMEZONE_FILE = Path("/etc/timezone")
_VARIANT_TREES = ("posix/", "right/")  # copies of the tree inside zoneinfo/


def local_zone() -> tzinfo:
    """The local zone as a ``ZoneInfo`` when it has a name, else today's fixed offset."""
    tz_variable = os.environ.get("TZ")
    if tz_variable:
        return _zone(tz_variable) or _fixed_offset()
    if sys.platform != "win32":
        for name in (_link_target(LOCALTIME), _first_line(TIMEZONE_FILE)):
            zone = _zone(name)
            if zone is not None:
                return zone
    return _fixed_offset()


def local_zone_name() -> str:
    """The local zone's IANA name ("America/Chicago"), or its abbreviation ("CST")."""
    zone = local_zone()
    if isinstance(zone, ZoneInfo) and zone.key:
        return zone.key
    return zone.tzname(datetime.now(zone)) or "local time"


def _zone(name: str | None) -> ZoneInfo | None:
    key = (name or "").strip().removeprefix(":")
    if "zoneinfo/" in key:
        key = key.rsplit("zoneinfo/", 1)[1]
    for variant in _VARIANT_TREES:
        key = key.removeprefix(variant)
    if not key or key.startswith("/"):
        return None
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _link_target(path: Path) -> str | None:
    try:
        return os.readlink(path)
    except OSError:  # missing, or a copy of the zone file rather than a link
        return None


def _first_line(path: Path) -> str | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return lines[0] if lines else None


def _fixed_offset() -> tzinfo:
    return datetime.now().astimezone().tzinfo or UTC  # astimezone() is always aware
