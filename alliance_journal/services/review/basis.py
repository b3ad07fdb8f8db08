"""What every review model is built on: a date range, a month, a pointer to an entry.

Days are the therapist's local calendar days (as in the nudges), so "March" is the
March the therapist lived through, not a UTC one.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement
from sqlmodel import col

from alliance_journal.domain.entries import Entry
from alliance_journal.domain.nudges.record import chronological, day_of
from alliance_journal.services.records import iso
from alliance_journal.vault.tables import EntryRow

__all__ = ["DateRange", "EntryRef", "chronological", "day_of", "month_of", "months_between",
           "occurred_within", "oldest_first", "rating"]


@dataclass(frozen=True, slots=True)
class DateRange:
    """Local days from `start` to `end`, both included; None is open on that side."""

    start: date | None = None
    end: date | None = None

    def contains(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def since(self) -> datetime | None:
        """The first instant of `start`, local time (for a query)."""
        return None if self.start is None else datetime.combine(self.start, time()).astimezone()

    def until(self) -> datetime | None:
        """The first instant after `end`, local time (queries take `< until`)."""
        if self.end is None:
            return None
        return datetime.combine(self.end + timedelta(days=1), time()).astimezone()

    def describe(self) -> str:
        start = self.start.isoformat() if self.start else "the beginning"
        end = self.end.isoformat() if self.end else "today"
        return f"{start} to {end}"

    @classmethod
    def last_days(cls, today: date, days: int) -> DateRange:
        """The last `days` days, today included (as the nudges count "within N days")."""
        return cls(today - timedelta(days=days - 1), today)


def occurred_within(date_range: DateRange) -> list[ColumnElement[bool]]:
    """The SQL conditions that keep entries inside `date_range` (none when it is open)."""
    since, until = date_range.since(), date_range.until()
    conditions: list[ColumnElement[bool]] = []
    if since is not None:
        conditions.append(col(EntryRow.occurred_at) >= iso(since))
    if until is not None:
        conditions.append(col(EntryRow.occurred_at) < iso(until))
    return conditions


@dataclass(frozen=True, slots=True)
class EntryRef:
    """What a mark on a chart points at: enough to show on hover and to open the entry."""

    entry_id: uuid.UUID
    day: date
    first_words: str
    client_id: uuid.UUID | None = None

    @classmethod
    def of(cls, entry: Entry) -> EntryRef:
        return cls(entry.id, day_of(entry), entry.first_line(80), entry.client_id)


def oldest_first(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=chronological)


def month_of(day: date) -> date:
    """The first day of the day's month: the key of a monthly bar."""
    return day.replace(day=1)


def months_between(first: date, last: date) -> list[date]:
    """Every month from `first`'s to `last`'s, so an empty month is a visible gap."""
    months: list[date] = []
    current = month_of(first)
    while current <= last:
        months.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return months


def rating(fields: object, name: str) -> int | None:
    """A 1-5 rating by field id; None means "not rated" and is never made into a number."""
    value = getattr(fields, name, None)
    return value if isinstance(value, int) and not isinstance(value, bool) else None
