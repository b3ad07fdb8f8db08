"""Import and export of the JSON format, both streamed; import is all or nothing.

Export writes the document client by client, in one read transaction (a consistent
snapshot), straight into the destination: an atomic owner-only file (which does not
appear unless the whole export succeeded) or a stream such as standard output.

Import reads the file as it goes (`domain.exchange.read_document`) and inserts each
validated client and its entries at once, with Core `executemany` (no ORM objects pile
up), keeping the search index in step as `records.reindex_entry` does. Everything
happens inside ONE transaction that is committed only after the last byte has been read
and validated, so any problem anywhere (a bad entry in the last client, a wrong `format`
at the very end, a truncated file, an id already in the vault, a cancel) rolls all of it
back and the vault is as it was.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Connection, insert, inspect
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry
from alliance_journal.domain.exchange import MAX_DOCUMENT_BYTES, read_document, write_document
from alliance_journal.errors import InvalidInputError, StorageError
from alliance_journal.services.records import (
    INDEX_ENTRY,
    UNINDEX_ENTRY,
    client_to_row,
    entry_columns,
    row_to_client,
    row_to_entry,
)
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.atomic import atomic_output, describe_os_error
from alliance_journal.vault.engine import database_errors
from alliance_journal.vault.tables import ClientRow, EntryRow

#: `(done, total)`. Import: bytes of the file read, of its size (0 when unknown, e.g. a
#: pipe). Export: clients written (the journal counts as one more), of their number.
Progress = Callable[[int, int], None]

#: Entries inserted per `executemany`.
BATCH = 500


# --- export ------------------------------------------------------------------------------------


def _entries(session: Session, client_id: str | None, include_trash: bool) -> Iterator[Entry]:
    """One client's entries (or the journal's), in document order; the trash only if asked."""
    where = col(EntryRow.client_id).is_(None) if client_id is None else EntryRow.client_id == client_id
    query = select(EntryRow).where(where)
    if not include_trash:
        query = query.where(col(EntryRow.deleted_at).is_(None))
    query = (query.order_by(col(EntryRow.occurred_at), col(EntryRow.id))
             .execution_options(yield_per=BATCH))
    for row in session.exec(query):
        yield row_to_entry(row)


def export_to_stream(vault: OpenVault, out: BinaryIO, *, progress: Progress | None = None,
                     include_trash: bool = False) -> None:
    """Write the vault as `alliance-journal/1` into `out` (plaintext: the caller must warn).

    Entries in the trash were meant to go: they are left out unless `include_trash`.

    Rows are read one client at a time inside one read transaction, so memory stays at
    about one client's worth whatever the size of the vault.
    """
    def write(piece: str) -> None:
        out.write(piece.encode("utf-8"))

    with database_errors(), Session(vault.engine) as session:
        clients = [row_to_client(r) for r in session.exec(select(ClientRow).order_by(col(ClientRow.code)))]
        clients.sort(key=lambda c: c.code)  # the document's order, whatever the SQL collation
        total = len(clients) + 1

        def each_client() -> Iterator[tuple[Client, Iterable[Entry]]]:
            for done, client in enumerate(clients):
                if progress:
                    progress(done, total)
                yield client, _entries(session, str(client.id), include_trash)
            if progress:
                progress(len(clients), total)

        write_document(write, each_client(), _entries(session, None, include_trash))
    if progress:
        progress(total, total)


def export_to_file(vault: OpenVault, target: Path, *, progress: Progress | None = None,
                   include_trash: bool = False) -> None:
    """Export into `target` atomically and owner-only; on any failure or cancel no file appears."""
    try:
        with atomic_output(target, what=str(target)) as handle:
            export_to_stream(vault, handle, progress=progress, include_trash=include_trash)
    except OSError as exc:  # the temp file could not even be created (no such folder, ...)
        raise StorageError(describe_os_error(exc, str(target))) from None


# --- import ------------------------------------------------------------------------------------


def open_import_file(path: Path) -> BinaryIO:
    """Open a file to import, with the user-facing errors for a missing or unreadable one."""
    try:
        return open(path, "rb")  # the caller closes it
    except FileNotFoundError:
        raise InvalidInputError(f"{path}: no such file") from None
    except OSError as exc:
        raise StorageError(f"could not read {path}: {exc.strerror}") from None


def _size(stream: BinaryIO) -> int | None:
    """The size of a regular file or an in-memory buffer; None for a pipe or socket."""
    try:
        info = os.fstat(stream.fileno())
        if stat.S_ISREG(info.st_mode):
            return info.st_size
        return None
    except (AttributeError, OSError, io.UnsupportedOperation):
        pass
    try:
        if stream.seekable():
            here = stream.tell()
            end = stream.seek(0, io.SEEK_END)
            stream.seek(here)
            return end - here
    except (AttributeError, OSError, io.UnsupportedOperation):
        pass
    return None


def _client_columns(client: Client) -> dict[str, Any]:
    row = client_to_row(client)
    return {column.name: getattr(row, column.name) for column in inspect(ClientRow).columns}


class _Inserter:
    """Rows waiting for their `executemany`, inserted in batches inside the caller's transaction."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._entries: list[dict[str, Any]] = []
        self._index: list[dict[str, str]] = []
        self.clients = 0
        self.entries = 0

    def client(self, client: Client) -> None:
        self._conn.execute(insert(ClientRow), [_client_columns(client)])
        self.clients += 1

    def entry(self, entry: Entry) -> bool:
        """Queue an entry; True when a batch was written."""
        self._entries.append(entry_columns(entry))
        if not entry.in_trash:
            self._index.append({"id": str(entry.id), "text": entry.searchable_text()})
        self.entries += 1
        if len(self._entries) >= BATCH:
            self.flush()
            return True
        return False

    def flush(self) -> None:
        if not self._entries:
            return
        self._conn.execute(insert(EntryRow), self._entries)
        # As `records.reindex_entry`: drop any index row under that rowid, then index the entry.
        self._conn.execute(UNINDEX_ENTRY, [{"id": row["id"]} for row in self._entries])
        if self._index:
            self._conn.execute(INDEX_ENTRY, self._index)
        self._entries, self._index = [], []


def import_json(vault: OpenVault, document: Path | BinaryIO | bytes, *, source: str | None = None,
                progress: Progress | None = None) -> tuple[int, int]:
    """Add every client and entry of a document, or nothing; returns the counts.

    `document` is a path, a binary stream read as it goes, or (small documents, tests)
    bytes. `source` names the file in messages (default: the path's name).
    """
    if isinstance(document, Path):
        with open_import_file(document) as stream:
            return import_json(vault, stream, source=source or document.name, progress=progress)
    if isinstance(document, bytes | bytearray):
        return import_json(vault, io.BytesIO(document), source=source, progress=progress)
    name = source or "import file"
    size = _size(document)
    if size is not None and size > MAX_DOCUMENT_BYTES:
        raise InvalidInputError(f"{name}: the file is too large to import")
    try:
        return _import(vault, document, name, size, progress)
    except OSError as exc:
        raise StorageError(f"could not read {name}: {exc.strerror or 'the operating system refused it'}"
                           ) from None


def _import(vault: OpenVault, stream: BinaryIO, name: str, size: int | None,
            progress: Progress | None) -> tuple[int, int]:
    with database_errors(), Session(vault.engine) as session:
        existing_codes = set(session.exec(select(ClientRow.code)).all())
        rows = _Inserter(session.connection())
        # A clash with the vault is raised only once the whole file has been read: a file
        # that is truncated or not JSON, or invalid further on, is reported as such first.
        clash: InvalidInputError | None = None
        for part in read_document(stream, source=name):
            if clash is not None:
                continue
            try:
                wrote = False
                if part.client is not None:
                    if part.client.code in existing_codes:
                        clash = InvalidInputError(
                            f"{name}: clients[{part.index}].code: already in this vault")
                        continue
                    rows.client(part.client)
                    wrote = True
                for entry in part.entries:
                    wrote = rows.entry(entry) or wrote
            except IntegrityError:
                clash = InvalidInputError(f"{name}: some ids are already in this vault")
                continue
            if progress and wrote:  # may raise to cancel: nothing is committed
                progress(part.bytes_read, size or 0)
        if clash is None:
            try:
                rows.flush()
            except IntegrityError:
                clash = InvalidInputError(f"{name}: some ids are already in this vault")
        if clash is not None:
            raise clash
        session.commit()
    if progress:
        done = size if size is not None else 0
        progress(done, done)
    return rows.clients, rows.entries
