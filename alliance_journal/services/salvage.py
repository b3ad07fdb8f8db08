"""Salvage: copy everything that can still be read from a damaged vault into a new one.

The way back when there is no verified backup, or to rescue what was written after the
last one. The damaged vault is only read (its own connection, nothing written). The new
vault has the same key slots (the same passphrase and recovery key open it) and is built
in a hidden folder beside the target, renamed into place only when complete: a salvage
that fails or is cancelled leaves no half-made vault. The search index and the
per-client tallies are rebuilt, not copied; an entry whose client record is lost is kept
under a placeholder client named `recovered-…`, and a row whose parent is lost (a
version of a lost entry) is counted as not kept. A vault of an older schema is salvaged
as it is, into a new vault of that schema, which the migrations then bring up to date.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry
from alliance_journal.errors import (
    CorruptDataError,
    InvalidInputError,
    StorageError,
    VaultExistsError,
)
from alliance_journal.services.backup.snapshot import Cancel, check_cancel
from alliance_journal.services.backup.write import portable_header
from alliance_journal.services.new_folder import building_beside, holds_anything, rename_into_empty
from alliance_journal.services.readable_rows import RowTally, readable_rows
from alliance_journal.services.records import client_to_row, row_to_entry
from alliance_journal.services.schema import upgrade
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.atomic import (
    create_private_file,
    describe_os_error,
    fsync_dir,
)
from alliance_journal.vault.engine import DRIVER_ERRORS, connect, connected, open_engine, translate_error
from alliance_journal.vault.header import write_header
from alliance_journal.vault.layout import VaultPaths
from alliance_journal.vault.migrations import LATEST_VERSION, migrate
from alliance_journal.vault.packing import unpack_text
from alliance_journal.vault.tables import EntryRow

#: (tables copied, all tables): how far the copy has got, for a progress bar.
Progress = Callable[[int, int], None]
#: Rebuilt in the new vault from what is copied, never copied themselves.
DERIVED = ("client_tally", "entry_fts")
#: Parents before children, so every foreign key finds its row; other tables follow by name.
FIRST = ("client", "entry")


@dataclass(slots=True)
class SalvageReport:
    """What was copied and what could not be read, in counts per table (never content)."""

    folder: Path
    copied: dict[str, int] = field(default_factory=dict)
    unreadable: dict[str, int] = field(default_factory=dict)
    orphans: dict[str, int] = field(default_factory=dict)
    placeholder_clients: int = 0

    @property
    def complete(self) -> bool:
        return not any(self.unreadable.values()) and not any(self.orphans.values())

    def lines(self) -> list[str]:
        out = [f"{table}: {count} copied" for table, count in self.copied.items()]
        out += [f"{table}: {count} could not be read" for table, count in self.unreadable.items() if count]
        out += [f"{table}: {count} not kept (what they belong to could not be read)"
                for table, count in self.orphans.items() if count]
        if self.placeholder_clients:
            out.append(f"client: {self.placeholder_clients} placeholder clients (recovered-…) hold "
                       "entries whose client record could not be read")
        return out


def _tables(conn: Any) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    names = {str(r[0]) for r in rows}
    derived = {n for n in names if n.startswith("sqlite_") or any(
        n == d or n.startswith(f"{d}_") for d in DERIVED)}
    rest = sorted(names - derived - set(FIRST))
    return [t for t in FIRST if t in names] + rest


def _columns(conn: Any, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")').fetchall()]


def _check_target(out: Path) -> None:
    if holds_anything(out, purpose="for the salvaged vault"):
        raise VaultExistsError(f"{out} is not an empty folder; choose a new folder for the salvaged vault")


class _Copier:
    """Inserts rows into the new vault, table by table, counting what could not be kept."""

    def __init__(self, opener: Callable[[], Any], source: Any, target: Any, report: SalvageReport,
                 cancel: Cancel | None, *, index: bool) -> None:
        self.opener, self.source, self.target = opener, source, target
        self.report, self.cancel = report, cancel
        #: Index entries as they are copied: only into an index of today's shape.
        self.index = index
        self.clients: set[str] = set()

    def _placeholder(self, client_id: str) -> None:
        row = client_to_row(Client(id=uuid.UUID(client_id), code=f"recovered-{client_id[:8]}"))
        values = {c: getattr(row, c) for c in _columns(self.target, "client")}
        self.target.execute(f"INSERT INTO client ({', '.join(values)}) VALUES "
                            f"({', '.join('?' * len(values))})", tuple(values.values()))
        self.clients.add(client_id)
        self.report.placeholder_clients += 1

    def _prepare_entry(self, values: dict[str, Any]) -> Entry | None:
        """A valid entry whose client exists (a placeholder if need be); None: not kept."""
        try:
            entry = row_to_entry(EntryRow(**{**values, "body": unpack_text(values.get("body"))}))
        except (CorruptDataError, TypeError, ValueError):
            return None
        client_id = values.get("client_id")
        if client_id is not None and client_id not in self.clients:
            self._placeholder(str(client_id))
        return entry

    def _index(self, entry: Entry) -> None:
        if self.index and not entry.in_trash:
            self.target.execute("INSERT INTO entry_fts (rowid, text) VALUES (search_rowid(?), ?)",
                                (str(entry.id), entry.searchable_text()))

    def copy(self, table: str) -> None:
        columns = [c for c in _columns(self.source, table) if c in set(_columns(self.target, table))]
        names = ", ".join(f'"{c}"' for c in columns)
        insert = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
        tally = RowTally()
        copied = orphans = 0
        for n, row in enumerate(readable_rows(self.opener, table, columns, tally)):
            if n % 500 == 0:
                check_cancel(self.cancel)
            values = dict(zip(columns, row[1:], strict=True))
            entry = self._prepare_entry(values) if table == "entry" else None
            if table == "entry" and entry is None:
                tally.unreadable += 1
                continue
            try:
                self.target.execute(insert, row[1:])
            except DRIVER_ERRORS as exc:
                if "foreign key" not in str(exc).lower():
                    raise
                orphans += 1
                continue
            copied += 1
            if table == "client":
                self.clients.add(str(values["id"]))
            if entry is not None:
                self._index(entry)
        self.report.copied[table] = copied
        self.report.unreadable[table] = tally.unreadable
        self.report.orphans[table] = orphans


def _build(vault: OpenVault, database: Path, report: SalvageReport, cancel: Cancel | None,
           progress: Progress | None = None) -> None:
    key = vault.data_key
    damaged = vault.paths.database
    create_private_file(database)
    # Read-only: the damaged file is never written (no WAL checkpoint into it on close),
    # and a vault on read-only storage, which `open_vault_to_read` allows, can be salvaged.
    with connected(damaged, key, read_only=True) as source:
        source.isolation_level = None
        # The new vault starts at the damaged one's schema, so every row fits as it was
        # written; the numbered migrations then bring the (sound) copy up to date.
        version = int(source.execute("PRAGMA user_version").fetchone()[0]) or LATEST_VERSION
        if version > LATEST_VERSION:
            raise CorruptDataError(f"this vault was written by a newer version (schema {version}); "
                                   "please update the app")
        engine = open_engine(database, key)
        try:
            migrate(engine, target=version)
        finally:
            engine.dispose()
        with connected(database, key) as target:
            target.isolation_level = None
            target.execute("BEGIN")
            copier = _Copier(lambda: connect(damaged, key, read_only=True), source, target, report,
                             cancel, index=version == LATEST_VERSION)
            tables = _tables(source)
            for done, table in enumerate(tables):
                if progress is not None:
                    progress(done, len(tables))
                copier.copy(table)
            if progress is not None:
                progress(len(tables), len(tables))
            target.execute("COMMIT")
    if version < LATEST_VERSION:  # the upgrade rebuilds the search index from the entries
        engine = open_engine(database, key)
        try:
            upgrade(engine)
        finally:
            engine.dispose()


def _nothing_readable() -> CorruptDataError:
    return CorruptDataError("the damaged vault's list of tables cannot be read; nothing can "
                            "be salvaged from it, restore a backup instead")


def salvage_vault(vault: OpenVault, out: Path, *, cancel: Cancel | None = None,
                  progress: Progress | None = None) -> SalvageReport:
    """Copy every readable row of `vault` into a new vault at `out` (absent or empty)."""
    out = Path(out).expanduser().absolute()
    inside = vault.paths.folder.resolve()
    if out.resolve() == inside or inside in out.resolve().parents:
        raise InvalidInputError("the salvaged vault must go into a new folder outside the damaged one")
    _check_target(out)
    report = SalvageReport(out)
    with building_beside(out, purpose="salvage", what="the folder for the salvaged vault") as temp:
        paths = VaultPaths(temp)
        try:
            _build(vault, paths.database, report, cancel, progress)
        except DRIVER_ERRORS as exc:
            error = translate_error(exc)
            raise (_nothing_readable() if isinstance(error, CorruptDataError) else error) from None
        except CorruptDataError as exc:
            if type(exc) is not CorruptDataError:
                raise
            # The damaged file does not even open (its first block): the same one line.
            raise _nothing_readable() from None
        write_header(paths.header, portable_header(vault.header))
        try:
            fsync_dir(temp)
            _check_target(out)
            rename_into_empty(temp, out)
        except OSError as exc:
            raise StorageError(describe_os_error(exc, "the salvaged vault")) from None
    return report
