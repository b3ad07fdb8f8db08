"""Fixtures for backup tests: a vault with a little content, and tiny backups of it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.services import clients, entries
from alliance_journal.services.backup import BackupInfo, create_backup
from alliance_journal.services.unlock import OpenVault, UnlockSecret
from tests.conftest import PASSPHRASE

#: Small chunks, so even a tiny vault spans many chunk boundaries.
SMALL_CHUNKS = 4096
SECRET = UnlockSecret(passphrase=PASSPHRASE)
NEWEST = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


def populate(vault: OpenVault, *, clients_count: int = 2, entries_each: int = 3,
             marker: str = "plain") -> None:
    """Clients with entries; the newest entry occurred at NEWEST."""
    for c in range(clients_count):
        client = clients.save_client(vault, Client(code=f"{marker}-{c}"[-24:], name=f"{marker} name {c}"))
        for e in range(entries_each):
            when = NEWEST - timedelta(days=7 * (c * entries_each + e))
            entries.save_entry(vault, Entry(client_id=client.id, kind=EntryKind.SESSION,
                                            occurred_at=when, body=f"{marker} body {c}/{e}",
                                            fields=default_fields(EntryKind.SESSION),
                                            tags=[f"{marker}-tag"]))


@pytest.fixture
def filled(vault: OpenVault) -> OpenVault:
    populate(vault)
    return vault


@pytest.fixture
def backup_file(filled: OpenVault, tmp_path: Path) -> BackupInfo:
    return create_backup(filled, tmp_path / "backups", chunk_size=SMALL_CHUNKS)
