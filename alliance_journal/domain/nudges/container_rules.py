"""Rules about the container (time and place of sessions) and what is acted out in it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta

from alliance_journal.domain.clients import SESSIONS_PER_4_WEEKS, ClientStatus
from alliance_journal.domain.entries import AllianceFields, ContainerFields, Entry
from alliance_journal.domain.nudges.model import NudgeRule
from alliance_journal.domain.nudges.record import Finding, Record, chronological
from alliance_journal.domain.nudges.wording import SAFETY_FIRST, count_events, date_text, plural
from alliance_journal.domain.themes import ThemeId
from alliance_journal.domain.vocabulary import RISK_EVENTS, ContainerEvent

#: Contracts are counted per 4 weeks (`SESSIONS_PER_4_WEEKS`), so attendance is too.
_CONTRACT_DAYS = 28

#: Behaviour that may come from fear; also what any limit is taken to be about.
ACTING_OUT = (
    ContainerEvent.AGGRESSION,
    ContainerEvent.THREAT,
    ContainerEvent.INTOXICATED,
    ContainerEvent.DISHONESTY,
)

#: What counts towards ambivalence: a cancellation with notice is ordinary life, not this.
_LATE_OR_MISSED = (ContainerEvent.LATE_CANCELLATION, ContainerEvent.NO_SHOW)


def at_risk(entries: Sequence[Entry]) -> bool:
    """Whether any of `entries` records a threat, aggression or intoxication."""
    return any(isinstance(e.fields, ContainerFields) and e.fields.event in RISK_EVENTS
               for e in entries)


def missed_sessions(record: Record) -> Iterator[Finding]:
    """Late cancellations and no-shows in the recent window: the container is leaking."""
    missed = record.recent_events(ContainerEvent.LATE_CANCELLATION, ContainerEvent.NO_SHOW)
    if missed and len(missed) >= record.thresholds.missed_sessions:
        reason = f"{count_events(missed)} {record.span(missed)}"
        yield Finding(NudgeRule.MISSED_SESSIONS, (ThemeId.CONTAINER,), reason, tuple(missed))


def late_arrivals(record: Record) -> Iterator[Finding]:
    """Chronic lateness in the recent window."""
    late = record.recent_events(ContainerEvent.LATE_ARRIVAL)
    if late and len(late) >= record.thresholds.late_arrivals:
        reason = f"{count_events(late)} {record.span(late)}"
        yield Finding(NudgeRule.LATE_ARRIVALS, (ThemeId.CONTAINER,), reason, tuple(late))


def low_attendance(record: Record) -> Iterator[Finding]:
    """Fewer session days in the last 4 weeks (today included) than the contract promises.

    A day counts when any note says a session was held (`Record.session_days`), not only
    a Session entry. Only active clients who started at least 4 weeks ago and have a
    regular frequency. The evidence is the sessions that did happen, so a new session
    renews the nudge.
    """
    client = record.client
    if client is None or client.status is not ClientStatus.ACTIVE or client.started_on is None:
        return
    expected = SESSIONS_PER_4_WEEKS[client.frequency]
    if expected == 0 or (record.today - client.started_on).days < _CONTRACT_DAYS:
        return
    start = record.today - timedelta(days=_CONTRACT_DAYS - 1)
    held = [e for day, e in record.session_days() if start <= day <= record.today]
    if expected - len(held) >= record.thresholds.attendance_shortfall:
        reason = (
            f"{plural(len(held), 'session')} in the 4 weeks since "
            f"{date_text(start, record.today)}; the {client.frequency.value} contract "
            f"means {expected}"
        )
        yield Finding(NudgeRule.LOW_ATTENDANCE, (ThemeId.CONTAINER,), reason, tuple(held))


def ambivalence(record: Record) -> Iterator[Finding]:
    """Recent late cancellations and no-shows while their trust in me is middling or low.

    Cancelling with notice does not count, and an unrated trust says nothing.
    """
    cancelled = record.recent_events(*_LATE_OR_MISSED)
    latest = record.latest(AllianceFields)
    thresholds = record.thresholds
    if latest is None or not cancelled or len(cancelled) < thresholds.ambivalence_cancellations:
        return
    entry, check = latest
    if check.client_trusts_me is not None and check.client_trusts_me <= thresholds.ambivalence_trust:
        reason = (
            f"{count_events(cancelled)} {record.span(cancelled)}, and their trust in me "
            f"{check.client_trusts_me} on {record.when(entry)}"
        )
        evidence = tuple(sorted([*cancelled, entry], key=chronological))
        themes = (ThemeId.AMBIVALENCE, ThemeId.CONTAINER)
        yield Finding(NudgeRule.AMBIVALENCE, themes, reason, evidence)


def acting_out(record: Record) -> Iterator[Finding]:
    """Recent aggression, threats, intoxication or dishonesty: safety first, then a limit.

    When someone's safety may be at risk the reason says so before anything else.
    """
    events = record.recent_events(*ACTING_OUT)
    if events and len(events) >= record.thresholds.acting_out_events:
        risk = at_risk(events)
        reason = f"{SAFETY_FIRST if risk else ''}{count_events(events)} {record.span(events)}"
        themes = (ThemeId.SABOTAGE, ThemeId.LIMITS)
        yield Finding(NudgeRule.ACTING_OUT, themes, reason, tuple(events), safety=risk)


def mess(record: Record) -> Iterator[Finding]:
    """A recent mess left behind: possibly a message."""
    events = record.recent_events(ContainerEvent.MESS)
    if events and len(events) >= record.thresholds.mess_events:
        reason = f"{count_events(events)} {record.span(events)}"
        yield Finding(NudgeRule.MESS, (ThemeId.MESS_AS_MESSAGE,), reason, tuple(events))
