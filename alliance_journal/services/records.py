"""Conversions between stored rows and domain objects, and the search index rows.

Kept in one place so the on-disk encoding (UTC ISO strings, JSON columns) is
decided once. A row that no longer validates means the database was damaged.

Every stored entry is read back through `Entry.model_validate`, also on the hot path
(a 2,000-entry timeline). What makes that path cheap is everything around the
validation: `select_entries()` reads plain column tuples instead of ORM objects
(SQLAlchemy's identity map and instrumentation cost as much as validating), JSON columns
are parsed by pydantic-core (or not at all: the empty lists most entries carry as tags
and amendments), and the cyclic garbage collector waits until the batch is built
(`collector_paused`).
(`model_construct` was measured too: in pydantic 2.x it is a Python loop, slower than
validating in pydantic-core, and it would check nothing.)
"""

from __future__ import annotations

import gc
import json
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError
from pydantic_core import from_json
from sqlalchemy import Row, Select, text
from sqlalchemy import select as select_columns
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


def entry_columns(entry: Entry) -> dict[str, Any]:
    """The stored form of an entry, column by column (`ENTRY_COLUMNS`): the one mapping
    that ORM saves and bulk imports share."""
    return {
        "id": str(entry.id),
        "client_id": str(entry.client_id) if entry.client_id else None,
        "kind": entry.kind.value,
        "occurred_at": iso(entry.occurred_at),
        "created_at": iso(entry.created_at),
        "updated_at": iso(entry.updated_at),
        "tags": json.dumps(entry.tags),
        "body": entry.body,
        "fields": entry.fields.model_dump_json(exclude={"kind"}),
        "finalised_at": iso_or_none(entry.finalised_at),
        "amendments": json.dumps([a.model_dump(mode="json") for a in entry.amendments]),
        "deleted_at": iso_or_none(entry.deleted_at),
    }


def entry_to_row(entry: Entry, row: EntryRow | None = None) -> EntryRow:
    columns = entry_columns(entry)
    if row is None:
        return EntryRow(**columns)
    for name, value in columns.items():
        if name != "id":
            setattr(row, name, value)
    return row


#: The columns of an entry, in the order `select_entries()` reads them.
ENTRY_COLUMNS = ("id", "client_id", "kind", "occurred_at", "created_at", "updated_at", "tags",
                 "body", "fields", "finalised_at", "amendments", "deleted_at")


def select_entries() -> Select[Any]:
    """A query for whole entries as column tuples (no ORM objects): add WHERE and ORDER BY,
    run it with `read_entries`."""
    return select_columns(*(getattr(EntryRow, name) for name in ENTRY_COLUMNS))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building many objects that all live on.

    A 2,000-entry timeline makes some 20,000 containers (models, dicts, sets, lists, UUIDs)
    and keeps them all. With the collector running, they are traversed again and again as
    they age, and every few timelines trigger a full pass over the whole heap (60-100 ms on
    a busy two-CPU machine: the slow tail of opening a timeline). Paused, one young pass
    takes them in when it resumes. Nothing made here forms a reference cycle, so nothing
    is left for the collector to find. If it was already off (another thread, a caller),
    it stays as it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_entries(session: Session, query: Select[Any]) -> list[Entry]:
    """Run a `select_entries()` query; every row is validated into an `Entry`."""
    with collector_paused():
        return [columns_to_entry(row) for row in session.connection().execute(query)]


def _json_value(text: str) -> Any:
    """A JSON column, as `json.loads` reads it, in less time.

    `[]` (most tags and amendments) is not parsed at all. Anything else goes to
    pydantic-core's parser, which gives the same values about twice as fast (asked to keep
    no string cache, so no note text outlives its entry). What it declines (a lone
    surrogate, escaped or not) goes to `json.loads`, so a column reads as it always did
    or fails as it always did.
    """
    if text == "[]":
        return []
    try:
        return from_json(text, cache_strings=False)
    except (ValueError, TypeError):
        return json.loads(text)


def _entry(columns: Sequence[Any]) -> Entry:
    """Validate one stored entry given as values in `ENTRY_COLUMNS` order."""
    (entry_id, client_id, kind, occurred_at, created_at, updated_at, tags, body, fields,
     finalised_at, amendments, deleted_at) = columns
    try:
        return Entry.model_validate({
            "id": entry_id, "client_id": client_id, "kind": kind,
            "occurred_at": occurred_at, "created_at": created_at,
            "updated_at": updated_at, "tags": _json_value(tags), "body": body,
            "fields": _json_value(fields), "finalised_at": finalised_at,
            "amendments": _json_value(amendments), "deleted_at": deleted_at,
        })
    except (ValidationError, ValueError, TypeError):  # TypeError: a JSON column holding NULL
        raise CorruptDataError("a stored entry is damaged") from None


def row_to_entry(row: EntryRow) -> Entry:
    return _entry([getattr(row, name) for name in ENTRY_COLUMNS])


def columns_to_entry(row: Row[Any] | Sequence[Any]) -> Entry:
    """One row of a `select_entries()` query (or its values in `ENTRY_COLUMNS` order)."""
    return _entry(row)


def entry_snapshot(row: EntryRow) -> str:
    """The JSON kept in history: the whole entry as it was."""
    return row_to_entry(row).model_dump_json(exclude={"fields": {"kind"}})


def snapshot_to_entry(snapshot: str) -> Entry:
    try:
        data: dict[str, Any] = json.loads(snapshot)
        return Entry.model_validate(data)
    except (ValidationError, ValueError):
        raise CorruptDataError("a stored entry version is damaged") from None


#: An entry's search-index row (`:id`, `:text`), and its removal (`:id`); the batch
#: writers (`transfer`, `importers.writer`) run the same statements with `executemany`.
INDEX_ENTRY = text("INSERT INTO entry_fts (rowid, text) VALUES (search_rowid(:id), :text)")
UNINDEX_ENTRY = text("DELETE FROM entry_fts WHERE rowid = search_rowid(:id)")


def reindex_entry(session: Session, entry: Entry) -> None:
    """Keep the FTS5 row in step with the entry, inside the caller's transaction."""
    unindex_entry(session, entry.id)
    if not entry.in_trash:
        session.connection().execute(INDEX_ENTRY, {"id": str(entry.id), "text": entry.searchable_text()})


def unindex_entry(session: Session, entry_id: uuid.UUID) -> None:
    session.connection().execute(UNINDEX_ENTRY, {"id": str(entry_id)})
