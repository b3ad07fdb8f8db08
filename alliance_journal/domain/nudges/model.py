"""What a nudge is: its rule, its thresholds, and the id that ties it to its evidence."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum

from alliance_journal.domain.themes import ThemeId


@dataclass(frozen=True, slots=True)
class NudgeThresholds:
    """Every number the rules use, with defaults a clinician can read and argue with.

    "Within N days" always means the last N calendar days, today included: an entry from
    N-1 days ago counts, one from N days ago does not. The attendance window is fixed at
    4 weeks because contracts are counted per 4 weeks (`clients.SESSIONS_PER_4_WEEKS`).
    """

    #: Days that count as recent for container events and strong reactions.
    recent_days: int = 30
    #: Late cancellations plus no-shows within `recent_days` that make a pattern.
    missed_sessions: int = 2
    #: Late arrivals within `recent_days` that make a pattern.
    late_arrivals: int = 3
    #: Sessions short of the contract over the last 4 weeks before attendance nudges.
    attendance_shortfall: int = 1
    #: Points by which liking may exceed trust or respect before it is a warning sign.
    liking_gap: int = 2
    #: A direction of trust or respect (1-5) at or below this is low.
    low_rating: int = 2
    #: A fall of at least this many points between consecutive alliance checks.
    rating_drop: int = 2
    #: Bond, tasks or goals (1-5) at or below this suggest the work is stalling.
    low_working_alliance: int = 2
    #: Countertransference intensity (1-5) worth a second look.
    strong_intensity: int = 4
    #: Entries about one negative figure, and the days they must span, without easing.
    transference_entries: int = 3
    transference_span_days: int = 60
    #: Acting-out events (aggression, threat, intoxication, dishonesty) within `recent_days`.
    acting_out_events: int = 1
    #: Mess events within `recent_days`.
    mess_events: int = 1
    #: Intake warning signals, or discomfort (0-5), that deserve reflection.
    intake_signals: int = 2
    intake_discomfort: int = 4
    #: Intakes older than this many days no longer nudge.
    intake_recent_days: int = 90
    #: Countertransference entries with strain feelings, across the caseload, and the window.
    strain_entries: int = 3
    strain_days: int = 14
    #: Sessions after a rupture by which a resolved repair is hoped for.
    repair_sessions: int = 3
    #: Container events this many days before a limit are what the limit was about.
    limit_context_days: int = 14
    #: Share of words two behaviour descriptions must have in common to be the same limit.
    limit_similarity: float = 0.5
    #: Days after work ended (or the last entry) during which acceptance is suggested.
    closure_days: int = 60
    #: Cancellations of any kind within `recent_days`, with their trust at or below
    #: `ambivalence_trust` on the latest alliance check, suggest ambivalence.
    ambivalence_cancellations: int = 2
    ambivalence_trust: int = 3
    #: Session days, or calendar days, since the last alliance check before one is due.
    unchecked_session_days: int = 6
    unchecked_days: int = 60
    #: Rated countertransference entries, in a row, whose intensity keeps rising.
    rising_entries: int = 3
    #: Clients relating to me as the same figure, and the window in days.
    figure_clients: int = 3
    figure_days: int = 90
    #: Notes with words of strain, across the caseload, within `strain_days`.
    strain_word_notes: int = 3
    #: Days a limit may stay `pending`, and an intake `undecided`, before a nudge.
    limit_pending_days: int = 30
    intake_undecided_days: int = 21
    #: At most this many nudges per client are shown at once (the rest are counted).
    shown_per_client: int = 3


class NudgeRule(StrEnum):
    """Stable rule names: part of every nudge id, so dismissals survive upgrades."""

    MISSED_SESSIONS = "missed-sessions"
    LATE_ARRIVALS = "late-arrivals"
    LOW_ATTENDANCE = "low-attendance"
    LIKED_NOT_TRUSTED = "liked-not-trusted"
    TRUST_RESPECT = "trust-respect"
    WORKING_ALLIANCE = "working-alliance"
    STRONG_REACTION = "strong-reaction"
    PERSISTENT_TRANSFERENCE = "persistent-transference"
    ACTING_OUT = "acting-out"
    MESS = "mess"
    INTAKE_SIGNALS = "intake-signals"
    CASELOAD_STRAIN = "caseload-strain"
    LIMIT_RECURS = "limit-recurs"
    WORK_CLOSED = "work-closed"
    OPEN_RUPTURE = "open-rupture"
    AMBIVALENCE = "ambivalence"
    ALLIANCE_UNCHECKED = "alliance-unchecked"
    RISING_INTENSITY = "rising-intensity"
    FIGURE_ACROSS_CLIENTS = "figure-across-clients"
    STRAIN_WORDS = "strain-words"
    SEXUALISED_REACTION = "sexualised-reaction"
    LIMIT_PENDING = "limit-pending"
    INTAKE_UNDECIDED = "intake-undecided"


class NudgePriority(IntEnum):
    """What comes first when a client has several nudges: safety, then ruptures, the rest."""

    SAFETY = 0
    RUPTURE = 1
    OTHER = 2


#: Rules about a rupture in the alliance.
RUPTURE_RULES = frozenset({NudgeRule.OPEN_RUPTURE})


@dataclass(frozen=True, slots=True)
class Nudge:
    """A suggestion to reflect, with the evidence that prompted it.

    `client_id` None means the nudge is about the therapist ("My journal"). `since` is the
    time of the oldest evidence, None when the evidence is an absence (no sessions).
    """

    id: str
    rule: NudgeRule
    client_id: uuid.UUID | None
    themes: tuple[ThemeId, ...]
    prompt_id: str | None
    reason: str
    evidence: tuple[uuid.UUID, ...]
    since: datetime | None
    priority: NudgePriority = NudgePriority.OTHER

    @property
    def theme(self) -> ThemeId:
        return self.themes[0]


def nudge_id(rule: NudgeRule, client_id: uuid.UUID | None, evidence: Iterable[uuid.UUID]) -> str:
    """`rule:client:digest`: the same rule, client and evidence always give the same id.

    The evidence is hashed so the id stays short (entries store it in 200 characters).
    """
    joined = ",".join(sorted(str(entry_id) for entry_id in evidence))
    digest = hashlib.sha256(joined.encode()).hexdigest()[:16]
    return f"{rule.value}:{client_id or 'me'}:{digest}"
