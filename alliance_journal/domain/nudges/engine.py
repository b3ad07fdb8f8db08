"""Running every rule over a caseload, and turning what they find into nudges."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from datetime import date

from alliance_journal.domain.clients import CLOSED_STATUSES, Client
from alliance_journal.domain.entries import Entry
from alliance_journal.domain.nudges import alliance_rules, container_rules, transference_rules
from alliance_journal.domain.nudges.caseload_rules import (
    caseload_strain,
    intake_signals,
    intake_undecided,
    strain_words,
    work_closed,
)
from alliance_journal.domain.nudges.limit_rules import limit_pending, limit_recurs
from alliance_journal.domain.nudges.model import (
    RUPTURE_RULES,
    Nudge,
    NudgePriority,
    NudgeThresholds,
    nudge_id,
)
from alliance_journal.domain.nudges.record import Finding, Record, Rule, chronological
from alliance_journal.domain.prompts import PromptAbout, PromptLibrary

_DEFAULT_THRESHOLDS = NudgeThresholds()

#: The rules for a client whose work is not over (prospective, active, paused).
_OPEN_CLIENT_RULES: tuple[Rule, ...] = (
    container_rules.missed_sessions,
    container_rules.late_arrivals,
    container_rules.low_attendance,
    container_rules.ambivalence,
    alliance_rules.liked_not_trusted,
    alliance_rules.trust_respect,
    alliance_rules.working_alliance,
    alliance_rules.open_rupture,
    alliance_rules.alliance_unchecked,
    transference_rules.strong_reaction,
    transference_rules.rising_intensity,
    transference_rules.sexualised_reaction,
    transference_rules.persistent_transference,
    container_rules.acting_out,
    container_rules.mess,
    limit_recurs,
    limit_pending,
    intake_signals,
    intake_undecided,
)


def find_nudges(
    clients: Sequence[Client],
    entries: Sequence[Entry],
    *,
    today: date,
    library: PromptLibrary,
    thresholds: NudgeThresholds = _DEFAULT_THRESHOLDS,
) -> list[Nudge]:
    """Every nudge the record supports today, newest evidence first.

    Entries in the trash are ignored. Archived clients get no nudges; closed ones only the
    acceptance nudge. Entries of clients not in `clients` count only towards the caseload
    rules (strain, words of strain, the same figure across clients). How many to show at
    once, and in which order, is `ranking.at_most_per_client`.
    """
    live = sorted((e for e in entries if not e.in_trash), key=chronological)
    by_client: dict[uuid.UUID | None, list[Entry]] = {}
    for entry in live:
        by_client.setdefault(entry.client_id, []).append(entry)
    found: list[tuple[uuid.UUID | None, Finding]] = []
    for client in clients:
        record = Record(client, tuple(by_client.get(client.id, ())), today, thresholds)
        found.extend((client.id, finding) for finding in _client_findings(record))
    own = Record(None, tuple(by_client.get(None, ())), today, thresholds)
    found.extend((None, finding) for finding in transference_rules.strong_reaction(own))
    found.extend((None, finding) for finding in caseload_strain(live, today, thresholds))
    found.extend((None, finding) for finding in strain_words(live, today, thresholds))
    found.extend((None, finding) for finding in
                 transference_rules.figure_across_clients(live, today, thresholds))
    found.sort(key=lambda item: (item[1].newest, item[1].rule), reverse=True)
    return [_nudge(client_id, finding, library) for client_id, finding in found]


def _client_findings(record: Record) -> Iterator[Finding]:
    client = record.client
    if client is None or client.archived:
        return
    rules = (work_closed,) if client.status in CLOSED_STATUSES else _OPEN_CLIENT_RULES
    for rule in rules:
        yield from rule(record)


def _nudge(client_id: uuid.UUID | None, finding: Finding, library: PromptLibrary) -> Nudge:
    evidence = tuple(entry.id for entry in finding.evidence)
    key = nudge_id(finding.rule, client_id, evidence)
    about = PromptAbout.THERAPIST if client_id is None else PromptAbout.CLIENT
    prompt = library.suggest(finding.themes, about=about, key=key, avoid=finding.avoid_prompts)
    return Nudge(
        id=key,
        rule=finding.rule,
        client_id=client_id,
        themes=finding.themes,
        prompt_id=prompt.id if prompt else None,
        reason=finding.reason,
        evidence=evidence,
        since=min((e.occurred_at for e in finding.evidence), default=None),
        priority=_priority(finding),
    )


def _priority(finding: Finding) -> NudgePriority:
    if finding.safety:
        return NudgePriority.SAFETY
    return NudgePriority.RUPTURE if finding.rule in RUPTURE_RULES else NudgePriority.OTHER
