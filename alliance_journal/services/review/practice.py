"""My practice: my reactions and the state of each alliance across all active clients.

Read for a range (the last 90 days by default). Only what the view shows is read:
countertransference and alliance entries are decoded, sessions are only counted in SQL,
so 200 clients stay quick.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func
from sqlalchemy import select as select_columns
from sqlmodel import Session, col

from alliance_journal.domain.clients import Client, ClientStatus
from alliance_journal.domain.entries import (
    AllianceFields,
    CountertransferenceFields,
    Entry,
    EntryKind,
)
from alliance_journal.domain.nudges.alliance_rules import repaired_since
from alliance_journal.domain.vocabulary import STRAIN_FEELINGS, Rupture
from alliance_journal.services.clients import all_clients
from alliance_journal.services.records import read_entries, select_entries
from alliance_journal.services.review.basis import DateRange, EntryRef, occurred_within, oldest_first
from alliance_journal.services.review.container import Attendance, attendance
from alliance_journal.services.review.countertransference import factor_keys, factors_of
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.engine import database_errors
from alliance_journal.vault.tables import EntryRow

DEFAULT_DAYS = 90


@dataclass(frozen=True, slots=True)
class HeatCell:
    client: Client
    factor: str
    refs: tuple[EntryRef, ...]

    @property
    def count(self) -> int:
        return len(self.refs)


@dataclass(frozen=True, slots=True)
class StrainWeek:
    """Countertransference entries naming a strain feeling, in the week from `week`."""

    week: date
    refs: tuple[EntryRef, ...]


@dataclass(frozen=True, slots=True)
class OpenRupture:
    client: Client
    ref: EntryRef
    rupture: Rupture


@dataclass(frozen=True, slots=True)
class ClientAttendance:
    client: Client
    attendance: Attendance | None


@dataclass(frozen=True, slots=True)
class PracticeOverview:
    date_range: DateRange
    clients: tuple[Client, ...]
    factors: tuple[str, ...]
    heat: dict[tuple[uuid.UUID, str], HeatCell]
    strain: tuple[StrainWeek, ...]
    open_ruptures: tuple[OpenRupture, ...]
    unchecked: tuple[Client, ...]
    attendance: tuple[ClientAttendance, ...]

    def cell(self, client_id: uuid.UUID, factor: str) -> HeatCell | None:
        return self.heat.get((client_id, factor))

    @property
    def hottest(self) -> int:
        return max((c.count for c in self.heat.values()), default=0)


def active_clients(vault: OpenVault) -> list[Client]:
    return [c for c in all_clients(vault) if c.status is ClientStatus.ACTIVE and not c.archived]


def _read(vault: OpenVault, ids: list[str], date_range: DateRange) -> list[Entry]:
    query = select_entries().where(
        col(EntryRow.deleted_at).is_(None), col(EntryRow.client_id).in_(ids),
        col(EntryRow.kind).in_([EntryKind.COUNTERTRANSFERENCE.value, EntryKind.ALLIANCE.value]))
    query = query.where(*occurred_within(date_range))
    with database_errors(), Session(vault.engine) as session:
        return read_entries(session, query)


def _session_days(vault: OpenVault, ids: list[str], date_range: DateRange) -> Counter[str]:
    """Session entries per client in the range, counted without decoding them."""
    query = (select_columns(col(EntryRow.client_id), func.count())
             .where(col(EntryRow.deleted_at).is_(None), col(EntryRow.client_id).in_(ids),
                    col(EntryRow.kind) == EntryKind.SESSION.value)
             .group_by(col(EntryRow.client_id)))
    query = query.where(*occurred_within(date_range))
    with database_errors(), Session(vault.engine) as session:
        return Counter({str(cid): int(n) for cid, n in session.connection().execute(query)})


def _open_ruptures(client: Client, checks: list[tuple[Entry, AllianceFields]]) -> list[OpenRupture]:
    found = []
    for index, (entry, fields) in enumerate(checks):
        if fields.rupture is Rupture.NONE:
            continue
        if not repaired_since(checks, index):
            found.append(OpenRupture(client, EntryRef.of(entry), fields.rupture))
    return found


def _weeks(date_range: DateRange, days: list[date], today: date) -> list[date]:
    first = date_range.start or min(days, default=today)
    last = date_range.end or today
    start = first - timedelta(days=first.weekday())
    return [start + timedelta(weeks=n) for n in range((last - start).days // 7 + 1)]


def practice_overview(vault: OpenVault, date_range: DateRange, today: date) -> PracticeOverview:
    clients = active_clients(vault)
    ids = [str(c.id) for c in clients]
    by_id = {c.id: c for c in clients}
    entries = oldest_first(_read(vault, ids, date_range))
    sessions = _session_days(vault, ids, date_range)
    heat: dict[tuple[uuid.UUID, str], list[EntryRef]] = {}
    strain: list[EntryRef] = []
    checks: dict[uuid.UUID, list[tuple[Entry, AllianceFields]]] = {}
    for entry in entries:
        assert entry.client_id is not None
        fields = entry.fields
        if isinstance(fields, CountertransferenceFields):
            for factor in factors_of(fields):
                heat.setdefault((entry.client_id, factor), []).append(EntryRef.of(entry))
            if STRAIN_FEELINGS.intersection(f.casefold() for f in fields.feelings):
                strain.append(EntryRef.of(entry))
        elif isinstance(fields, AllianceFields):
            checks.setdefault(entry.client_id, []).append((entry, fields))
    weeks = _weeks(date_range, [r.day for r in strain], today)
    strain_weeks = tuple(
        StrainWeek(w, tuple(r for r in strain if w <= r.day < w + timedelta(days=7)))
        for w in weeks)
    ruptures = [r for c in clients for r in _open_ruptures(c, checks.get(c.id, []))]
    counted = [ClientAttendance(c, _attendance(c, sessions[str(c.id)], date_range, today))
               for c in clients]
    return PracticeOverview(
        date_range=date_range, clients=tuple(clients), factors=factor_keys(),
        heat={k: HeatCell(by_id[k[0]], k[1], tuple(v)) for k, v in heat.items()},
        strain=strain_weeks, open_ruptures=tuple(ruptures),
        unchecked=tuple(c for c in clients if c.id not in checks), attendance=tuple(counted))


def _attendance(client: Client, recorded: int, date_range: DateRange,
                today: date) -> Attendance | None:
    """The contract over the range, with the SQL count of sessions as what was recorded."""
    found = attendance(client, (), date_range, today)
    if found is None:
        return None
    return Attendance(found.frequency, recorded, found.expected, found.days)

