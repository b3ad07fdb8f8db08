"""kill -9 during `passwd`, `restore` and a migration: the old state or the new, never a broken vault.

After each kill the vault must open (with the old or the new passphrase; as the old
vault or the restored one; at the old schema or the new, which unlocking then finishes)
and pass the full integrity check with everything it held.
"""

from __future__ import annotations

import random
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.errors import WrongKeyError
from alliance_journal.services import clients as client_service
from alliance_journal.services.backup import create_backup
from alliance_journal.services.integrity import check_vault
from alliance_journal.services.records import entry_columns
from alliance_journal.services.stats import vault_stats
from alliance_journal.services.unlock import UnlockSecret, create_vault, unlock_vault
from alliance_journal.vault import migrations
from alliance_journal.vault.atomic import create_private_file
from alliance_journal.vault.engine import open_engine
from alliance_journal.vault.layout import VaultPaths
from tests.conftest import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE
from tests.faults.conftest import SOAK, ForkServer, soak_only
from tests.faults.damage import fill

TRIALS = 10
PHRASES = (PASSPHRASE, NEW_PASSPHRASE)


def _healthy_with(folder: Path, passphrase: str, entries: int) -> None:
    with unlock_vault(folder, UnlockSecret(passphrase=passphrase)) as vault:
        assert check_vault(vault).healthy
        assert vault_stats(vault).entries == entries


def _opens_with(folder: Path) -> int:
    """Which of the two passphrases opens the vault (exactly one must)."""
    opening = []
    for index, phrase in enumerate(PHRASES):
        try:
            unlock_vault(folder, UnlockSecret(passphrase=phrase)).close()
            opening.append(index)
        except WrongKeyError:
            pass
    assert len(opening) == 1, opening
    return opening[0]


def _kill_passwd(server: ForkServer, folder: Path, trials: int, seed: int) -> int:
    rng = random.Random(seed)
    changes = 0
    for _ in range(trials):
        pid = server.start("passwd", str(folder))
        time.sleep(rng.uniform(0.005, 0.15))
        lines = server.kill(pid)
        said = [int(line.split()[1]) for line in lines if line.startswith("passwd ")]
        changes += len(said)
        now = _opens_with(folder)
        if said:  # the last change reported, or the one after it (done, not yet said)
            assert now in (said[-1], 1 - said[-1])
        _healthy_with(folder, PHRASES[now], 3)
    return changes


@pytest.fixture
def small_vault(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    vault, _ = create_vault(folder, PASSPHRASE, kdf=FAST_KDF)
    fill(vault, 3)
    vault.close()
    return folder


def test_kill9_during_passwd(fork_server: ForkServer, small_vault: Path) -> None:
    assert _kill_passwd(fork_server, small_vault, TRIALS, seed=7) > 0  # kills landed among changes


def test_kill9_during_restore(fork_server: ForkServer, small_vault: Path, tmp_path: Path) -> None:
    with unlock_vault(small_vault, UnlockSecret(passphrase=PASSPHRASE)) as vault:
        fill(vault, 40, body_chars=3000)
        backup = create_backup(vault, tmp_path / "b").path
    target = tmp_path / "restored"
    rng = random.Random(8)
    restored = 0
    for _ in range(TRIALS):
        pid = fork_server.start("restore", str(backup), str(target))
        time.sleep(rng.uniform(0.01, 0.4))
        lines = fork_server.kill(pid)
        restored += sum(line == "restored" for line in lines)
        if VaultPaths(target).exists():
            _healthy_with(target, PASSPHRASE, 43)
    assert restored > 0 and VaultPaths(target).exists()
    for aside in tmp_path.glob("restored.replaced-*"):  # every earlier state is whole too
        _healthy_with(aside, PASSPHRASE, 43)


SCHEMA_1_ENTRY_COLUMNS = ("id", "client_id", "kind", "occurred_at", "created_at", "updated_at", "tags",
                          "body", "fields", "finalised_at", "amendments", "deleted_at")


def _schema_1_database(path: Path, key: bytes, entries: int) -> None:
    """A journal.db as schema 1 left it, holding one client and `entries` entries."""
    create_private_file(path)
    engine = open_engine(path, key)
    migrations.migrate(engine, migrations=migrations.MIGRATIONS[:1])
    client = Client(code="OLD-1")
    rows = []
    for n in range(entries):
        entry = Entry(id=uuid.uuid4(), client_id=client.id if n % 2 else None,
                      kind=EntryKind.REFLECTION, body=f"old note {n} " + "lorem ipsum " * 40,
                      fields=default_fields(EntryKind.REFLECTION))
        columns = entry_columns(entry)
        rows.append({name: columns[name] for name in SCHEMA_1_ENTRY_COLUMNS})
    names = ", ".join(SCHEMA_1_ENTRY_COLUMNS)
    values = ", ".join(f":{n}" for n in SCHEMA_1_ENTRY_COLUMNS)
    with engine.begin() as conn:
        now = "2026-01-01T00:00:00.000000+00:00"
        conn.exec_driver_sql(
            "INSERT INTO client (id, code, status, frequency, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (str(client.id), client.code, client.status.value, client.frequency.value, now, now))

        conn.execute(text(f"INSERT INTO entry ({names}) VALUES ({values})"), rows)
        conn.execute(text("INSERT INTO entry_fts (entry_id, text) VALUES (:id, :body)"), rows)
    engine.dispose()


def test_kill9_during_a_migration(fork_server: ForkServer, tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    vault, _ = create_vault(folder, PASSPHRASE, kdf=FAST_KDF)
    key = bytes(vault.data_key)
    vault.close()
    template = tmp_path / "schema1.db"
    entries = 4000
    _schema_1_database(template, key, entries)
    database = VaultPaths(folder).database
    rng = random.Random(9)
    finished = 0
    for _ in range(TRIALS):
        for leftover in folder.glob("journal.db*"):
            leftover.unlink()
        database.write_bytes(template.read_bytes())
        pid = fork_server.start("migrate", str(folder))
        time.sleep(rng.uniform(0.0, 0.6))
        finished += "migrated" in fork_server.kill(pid)
        with unlock_vault(folder, UnlockSecret(passphrase=PASSPHRASE)) as upgraded:
            with upgraded.engine.connect() as conn:
                assert migrations.schema_version(conn) == migrations.LATEST_VERSION
            assert check_vault(upgraded).healthy
            assert vault_stats(upgraded).entries == entries
            (summary,) = client_service.list_clients(upgraded)
            assert summary.entry_count == entries // 2
    assert finished < TRIALS  # some kills landed before the migration was done


@pytest.mark.slow
@soak_only
def test_kill9_during_passwd_soak(fork_server: ForkServer, small_vault: Path) -> None:
    assert SOAK
    changes = _kill_passwd(fork_server, small_vault, 300, seed=int(time.time()))
    print(f"passwd kill -9 soak: {changes} changes")
