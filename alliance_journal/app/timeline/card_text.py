"""What a timeline card says about an entry's fields, in one short line.

Kept apart from painting so the same words serve the delegate, the accessible text
of each row and the tests.
"""

from __future__ import annotations

from alliance_journal.domain.entries import (
    AllianceFields,
    ContainerFields,
    CountertransferenceFields,
    Entry,
    IntakeFields,
    LimitFields,
    ReflectionFields,
    SessionFields,
    TransferenceFields,
)
from alliance_journal.domain.themes import THEMES
from alliance_journal.domain.vocabulary import Figure, Rupture, label

#: The five alliance ratings a card draws as dots, by direction: what the client brings
#: to me (trust, respect, liking), then what I bring to them (trust, respect).
ALLIANCE_GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Client → me", (("client_trusts_me", "trust"), ("client_respects_me", "respect"),
                     ("client_likes_me", "liking"))),
    ("Me → client", (("i_trust_client", "trust"), ("i_respect_client", "respect"))),
)

SEP = " · "

#: One direction of an alliance check: its label and (rating label, 1–5 or None) pairs.
#: None is "not rated": drawn as a dash, never as a number of dots.
RatingGroup = tuple[str, list[tuple[str, int | None]]]
NOT_RATED = "not rated"


def alliance_bars(entry: Entry) -> list[RatingGroup]:
    """The two directions with their ratings; empty for other kinds."""
    fields = entry.fields
    if not isinstance(fields, AllianceFields):
        return []
    return [(direction, [(short, _rating(getattr(fields, name))) for name, short in ratings])
            for direction, ratings in ALLIANCE_GROUPS]


def _rating(value: object) -> int | None:
    return None if value is None else int(str(value))


def alliance_note(entry: Entry) -> str:
    """What an alliance card adds after its ratings: the working alliance and a rupture."""
    f = entry.fields
    if not isinstance(f, AllianceFields):
        return ""
    parts = [SEP.join(f"{name} {value}" for name, value in
                      (("bond", f.bond), ("tasks", f.tasks), ("goals", f.goals)) if value is not None)]
    if f.rupture is not Rupture.NONE:
        parts.append(f"rupture: {label(f.rupture).lower()}, repair: {label(f.repair).lower()}")
    return SEP.join(p for p in parts if p)


def _listing(values: list[str], limit: int = 4) -> str:
    shown = ", ".join(values[:limit])
    return shown + (f" +{len(values) - limit}" if len(values) > limit else "")


def key_fields(entry: Entry) -> str:
    """The fields a therapist wants at a glance, e.g. `Intensity 4/5 · anxious, bored`."""
    f = entry.fields
    parts: list[str] = []
    if isinstance(f, SessionFields):
        parts.append(_listing([THEMES[t].title for t in f.themes], 2))
    elif isinstance(f, CountertransferenceFields):
        if f.intensity is not None:
            parts.append(f"Intensity {f.intensity}/5")
        parts.append(_listing(f.feelings))
    elif isinstance(f, TransferenceFields):
        figure = label(f.figure)
        if f.figure is Figure.OTHER and f.figure_other.strip():
            figure = f.figure_other.strip()
        parts += [figure, label(f.status)]
    elif isinstance(f, AllianceFields):
        parts += [f"{direction}: " + ", ".join(
                      f"{short} {NOT_RATED if value is None else value}" for short, value in ratings)
                  for direction, ratings in alliance_bars(entry)]
        parts.append(alliance_note(entry))
    elif isinstance(f, ContainerFields):
        parts.append(label(f.event))
        if f.minutes_late is not None:
            parts.append(f"{f.minutes_late} min late")
        if f.addressed:
            parts.append("addressed")
    elif isinstance(f, LimitFields):
        parts.append(f"Outcome: {label(f.outcome).lower()}")
    elif isinstance(f, IntakeFields):
        parts.append(f"Decision: {label(f.decision).lower()}")
        parts.append(_listing([label(s) for s in f.signals]))
        if f.discomfort is not None:
            parts.append(f"Discomfort {f.discomfort}/5")
    elif isinstance(f, ReflectionFields) and f.theme is not None:
        parts.append(THEMES[f.theme].title)
    return SEP.join(p for p in parts if p)
