"""Rules about the alliance checks: trust and respect both ways, the work, ruptures.

They read the latest check (and, for drops, the one before it), so a later, better check
quietens them: the nudge is about the alliance as it stands.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from alliance_journal.domain.clients import ClientStatus
from alliance_journal.domain.entries import AllianceFields, Entry, EntryKind
from alliance_journal.domain.nudges.model import NudgeRule, NudgeThresholds
from alliance_journal.domain.nudges.record import Finding, Record, day_of
from alliance_journal.domain.nudges.wording import and_list, date_text, plural
from alliance_journal.domain.themes import ThemeId
from alliance_journal.domain.vocabulary import Repair, Rupture, label

_DIRECTION_WORDS = {
    "client_trusts_me": "their trust in me",
    "client_respects_me": "their respect for me",
    "i_trust_client": "my trust in them",
    "i_respect_client": "my respect for them",
}
_CLIENT_DIRECTIONS = frozenset({"client_trusts_me", "client_respects_me"})
#: Prompts that ask about a hostile turn: they do not fit a rupture by withdrawal.
_ABOUT_HOSTILITY = frozenset({"attending-01"})


def liking_outruns(liking: int, other: int, thresholds: NudgeThresholds) -> bool:
    """Liking at least `liking_gap` points above their trust or respect: the condition of
    liked-not-trusted, and of the Relationship chart's shading (one source of truth)."""
    return liking - other >= thresholds.liking_gap


def repaired_since(checks: Sequence[tuple[Entry, AllianceFields]], index: int) -> bool:
    """Whether the rupture on `checks[index]` (oldest first) has a resolved repair on that
    check or a later one, however late: the open-rupture nudge's rule, and the one the
    Relationship chart and the practice view mark ruptures by (one source of truth)."""
    return any(check.repair is Repair.RESOLVED for _, check in checks[index:])


def liked_not_trusted(record: Record) -> Iterator[Finding]:
    """On the latest alliance check, liking well above their trust or respect.

    Only rated values compare: liking must be rated, and trust or respect with it.
    """
    latest = record.latest(AllianceFields)
    if latest is None or latest[1].client_likes_me is None:
        return
    entry, check = latest
    liking = latest[1].client_likes_me
    low = [
        f"{name} {value}"
        for name, value in (("trust", check.client_trusts_me), ("respect", check.client_respects_me))
        if value is not None and liking_outruns(liking, value, record.thresholds)
    ]
    if low:
        reason = f"liking {check.client_likes_me} but {and_list(low)} on {record.when(entry)}"
        themes = (ThemeId.LIKED_NOT_TRUSTED, ThemeId.MUTUAL_TRUST_RESPECT)
        yield Finding(NudgeRule.LIKED_NOT_TRUSTED, themes, reason, (entry,))


def trust_respect(record: Record) -> Iterator[Finding]:
    """A low direction on the latest check, or a drop since the check before it.

    Only rated directions count, and a drop only between two rated values. When the
    client's own trust or respect is what suffers, their history with authority
    is offered as a second theme.
    """
    checks = record.pairs(AllianceFields)
    if not checks:
        return
    entry, latest = checks[-1]
    now = latest.directions()
    previous = checks[-2] if len(checks) > 1 else None
    before = previous[1].directions() if previous else now
    rated = {n: v for n, v in now.items() if v is not None}
    dropped = [n for n, v in rated.items()
               if (old := before[n]) is not None and old - v >= record.thresholds.rating_drop]
    low = [n for n, v in rated.items() if v <= record.thresholds.low_rating and n not in dropped]
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
    if repaired_since(checks, ruptured[-1]):
        return
    wanted = record.thresholds.repair_sessions
    sessions = [e for e in record.of_kind(EntryKind.SESSION) if day_of(e) > day_of(entry)][:wanted]
    if sessions and len(sessions) >= wanted:
        reason = (
            f"{label(rupture.rupture).lower()} rupture on {record.when(entry)}, "
            f"{plural(len(sessions), 'session')} since without a resolved repair"
        )
        avoid = _ABOUT_HOSTILITY if rupture.rupture is Rupture.WITHDRAWAL else frozenset()
        yield Finding(NudgeRule.OPEN_RUPTURE, (ThemeId.ATTENDING,), reason, (entry, *sessions),
                      avoid_prompts=avoid)


def alliance_unchecked(record: Record) -> Iterator[Finding]:
    """An active client whose alliance has not been checked for a while, or ever.

    Due after `unchecked_session_days` session days, or `unchecked_days` days, since the
    last check (with no check yet: since the client started, else since the first
    session). The evidence is the last check and the session that made it due, so a
    dismissal holds until the next check.
    """
    client = record.client
    if client is None or client.status is not ClientStatus.ACTIVE:
        return
    latest = record.latest(AllianceFields)
    sessions = record.session_days()
    if latest is not None:
        start = day_of(latest[0])
    elif client.started_on is not None:
        start = client.started_on
    elif sessions:
        start = sessions[0][0]
    else:
        return
    since = [(day, entry) for day, entry in sessions if day > start]
    limits = record.thresholds
    if len(since) >= limits.unchecked_session_days:
        due = since[limits.unchecked_session_days - 1][1]
    elif since and (record.today - start).days >= limits.unchecked_days:
        late = [e for day, e in since if (day - start).days >= limits.unchecked_days]
        due = late[0] if late else since[-1][1]
    else:
        return
    days = plural(len(since), "session day")
    if latest is not None:
        reason = f"no alliance check since {record.when(latest[0])}: {days} since"
    else:
        reason = f"no alliance check recorded yet: {days} since {date_text(start, record.today)}"
    evidence = (latest[0], due) if latest is not None else (due,)
    themes = (ThemeId.MUTUAL_TRUST_RESPECT, ThemeId.FOUNDATION)
    yield Finding(NudgeRule.ALLIANCE_UNCHECKED, themes, reason, evidence)
