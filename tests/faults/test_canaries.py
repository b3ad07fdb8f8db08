"""No plaintext canary in any backup file, temp file, log or CLI output.

A distinctive string goes into client names, client notes, note bodies and tags. The
files are searched not only afterwards but *during* each operation (from its progress
callback), while the snapshot, the half-written backup and the decrypted copy exist,
and no file anywhere may start like a plaintext SQLite database.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from alliance_journal.cli.main import main
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.services import clients, entries
from alliance_journal.services.backup import (
    auto_backup,
    create_backup,
    restore_backup,
    set_backup_folder,
    verify_backup,
)
from alliance_journal.services.unlock import OpenVault, UnlockSecret
from tests.conftest import PASSPHRASE

CANARY = "QuokkaCanary5819"
FORMS = [CANARY.encode(), CANARY.encode("utf-16-le"), CANARY.lower().encode(),
         CANARY.lower().encode("utf-16-le")]
SQLITE_PLAINTEXT = b"SQLite format 3\0"
SECRET = UnlockSecret(passphrase=PASSPHRASE)


class Inspector:
    """Searches every file under some folders; remembers what kinds of files it saw."""

    def __init__(self, *roots: Path) -> None:
        self.roots = roots
        self.seen: set[str] = set()
        self.scans = 0

    def __call__(self, _done: int = 0, _total: int = 0) -> None:
        self.scans += 1
        for root in self.roots:
            for path in (p for p in root.rglob("*") if p.is_file()) if root.exists() else []:
                try:
                    data = path.read_bytes()
                except FileNotFoundError:
                    continue  # removed while we looked
                self.seen.add(path.suffix or path.name)
                assert not data.startswith(SQLITE_PLAINTEXT), f"plaintext database: {path}"
                for form in FORMS:
                    assert form not in data, f"canary in {path}"


@pytest.fixture
def canary_vault(vault: OpenVault) -> OpenVault:
    client = clients.save_client(vault, Client(code="C-7", name=f"Ms {CANARY}", notes=f"about {CANARY}"))
    for i, kind in enumerate(EntryKind):
        entries.save_entry(vault, Entry(client_id=client.id if i % 2 else None, kind=kind,
                                        body=f"{CANARY} said {i} " * 40, tags=[CANARY.lower()],
                                        fields=default_fields(kind)))
    return vault


def test_no_canary_in_backups_or_temp_files_at_any_moment(
        canary_vault: OpenVault, tmp_path: Path, private_tmp: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    backups, restore_parent = tmp_path / "backups", tmp_path / "restored"
    restore_parent.mkdir()
    inspect = Inspector(private_tmp, backups, restore_parent)

    info = create_backup(canary_vault, backups, chunk_size=4096, progress=inspect)
    assert {".db", ".tmp"} <= inspect.seen  # the snapshot and the half-written backup were searched
    inspect.seen.clear()

    report = verify_backup(info.path, SECRET, progress=inspect)
    assert report.clients == 1 and ".db" in inspect.seen  # the decrypted copy was searched

    restore_backup(info.path, SECRET, restore_parent / "vault", progress=inspect)
    set_backup_folder(canary_vault, backups)
    auto_backup(canary_vault, reason="lock", force=True)
    inspect()
    assert inspect.scans > 10
    assert list(private_tmp.iterdir()) == []
    assert len(list(backups.glob("*.ajbackup"))) == 2
    for form in FORMS:
        assert form.decode("utf-8", errors="ignore") not in caplog.text


def test_no_canary_in_cli_output(canary_vault: OpenVault, tmp_path: Path, private_tmp: Path,
                                 monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    set_backup_folder(canary_vault, tmp_path / "auto")
    auto_backup(canary_vault, reason="lock", force=True)
    folder = canary_vault.paths.folder
    canary_vault.close()
    monkeypatch.setenv("ALLIANCE_JOURNAL_PASSPHRASE", PASSPHRASE)
    output = ""
    for argv in (["backup", "--vault", str(folder), "--to", str(tmp_path / "b")],
                 ["backups", "--vault", str(folder)], ["backups", "--vault", str(folder), "--json"]):
        assert main(argv) == 0
        out, err = capsys.readouterr()
        output += out + err
    file = next((tmp_path / "b").glob("*.ajbackup"))
    for argv in (["verify", str(file)], ["restore", str(file), "--vault", str(tmp_path / "r")]):
        assert main(argv) == 0
        out, err = capsys.readouterr()
        output += out + err
    monkeypatch.setenv("ALLIANCE_JOURNAL_PASSPHRASE", "a-wrong-passphrase")
    assert main(["verify", str(file)]) == 3
    output += "".join(capsys.readouterr())
    assert "Backup OK" in output and CANARY.lower() not in output.lower()
    Inspector(tmp_path / "b", tmp_path / "auto", tmp_path / "r", private_tmp)()
