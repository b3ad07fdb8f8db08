"""The limit rule: a limit that did not hold asks who is accountable, and what I model."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import timedelta

from alliance_journal.domain.entries import ContainerFields, Entry, LimitFields
from alliance_journal.domain.nudges.container_rules import ACTING_OUT, at_risk
from alliance_journal.domain.nudges.model import NudgeRule
from alliance_journal.domain.nudges.record import Finding, Record, day_of, pairs
from alliance_journal.domain.nudges.wording import SAFETY_FIRST, and_list, count_events, plural
from alliance_journal.domain.themes import ThemeId
from alliance_journal.domain.vocabulary import ContainerEvent, LimitOutcome


def limit_recurs(record: Record) -> Iterator[Finding]:
    """A limit that did not hold: the behaviour came back, recently, after it was set.

    Coming back means, after the limit, an event of what the limit was about: a kind of
    container event recorded in the `limit_context_days` before it, or one its behaviour
    names ("late", "drunk", "threat"...); aggression, threats, intoxication and dishonesty
    only when the limit was about any of them. A later limit note with a similar behaviour
    counts as a renewal unless it records that the limit `held`. A limit after which the
    therapy ended does not nudge. Only the newest limit that recurred nudges, and only
    while a recurrence is recent. Threat, aggression or intoxication puts safety first.
    """
    recent = [entry for entry in record.entries if record.is_recent(entry)]
    if not recent:
        return
    for limit_entry, limit in reversed(record.pairs(LimitFields)):
        if limit.outcome is LimitOutcome.THERAPY_ENDED:
            continue
        repeats = _recurrences(record, limit_entry, limit, recent)
        if repeats:
            parts = [count_events(repeats)] if pairs(repeats, ContainerFields) else []
            renewed = len(pairs(repeats, LimitFields))
            if renewed:
                parts.append(plural(renewed, "renewal of the limit", "renewals of the limit"))
            risk = at_risk(repeats)
            reason = (
                f"{SAFETY_FIRST if risk else ''}after the limit of {record.when(limit_entry)}: "
                f"{and_list(parts)} {record.span(repeats)}"
            )
            themes = (ThemeId.ACCOUNTABILITY, ThemeId.ROLE_MODEL)
            yield Finding(NudgeRule.LIMIT_RECURS, themes, reason, (limit_entry, *repeats),
                          safety=risk)
            return


def limit_pending(record: Record) -> Iterator[Finding]:
    """Limits still marked `pending` after `limit_pending_days`: how did it turn out?"""
    waiting = [entry for entry, limit in record.pairs(LimitFields)
               if limit.outcome is LimitOutcome.PENDING
               and not record.is_recent(entry, record.thresholds.limit_pending_days + 1)]
    if waiting:
        noun = plural(len(waiting), "limit")
        reason = f"{noun} still pending {record.span(waiting)}"
        themes = (ThemeId.LIMITS, ThemeId.ACCOUNTABILITY)
        yield Finding(NudgeRule.LIMIT_PENDING, themes, reason, tuple(waiting))


def _recurrences(
    record: Record, limit_entry: Entry, limit: LimitFields, candidates: Sequence[Entry]
) -> list[Entry]:
    """The `candidates` after `limit_entry` that show the limited behaviour again."""
    after = [entry for entry in candidates if entry.occurred_at > limit_entry.occurred_at]
    if not after:
        return []
    watched = _context_events(record, limit_entry) | _named_events(limit.behaviour)
    if watched & set(ACTING_OUT):
        watched |= set(ACTING_OUT)
    similarity = record.thresholds.limit_similarity

    def recurs(fields: object) -> bool:
        if isinstance(fields, ContainerFields):
            return fields.event in watched
        if isinstance(fields, LimitFields):
            return fields.outcome is not LimitOutcome.HELD and _similar(
                fields.behaviour, limit.behaviour, similarity)
        return False

    return [entry for entry in after if recurs(entry.fields)]


def _context_events(record: Record, limit_entry: Entry) -> set[ContainerEvent]:
    """Kinds of container event recorded shortly before the limit: what it was about.

    "Other" events say too little to recognise a repeat, so they never count.
    """
    start = day_of(limit_entry) - timedelta(days=record.thresholds.limit_context_days)
    return {
        fields.event for entry, fields in record.pairs(ContainerFields)
        if start <= day_of(entry) and entry.occurred_at <= limit_entry.occurred_at
    } - {ContainerEvent.OTHER}


#: Words that name a kind of event in a limit's behaviour text, as whole words (`\w*`
#: where any ending will do): a bare prefix read "feels" as a fee, "presented" as a
#: gift, "later" as lateness and "message" as mess.
_EVENT_WORDS: dict[ContainerEvent, str] = {
    ContainerEvent.LATE_ARRIVAL: r"late|lateness",
    ContainerEvent.LATE_CANCELLATION: r"cancel\w*",
    ContainerEvent.CANCELLATION: r"cancel\w*",
    ContainerEvent.NO_SHOW: r"no-shows?|no shows?|not turning up|missed sessions?",
    ContainerEvent.MESS: r"mess|messes|messy|damag\w*|dirt\w*",
    ContainerEvent.INTOXICATED: r"drunk\w*|intoxicat\w*|high|alcohol\w*|drink\w*|drug\w*",
    ContainerEvent.AGGRESSION: (r"aggress\w*|shout\w*|yell\w*|hit|hits|hitting|violen\w*|abus\w*"
                                r"|throw\w*|threw|insult\w*|swear\w*|swore"),
    ContainerEvent.THREAT: r"threat\w*",
    ContainerEvent.DISHONESTY: r"lie|lies|lying|lied|liars?|dishonest\w*|untrue",
    ContainerEvent.FEE_UNPAID: r"fees?|pay|pays|paying|payments?|paid|unpaid",
    ContainerEvent.CONTACT_BETWEEN_SESSIONS: (r"texts?|texted|texting|calls?|called|calling"
                                              r"|e-?mail\w*|messag\w*|contact\w*"),
    ContainerEvent.GIFT: r"gifts?|presents?",
}
_EVENT_PATTERNS = {event: re.compile(rf"(?<![\w'-])(?:{words})(?![\w'-])")
                   for event, words in _EVENT_WORDS.items()}


def _named_events(behaviour: str) -> set[ContainerEvent]:
    """Kinds of event a limit's behaviour text speaks of, by whole word."""
    text = " ".join(re.findall(r"[a-z0-9'-]+", behaviour.lower()))
    return {event for event, pattern in _EVENT_PATTERNS.items() if pattern.search(text)}


def _similar(first: str, second: str, threshold: float) -> bool:
    """Word overlap (Jaccard) of two behaviour descriptions; empty text matches nothing."""
    a, b = (set(re.findall(r"[a-z0-9']+", text.lower())) for text in (first, second))
    return bool(a and b) and len(a & b) / len(a | b) >= threshold
