"""Nudges: gentle suggestions drawn from what the record shows.

Each rule reads one client's live entries (or, for strain, the whole caseload) and, when
its threshold is met, names the evidence in plain words and suggests a prompt. Rules look
at recent evidence or at the latest state (the newest alliance check, the newest intake),
so trouble that was since resolved, or lies far back, stops nudging.

A nudge's id is built from its rule, its client and its evidence: a dismissed nudge stays
dismissed until new evidence arrives. Dates are the therapist's local calendar days.

Modules: `model` (the public types and ids), `engine` (`find_nudges`), the rules grouped
by what they read (`container_rules`, `alliance_rules`, `transference_rules`,
`limit_rules`, `caseload_rules`), what those share (`record`, `wording`), and which to
show first and how many (`ranking`). Rules compare rated values only: "not rated" (None)
is never read as a number.
"""

from __future__ import annotations

from alliance_journal.domain.nudges.engine import find_nudges
from alliance_journal.domain.nudges.model import (
    Nudge,
    NudgePriority,
    NudgeRule,
    NudgeThresholds,
    nudge_id,
)
from alliance_journal.domain.nudges.ranking import ShownNudges, at_most_per_client, by_priority

__all__ = ["Nudge", "NudgePriority", "NudgeRule", "NudgeThresholds", "ShownNudges",
           "at_most_per_client", "by_priority", "find_nudges", "nudge_id"]
