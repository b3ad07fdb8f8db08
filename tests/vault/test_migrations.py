"""Schema migrations: a vault written by the previous schema upgrades on unlock."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlmodel import SQLModel

from alliance_journal.domain.clients import Client
from alliance_journal.errors import CorruptDataError
from alliance_journal.services import clients
from alliance_journal.services.settings import get_setting, set_setting
from alliance_journal.services.unlock import UnlockSecret, unlock_vault
from alliance_journal.vault import migrations, tables
from alliance_journal.vault.engine import open_engine
from tests.conftest import PASSPHRASE, NewVault


def test_tables_match_the_migrated_schema(new_vault: NewVault) -> None:
    inspector = inspect(new_vault.vault.engine)
    for name, table in SQLModel.metadata.tables.items():
        if not name.startswith(("client", "entry", "setting", "user_prompt", "hidden_prompt",
                                "nudge_state")):
            continue
        assert tables  # the module defines them
        columns = {c["name"] for c in inspector.get_columns(name)}
        assert columns == {c.name for c in table.columns}, name


def _undo_schema_3_indexes(conn) -> None:  # type: ignore[no-untyped-def]
    for trigger in ("client_tally_start", "entry_tally_insert", "entry_tally_delete",
                    "entry_tally_update"):  # schema 4
        conn.exec_driver_sql(f"DROP TRIGGER {trigger}")
    conn.exec_driver_sql("DROP TABLE client_tally")
    conn.exec_driver_sql("DROP INDEX entry_recent")
    conn.exec_driver_sql("DROP INDEX entry_search_cover")
    conn.exec_driver_sql("DROP INDEX entry_kind_cover")
    conn.exec_driver_sql("CREATE INDEX entry_kind ON entry (kind, occurred_at)")


def _downgrade_to_v1(folder: Path, key: bytes) -> None:
    """Rebuild the database exactly as schema version 1 left it."""
    engine = open_engine(folder / "journal.db", key)
    with engine.begin() as conn:
        for table in ("user_prompt", "hidden_prompt", "nudge_state"):
            conn.exec_driver_sql(f"DROP TABLE {table}")
        _undo_schema_3_indexes(conn)
        conn.exec_driver_sql("PRAGMA user_version = 1")
    engine.dispose()


def test_vault_from_schema_1_upgrades_and_keeps_data(new_vault: NewVault) -> None:
    vault = new_vault.vault
    client = clients.save_client(vault, Client(code="OLD-1"))
    set_setting(vault, "kept", {"a": 1})
    key = vault.data_key
    vault.close()
    _downgrade_to_v1(new_vault.folder, key)
    with unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE)) as upgraded:
        with upgraded.engine.connect() as conn:
            assert migrations.schema_version(conn) == migrations.LATEST_VERSION
        assert clients.get_client(upgraded, client.id).code == "OLD-1"
        assert get_setting(upgraded, "kept") == {"a": 1}
        assert "nudge_state" in inspect(upgraded.engine).get_table_names()


def test_vault_from_schema_2_rebuilds_the_search_index(new_vault: NewVault) -> None:
    """Schema 2 keyed index rows by an unindexed column; 3 keys them by a stable rowid."""
    vault = new_vault.vault
    client = clients.save_client(vault, Client(code="S-2"))
    from alliance_journal.domain.entries import Entry, EntryKind
    from alliance_journal.services import entries
    from alliance_journal.services.search import search

    saved = [entries.save_entry(vault, Entry(client_id=client.id, kind=EntryKind.SESSION,
                                             body=f"lantern {i}")) for i in range(5)]
    key = vault.data_key
    vault.close()
    engine = open_engine(new_vault.folder / "journal.db", key)
    with engine.begin() as conn:  # rebuild the index as schema 2 wrote it
        rows = conn.exec_driver_sql("SELECT entry_id, text FROM entry_fts").all()
        conn.exec_driver_sql("DELETE FROM entry_fts")
        for entry_id, text in rows:
            conn.exec_driver_sql("INSERT INTO entry_fts (entry_id, text) VALUES (?, ?)",
                                 (entry_id, text))
        _undo_schema_3_indexes(conn)
        conn.exec_driver_sql("PRAGMA user_version = 2")
    engine.dispose()
    with unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE)) as upgraded:
        assert {h.entry_id for h in search(upgraded, "lantern").hits} == {e.id for e in saved}
        (summary,) = clients.list_clients(upgraded)  # schema 4 counted what was there
        assert (summary.entry_count, summary.last_session) == (5, max(e.occurred_at for e in saved))
        entries.move_to_trash(upgraded, saved[0].id)  # a rowid lookup now finds the old row
        assert len(search(upgraded, "lantern").hits) == 4
        assert clients.list_clients(upgraded)[0].entry_count == 4
        with upgraded.engine.connect() as conn:
            bad = conn.exec_driver_sql(
                "SELECT count(*) FROM entry_fts WHERE rowid != search_rowid(entry_id)").scalar_one()
        assert bad == 0


def test_vault_from_a_newer_version_is_refused(new_vault: NewVault) -> None:
    key = new_vault.vault.data_key
    new_vault.vault.close()
    engine = open_engine(new_vault.folder / "journal.db", key)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    engine.dispose()
    with pytest.raises(CorruptDataError, match="newer version"):
        unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE))


def test_each_step_is_all_or_nothing(tmp_path: Path) -> None:
    broken = migrations.Migration(2, "fails halfway", ("CREATE TABLE half (a)", "NOT SQL"))
    engine = open_engine(tmp_path / "db", b"\x07" * 32)
    with pytest.raises(CorruptDataError):
        migrations.migrate(engine, migrations=(migrations.MIGRATIONS[0], broken))
    with engine.connect() as conn:
        assert migrations.schema_version(conn) == 1
        assert "half" not in inspect(engine).get_table_names()
    engine.dispose()
