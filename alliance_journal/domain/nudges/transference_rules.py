"""Rules about what passes between us: the client's transference and my reactions.

A strong reaction is information about the client; an old figure that keeps being
projected onto me, without easing, asks to be attended to. A sexualised reaction asks
for consultation; the same figure across several clients asks what part is mine.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from datetime import date
from itertools import pairwise

from alliance_journal.domain.entries import CountertransferenceFields, Entry, TransferenceFields
from alliance_journal.domain.nudges.model import NudgeRule, NudgeThresholds
from alliance_journal.domain.nudges.record import Finding, Record, day_of, pairs, within
from alliance_journal.domain.nudges.wording import date_text, plural
from alliance_journal.domain.themes import ThemeId
from alliance_journal.domain.vocabulary import (
    FEELINGS_BY_FACTOR,
    FeelingFactor,
    Figure,
    TransferenceStatus,
    TransferenceValence,
)

#: Figures that are hurtful; the idealised, rescuing, caring, erotic, mirroring and
#: kindred ones are not "negative" unless the therapist says the pattern is.
_NEGATIVE_FIGURES = frozenset({
    Figure.BAD_PARENT, Figure.BAD_OBJECT, Figure.BETRAYER, Figure.ABANDONER, Figure.EXPLOITER,
    Figure.CRITIC, Figure.AUTHORITY, Figure.RIVAL, Figure.OTHER,
})
_EASED = frozenset({TransferenceStatus.SOFTENING, TransferenceStatus.WORKED_THROUGH})
_SEXUALISED = frozenset(FEELINGS_BY_FACTOR[FeelingFactor.SEXUALIZED])


def _figure_words(figure: Figure) -> str:
    return "another figure" if figure is Figure.OTHER else f"the {figure.value.replace('_', ' ')}"


def strong_reaction(record: Record) -> Iterator[Finding]:
    """Recent countertransference of high intensity: information about the client."""
    strong = [
        (entry, fields) for entry, fields in record.pairs(CountertransferenceFields)
        if fields.intensity is not None and fields.intensity >= record.thresholds.strong_intensity
        and record.is_recent(entry)
    ]
    if not strong:
        return
    evidence = tuple(entry for entry, _ in strong)
    if len(strong) == 1:
        reason = f"intensity {strong[0][1].intensity} on {record.when(evidence[0])}"
    else:
        reason = (
            f"{len(strong)} reactions at intensity {record.thresholds.strong_intensity} "
            f"or more {record.span(evidence)}"
        )
    themes = (ThemeId.COUNTERTRANSFERENCE_SIGNAL,)
    yield Finding(NudgeRule.STRONG_REACTION, themes, reason, evidence)


def rising_intensity(record: Record) -> Iterator[Finding]:
    """My reactions to this client grow stronger: the last rated intensities keep rising.

    Unrated entries are skipped, not counted as a level; the newest must be recent.
    """
    wanted = record.thresholds.rising_entries
    rated = [(entry, fields.intensity) for entry, fields in record.pairs(CountertransferenceFields)
             if fields.intensity is not None][-wanted:]
    if len(rated) < wanted or not record.is_recent(rated[-1][0]):
        return
    levels = [level for _, level in rated]
    if all(a < b for a, b in pairwise(levels)):
        evidence = tuple(entry for entry, _ in rated)
        steps = " to ".join(str(level) for level in levels)
        reason = f"intensity rising from {steps} {record.span(evidence)}"
        yield Finding(NudgeRule.RISING_INTENSITY, (ThemeId.COUNTERTRANSFERENCE_SIGNAL,),
                      reason, evidence)


def sexualised_reaction(record: Record) -> Iterator[Finding]:
    """A recent sexualised reaction: ordinary to feel, and worth taking to consultation."""
    found = [entry for entry, fields in record.pairs(CountertransferenceFields)
             if record.is_recent(entry)
             and {f.strip().lower() for f in fields.feelings} & _SEXUALISED]
    if found:
        reason = (f"a sexualised reaction recorded {record.span(found)}; such feelings are "
                  "human, and a gentle word with a supervisor or consultant helps keep the "
                  "frame safe")
        yield Finding(NudgeRule.SEXUALISED_REACTION, (ThemeId.COUNTERTRANSFERENCE_SIGNAL,),
                      reason, tuple(found), safety=True)


def _is_negative(fields: TransferenceFields) -> bool:
    if fields.valence is TransferenceValence.NEGATIVE:
        return True
    return fields.valence is not TransferenceValence.POSITIVE and fields.figure in _NEGATIVE_FIGURES


def persistent_transference(record: Record) -> Iterator[Finding]:
    """The same negative figure recorded again and again over weeks without easing.

    A softening or worked-through entry restarts the count for that figure, so a relapse
    after easing must build up again before it nudges. "Other" with no name says too
    little to call it the same figure, so it never counts.
    """
    runs: dict[tuple[Figure, str], list[Entry]] = {}
    for entry, fields in record.pairs(TransferenceFields):
        other = fields.figure_other.strip().lower() if fields.figure is Figure.OTHER else ""
        if not _is_negative(fields) or (fields.figure is Figure.OTHER and not other):
            continue
        run = runs.setdefault((fields.figure, other), [])
        if fields.status in _EASED:
            run.clear()
        else:
            run.append(entry)
    for (figure, _), run in runs.items():
        if len(run) >= record.thresholds.transference_entries and (
            (day_of(run[-1]) - day_of(run[0])).days >= record.thresholds.transference_span_days
        ):
            reason = (f"related to as {_figure_words(figure)} in {len(run)} entries "
                      f"{record.span(run)}, not easing")
            themes = (ThemeId.NEGATIVE_TRANSFERENCE, ThemeId.ATTENDING)
            yield Finding(NudgeRule.PERSISTENT_TRANSFERENCE, themes, reason, tuple(run))


def figure_across_clients(
    entries: Sequence[Entry], today: date, thresholds: NudgeThresholds
) -> Iterator[Finding]:
    """The same figure recorded with several clients lately: is something of it mine?

    Named figures only ("other" says too little). The evidence is each client's latest
    entry with that figure within `figure_days`.
    """
    latest: dict[Figure, dict[uuid.UUID, Entry]] = {}
    for entry, fields in pairs(entries, TransferenceFields):
        if (entry.client_id is None or fields.figure is Figure.OTHER
                or not within(entry, today, thresholds.figure_days)):
            continue
        latest.setdefault(fields.figure, {})[entry.client_id] = entry
    for figure, by_client in latest.items():
        if len(by_client) < thresholds.figure_clients:
            continue
        evidence = tuple(sorted(by_client.values(), key=lambda e: e.occurred_at))
        reason = (f"{plural(len(by_client), 'client')} related to me as {_figure_words(figure)} "
                  f"since {date_text(day_of(evidence[0]), today)}: is something of it mine?")
        themes = (ThemeId.NEGATIVE_TRANSFERENCE, ThemeId.COUNTERTRANSFERENCE_SIGNAL)
        yield Finding(NudgeRule.FIGURE_ACROSS_CLIENTS, themes, reason, evidence)
