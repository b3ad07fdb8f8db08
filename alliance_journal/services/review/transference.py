"""Transference lanes and the CCRT summary per figure.

One lane per figure the client has been recorded relating to me as; "other" figures
are told apart by the words the therapist gave them. Figures and statuses come from the
domain vocabulary, in its order, so a new figure or status needs no change here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from alliance_journal.domain.entries import Entry, TransferenceFields
from alliance_journal.domain.vocabulary import Figure, TransferenceStatus, label
from alliance_journal.services.review.basis import EntryRef, day_of, oldest_first

#: Words ignored when deciding whether two phrasings say the same thing.
_FILLER = frozenset({"a", "an", "the", "to", "be", "of", "and", "or", "for", "me", "my", "i",
                     "it", "is", "that", "this", "by", "with", "as"})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


@dataclass(frozen=True, slots=True)
class LaneMark:
    ref: EntryRef
    status: TransferenceStatus
    #: The status of the previous mark in the lane when it differs (a change), else None.
    changed_from: TransferenceStatus | None


@dataclass(frozen=True, slots=True)
class Lane:
    figure: Figure
    title: str
    marks: tuple[LaneMark, ...]

    @property
    def current_status(self) -> TransferenceStatus:
        return self.marks[-1].status

    @property
    def changes(self) -> tuple[LaneMark, ...]:
        return tuple(mark for mark in self.marks if mark.changed_from is not None)


@dataclass(frozen=True, slots=True)
class RecurringText:
    """One wording (its first form), with every entry that said the same words."""

    text: str
    refs: tuple[EntryRef, ...]

    @property
    def count(self) -> int:
        return len(self.refs)


@dataclass(frozen=True, slots=True)
class InterventionTried:
    ref: EntryRef
    intervention: str
    client_response: str


@dataclass(frozen=True, slots=True)
class CcrtSummary:
    """Core Conflictual Relationship Theme for one figure (Luborsky): W, RO, RS."""

    figure: Figure
    title: str
    wishes: tuple[RecurringText, ...]
    responses_of_other: tuple[RecurringText, ...]
    responses_of_self: tuple[RecurringText, ...]
    interventions: tuple[InterventionTried, ...]
    first_seen: date
    last_seen: date
    current_status: TransferenceStatus
    entries: int


def statuses() -> tuple[TransferenceStatus, ...]:
    """The statuses in the domain's order (from first noticed to worked with)."""
    return tuple(TransferenceStatus)


def figure_title(fields: TransferenceFields) -> str:
    if fields.figure is Figure.OTHER and fields.figure_other.strip():
        return fields.figure_other.strip()
    return label(fields.figure)


def _by_figure(entries: Iterable[Entry]) -> list[tuple[Figure, str, list[tuple[Entry, TransferenceFields]]]]:
    groups: dict[tuple[Figure, str], list[tuple[Entry, TransferenceFields]]] = {}
    titles: dict[tuple[Figure, str], str] = {}
    for entry in oldest_first(entries):
        fields = entry.fields
        if not isinstance(fields, TransferenceFields):
            continue
        key = (fields.figure, figure_title(fields).casefold())
        titles.setdefault(key, figure_title(fields))
        groups.setdefault(key, []).append((entry, fields))
    order = {figure: index for index, figure in enumerate(Figure)}
    keys = sorted(groups, key=lambda k: (order.get(k[0], len(order)), k[1]))
    return [(key[0], titles[key], groups[key]) for key in keys]


def transference_lanes(entries: Iterable[Entry]) -> list[Lane]:
    """Lanes in the vocabulary's figure order; marks oldest first, status changes flagged."""
    lanes: list[Lane] = []
    for figure, title, found in _by_figure(entries):
        marks: list[LaneMark] = []
        previous: TransferenceStatus | None = None
        for entry, fields in found:
            changed = previous if previous is not None and previous != fields.status else None
            marks.append(LaneMark(EntryRef.of(entry), fields.status, changed))
            previous = fields.status
        lanes.append(Lane(figure, title, tuple(marks)))
    return lanes


def wording_key(text: str) -> frozenset[str]:
    """What makes two phrasings "the same words": their words, minus filler, in any order."""
    words = {w.casefold() for w in _WORD.findall(text)}
    return frozenset(words - _FILLER) or frozenset(words)


def group_wordings(found: Iterable[tuple[Entry, str]]) -> tuple[RecurringText, ...]:
    """Recurring wordings first (most often said), then in order of first appearance."""
    groups: dict[frozenset[str], tuple[str, list[EntryRef]]] = {}
    for entry, text in found:
        text = " ".join(text.split())
        if not text:
            continue
        key = wording_key(text)
        groups.setdefault(key, (text, []))[1].append(EntryRef.of(entry))
    ordered = sorted(groups.values(), key=lambda item: -len(item[1]))
    return tuple(RecurringText(text, tuple(refs)) for text, refs in ordered)


def ccrt_summaries(entries: Iterable[Entry]) -> list[CcrtSummary]:
    summaries: list[CcrtSummary] = []
    for figure, title, found in _by_figure(entries):
        tried = tuple(
            InterventionTried(EntryRef.of(e), " ".join(f.intervention.split()),
                              " ".join(f.client_response.split()))
            for e, f in found if f.intervention.strip() or f.client_response.strip())
        summaries.append(CcrtSummary(
            figure=figure, title=title,
            wishes=group_wordings((e, f.wish) for e, f in found),
            responses_of_other=group_wordings((e, f.response_of_other) for e, f in found),
            responses_of_self=group_wordings((e, f.response_of_self) for e, f in found),
            interventions=tried, first_seen=day_of(found[0][0]), last_seen=day_of(found[-1][0]),
            current_status=found[-1][1].status, entries=len(found)))
    return summaries
