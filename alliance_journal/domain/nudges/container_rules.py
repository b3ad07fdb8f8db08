"""Rules about the container (time and place of sessions) and what is acted out in it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from alliance_journal.domain.clients import SESSIONS_PER_4_WEEKS, ClientStatus
from alliance_journal.domain.entries import AllianceFields, EntryKind
from alliance_journal.domain.nudges.model import NudgeRule
from alliance_journal.domain.nudges.record import Finding, Record, chronological, day_of
from alliance_journal.domain.nudges.wording import count_events, date_text, plural
from alliance_journal.domain.themes import ThemeId
from alliance_journal.domain.vocabulary import ContainerEvent

#: Contracts are counted per 4 weeks (`SESSIONS_PER_4_WEEKS`), so attendance is too.
_CONTRACT_DAYS = 28

#: Behaviour that may come from fear; also what any limit is taken to be about.
ACTING_OUT = (
    ContainerEvent.AGGRESSION,
    ContainerEvent.THREAT,
    ContainerEvent.INTOXICATED,
    ContainerEvent.DISHONESTY,
)

_CANCELLATIONS = (
    ContainerEvent.CANCELLATION,
    ContainerEvent.LATE_CANCELLATION,
    ContainerEvent.NO_SHOW,
)


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
    """Fewer session entries in the last 4 weeks (today included) than the contract promises.

    Only active clients who started at least 4 weeks ago and have a regular frequency.
    The evidence is the sessions that did happen, so a new session renews the nudge.
    """
    client = record.client
    if client is None or client.status is not ClientStatus.ACTIVE or client.started_on is None:
        return
    expected = SESSIONS_PER_4_WEEKS[client.frequency]
    if expected == 0 or (record.today - client.started_on).days < _CONTRACT_DAYS:
        return
    start = record.today - timedelta(days=_CONTRACT_DAYS - 1)
    held = [e for e in record.of_kind(EntryKind.SESSION) if start <= day_of(e) <= record.today]
    if expected - len(held) >= record.thresholds.attendance_shortfall:
        reason = (
            f"{plural(len(held), 'session')} in the 4 weeks since "
            f"{date_text(start, record.today)}; the {client.frequency.value} contract "
            f"means {expected}"
        )
        yield Finding(NudgeRule.LOW_ATTENDANCE, (ThemeId.CONTAINER,), reason, tuple(held))


def ambivalence(record: Record) -> Iterator[Finding]:
    """Recent cancellations of any kind while their trust in me is middling or low."""
    cancelled = record.recent_events(*_CANCELLATIONS)
    latest = record.latest(AllianceFields)
    thresholds = record.thresholds
    if latest is None or not cancelled or len(cancelled) < thresholds.ambivalence_cancellations:
        return
    entry, check = latest
    if check.client_trusts_me <= thresholds.ambivalence_trust:
        reason = (
            f"{count_events(cancelled)} {record.span(cancelled)}, and their trust in me "
            f"{check.client_trusts_me} on {record.when(entry)}"
        )
        evidence = tuple(sorted([*cancelled, entry], key=chronological))
        themes = (ThemeId.AMBIVALENCE, ThemeId.CONTAINER)
        yield Finding(NudgeRule.AMBIVALENCE, themes, reason, evidence)


def acting_out(record: Record) -> Iterator[Finding]:
    """Recent aggression, threats, intoxication or dishonesty: fear, and a limit to set."""
    events = record.recent_events(*ACTING_OUT)
    if events and len(events) >= record.thresholds.acting_out_events:
        reason = f"{count_events(events)} {record.span(events)}"
        themes = (ThemeId.SABOTAGE, ThemeId.LIMITS)
        yield Finding(NudgeRule.ACTING_OUT, themes, reason, tuple(events))


def mess(record: Record) -> Iterator[Finding]:
    """A recent mess left behind: possibly a message."""
    events = record.recent_events(ContainerEvent.MESS)
    if events and len(events) >= record.thresholds.mess_events:
        reason = f"{count_events(events)} {record.span(events)}"
        yield Finding(NudgeRule.MESS, (ThemeId.MESS_AS_MESSAGE,), reason, tuple(events))
