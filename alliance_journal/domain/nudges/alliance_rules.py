"""Rules about the alliance checks: trust and respect both ways, the work, ruptures.

They read the latest check (and, for drops, the one before it), so a later, better check
quietens them: the nudge is about the alliance as it stands.
"""

from __future__ import annotations

from collections.abc import Iterator

from alliance_journal.domain.entries import AllianceFields, EntryKind
from alliance_journal.domain.nudges.model import NudgeRule
from alliance_journal.domain.nudges.record import Finding, Record, day_of
from alliance_journal.domain.nudges.wording import and_list, plural
from alliance_journal.domain.themes import ThemeId
from alliance_journal.domain.vocabulary import Repair, Rupture, label

_DIRECTION_WORDS = {
    "client_trusts_me": "their trust in me",
    "client_respects_me": "their respect for me",
    "i_trust_client": "my trust in them",
    "i_respect_client": "my respect for them",
}
_CLIENT_DIRECTIONS = frozenset({"client_trusts_me", "client_respects_me"})


def liked_not_trusted(record: Record) -> Iterator[Finding]:
    """On the latest alliance check, liking well above their trust or respect."""
    latest = record.latest(AllianceFields)
    if latest is None:
        return
    entry, check = latest
    gap = record.thresholds.liking_gap
    low = [
        f"{name} {value}"
        for name, value in (("trust", check.client_trusts_me), ("respect", check.client_respects_me))
        if check.client_likes_me - value >= gap
    ]
    if low:
        reason = f"liking {check.client_likes_me} but {and_list(low)} on {record.when(entry)}"
        themes = (ThemeId.LIKED_NOT_TRUSTED, ThemeId.MUTUAL_TRUST_RESPECT)
        yield Finding(NudgeRule.LIKED_NOT_TRUSTED, themes, reason, (entry,))


def trust_respect(record: Record) -> Iterator[Finding]:
    """A low direction on the latest check, or a drop since the check before it.

    When the client's own trust or respect is what suffers, their history with authority
    is offered as a second theme.
    """
    checks = record.pairs(AllianceFields)
    if not checks:
        return
    entry, latest = checks[-1]
    now = latest.directions()
    previous = checks[-2] if len(checks) > 1 else None
    before = previous[1].directions() if previous else now
    dropped = [n for n in now if before[n] - now[n] >= record.thresholds.rating_drop]
    low = [n for n in now if now[n] <= record.thresholds.low_rating and n not in dropped]
    parts = [f"{_DIRECTION_WORDS[n]} {now[n]} on {record.when(entry)}" for n in low]
    if previous and dropped:
        between = f"between {record.when(previous[0])} and {record.when(entry)}"
        parts += [f"{_DIRECTION_WORDS[n]} fell from {before[n]} to {now[n]} {between}"
                  for n in dropped]
    if not parts:
        return
    evidence = (previous[0], entry) if previous and dropped else (entry,)
    themes: tuple[ThemeId, ...] = (ThemeId.MUTUAL_TRUST_RESPECT,)
    if _CLIENT_DIRECTIONS.intersection(low + dropped):
        themes += (ThemeId.TRAUMA_AUTHORITY,)
    yield Finding(NudgeRule.TRUST_RESPECT, themes, "; ".join(parts), evidence)


def working_alliance(record: Record) -> Iterator[Finding]:
    """Low bond, tasks or goals on the latest check: when work stalls, look here first."""
    latest = record.latest(AllianceFields)
    if latest is None:
        return
    entry, check = latest
    low = [
        f"{name} {value}"
        for name, value in (("bond", check.bond), ("tasks", check.tasks), ("goals", check.goals))
        if value is not None and value <= record.thresholds.low_working_alliance
    ]
    if low:
        reason = f"working alliance: {and_list(low)} on {record.when(entry)}"
        yield Finding(NudgeRule.WORKING_ALLIANCE, (ThemeId.FOUNDATION,), reason, (entry,))


def open_rupture(record: Record) -> Iterator[Finding]:
    """The latest rupture still has no resolved repair after `repair_sessions` sessions.

    Sessions count from the day after the rupture was recorded. A resolved repair on the
    rupture's own check or any later check closes it, even a late one.
    """
    checks = record.pairs(AllianceFields)
    ruptured = [i for i, (_, check) in enumerate(checks) if check.rupture is not Rupture.NONE]
    if not ruptured:
        return
    entry, rupture = checks[ruptured[-1]]
    if any(check.repair is Repair.RESOLVED for _, check in checks[ruptured[-1]:]):
        return
    wanted = record.thresholds.repair_sessions
    sessions = [e for e in record.of_kind(EntryKind.SESSION) if day_of(e) > day_of(entry)][:wanted]
    if sessions and len(sessions) >= wanted:
        reason = (
            f"{label(rupture.rupture).lower()} rupture on {record.when(entry)}, "
            f"{plural(len(sessions), 'session')} since without a resolved repair"
        )
        yield Finding(NudgeRule.OPEN_RUPTURE, (ThemeId.ATTENDING,), reason, (entry, *sessions))
