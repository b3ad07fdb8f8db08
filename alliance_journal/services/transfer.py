"""Import and export of the JSON format: import is all or nothing, in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from alliance_journal.domain.exchange import build_document, dump_document, parse_document
from alliance_journal.errors import InvalidInputError, StorageError
from alliance_journal.services.clients import all_clients
from alliance_journal.services.entries import all_entries
from alliance_journal.services.records import client_to_row, entry_to_row, reindex_entry
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.atomic import atomic_write_bytes
from alliance_journal.vault.engine import database_errors
from alliance_journal.vault.tables import ClientRow, EntryRow

Progress = Callable[[int, int], None]


def export_json(vault: OpenVault) -> str:
    """The whole vault as `alliance-journal/1` text (plaintext: the caller must warn)."""
    return dump_document(build_document(all_clients(vault), all_entries(vault, include_trash=True)))


def import_json(vault: OpenVault, data: bytes, *, source: str = "import file",
                progress: Progress | None = None) -> tuple[int, int]:
    """Add every client and entry of a document, or nothing; returns the counts."""
    document = parse_document(data, source=source)
    clients, entries = document.pairs()
    with database_errors(), Session(vault.engine) as session:
        existing_codes = set(session.exec(select(ClientRow.code)).all())
        for i, client in enumerate(clients):
            if client.code in existing_codes:
                raise InvalidInputError(f"{source}: clients[{i}].code: already in this vault")
            session.add(client_to_row(client))
        for done, entry in enumerate(entries, start=1):
            session.add(entry_to_row(entry, EntryRow(
                id=str(entry.id), kind=entry.kind.value, occurred_at="", created_at="",
                updated_at="")))
            reindex_entry(session, entry)
            if progress and done % 500 == 0:
                progress(done, len(entries))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            raise InvalidInputError(f"{source}: some ids are already in this vault") from None
    if progress:
        progress(len(entries), len(entries))
    return len(clients), len(entries)


def read_import_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInputError(f"{path}: no such file") from None
    except OSError as exc:
        raise StorageError(f"could not read {path}: {exc.strerror}") from None


def write_export(target: Path, text: str) -> None:
    """Write an export atomically, owner-only (it is plaintext)."""
    atomic_write_bytes(target, text.encode("utf-8"), what=str(target))
