"""What every rule works with: one client's record, and what a rule saw in it.

Dates are the therapist's local calendar days, because "within 30 days" is counted the
way the therapist would count it, not in UTC.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TypeVar, cast

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import (
    AllianceFields,
    ContainerFields,
    CountertransferenceFields,
    Entry,
    EntryKind,
    IntakeFields,
    LimitFields,
    TransferenceFields,
)
from alliance_journal.domain.nudges.model import NudgeRule, NudgeThresholds
from alliance_journal.domain.nudges.wording import date_text
from alliance_journal.domain.themes import ThemeId
from alliance_journal.domain.vocabulary import ContainerEvent

#: Kinds of note written about a session that took place.
_HELD_KINDS = frozenset({EntryKind.SESSION, EntryKind.COUNTERTRANSFERENCE, EntryKind.TRANSFERENCE,
                         EntryKind.ALLIANCE, EntryKind.LIMIT, EntryKind.INTAKE,
                         EntryKind.CONTAINER})
#: Container events that say a session did not take place (or was not a session).
ABSENCES = frozenset({ContainerEvent.CANCELLATION, ContainerEvent.LATE_CANCELLATION,
                      ContainerEvent.NO_SHOW, ContainerEvent.THERAPIST_CANCELLATION})
_NOT_A_SESSION = ABSENCES | {ContainerEvent.CONTACT_BETWEEN_SESSIONS, ContainerEvent.FEE_UNPAID,
                             ContainerEvent.OTHER}

FieldsT = TypeVar(
    "FieldsT",
    AllianceFields,
    ContainerFields,
    CountertransferenceFields,
    IntakeFields,
    LimitFields,
    TransferenceFields,
)
_EPOCH = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule saw, before it becomes a `Nudge` with an id and a prompt."""

    rule: NudgeRule
    themes: tuple[ThemeId, ...]
    reason: str
    evidence: tuple[Entry, ...]
    #: About a risk to someone's safety (threat, aggression, intoxication, ...): shown first.
    safety: bool = False
    #: Prompts of its themes that would not fit what was seen (never suggested for it).
    avoid_prompts: frozenset[str] = frozenset()

    @property
    def newest(self) -> datetime:
        return max((e.occurred_at for e in self.evidence), default=_EPOCH)


@dataclass(frozen=True, slots=True)
class Record:
    """One client's live entries, oldest first (client None: the therapist's own)."""

    client: Client | None
    entries: tuple[Entry, ...]
    today: date
    thresholds: NudgeThresholds
    _by_type: dict[type, tuple[tuple[Entry, Any], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def pairs(self, fields_type: type[FieldsT]) -> tuple[tuple[Entry, FieldsT], ...]:
        """Entries whose fields are `fields_type`, with those fields typed.

        Worked out once per type: most rules read the same kinds, and a caseload of
        50,000 entries is read by every rule.
        """
        found = self._by_type.get(fields_type)
        if found is None:
            found = self._by_type[fields_type] = tuple(pairs(self.entries, fields_type))
        return cast(tuple[tuple[Entry, FieldsT], ...], found)

    def of_kind(self, kind: EntryKind) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    def is_recent(self, entry: Entry, days: int | None = None) -> bool:
        return within(entry, self.today, self.thresholds.recent_days if days is None else days)

    def recent_events(self, *events: ContainerEvent) -> list[Entry]:
        return [
            entry for entry, fields in self.pairs(ContainerFields)
            if fields.event in events and self.is_recent(entry)
        ]

    def latest(self, fields_type: type[FieldsT]) -> tuple[Entry, FieldsT] | None:
        found = self.pairs(fields_type)
        return found[-1] if found else None

    def when(self, entry: Entry) -> str:
        return date_text(day_of(entry), self.today)

    def session_days(self) -> list[tuple[date, Entry]]:
        """Each day a session was held, with its first note, oldest first.

        A Session entry always counts. Other notes about a session (a reaction, a pattern,
        an alliance check, a limit, lateness in the room) count too, unless that day also
        records a cancellation or a no-show: then they are about the absence.
        """
        days: dict[date, Entry] = {}
        absent: set[date] = set()
        sure: set[date] = set()
        for entry in self.entries:
            day = day_of(entry)
            fields = entry.fields
            if isinstance(fields, ContainerFields) and fields.event in ABSENCES:
                absent.add(day)
            if entry.kind not in _HELD_KINDS or (
                    isinstance(fields, ContainerFields) and fields.event in _NOT_A_SESSION):
                continue
            days.setdefault(day, entry)
            if entry.kind is EntryKind.SESSION:
                sure.add(day)
        return [(day, entry) for day, entry in sorted(days.items(), key=lambda item: item[0])
                if day in sure or day not in absent]

    def span(self, entries: Sequence[Entry]) -> str:
        """`on 2 Oct` for one entry, `since 2 Oct` (the oldest) for several."""
        word = "on" if len(entries) == 1 else "since"
        return f"{word} {self.when(entries[0])}"


#: A per-client rule: it yields what it finds in the record it is given.
Rule = Callable[[Record], Iterator[Finding]]


def pairs(entries: Iterable[Entry], fields_type: type[FieldsT]) -> list[tuple[Entry, FieldsT]]:
    return [(e, e.fields) for e in entries if isinstance(e.fields, fields_type)]


def chronological(entry: Entry) -> tuple[datetime, datetime, uuid.UUID]:
    """Oldest first; ties by creation, then by id (UUIDs order as their text does)."""
    return (entry.occurred_at, entry.created_at, entry.id)


def day_of(entry: Entry) -> date:
    """The local calendar day the entry happened on, as the therapist would name it."""
    return entry.occurred_at.astimezone().date()


def within(entry: Entry, today: date, days: int) -> bool:
    return (today - day_of(entry)).days < days
