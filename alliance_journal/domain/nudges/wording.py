"""How reasons are worded: dates, counts and lists in plain, locale-free English.

A reason is read in a glance beside a client's name, so it names counts and dates only,
never note text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from alliance_journal.domain.entries import ContainerFields, Entry
from alliance_journal.domain.vocabulary import ContainerEvent

#: How a nudge about threat, aggression or intoxication begins: safety before reflection.
SAFETY_FIRST = ("safety first: check that you and others are safe and that your setting's "
                "risk procedures are followed, and talk it over with a supervisor or colleague. ")

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_EVENT_NOUNS: dict[ContainerEvent, tuple[str, str]] = {
    ContainerEvent.LATE_ARRIVAL: ("late arrival", "late arrivals"),
    ContainerEvent.LATE_CANCELLATION: ("late cancellation", "late cancellations"),
    ContainerEvent.CANCELLATION: ("cancellation", "cancellations"),
    ContainerEvent.NO_SHOW: ("no-show", "no-shows"),
    ContainerEvent.MESS: ("mess left behind", "messes left behind"),
    ContainerEvent.INTOXICATED: ("session attended intoxicated", "sessions attended intoxicated"),
    ContainerEvent.AGGRESSION: ("aggressive episode", "aggressive episodes"),
    ContainerEvent.THREAT: ("threat", "threats"),
    ContainerEvent.DISHONESTY: ("statement that proved untrue", "statements that proved untrue"),
    ContainerEvent.THERAPIST_CANCELLATION: ("cancellation by me", "cancellations by me"),
    ContainerEvent.THERAPIST_LATE: ("late start by me", "late starts by me"),
    ContainerEvent.FEE_UNPAID: ("unpaid fee", "unpaid fees"),
    ContainerEvent.CONTACT_BETWEEN_SESSIONS: ("contact between sessions",
                                              "contacts between sessions"),
    ContainerEvent.GIFT: ("gift offered", "gifts offered"),
    ContainerEvent.OTHER: ("other event", "other events"),
}


def date_text(day: date, today: date) -> str:
    """`2 Oct`, with the year only when it is not this year; never locale-dependent."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def and_list(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def count_events(entries: Iterable[Entry]) -> str:
    """`2 late cancellations and 1 no-show`, in vocabulary order."""
    counts = dict.fromkeys(ContainerEvent, 0)
    for entry in entries:
        if isinstance(entry.fields, ContainerFields):
            counts[entry.fields.event] += 1
    return and_list([plural(n, *_EVENT_NOUNS[event]) for event, n in counts.items() if n])
