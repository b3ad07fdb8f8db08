"""Which form each entry kind gets: data, not widgets.

One tuple of specs per kind drives the form builder (`kind_form.py`), so the eight
forms are a table a clinician could proofread, and a new field is one line here.
Field names are the ids of `domain.entries.*Fields`; labels are what the screen says.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from alliance_journal.domain.entries import EntryKind
from alliance_journal.domain.themes import THEMES
from alliance_journal.domain.vocabulary import (
    FEELINGS_BY_FACTOR,
    LATENESS_EVENTS,
    ContainerEvent,
    Figure,
    IntakeDecision,
    IntakeSignal,
    LimitOutcome,
    PatternSite,
    ReactionOrigin,
    Repair,
    Rupture,
    TransferenceStatus,
    TransferenceValence,
    label,
)


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class ChipsSpec:
    """Checkable chips in titled groups; `free` also keeps values outside the vocabulary."""

    name: str
    label: str
    groups: tuple[tuple[str, tuple[Choice, ...]], ...]
    free: bool = False


@dataclass(frozen=True, slots=True)
class RatingSpec:
    """A rating; `optional` adds "—" (not rated), which a new entry starts with."""

    name: str
    label: str
    low: int = 1
    high: int = 5
    optional: bool = True


@dataclass(frozen=True, slots=True)
class ChoiceSpec:
    name: str
    label: str
    choices: tuple[Choice, ...]
    optional: bool = False


@dataclass(frozen=True, slots=True)
class TextSpec:
    name: str
    label: str
    multiline: bool = True


@dataclass(frozen=True, slots=True)
class NumberSpec:
    """A whole number; with `only_when` (field, values) it is asked only for those values."""

    name: str
    label: str
    low: int
    high: int
    suffix: str = ""
    only_when: tuple[str, frozenset[str]] | None = None


@dataclass(frozen=True, slots=True)
class CheckSpec:
    name: str
    label: str


FieldSpec = ChipsSpec | RatingSpec | ChoiceSpec | TextSpec | NumberSpec | CheckSpec


def _choices(enum: type[StrEnum]) -> tuple[Choice, ...]:
    return tuple(Choice(member.value, label(member)) for member in enum)


def _factor_title(factor: StrEnum) -> str:
    return label(factor).replace("/", " / ")


THEME_CHOICES = tuple(Choice(theme.id.value, theme.title) for theme in THEMES.values())
FEELING_GROUPS = tuple(
    (_factor_title(factor), tuple(Choice(f, f) for f in feelings))
    for factor, feelings in FEELINGS_BY_FACTOR.items()
)

FORMS: dict[EntryKind, tuple[FieldSpec, ...]] = {
    EntryKind.SESSION: (
        ChipsSpec("themes", "Themes", (("", THEME_CHOICES),)),
    ),
    EntryKind.COUNTERTRANSFERENCE: (
        ChipsSpec("feelings", "Feelings", FEELING_GROUPS, free=True),
        RatingSpec("intensity", "Intensity"),
        ChoiceSpec("origin", "Where it seems to come from", _choices(ReactionOrigin)),
        TextSpec("evoked", "What evoked it"),
        TextSpec("urge", "What I felt pulled to do"),
        TextSpec("handled", "How I handled it"),
    ),
    EntryKind.TRANSFERENCE: (
        ChoiceSpec("figure", "Relating to me as", _choices(Figure)),
        TextSpec("figure_other", "Other figure", multiline=False),
        ChoiceSpec("valence", "Feeling tone", _choices(TransferenceValence)),
        ChipsSpec("seen_with", "Where the pattern shows", (("", _choices(PatternSite)),)),
        ChoiceSpec("status", "Status", _choices(TransferenceStatus)),
        TextSpec("wish", "The client's wish"),
        TextSpec("response_of_other", "Expected response of the other"),
        TextSpec("response_of_self", "Response of the self"),
        TextSpec("evidence", "Evidence"),
        TextSpec("intervention", "My intervention"),
        TextSpec("client_response", "The client's response"),
    ),
    EntryKind.ALLIANCE: (
        RatingSpec("client_trusts_me", "Client trusts me"),
        RatingSpec("client_respects_me", "Client respects me"),
        RatingSpec("i_trust_client", "I trust the client"),
        RatingSpec("i_respect_client", "I respect the client"),
        RatingSpec("client_likes_me", "Client likes me"),
        RatingSpec("bond", "Bond"),
        RatingSpec("tasks", "Agreement on tasks"),
        RatingSpec("goals", "Agreement on goals"),
        ChoiceSpec("rupture", "Rupture", _choices(Rupture)),
        ChoiceSpec("repair", "Repair", _choices(Repair)),
    ),
    EntryKind.CONTAINER: (
        ChoiceSpec("event", "Event", _choices(ContainerEvent)),
        NumberSpec("minutes_late", "Minutes late", 0, 600, " min",
                   only_when=("event", frozenset(e.value for e in LATENESS_EVENTS))),
        CheckSpec("addressed", "Addressed in the session"),
    ),
    EntryKind.LIMIT: (
        TextSpec("behaviour", "Behaviour"),
        TextSpec("what_i_said", "What I said"),
        TextSpec("consequence", "Consequence if it happens again"),
        ChoiceSpec("outcome", "Outcome", _choices(LimitOutcome)),
    ),
    EntryKind.INTAKE: (
        ChipsSpec("signals", "Signals", (("", _choices(IntakeSignal)),)),
        RatingSpec("discomfort", "My discomfort", low=0),
        ChoiceSpec("decision", "Decision", _choices(IntakeDecision)),
        TextSpec("reasons", "Reasons"),
    ),
    EntryKind.REFLECTION: (
        ChoiceSpec("theme", "Theme", THEME_CHOICES, optional=True),
    ),
}
