"""Clients: add, edit, archive, list with their last session and entry counts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from alliance_journal.domain.clients import Client, ClientStatus
from alliance_journal.errors import InvalidInputError, NotFoundError
from alliance_journal.services.records import client_to_row, row_to_client
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.engine import database_errors
from alliance_journal.vault.tables import ClientRow, ClientTallyRow


@dataclass(frozen=True, slots=True)
class ClientSummary:
    """A client as the client list shows it."""

    client: Client
    entry_count: int
    last_session: datetime | None


def save_client(vault: OpenVault, client: Client) -> Client:
    """Insert or update; codes are unique (case-sensitive) across the vault."""
    with database_errors(), Session(vault.engine) as session:
        row = session.get(ClientRow, str(client.id))
        session.add(client_to_row(client, row))
        try:
            session.commit()
        except IntegrityError:
            raise InvalidInputError(f"client code '{client.code}' is already in use") from None
    return client


def get_client(vault: OpenVault, client_id: uuid.UUID) -> Client:
    with database_errors(), Session(vault.engine) as session:
        row = session.get(ClientRow, str(client_id))
        if row is None:
            raise NotFoundError("no such client")
        return row_to_client(row)


def find_client(vault: OpenVault, code: str) -> Client:
    with database_errors(), Session(vault.engine) as session:
        row = session.exec(select(ClientRow).where(ClientRow.code == code.strip())).first()
        if row is None:
            raise NotFoundError(f"no client with code '{code.strip()}'")
        return row_to_client(row)


def list_clients(vault: OpenVault, *, statuses: set[ClientStatus] | None = None,
                 include_archived: bool = False) -> list[ClientSummary]:
    """Clients ordered by code, with entry counts and last session dates."""
    query = (select(ClientRow, ClientTallyRow.entries, ClientTallyRow.last_session)
             .join(ClientTallyRow, col(ClientTallyRow.client_id) == ClientRow.id, isouter=True)
             .order_by(ClientRow.code))
    with database_errors(), Session(vault.engine) as session:
        out = []
        for row, count, last in session.exec(query):
            client = row_to_client(row)
            if client.archived and not include_archived:
                continue
            if statuses is not None and client.status not in statuses:
                continue
            out.append(ClientSummary(client, count or 0,
                                     datetime.fromisoformat(last) if last else None))
        return out


def all_clients(vault: OpenVault) -> list[Client]:
    with database_errors(), Session(vault.engine) as session:
        return [row_to_client(r) for r in session.exec(select(ClientRow).order_by(ClientRow.code))]


def set_archived(vault: OpenVault, client_id: uuid.UUID, archived: bool) -> Client:
    client = get_client(vault, client_id).model_copy(update={"archived": archived})
    return save_client(vault, client)
