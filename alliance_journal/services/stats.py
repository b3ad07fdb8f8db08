"""Counts by client status and by entry kind: shape of the practice, never its content."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from alliance_journal.domain.clients import ClientStatus
from alliance_journal.domain.entries import EntryKind
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.engine import database_errors
from alliance_journal.vault.tables import ClientRow, EntryRow


@dataclass(frozen=True, slots=True)
class VaultStats:
    clients_by_status: dict[str, int] = field(default_factory=dict)
    entries_by_kind: dict[str, int] = field(default_factory=dict)
    journal_entries: int = 0
    in_trash: int = 0

    @property
    def clients(self) -> int:
        return sum(self.clients_by_status.values())

    @property
    def entries(self) -> int:
        return sum(self.entries_by_kind.values())


def vault_stats(vault: OpenVault) -> VaultStats:
    with database_errors(), Session(vault.engine) as session:
        statuses = dict(session.exec(
            select(ClientRow.status, func.count()).group_by(ClientRow.status)).all())
        kinds = dict(session.exec(
            select(EntryRow.kind, func.count()).where(col(EntryRow.deleted_at).is_(None))
            .group_by(EntryRow.kind)).all())
        journal = session.exec(select(func.count()).select_from(EntryRow).where(
            col(EntryRow.client_id).is_(None), col(EntryRow.deleted_at).is_(None))).one()
        trashed = session.exec(select(func.count()).select_from(EntryRow).where(
            col(EntryRow.deleted_at).is_not(None))).one()
    return VaultStats(
        {s.value: int(statuses.get(s.value, 0)) for s in ClientStatus},
        {k.value: int(kinds.get(k.value, 0)) for k in EntryKind},
        int(journal), int(trashed),
    )
