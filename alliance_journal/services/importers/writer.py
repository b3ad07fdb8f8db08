"""Imported entries into the vault in batches, skipping those already there.

Used inside the import's one transaction: every batch asks the vault which of its ids
it already holds (entries written by earlier batches of the same import included, as
they are visible to the transaction), inserts the others with `executemany` and keeps
the search index in step as `records.reindex_entry` does. A dry run inserts nothing and
remembers the ids it has seen instead.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, insert
from sqlmodel import col, select

from alliance_journal.domain.entries import Entry
from alliance_journal.services.importers.summary import ImportSummary
from alliance_journal.services.records import INDEX_ENTRY, UNINDEX_ENTRY, entry_columns
from alliance_journal.vault.tables import EntryRow

BATCH = 500


class EntryWriter:
    def __init__(self, conn: Connection, summary: ImportSummary, *, dry_run: bool) -> None:
        self._conn = conn
        self._summary = summary
        self._dry_run = dry_run
        self._pending: dict[uuid.UUID, tuple[Entry, str | None]] = {}
        self._seen: set[uuid.UUID] = set()  # dry run only: nothing reaches the vault to ask

    def add(self, entry: Entry, client_code: str | None) -> bool:
        """Queue an entry; True when a batch was written (a moment to report progress)."""
        if entry.id in self._pending or entry.id in self._seen:
            self._summary.already_present += 1
            return False
        self._pending[entry.id] = (entry, client_code)
        if len(self._pending) >= BATCH:
            self.flush()
            return True
        return False

    def _in_vault(self, ids: list[uuid.UUID]) -> set[str]:
        query = select(EntryRow.id).where(col(EntryRow.id).in_([str(i) for i in ids]))
        return {row[0] for row in self._conn.execute(query)}

    def flush(self) -> None:
        if not self._pending:
            return
        present = self._in_vault(list(self._pending))
        rows: list[dict[str, Any]] = []
        index: list[dict[str, str]] = []
        for entry, code in self._pending.values():
            if str(entry.id) in present:
                self._summary.already_present += 1
                continue
            self._summary.count(code, entry.kind, entry.occurred_at)
            if self._dry_run:
                self._seen.add(entry.id)
                continue
            rows.append(entry_columns(entry))
            index.append({"id": str(entry.id), "text": entry.searchable_text()})
        self._pending = {}
        if rows:
            self._conn.execute(insert(EntryRow), rows)
            self._conn.execute(UNINDEX_ENTRY, [{"id": row["id"]} for row in rows])
            self._conn.execute(INDEX_ENTRY, index)
