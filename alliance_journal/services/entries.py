"""Entries: durable saves with history, trash, finalising and amendments.

Every save is one transaction that updates the entry, its search-index row and (when
due) its history, committed with `synchronous=FULL`: when `save_entry` returns, the
entry survives a crash or power loss.

History is kept per editing burst: the first save after `HISTORY_WINDOW` of quiet
snapshots the previous state, later saves in the same burst (autosave every couple of
seconds) do not pile up near-identical copies.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from alliance_journal.domain.entries import Amendment, Entry, EntryKind, now_utc
from alliance_journal.errors import InvalidInputError, NotFoundError
from alliance_journal.services.records import (
    entry_snapshot,
    entry_to_row,
    iso,
    read_entries,
    reindex_entry,
    row_to_entry,
    select_entries,
    snapshot_to_entry,
    unindex_entry,
)
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.engine import database_errors, release_free_pages
from alliance_journal.vault.tables import ClientRow, EntryRow, EntryVersionRow

HISTORY_WINDOW = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class EntryVersion:
    version_id: int
    saved_at: datetime
    entry: Entry


def _content_changed(old: Entry, new: Entry) -> bool:
    keep = {"id", "created_at", "updated_at"}
    return old.model_dump(exclude=keep) != new.model_dump(exclude=keep)


def _row(session: Session, entry_id: uuid.UUID) -> EntryRow:
    row = session.get(EntryRow, str(entry_id))
    if row is None:
        raise NotFoundError("no such entry")
    return row


def _snapshot(session: Session, row: EntryRow) -> None:
    session.add(EntryVersionRow(entry_id=row.id, saved_at=iso(now_utc()), snapshot=entry_snapshot(row)))


def save_entry(vault: OpenVault, entry: Entry, *, history_window: timedelta = HISTORY_WINDOW) -> Entry:
    """Create or update an entry durably; returns it as stored (with `updated_at` set)."""
    now = now_utc()
    with database_errors(), Session(vault.engine) as session:
        if entry.client_id is not None and session.get(ClientRow, str(entry.client_id)) is None:
            raise NotFoundError("the entry's client does not exist")
        row = session.get(EntryRow, str(entry.id))
        if row is None:
            stored = entry.model_copy(update={"created_at": now, "updated_at": now})
        else:
            old = row_to_entry(row)
            if old.is_finalised:
                raise InvalidInputError("this entry is finalised; add an amendment instead")
            if not _content_changed(old, entry):
                return old
            if now - old.updated_at >= history_window:
                _snapshot(session, row)
            stored = entry.model_copy(update={"created_at": old.created_at, "updated_at": now})
        stored = Entry.model_validate(stored.model_dump())
        session.add(entry_to_row(stored, row))
        reindex_entry(session, stored)
        session.commit()
    return stored


def get_entry(vault: OpenVault, entry_id: uuid.UUID) -> Entry:
    with database_errors(), Session(vault.engine) as session:
        return row_to_entry(_row(session, entry_id))


def timeline(vault: OpenVault, client_id: uuid.UUID | None, *,
             kinds: Collection[EntryKind] | None = None, tag: str | None = None,
             since: datetime | None = None, until: datetime | None = None) -> list[Entry]:
    """One client's entries (or the therapist's own journal for None), newest first."""
    query = select_entries().where(col(EntryRow.deleted_at).is_(None))
    if client_id is None:
        query = query.where(col(EntryRow.client_id).is_(None))
    else:
        query = query.where(col(EntryRow.client_id) == str(client_id))
    if kinds is not None:
        query = query.where(col(EntryRow.kind).in_([k.value for k in kinds]))
    if since is not None:
        query = query.where(col(EntryRow.occurred_at) >= iso(since))
    if until is not None:
        query = query.where(col(EntryRow.occurred_at) < iso(until))
    query = query.order_by(col(EntryRow.occurred_at).desc())
    with database_errors(), Session(vault.engine) as session:
        entries = read_entries(session, query)
    if tag:
        wanted = tag.strip().lower()
        entries = [e for e in entries if wanted in e.tags]
    return entries


def all_entries(vault: OpenVault, *, include_trash: bool = False) -> list[Entry]:
    """Every entry, oldest first (for nudges, export and statistics)."""
    query = select_entries().order_by(EntryRow.occurred_at)
    if not include_trash:
        query = query.where(col(EntryRow.deleted_at).is_(None))
    with database_errors(), Session(vault.engine) as session:
        return read_entries(session, query)


def all_tags(vault: OpenVault) -> list[str]:
    tags: set[str] = set()
    for entry in all_entries(vault):
        tags.update(entry.tags)
    return sorted(tags)


def entry_history(vault: OpenVault, entry_id: uuid.UUID) -> list[EntryVersion]:
    """Previous versions, newest first."""
    query = (select(EntryVersionRow).where(EntryVersionRow.entry_id == str(entry_id))
             .order_by(col(EntryVersionRow.id).desc()))
    with database_errors(), Session(vault.engine) as session:
        return [EntryVersion(r.id or 0, datetime.fromisoformat(r.saved_at),
                             snapshot_to_entry(r.snapshot)) for r in session.exec(query)]


def restore_version(vault: OpenVault, entry_id: uuid.UUID, version_id: int) -> Entry:
    """Make an old version current again; the state it replaces joins the history."""
    with database_errors(), Session(vault.engine) as session:
        version = session.get(EntryVersionRow, version_id)
        if version is None or version.entry_id != str(entry_id):
            raise NotFoundError("no such version of this entry")
        old = snapshot_to_entry(version.snapshot)
    current = get_entry(vault, entry_id)
    restored = current.model_copy(update={
        "kind": old.kind, "fields": old.fields, "body": old.body, "tags": old.tags,
        "occurred_at": old.occurred_at})  # the entry stays with its current client
    return save_entry(vault, restored, history_window=timedelta(0))


def _set(vault: OpenVault, entry_id: uuid.UUID, **changes: object) -> Entry:
    with database_errors(), Session(vault.engine) as session:
        row = _row(session, entry_id)
        entry = Entry.model_validate({**row_to_entry(row).model_dump(), **changes,
                                      "updated_at": now_utc()})
        session.add(entry_to_row(entry, row))
        reindex_entry(session, entry)
        session.commit()
        return entry


def move_to_trash(vault: OpenVault, entry_id: uuid.UUID) -> Entry:
    return _set(vault, entry_id, deleted_at=now_utc())


def restore_from_trash(vault: OpenVault, entry_id: uuid.UUID) -> Entry:
    return _set(vault, entry_id, deleted_at=None)


def trash(vault: OpenVault) -> list[Entry]:
    query = (select_entries().where(col(EntryRow.deleted_at).is_not(None))
             .order_by(col(EntryRow.deleted_at).desc()))
    with database_errors(), Session(vault.engine) as session:
        return read_entries(session, query)


def purge(vault: OpenVault, entry_id: uuid.UUID) -> None:
    """Delete an entry from the trash for good, with its history (secure_delete is on),
    and give the freed pages back to the file system (the vault shrinks)."""
    with database_errors(), Session(vault.engine) as session:
        row = _row(session, entry_id)
        if row.deleted_at is None:
            raise InvalidInputError("only entries in the trash can be purged")
        for version in session.exec(select(EntryVersionRow).where(EntryVersionRow.entry_id == row.id)):
            session.delete(version)
        unindex_entry(session, entry_id)
        session.delete(row)
        session.commit()
    release_free_pages(vault.engine)


def finalise_entry(vault: OpenVault, entry_id: uuid.UUID) -> Entry:
    """Sign an entry: from now on it only takes dated amendments."""
    entry = get_entry(vault, entry_id)
    if entry.is_finalised:
        return entry
    return _set(vault, entry_id, finalised_at=now_utc())


def add_amendment(vault: OpenVault, entry_id: uuid.UUID, text: str) -> Entry:
    entry = get_entry(vault, entry_id)
    if not entry.is_finalised:
        raise InvalidInputError("only finalised entries take amendments; edit the entry instead")
    if not text.strip():
        raise InvalidInputError("an amendment cannot be empty")
    amendment = Amendment(at=now_utc(), body=text)
    return _set(vault, entry_id, amendments=[*entry.amendments, amendment])
