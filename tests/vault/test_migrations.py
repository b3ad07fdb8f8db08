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
from alliance_journal.vault.engine import open_engine, search_rowid
from alliance_journal.vault.packing import unpack_text
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


def _undo_schema_6(conn) -> None:  # type: ignore[no-untyped-def]
    """Store entries as schema 4 (and 5) did: the index keeps the text, notes are TEXT."""
    rows = conn.exec_driver_sql("SELECT id, body, deleted_at FROM entry").all()
    versions = conn.exec_driver_sql("SELECT id, snapshot FROM entry_version").all()
    conn.exec_driver_sql("DROP INDEX entry_search_cover")
    conn.exec_driver_sql(
        "CREATE INDEX entry_search_cover ON entry (id, deleted_at, client_id, kind, occurred_at)")
    conn.exec_driver_sql("DROP TABLE entry_fts")
    conn.exec_driver_sql("""CREATE VIRTUAL TABLE entry_fts USING fts5(
        entry_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')""")
    for entry_id, body, deleted_at in rows:
        plain = unpack_text(body)
        conn.exec_driver_sql("UPDATE entry SET body = ? WHERE id = ?", (plain, entry_id))
        if deleted_at is None:  # these tests' entries are searchable by their body alone
            conn.exec_driver_sql("INSERT INTO entry_fts (rowid, entry_id, text) "
                                 "VALUES (search_rowid(?), ?, ?)", (entry_id, entry_id, plain))
    for version_id, snapshot in versions:
        conn.exec_driver_sql("UPDATE entry_version SET snapshot = ? WHERE id = ?",
                             (unpack_text(snapshot), version_id))


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
        _undo_schema_6(conn)
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
        _undo_schema_6(conn)
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
            rowids = {r[0] for r in conn.exec_driver_sql("SELECT rowid FROM entry_fts")}
        assert rowids == {search_rowid(str(e.id)) for e in saved[1:]}


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
