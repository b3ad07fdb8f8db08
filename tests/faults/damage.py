"""Shared by the damage tests: vaults of known size, and one-byte damage that is undone."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.errors import CorruptDataError
from alliance_journal.services.entries import save_entry
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.engine import connect

PAGE = 4096
WAL_HEADER = 32
WAL_FRAME = 24 + PAGE


def fill(vault: OpenVault, count: int, body_chars: int = 1500) -> list[uuid.UUID]:
    """`count` reflections with distinct bodies (no overflow pages below ~3,500 characters).

    The bodies are random hex, which does not compress: the vault's size (schema 6 packs
    long texts) stays about `count * body_chars` bytes."""
    ids = []
    for n in range(count):
        body = f"damage trial note {n} " + os.urandom(body_chars // 2).hex()
        entry = Entry(id=uuid.uuid4(), kind=EntryKind.REFLECTION, body=body, tags=[f"t{n % 5}"],
                      fields=default_fields(EntryKind.REFLECTION))
        ids.append(save_entry(vault, entry).id)
    return ids


def checkpoint(vault: OpenVault) -> None:
    """Everything into journal.db, so the main file holds every page."""
    with vault.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def pages_of(path: Path) -> int:
    return path.stat().st_size // PAGE


@contextlib.contextmanager
def flipped(path: Path, offset: int, mask: int = 0x5A) -> Iterator[None]:
    """XOR one byte of `path` in place (as a failing disk would), and put it back after."""
    fd = os.open(path, os.O_RDWR)
    try:
        original = os.pread(fd, 1, offset)
        os.pwrite(fd, bytes([original[0] ^ mask]), offset)
        try:
            yield
        finally:
            os.pwrite(fd, original, offset)
    finally:
        os.close(fd)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def entry_rowids(vault: OpenVault) -> dict[int, str]:
    """rowid -> entry id, read on a connection of its own."""
    conn = connect(vault.paths.database, vault.data_key)
    try:
        return {int(r[0]): str(r[1]) for r in conn.execute("SELECT rowid, id FROM entry")}
    finally:
        conn.close()


def failing_entry_rowids(vault: OpenVault, rowids: list[int]) -> set[int] | None:
    """The entries whose lookup fails with the current damage; None: nothing opens at all."""
    try:
        conn = connect(vault.paths.database, vault.data_key)
    except CorruptDataError:
        return None
    failing = set()
    try:
        for rowid in rowids:
            try:
                conn.execute("SELECT body, fields, tags FROM entry WHERE rowid = ?", (rowid,)).fetchone()
            except Exception:
                failing.add(rowid)
                conn.close()  # SQLite keeps a connection in error after a read error
                conn = connect(vault.paths.database, vault.data_key)
    finally:
        conn.close()
    return failing
