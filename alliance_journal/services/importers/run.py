"""`import_notes`: another app's export into the vault, all or nothing.

The files are read as they go (one entry in memory at a time, batches of 500 written)
inside ONE transaction, committed only after the last file has been read and every
entry found valid, and only when every client code named exists. Anything else (a
malformed entry in the last file, a refused archive, an unknown code, a cancel) rolls
it all back: the vault is as it was. A dry run reads everything the same way and
writes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlmodel import Session, select

from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.domain.importers.dayone import read_dayone
from alliance_journal.domain.importers.detect import HEAD_BYTES, detect
from alliance_journal.domain.importers.jrnl import read_jrnl_json, read_jrnl_text
from alliance_journal.domain.importers.markdown import is_markdown_name, read_markdown
from alliance_journal.domain.importers.model import (
    ImportedEntry,
    ImportFormat,
    Prefixed,
    Readable,
    Skipped,
    problem,
)
from alliance_journal.errors import InvalidInputError
from alliance_journal.services.importers.identity import id_maker
from alliance_journal.services.importers.own_format import import_own_format
from alliance_journal.services.importers.sources import MAX_NOTE_BYTES, SourceFile, Sources, open_sources
from alliance_journal.services.importers.summary import ImportSummary
from alliance_journal.services.importers.writer import EntryWriter
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.engine import database_errors
from alliance_journal.vault.tables import ClientRow

Progress = Callable[[int, int], None]

#: Kinds a note from another app may become: their fields hold no rating or choice the
#: note did not make (an alliance check would read as rated 3, which nobody said).
IMPORTABLE_KINDS = (EntryKind.REFLECTION, EntryKind.SESSION)
#: Folders of a Day One archive that hold the media it does not import.
_DAYONE_MEDIA = ("photos/", "audios/", "videos/", "pdfs/")


def _head(file: SourceFile) -> bytes:
    with contextlib.closing(file.open()) as stream:
        return stream.read(HEAD_BYTES)


def detect_format(sources: Sources) -> ImportFormat:
    """The format of what the user chose, from the content; one line when none fits."""
    if sources.container == "folder":
        return ImportFormat.MARKDOWN
    candidates = sources.files
    if sources.container == "zip":
        journals = [f for f in candidates if f.name.lower().endswith(".json")]
        if journals and detect(_head(journals[0]), journals[0].name) is ImportFormat.DAYONE:
            return ImportFormat.DAYONE
        if any(is_markdown_name(f.name) for f in candidates):
            return ImportFormat.MARKDOWN
        raise InvalidInputError(f"{sources.name}: holds neither a Day One export nor Markdown notes")
    file = candidates[0]
    found = detect(_head(file), file.name)
    if found is None:
        raise InvalidInputError(f"{file.name}: not a Day One, jrnl, Markdown or Alliance Journal export")
    return found


class _Counting:
    """A file's bytes as read, added to the import's running total (for progress)."""

    def __init__(self, raw: Readable, total: list[int]) -> None:
        self._raw = raw
        self._total = total

    def read(self, size: int = -1, /) -> bytes:
        data = self._raw.read(size)
        self._total[0] += len(data)
        return data


def _read_markdown(file: SourceFile, stream: Readable, skipped: Skipped) -> Iterator[ImportedEntry]:
    if file.size > MAX_NOTE_BYTES:
        raise problem(file.name, None, "file", "too large for a note")
    data = stream.read(MAX_NOTE_BYTES + 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise problem(file.name, None, "file", "not UTF-8 text") from None
    entry = read_markdown(text, source=file.name, modified=file.modified, skipped=skipped)
    if entry is not None:
        yield entry


def _entries(fmt: ImportFormat, file: SourceFile, stream: Readable,
             skipped: Skipped) -> Iterator[ImportedEntry]:
    if fmt is ImportFormat.DAYONE:
        return read_dayone(stream, source=file.name, skipped=skipped)
    if fmt is ImportFormat.MARKDOWN:
        return _read_markdown(file, stream, skipped)
    head = stream.read(HEAD_BYTES)
    rest = Prefixed(head, stream)
    if head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        return read_jrnl_json(rest, source=file.name, skipped=skipped)
    return read_jrnl_text(rest, source=file.name, skipped=skipped)


def _files_to_read(fmt: ImportFormat, sources: Sources, skipped: Skipped) -> list[SourceFile]:
    if sources.container == "folder" and fmt is not ImportFormat.MARKDOWN:
        raise InvalidInputError("a folder is read as Markdown notes only")
    skipped.add("other files", sources.other_files)
    if sources.container != "zip":
        return sources.files
    wanted: list[SourceFile] = []
    for file in sources.files:
        inner = file.inner.lower()
        reads = inner.endswith(".json") if fmt is ImportFormat.DAYONE else is_markdown_name(inner)
        if reads:
            wanted.append(file)
        elif not (fmt is ImportFormat.DAYONE and inner.startswith(_DAYONE_MEDIA)):
            skipped.add("other files")
    return wanted


def import_notes(vault: OpenVault, path: Path, *, format: ImportFormat | None = None,
                 client_code: str | None = None, dry_run: bool = False,
                 progress: Progress | None = None) -> ImportSummary:
    """Import (or with `dry_run`, only count) what is at `path`; returns what was done.

    `client_code` puts the entries with that client (a Markdown file's own `client:`
    still wins); without it they go to My journal. Raises `InvalidInputError` (one line)
    for anything malformed or any unknown client code; a dry run reports unknown codes
    in the summary instead, with nothing written either way.
    """
    with open_sources(path) as sources:
        fmt = format or detect_format(sources)
        if fmt is ImportFormat.ALLIANCE:
            if client_code:
                raise InvalidInputError("--client does not apply to an Alliance Journal export: "
                                        "its entries already name their clients")
            return import_own_format(vault, sources, dry_run=dry_run, progress=progress)
        summary = ImportSummary(fmt, path.name)
        skipped = Skipped()
        files = _files_to_read(fmt, sources, skipped)
        total = sum(f.size for f in files)
        with database_errors(), Session(vault.engine) as session:
            codes = {code: client_id for code, client_id in
                     session.connection().execute(select(ClientRow.code, ClientRow.id))}
            if client_code is not None and client_code.strip() not in codes:
                raise InvalidInputError(f"no client with code '{client_code.strip()}'")
            writer = EntryWriter(session.connection(), summary, dry_run=dry_run)
            entry_id = id_maker(vault.data_key)
            read = [0]
            for file in files:
                with contextlib.closing(file.open()) as raw:
                    stream = _Counting(raw, read)
                    for item in _entries(fmt, file, stream, skipped):
                        code = item.client_code or (client_code.strip() if client_code else None)
                        if code is not None and code not in codes:
                            summary.unknown_clients[code] += 1
                            continue
                        kind = item.kind or EntryKind.REFLECTION
                        if kind not in IMPORTABLE_KINDS:
                            raise problem(file.name, None, "kind", "only reflection or session can be "
                                          "imported: other kinds hold ratings and choices a note does not")
                        entry = Entry(id=entry_id(item.identity), kind=kind, fields=default_fields(kind),
                                      client_id=codes[code] if code is not None else None,
                                      occurred_at=item.occurred_at, created_at=item.occurred_at,
                                      updated_at=item.occurred_at, tags=list(item.tags), body=item.body)
                        if writer.add(entry, code) and progress:
                            progress(read[0], total)  # may raise to cancel: nothing is committed
                if progress:
                    progress(read[0], total)
            writer.flush()
            summary.skipped.update(skipped.counts)
            message = summary.unknown_clients_message()
            if dry_run:
                return summary
            if message is not None:
                raise InvalidInputError(message)
            session.commit()
            summary.written = True
    if progress:
        progress(total, total)
    return summary
