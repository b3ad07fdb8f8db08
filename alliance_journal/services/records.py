"""Conversions between stored rows and domain objects, and the search index rows.

Kept in one place so the on-disk encoding (UTC ISO strings, JSON columns) is
decided once. A row that no longer validates means the database was damaged.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import text
from sqlmodel import Session

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry
from alliance_journal.errors import CorruptDataError
from alliance_journal.vault.tables import ClientRow, EntryRow


def iso(value: datetime) -> str:
    """Fixed-width UTC text, so SQL text order is time order."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def iso_or_none(value: datetime | None) -> str | None:
    return None if value is None else iso(value)


def now_iso() -> str:
    return iso(datetime.now(UTC))


def client_to_row(client: Client, row: ClientRow | None = None) -> ClientRow:
    now = now_iso()
    row = row or ClientRow(id=str(client.id), code=client.code, status=client.status.value,
                           frequency=client.frequency.value, created_at=now, updated_at=now)
    row.code = client.code
    row.name = client.name
    row.status = client.status.value
    row.started_on = client.started_on.isoformat() if client.started_on else None
    row.ended_on = client.ended_on.isoformat() if client.ended_on else None
    row.frequency = client.frequency.value
    row.notes = client.notes
    row.archived = client.archived
    row.updated_at = now
    return row


def row_to_client(row: ClientRow) -> Client:
    try:
        return Client(
            id=uuid.UUID(row.id), code=row.code, name=row.name, status=row.status,
            started_on=date.fromisoformat(row.started_on) if row.started_on else None,
            ended_on=date.fromisoformat(row.ended_on) if row.ended_on else None,
            frequency=row.frequency, notes=row.notes, archived=bool(row.archived),
        )
    except (ValidationError, ValueError):
        raise CorruptDataError("a stored client record is damaged") from None


def entry_to_row(entry: Entry, row: EntryRow | None = None) -> EntryRow:
    row = row or EntryRow(id=str(entry.id), kind=entry.kind.value, occurred_at="",
                          created_at="", updated_at="")
    row.client_id = str(entry.client_id) if entry.client_id else None
    row.kind = entry.kind.value
    row.occurred_at = iso(entry.occurred_at)
    row.created_at = iso(entry.created_at)
    row.updated_at = iso(entry.updated_at)
    row.tags = json.dumps(entry.tags)
    row.body = entry.body
    row.fields = entry.fields.model_dump_json(exclude={"kind"})
    row.finalised_at = iso_or_none(entry.finalised_at)
    row.amendments = json.dumps([a.model_dump(mode="json") for a in entry.amendments])
    row.deleted_at = iso_or_none(entry.deleted_at)
    return row


def row_to_entry(row: EntryRow) -> Entry:
    try:
        return Entry.model_validate({
            "id": row.id, "client_id": row.client_id, "kind": row.kind,
            "occurred_at": row.occurred_at, "created_at": row.created_at,
            "updated_at": row.updated_at, "tags": json.loads(row.tags), "body": row.body,
            "fields": json.loads(row.fields), "finalised_at": row.finalised_at,
            "amendments": json.loads(row.amendments), "deleted_at": row.deleted_at,
        })
    except (ValidationError, ValueError):
        raise CorruptDataError("a stored entry is damaged") from None


def entry_snapshot(row: EntryRow) -> str:
    """The JSON kept in history: the whole entry as it was."""
    return row_to_entry(row).model_dump_json(exclude={"fields": {"kind"}})


def snapshot_to_entry(snapshot: str) -> Entry:
    try:
        data: dict[str, Any] = json.loads(snapshot)
        return Entry.model_validate(data)
    except (ValidationError, ValueError):
        raise CorruptDataError("a stored entry version is damaged") from None


def reindex_entry(session: Session, entry: Entry) -> None:
    """Keep the FTS5 row in step with the entry, inside the caller's transaction."""
    unindex_entry(session, entry.id)
    if not entry.in_trash:
        session.connection().execute(
            text("INSERT INTO entry_fts (rowid, entry_id, text) "
                 "VALUES (search_rowid(:id), :id, :text)"),
            {"id": str(entry.id), "text": entry.searchable_text()})


def unindex_entry(session: Session, entry_id: uuid.UUID) -> None:
    session.connection().execute(text("DELETE FROM entry_fts WHERE rowid = search_rowid(:id)"),
                                 {"id": str(entry_id)})
