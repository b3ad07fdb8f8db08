"""The limit rule: a limit that did not hold asks who is accountable, and what I model."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import timedelta

from alliance_journal.domain.entries import ContainerFields, Entry, LimitFields
from alliance_journal.domain.nudges.container_rules import ACTING_OUT
from alliance_journal.domain.nudges.model import NudgeRule
from alliance_journal.domain.nudges.record import Finding, Record, day_of, pairs
from alliance_journal.domain.nudges.wording import and_list, count_events, plural
from alliance_journal.domain.themes import ThemeId
from alliance_journal.domain.vocabulary import ContainerEvent


def limit_recurs(record: Record) -> Iterator[Finding]:
    """A limit that did not hold: the behaviour came back, recently, after it was set.

    Coming back means, after the limit: a container event of a kind recorded in the
    `limit_context_days` before it (what the limit was about); any aggression, threat,
    intoxication or dishonesty; or a new limit with a similar behaviour text. Only the
    newest limit that recurred nudges, and only while a recurrence is recent.
    """
    recent = [entry for entry in record.entries if record.is_recent(entry)]
    if not recent:
        return
    for limit_entry, limit in reversed(record.pairs(LimitFields)):
        repeats = _recurrences(record, limit_entry, limit, recent)
        if repeats:
            parts = [count_events(repeats)] if pairs(repeats, ContainerFields) else []
            renewed = len(pairs(repeats, LimitFields))
            if renewed:
                parts.append(plural(renewed, "renewal of the limit", "renewals of the limit"))
            reason = (
                f"after the limit of {record.when(limit_entry)}: {and_list(parts)} "
                f"{record.span(repeats)}"
            )
            themes = (ThemeId.ACCOUNTABILITY, ThemeId.ROLE_MODEL)
            yield Finding(NudgeRule.LIMIT_RECURS, themes, reason, (limit_entry, *repeats))
            return


def _recurrences(
    record: Record, limit_entry: Entry, limit: LimitFields, candidates: Sequence[Entry]
) -> list[Entry]:
    """The `candidates` after `limit_entry` that show the limited behaviour again."""
    after = [entry for entry in candidates if entry.occurred_at > limit_entry.occurred_at]
    if not after:
        return []
    watched = _context_events(record, limit_entry) | set(ACTING_OUT)
    similarity = record.thresholds.limit_similarity

    def recurs(fields: object) -> bool:
        if isinstance(fields, ContainerFields):
            return fields.event in watched
        if isinstance(fields, LimitFields):
            return _similar(fields.behaviour, limit.behaviour, similarity)
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


def _similar(first: str, second: str, threshold: float) -> bool:
    """Word overlap (Jaccard) of two behaviour descriptions; empty text matches nothing."""
    a, b = (set(re.findall(r"[a-z0-9']+", text.lower())) for text in (first, second))
    return bool(a and b) and len(a & b) / len(a | b) >= threshold
