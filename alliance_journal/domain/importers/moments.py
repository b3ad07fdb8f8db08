"""Reading the dates and times other apps write, into aware UTC datetimes.

A time without an offset is the wall-clock time where it was written: in the zone the
file names when it names one (Day One's `timeZone`), else this computer's local zone,
the one jrnl and a hand-written front matter mean.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str) -> ZoneInfo | None:
    """The IANA zone `name`, or None when this computer does not know it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def aware(value: datetime, where: ZoneInfo | None = None) -> datetime:
    """`value` in UTC; a naive value is read in `where`, or in the local zone."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=where) if where is not None else value.astimezone()
    return value.astimezone(UTC)


def parse_moment(value: object, where: ZoneInfo | None = None) -> datetime | None:
    """A date and time from text (ISO 8601, `Z` allowed) or a YAML value; None if it is not one.

    A date alone means its midnight.
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time())
    elif isinstance(value, str):
        text = value.strip()
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
        if len(text) == 10:  # YYYY-MM-DD
            parsed = datetime.combine(parsed.date(), time())
    else:
        return None
    try:
        return aware(parsed, where)
    except (ValueError, OverflowError):  # year 1 or 9999 pushed past the calendar by the zone
        return None
