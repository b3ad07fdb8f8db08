"""Alliance Journal's own JSON export through the same verb: `services.transfer` does the
import (unchanged); this adds the dry run's counts and the common summary."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from sqlmodel import Session, select

from alliance_journal.domain.exchange import read_document
from alliance_journal.domain.importers.model import ImportFormat
from alliance_journal.errors import InvalidInputError
from alliance_journal.services.importers.sources import Sources
from alliance_journal.services.importers.summary import ImportSummary
from alliance_journal.services.transfer import import_json
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.engine import database_errors
from alliance_journal.vault.tables import ClientRow

Progress = Callable[[int, int], None]


def import_own_format(vault: OpenVault, sources: Sources, *, dry_run: bool,
                      progress: Progress | None) -> ImportSummary:
    if sources.container != "file":
        raise InvalidInputError("an Alliance Journal export is one .json file, not a folder or archive")
    file = sources.files[0]
    summary = ImportSummary(ImportFormat.ALLIANCE, file.name)
    if not dry_run:
        with contextlib.closing(file.open()) as stream:
            clients, entries = import_json(vault, stream, source=file.name, progress=progress)
        summary.clients_added, summary.entries_added = clients, entries
        summary.written = True
        return summary
    with database_errors(), Session(vault.engine) as session:
        existing = set(session.exec(select(ClientRow.code)).all())
    with contextlib.closing(file.open()) as stream:
        for part in read_document(stream, source=file.name):
            code = None
            if part.client is not None:
                code = part.client.code
                if code in existing:
                    raise InvalidInputError(f"{file.name}: clients[{part.index}].code: already in this vault")
                summary.clients_added += 1
            for entry in part.entries:
                summary.count(code, entry.kind, entry.occurred_at)
            if progress:
                progress(part.bytes_read, file.size)
    return summary
