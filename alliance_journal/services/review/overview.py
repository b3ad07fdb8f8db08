"""One client's relationship over time: every chart model for one client and date range."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind
from alliance_journal.domain.nudges.model import NudgeThresholds
from alliance_journal.services.clients import get_client
from alliance_journal.services.entries import timeline
from alliance_journal.services.review.alliance import AllianceChart, alliance_chart
from alliance_journal.services.review.basis import DateRange, day_of, occurred_within, oldest_first
from alliance_journal.services.review.container import ContainerChart, container_chart
from alliance_journal.services.review.countertransference import (
    CountertransferenceChart,
    countertransference_chart,
)
from alliance_journal.services.review.transference import (
    CcrtSummary,
    Lane,
    ccrt_summaries,
    transference_lanes,
)
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.engine import database_errors
from alliance_journal.vault.tables import EntryRow

#: The kinds the overview reads whole; sessions only count towards attendance, so of them
#: only the days are read (half of a typical record, and the longest notes).
OVERVIEW_KINDS = (EntryKind.TRANSFERENCE, EntryKind.ALLIANCE, EntryKind.COUNTERTRANSFERENCE,
                  EntryKind.CONTAINER)


@dataclass(frozen=True, slots=True)
class RelationshipOverview:
    client: Client
    date_range: DateRange
    lanes: tuple[Lane, ...]
    ccrt: tuple[CcrtSummary, ...]
    alliance: AllianceChart
    countertransference: CountertransferenceChart
    container: ContainerChart
    #: First and last day drawn (the range, or the entries' own span when it is open).
    first_day: date
    last_day: date


def client_entries(vault: OpenVault, client_id: uuid.UUID, date_range: DateRange,
                   kinds: Sequence[EntryKind] | None = None) -> list[Entry]:
    """Live entries of one client in the range, oldest first (trash never included)."""
    found = timeline(vault, client_id, kinds=kinds, since=date_range.since(),
                     until=date_range.until())
    found.reverse()
    return found


def build_overview(client: Client, entries: Sequence[Entry], date_range: DateRange,
                   today: date, thresholds: NudgeThresholds | None = None,
                   session_days: Sequence[date] | None = None) -> RelationshipOverview:
    """The charts from entries already read (any order; entries outside the range dropped).

    `session_days` stand in for session entries when only their days were read.
    """
    chosen = [e for e in oldest_first(entries) if date_range.contains(day_of(e))]
    days = [day_of(e) for e in chosen]
    first = date_range.start or (days[0] if days else client.started_on or today)
    last = date_range.end or today
    return RelationshipOverview(
        client=client, date_range=date_range,
        lanes=tuple(transference_lanes(chosen)), ccrt=tuple(ccrt_summaries(chosen)),
        alliance=alliance_chart(chosen, thresholds or NudgeThresholds()),
        countertransference=countertransference_chart(chosen, date_range),
        container=container_chart(client, chosen, date_range, today, session_days),
        first_day=min(first, last), last_day=last)


def relationship_overview(vault: OpenVault, client_id: uuid.UUID, date_range: DateRange,
                          today: date) -> RelationshipOverview:
    client = get_client(vault, client_id)
    entries = client_entries(vault, client_id, date_range, OVERVIEW_KINDS)
    return build_overview(client, entries, date_range, today,
                          session_days=session_days(vault, client_id, date_range))


def session_days(vault: OpenVault, client_id: uuid.UUID, date_range: DateRange) -> list[date]:
    """The local days of one client's live sessions in the range, without decoding them."""
    query = select(EntryRow.occurred_at).where(
        col(EntryRow.deleted_at).is_(None), col(EntryRow.client_id) == str(client_id),
        col(EntryRow.kind) == EntryKind.SESSION.value)
    query = query.where(*occurred_within(date_range))
    with database_errors(), Session(vault.engine) as session:
        return [datetime.fromisoformat(at).astimezone().date() for at in session.exec(query)]
