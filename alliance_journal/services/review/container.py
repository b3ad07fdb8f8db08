"""The frame of the work: container events per month, attendance, lateness, what was addressed.

Attendance compares session entries recorded in the range with what the contract
promises over the same days (`SESSIONS_PER_4_WEEKS`, as the attendance nudge counts),
within the client's own start and end. An irregular contract promises nothing, so it
has no percentage: that is "no contract", not 0 %.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from alliance_journal.domain.clients import SESSIONS_PER_4_WEEKS, Client, Frequency
from alliance_journal.domain.entries import ContainerFields, Entry, EntryKind
from alliance_journal.domain.vocabulary import ContainerEvent
from alliance_journal.services.review.basis import (
    DateRange,
    EntryRef,
    day_of,
    month_of,
    months_between,
    oldest_first,
)


@dataclass(frozen=True, slots=True)
class EventMonth:
    month: date
    refs: dict[ContainerEvent, tuple[EntryRef, ...]]

    @property
    def total(self) -> int:
        return sum(len(r) for r in self.refs.values())


@dataclass(frozen=True, slots=True)
class ContainerMark:
    ref: EntryRef
    event: ContainerEvent
    minutes_late: int | None
    addressed: bool


@dataclass(frozen=True, slots=True)
class Attendance:
    frequency: Frequency
    recorded: int
    #: Sessions the contract promises over the counted days (0 for no regular contract).
    expected: float
    days: int
    session_refs: tuple[EntryRef, ...] = ()

    @property
    def percent(self) -> int | None:
        """Recorded sessions as a share of the contract; None when nothing was contracted."""
        if self.expected <= 0:
            return None
        return round(100 * self.recorded / self.expected)


@dataclass(frozen=True, slots=True)
class ContainerChart:
    months: tuple[EventMonth, ...]
    events: tuple[ContainerMark, ...]
    attendance: Attendance | None

    @property
    def late(self) -> tuple[ContainerMark, ...]:
        return tuple(e for e in self.events if e.minutes_late is not None)

    @property
    def peak_month(self) -> int:
        return max((m.total for m in self.months), default=0)


def attendance(client: Client, entries: Iterable[Entry], date_range: DateRange,
               today: date, session_days: Sequence[date] | None = None) -> Attendance | None:
    """Sessions recorded against the contract, over the range clipped to the work's own span.

    None when the range and the work never overlap (nothing was contracted then).
    `session_days`, when given, are the sessions' days (read without decoding the notes).
    """
    sessions = [e for e in oldest_first(entries)
                if e.kind is EntryKind.SESSION and date_range.contains(day_of(e))]
    days = sorted(d for d in session_days if date_range.contains(d)) if session_days is not None \
        else [day_of(e) for e in sessions]
    starts = [d for d in (date_range.start, client.started_on) if d is not None]
    if not starts and days:
        starts = [days[0]]
    ends = [d for d in (date_range.end, client.ended_on, today) if d is not None]
    if not starts:
        return None
    first, last = max(starts), min(ends)
    if last < first:
        return None
    span = (last - first).days + 1
    recorded = sum(1 for d in days if first <= d <= last)
    counted = [e for e in sessions if first <= day_of(e) <= last]
    expected = SESSIONS_PER_4_WEEKS[client.frequency] * span / 28
    return Attendance(client.frequency, recorded, expected, span,
                      tuple(EntryRef.of(e) for e in counted))


def container_chart(client: Client, entries: Iterable[Entry], date_range: DateRange,
                    today: date, session_days: Sequence[date] | None = None) -> ContainerChart:
    ordered = oldest_first(entries)
    events = [(e, e.fields) for e in ordered if isinstance(e.fields, ContainerFields)]
    by_month: dict[date, dict[ContainerEvent, list[EntryRef]]] = {}
    for entry, fields in events:
        by_month.setdefault(month_of(day_of(entry)), {}).setdefault(fields.event, []).append(
            EntryRef.of(entry))
    months: tuple[EventMonth, ...] = ()
    if events:
        first = min(date_range.start or day_of(events[0][0]), day_of(events[0][0]))
        last = max(date_range.end or day_of(events[-1][0]), day_of(events[-1][0]))
        months = tuple(EventMonth(m, {k: tuple(v) for k, v in by_month.get(m, {}).items()})
                       for m in months_between(first, last))
    marks = tuple(ContainerMark(EntryRef.of(e), f.event, f.minutes_late, f.addressed)
                  for e, f in events)
    return ContainerChart(months, marks, attendance(client, ordered, date_range, today,
                                                    session_days))
