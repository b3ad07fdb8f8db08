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

#: The five alliance ratings a card draws as small bars, with labels short enough for a card:
#: the client's trust, respect and liking of me, and my trust and respect of the client.
ALLIANCE_BARS: tuple[tuple[str, str], ...] = (
    ("client_trusts_me", "Trust"),
    ("client_respects_me", "Respect"),
    ("i_trust_client", "I trust"),
    ("i_respect_client", "I respect"),
    ("client_likes_me", "Liking"),
)

SEP = " · "


def alliance_bars(entry: Entry) -> list[tuple[str, int]]:
    """(short label, 1–5) for the five ratings; empty for other kinds."""
    fields = entry.fields
    if not isinstance(fields, AllianceFields):
        return []
    return [(short, int(getattr(fields, name))) for name, short in ALLIANCE_BARS]


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
        parts += [f"Intensity {f.intensity}/5", _listing(f.feelings)]
    elif isinstance(f, TransferenceFields):
        figure = label(f.figure)
        if f.figure is Figure.OTHER and f.figure_other.strip():
            figure = f.figure_other.strip()
        parts += [figure, label(f.status)]
    elif isinstance(f, AllianceFields):
        parts.append(SEP.join(f"{short} {value}" for short, value in alliance_bars(entry)))
        if f.rupture is not Rupture.NONE:
            parts.append(f"Rupture: {label(f.rupture).lower()}, repair: {label(f.repair).lower()}")
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
        if f.discomfort:
            parts.append(f"Discomfort {f.discomfort}/5")
    elif isinstance(f, ReflectionFields) and f.theme is not None:
        parts.append(THEMES[f.theme].title)
    return SEP.join(p for p in parts if p)
