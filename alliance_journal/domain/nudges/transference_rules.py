"""Rules about what passes between us: the client's transference and my reactions.

A strong reaction is information about the client; an old figure that keeps being
projected onto me, without easing, asks to be attended to.
"""

from __future__ import annotations

from collections.abc import Iterator

from alliance_journal.domain.entries import CountertransferenceFields, Entry, TransferenceFields
from alliance_journal.domain.nudges.model import NudgeRule
from alliance_journal.domain.nudges.record import Finding, Record, day_of
from alliance_journal.domain.themes import ThemeId
from alliance_journal.domain.vocabulary import Figure, TransferenceStatus, label

#: Figures that are hurtful; the idealised and rescuing ones are not "negative".
_NEGATIVE_FIGURES = frozenset(Figure) - {Figure.RESCUER, Figure.IDEALISED_PARENT}
_EASED = frozenset({TransferenceStatus.SOFTENING, TransferenceStatus.RESOLVED})


def strong_reaction(record: Record) -> Iterator[Finding]:
    """Recent countertransference of high intensity: information about the client."""
    strong = [
        (entry, fields) for entry, fields in record.pairs(CountertransferenceFields)
        if fields.intensity >= record.thresholds.strong_intensity and record.is_recent(entry)
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


def persistent_transference(record: Record) -> Iterator[Finding]:
    """The same negative figure recorded again and again over weeks without easing.

    A softening or resolved entry restarts the count for that figure, so a relapse
    after easing must build up again before it nudges.
    """
    runs: dict[tuple[Figure, str], list[Entry]] = {}
    for entry, fields in record.pairs(TransferenceFields):
        if fields.figure not in _NEGATIVE_FIGURES:
            continue
        other = fields.figure_other.strip().lower() if fields.figure is Figure.OTHER else ""
        run = runs.setdefault((fields.figure, other), [])
        if fields.status in _EASED:
            run.clear()
        else:
            run.append(entry)
    for (figure, _), run in runs.items():
        if len(run) >= record.thresholds.transference_entries and (
            (day_of(run[-1]) - day_of(run[0])).days >= record.thresholds.transference_span_days
        ):
            who = "another figure" if figure is Figure.OTHER else f"the {label(figure).lower()}"
            reason = f"related to as {who} in {len(run)} entries {record.span(run)}, not easing"
            themes = (ThemeId.NEGATIVE_TRANSFERENCE, ThemeId.ATTENDING)
            yield Finding(NudgeRule.PERSISTENT_TRANSFERENCE, themes, reason, tuple(run))
