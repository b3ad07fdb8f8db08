"""Rules about the caseload: whom I take on, whom I let go, and what the work costs me.

Intake signals ask about fit before the work starts; closure invites acceptance after it
ends; strain is counted across every client, because it is the therapist's, not theirs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date

from alliance_journal.domain.clients import CLOSED_STATUSES, ClientStatus
from alliance_journal.domain.entries import (
    CountertransferenceFields,
    Entry,
    EntryKind,
    IntakeFields,
)
from alliance_journal.domain.nudges.model import NudgeRule, NudgeThresholds
from alliance_journal.domain.nudges.record import Finding, Record, day_of, pairs, within
from alliance_journal.domain.nudges.wording import SAFETY_FIRST, and_list, date_text, plural
from alliance_journal.domain.themes import ThemeId
from alliance_journal.domain.vocabulary import (
    STRAIN_FEELINGS,
    STRAIN_WORDS,
    IntakeDecision,
    IntakeSignal,
    label,
)

_CLOSED_WORDS = {
    ClientStatus.ENDED: "work ended",
    ClientStatus.DECLINED: "declined",
    ClientStatus.REFERRED: "referred",
}


def intake_signals(record: Record) -> Iterator[Finding]:
    """The latest intake, if recent, with several warning signs or marked discomfort.

    An unrated discomfort says nothing; a hostile or aggressive manner puts safety first.
    """
    latest = record.latest(IntakeFields)
    if latest is None or not record.is_recent(latest[0], record.thresholds.intake_recent_days):
        return
    entry, intake = latest
    parts: list[str] = []
    if intake.signals and len(intake.signals) >= record.thresholds.intake_signals:
        names = "; ".join(label(signal).lower() for signal in intake.signals)
        parts.append(f"{plural(len(intake.signals), 'intake signal')} ({names})")
    if intake.discomfort is not None and intake.discomfort >= record.thresholds.intake_discomfort:
        parts.append(f"discomfort {intake.discomfort} of 5")
    if parts:
        risk = IntakeSignal.AGGRESSIVE in intake.signals
        reason = f"{SAFETY_FIRST if risk else ''}{and_list(parts)} on {record.when(entry)}"
        themes = (ThemeId.INTAKE_SIGNALS, ThemeId.FIT_READINESS)
        yield Finding(NudgeRule.INTAKE_SIGNALS, themes, reason, (entry,), safety=risk)


def intake_undecided(record: Record) -> Iterator[Finding]:
    """The latest intake still `undecided` after `intake_undecided_days`: they are waiting."""
    latest = record.latest(IntakeFields)
    if latest is None or latest[1].decision is not IntakeDecision.UNDECIDED:
        return
    entry, _ = latest
    if record.is_recent(entry, record.thresholds.intake_undecided_days + 1):
        return
    reason = f"intake on {record.when(entry)} still undecided"
    themes = (ThemeId.FIT_READINESS, ThemeId.INTAKE_SIGNALS)
    yield Finding(NudgeRule.INTAKE_UNDECIDED, themes, reason, (entry,))


def work_closed(record: Record) -> Iterator[Finding]:
    """Recently ended, declined or referred: an invitation to let go without blame.

    Dated by `ended_on`, else by the last entry; with neither there is nothing to say when.
    Reflections do not count as the last entry: writing about the ending afterwards (say,
    answering this very nudge) is not new evidence and must not renew the nudge.
    """
    client = record.client
    if client is None or client.status not in CLOSED_STATUSES:
        return
    last = next((e for e in reversed(record.entries) if e.kind is not EntryKind.REFLECTION), None)
    ended = client.ended_on or (day_of(last) if last else None)
    if ended is None or (record.today - ended).days >= record.thresholds.closure_days:
        return
    words = _CLOSED_WORDS[client.status]
    if client.ended_on:
        reason = f"{words} on {date_text(ended, record.today)}"
    else:
        reason = f"{words}; last entry {date_text(ended, record.today)}"
    evidence = (last,) if last else ()
    themes = (ThemeId.ACCEPTANCE_OF_LIMITS,)
    yield Finding(NudgeRule.WORK_CLOSED, themes, reason, evidence)


def caseload_strain(
    entries: Sequence[Entry], today: date, thresholds: NudgeThresholds
) -> Iterator[Finding]:
    """Several recent reactions of resentment, exhaustion or mistreatment, any clients.

    Counts every live countertransference entry, whoever it is about (closed, archived
    and client-less included): the strain is the therapist's, not the client's.
    """
    strained = [
        (entry, sorted(_strain_feelings(fields)))
        for entry, fields in pairs(entries, CountertransferenceFields)
        if within(entry, today, thresholds.strain_days) and _strain_feelings(fields)
    ]
    if not strained or len(strained) < thresholds.strain_entries:
        return
    evidence = tuple(entry for entry, _ in strained)
    feelings = sorted({feeling for _, found in strained for feeling in found})
    clients = len({entry.client_id for entry in evidence if entry.client_id is not None})
    reason = (
        f"{len(evidence)} reactions of strain ({', '.join(feelings)}) since "
        f"{date_text(day_of(evidence[0]), today)}"
    )
    if clients:
        reason += f", with {plural(clients, 'client')}"
    themes = (ThemeId.BURNOUT_RESENTMENT,)
    yield Finding(NudgeRule.CASELOAD_STRAIN, themes, reason, evidence)


def strain_words(
    entries: Sequence[Entry], today: date, thresholds: NudgeThresholds
) -> Iterator[Finding]:
    """Words of strain (drained, dreading, can't face...) in several of my recent notes.

    Reads the note text of every live entry within `strain_days`, whoever it is about;
    the reason names the words found, never the notes.
    """
    found = [(entry, words) for entry in entries
             if within(entry, today, thresholds.strain_days) and (words := _strain_words(entry))]
    if not found or len(found) < thresholds.strain_word_notes:
        return
    evidence = tuple(entry for entry, _ in found)
    named = sorted({word for _, words in found for word in words})
    reason = (f"words of strain ({', '.join(named)}) in {len(evidence)} of my notes since "
              f"{date_text(day_of(evidence[0]), today)}")
    yield Finding(NudgeRule.STRAIN_WORDS, (ThemeId.BURNOUT_RESENTMENT,), reason, evidence)


_WORD_PATTERN = re.compile(r"\b(" + "|".join(re.escape(w) for w in STRAIN_WORDS) + r")\b")


def _strain_words(entry: Entry) -> set[str]:
    text = " ".join([entry.body, *(a.body for a in entry.amendments)]).lower().replace("\u2019", "'")
    return set(_WORD_PATTERN.findall(text))


def _strain_feelings(fields: CountertransferenceFields) -> set[str]:
    return {f.strip().lower() for f in fields.feelings} & STRAIN_FEELINGS
