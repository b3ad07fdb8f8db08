"""A full disk or an I/O error while saving or backing up: one clear line, nothing lost.

Three ways of making the disk refuse, from cheapest to most real:
- injected at the OS boundary (a file object that fails after N bytes, os.fsync or
  os.replace raising EIO);
- a real limit from the kernel: RLIMIT_FSIZE in a forked child (EFBIG, works unprivileged);
- a real tiny filesystem (tmpfs of a few hundred KiB), only where we may mount (root).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.errors import StorageError
from alliance_journal.services.backup import create_backup, verify_backup
from alliance_journal.services.entries import save_entry
from alliance_journal.services.unlock import OpenVault, UnlockSecret, create_vault, unlock_vault
from alliance_journal.vault.tables import EntryRow
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.faults.conftest import ForkServer, leftovers
from tests.services.backup.conftest import populate

SECRET = UnlockSecret(passphrase=PASSPHRASE)


class FailingWriter:
    """Wraps a real file object; the write that passes `limit` bytes fails like a full disk."""

    def __init__(self, inner: Any, limit: int, error: int) -> None:
        self._inner, self._left, self._error = inner, limit, error

    def write(self, data: bytes) -> int:
        if len(data) > self._left:
            self._inner.write(data[: self._left])
            self._left = 0
            raise OSError(self._error, os.strerror(self._error))
        self._left -= len(data)
        return int(self._inner.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __enter__(self) -> FailingWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._inner.close()


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EIO])
@pytest.mark.parametrize("limit", [0, 9, 200, 5000, 60_000, -1])
def test_backup_write_fails_cleanly(vault: OpenVault, tmp_path: Path, private_tmp: Path,
                                    monkeypatch: pytest.MonkeyPatch, limit: int, error: int) -> None:
    populate(vault)
    target = tmp_path / "backups"
    previous = create_backup(vault, target, chunk_size=4096)
    before = _contents(target)
    if limit == -1:
        limit = previous.size - 1  # the very last byte
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: FailingWriter(real_fdopen(*a, **k), limit, error))
    with pytest.raises(StorageError) as caught:
        create_backup(vault, target, chunk_size=4096)
    monkeypatch.undo()
    expected = "the disk is full" if error == errno.ENOSPC else "the disk reported an input/output error"
    assert caught.value.message == f"could not write the backup: {expected}"
    assert _contents(target) == before  # previous backup byte-identical, no temp file
    assert list(private_tmp.iterdir()) == []  # the snapshot folder is gone too
    assert verify_backup(previous.path, SECRET).entries == 6


@pytest.mark.parametrize("call", ["fsync", "replace"])
def test_backup_fsync_or_rename_failing_with_eio(vault: OpenVault, tmp_path: Path, private_tmp: Path,
                                                  monkeypatch: pytest.MonkeyPatch, call: str) -> None:
    target = tmp_path / "backups"
    create_backup(vault, target)
    before = _contents(target)

    def eio(*_args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, call, eio)
    with pytest.raises(StorageError, match="input/output error"):
        create_backup(vault, target)
    monkeypatch.undo()
    assert _contents(target) == before
    assert list(private_tmp.iterdir()) == []


def _entry_ids(folder: Path) -> set[str]:
    with unlock_vault(folder, SECRET) as vault:
        with vault.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        with Session(vault.engine) as session:
            return {row.id for row in session.exec(select(EntryRow))}


def test_kernel_file_size_limit_during_saves_and_backup(fork_server: ForkServer, tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes the kernel refuse writes past a size (EFBIG): no root needed."""
    folder, backups = tmp_path / "vault", tmp_path / "backups"
    vault, _ = create_vault(folder, PASSPHRASE, kdf=FAST_KDF)
    populate(vault)
    previous = create_backup(vault, backups, chunk_size=4096)
    vault.close()
    header_before, backups_before = (folder / "vault.json").read_bytes(), _contents(backups)
    pid = fork_server.start("fsize", str(folder), str(400_000), str(backups))
    lines = fork_server.wait_for(f"reaped {pid}", timeout=120)
    saved = {line.split()[1] for line in lines if line.startswith("saved ")}
    error = next(line for line in lines if line.startswith("error "))
    backup_line = next(line for line in lines if line.startswith("backup-"))
    print(error, backup_line, sep="\n")
    assert error.startswith("error StorageError "), error
    assert saved, "nothing was saved before the limit; the trial tested nothing"
    assert backup_line.startswith("backup-error StorageError "), backup_line
    ids = _entry_ids(folder)
    assert saved <= ids and len(ids - saved) == 6  # the six seeded, plus every save that returned
    assert (folder / "vault.json").read_bytes() == header_before
    assert _contents(backups) == backups_before and leftovers(backups) == []
    assert verify_backup(previous.path, SECRET).entries == 6


@contextlib.contextmanager
def tiny_filesystem(where: Path, size_kib: int) -> Iterator[Path]:
    """A real tmpfs of `size_kib`, or a clean skip where mounting is not allowed."""
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a real tiny filesystem needs root (mount -t tmpfs)")
    where.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs",
                             str(where)], capture_output=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(folder: Path, leave: int) -> None:
    """Fill the filesystem holding `folder` until only about `leave` bytes are free."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    if free > leave:
        (folder / "filler").write_bytes(b"\0" * (free - leave))


def test_real_full_disk_during_a_backup(vault: OpenVault, tmp_path: Path, private_tmp: Path) -> None:
    populate(vault)
    with tiny_filesystem(tmp_path / "tiny", 1024) as disk:
        target = disk / "backups"
        previous = create_backup(vault, target, chunk_size=4096)
        before = _contents(target)
        _fill(disk, previous.size // 2)
        with pytest.raises(StorageError, match="the disk is full"):
            create_backup(vault, target, chunk_size=4096)
        assert _contents(target) == before
        assert leftovers(target) == [] and list(private_tmp.iterdir()) == []
        assert verify_backup(previous.path, SECRET).entries == 6


def test_real_full_disk_during_saves(tmp_path: Path) -> None:
    with tiny_filesystem(tmp_path / "tiny", 2048) as disk:
        folder = disk / "vault"
        vault, _ = create_vault(folder, PASSPHRASE, kdf=FAST_KDF)
        populate(vault)
        with vault.engine.connect() as conn:  # start from a checkpointed, compact database
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        header = (folder / "vault.json").read_bytes()
        _fill(disk, 64 * 1024)
        saved, refused = [], None
        for n in range(200):
            entry = Entry(id=uuid.uuid4(), kind=EntryKind.REFLECTION, body=os.urandom(6000).hex(),
                          fields=default_fields(EntryKind.REFLECTION))
            try:
                save_entry(vault, entry)
            except StorageError as exc:
                refused = exc
                break
            saved.append(str(entry.id))
            assert n < 199, "the disk never filled up"
        assert refused is not None and "disk is full" in refused.message
        vault.close()
        (disk / "filler").unlink()  # the user frees some space
        ids = _entry_ids(folder)
        assert set(saved) <= ids and len(ids) == len(saved) + 6
        assert (folder / "vault.json").read_bytes() == header
        assert leftovers(folder) == []



def _schema_6_vault(folder: Path, notes: int) -> None:
    """A vault as schema 6 left it (search index with word positions), checkpointed."""
    from alliance_journal.services.schema import search_rows
    from tests.faults.damage import fill

    vault, _ = create_vault(folder, PASSPHRASE, kdf=FAST_KDF)
    with vault:
        fill(vault, notes)
        with vault.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE entry_fts")
            conn.exec_driver_sql("""CREATE VIRTUAL TABLE entry_fts USING fts5(
                text, content = '', contentless_delete = 1,
                tokenize = 'unicode61 remove_diacritics 2')""")
            conn.exec_driver_sql("INSERT INTO entry_fts (rowid, text) VALUES (search_rowid(?), ?)",
                                 list(search_rows(conn)))
            conn.exec_driver_sql("PRAGMA user_version = 6")
        raw = vault.engine.raw_connection()
        try:
            raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        finally:
            raw.close()


def _open_files_in(folder: Path) -> list[str]:
    """Files under `folder` this process holds open (Linux: /proc/self/fd)."""
    held = []
    for fd in Path("/proc/self/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith(str(folder)):
                held.append(target)
    return held


def _schema_of(folder: Path) -> int:
    from alliance_journal.services.unlock import open_key_slots
    from alliance_journal.vault.engine import open_engine
    from alliance_journal.vault.header import read_header
    from alliance_journal.vault.migrations import current_version

    key, _ = open_key_slots(read_header(folder / "vault.json"), SECRET)
    engine = open_engine(folder / "journal.db", key)
    try:
        return current_version(engine)
    finally:
        engine.dispose()


def _upgrade_on_a_full_disk(source: Path, disk: Path, leave: int) -> tuple[str, int]:
    """Unlock a copy of the schema-6 vault `source` with about `leave` bytes free: what
    happened, and the free pages the upgraded vault kept."""
    from alliance_journal.vault import migrations

    folder = disk / "vault"
    shutil.copytree(source, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    _fill(disk, leave)
    try:
        try:
            vault = unlock_vault(folder, SECRET)
        except StorageError as exc:
            # A full tmpfs can also refuse SQLite's shared-memory file: an I/O error.
            assert exc.message in ("could not save: the disk is full; nothing was changed",
                                   "the disk reported an input/output error; nothing was changed")
            outcome, free = "refused", -1
            assert _open_files_in(folder) == []  # the refused unlock closed what it opened
        else:
            with vault:
                with vault.engine.connect() as conn:
                    assert migrations.schema_version(conn) == migrations.LATEST_VERSION
                    free = int(conn.exec_driver_sql("PRAGMA freelist_count").scalar_one())
            outcome = "upgraded"
    finally:
        (disk / "filler").unlink(missing_ok=True)
    if outcome == "refused":  # refused whole: the vault as it was, and with room it upgrades
        assert {p.name: p.read_bytes() for p in folder.iterdir() if p.name in before} == before
        assert _schema_of(folder) == 6
    with unlock_vault(folder, SECRET) as vault, vault.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA quick_check").scalar_one() == "ok"
        assert conn.exec_driver_sql("SELECT count(*) FROM entry_fts").scalar_one() == 120
    shutil.rmtree(folder)
    return outcome, free


def test_an_upgrade_on_a_full_disk_is_refused_whole_or_opens_without_compacting(tmp_path: Path) -> None:
    """Schema steps are refused whole on a full disk (one line, the vault as it was); the
    VACUUM after them needs room for a copy of the file and is skipped when there is none,
    so a sound vault still opens."""
    source = tmp_path / "schema6"
    _schema_6_vault(source, 120)
    size = (source / "journal.db").stat().st_size
    seen: dict[str, list[int]] = {"refused": [], "upgraded": []}
    with tiny_filesystem(tmp_path / "tiny", 4 * size // 1024 + 1024) as disk:
        for leave in range(32 * 1024, 2 * size, size // 16):
            outcome, free = _upgrade_on_a_full_disk(source, disk, leave)
            seen[outcome].append(free)
    print(size, seen)
    assert seen["refused"], "the disk never refused the upgrade: the trial tested nothing"
    assert any(free > 0 for free in seen["upgraded"]), "no upgrade went on without room to compact"
    assert 0 in seen["upgraded"]  # with room enough, it compacts as before
