"""Which nudges to show first, and how many: a few that matter beat a pile that numbs.

Per client (None: My journal) at most `limit` nudges are shown, the most important first:
safety, then ruptures, then the rest, each group in the order given (newest evidence
first). The others are counted, so the screen can say "and 2 more".
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from alliance_journal.domain.nudges.model import Nudge


@dataclass(frozen=True, slots=True)
class ShownNudges:
    """The nudges to show, in order, and how many more each client has."""

    shown: tuple[Nudge, ...]
    more: dict[uuid.UUID | None, int]

    def more_for(self, client_id: uuid.UUID | None) -> int:
        return self.more.get(client_id, 0)


def by_priority(nudges: Iterable[Nudge]) -> list[Nudge]:
    """Safety first, then ruptures, then the rest; the given order within each group."""
    return sorted(nudges, key=lambda nudge: nudge.priority)


def at_most_per_client(nudges: Sequence[Nudge], limit: int | None) -> ShownNudges:
    """The first `limit` nudges of each client by priority (all of them when `limit` is None).

    Clients keep the order in which they first appear in `nudges`.
    """
    groups: dict[uuid.UUID | None, list[Nudge]] = {}
    for nudge in nudges:
        groups.setdefault(nudge.client_id, []).append(nudge)
    shown: list[Nudge] = []
    more: dict[uuid.UUID | None, int] = {}
    for client_id, group in groups.items():
        ranked = by_priority(group)
        cut = len(ranked) if limit is None else limit
        shown.extend(ranked[:cut])
        if len(ranked) > cut:
            more[client_id] = len(ranked) - cut
    return ShownNudges(tuple(shown), more)
