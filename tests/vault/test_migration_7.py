"""Schema 7: the search index without word positions, rebuilt from the entries themselves.

`tests/fixtures/vault_schema6/` is a real vault written at schema 6 (its README lists
what it holds): each searchable place of an entry has a word of its own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from alliance_journal.services import entries
from alliance_journal.services.schema import upgrade
from alliance_journal.services.search import search
from alliance_journal.services.unlock import UnlockSecret, unlock_vault
from alliance_journal.vault import migrations
from alliance_journal.vault.engine import open_engine
from alliance_journal.vault.header import read_header
from alliance_journal.vault.layout import VaultPaths
from tests.conftest import PASSPHRASE

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "vault_schema6"
#: Each word sits in one place of one entry of the fixture.
WORDS = ("marmalade", "quillwort", "driftwood", "rescue", "lighthouse", "critic", "softening",
         "pinecone", "kettle", "ferry")


@pytest.fixture
def schema6(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    shutil.copytree(FIXTURE, folder)
    return folder


def _data_key(folder: Path) -> bytes:
    from alliance_journal.services.unlock import open_key_slots
    key, _ = open_key_slots(read_header(VaultPaths(folder).header), UnlockSecret(passphrase=PASSPHRASE))
    return key


def test_the_fixture_is_schema_6_with_word_positions(schema6: Path) -> None:
    engine = open_engine(VaultPaths(schema6).database, _data_key(schema6))
    with engine.connect() as conn:
        assert migrations.schema_version(conn) == 6
        sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'entry_fts'").scalar_one()
    engine.dispose()
    assert "detail" not in sql


def test_a_schema_6_vault_upgrades_and_every_word_is_found_again(schema6: Path) -> None:
    with unlock_vault(schema6, UnlockSecret(passphrase=PASSPHRASE)) as vault:
        with vault.engine.connect() as conn:
            assert migrations.schema_version(conn) == migrations.LATEST_VERSION >= 7
            sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'entry_fts'").scalar_one()
            assert "detail = column" in sql
            indexed = conn.exec_driver_sql("SELECT count(*) FROM entry_fts").scalar_one()
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
            assert conn.exec_driver_sql("PRAGMA freelist_count").scalar_one() == 0  # compacted
        live = entries.all_entries(vault)
        assert indexed == len(live) == 5
        for word in WORDS:
            assert len(search(vault, word).hits) == 1, word
        assert search(vault, "tangerine").hits == ()  # in the trash: not indexed
        (session,) = search(vault, "marm ferr").hits  # prefixes, every word required
        assert "\ue000ferry\ue001" in session.snippet
        # The index stays in step with later edits, as before.
        edited = entries.save_entry(vault, entries.get_entry(vault, session.entry_id).model_copy(
            update={"body": "only gooseberry now"}))
        assert search(vault, "marmalade").hits == ()
        assert [h.entry_id for h in search(vault, "gooseberry").hits] == [edited.id]


def test_an_entry_the_model_cannot_read_keeps_its_words_and_a_damaged_text_does_not_block(
        schema6: Path) -> None:
    engine = open_engine(VaultPaths(schema6).database, _data_key(schema6))
    with engine.begin() as conn:
        conn.exec_driver_sql("""UPDATE entry SET fields = '{"kind": "limit", "unknown": 1}'
                                WHERE kind = 'limit'""")
        conn.exec_driver_sql("UPDATE entry SET body = x'01deadbeef' WHERE kind = 'transference'")
    engine.dispose()
    with unlock_vault(schema6, UnlockSecret(passphrase=PASSPHRASE)) as vault:
        with vault.engine.connect() as conn:
            assert migrations.schema_version(conn) == migrations.LATEST_VERSION
            assert conn.exec_driver_sql("SELECT count(*) FROM entry_fts").scalar_one() == 4
        assert len(search(vault, "talked").hits) == 1  # the limit's note text
        assert search(vault, "pinecone").hits == ()  # its fields could not be read
        assert search(vault, "lighthouse").hits == ()  # the damaged note is left out
        assert len(search(vault, "marmalade").hits) == 1


def test_upgrading_a_vault_with_entries_needs_their_search_text(schema6: Path) -> None:
    engine = open_engine(VaultPaths(schema6).database, _data_key(schema6))
    try:
        with pytest.raises(ValueError, match="search_rows"):
            migrations.migrate(engine)
        with engine.connect() as conn:
            assert migrations.schema_version(conn) == 6  # nothing was changed
        assert upgrade(engine) == migrations.LATEST_VERSION
    finally:
        engine.dispose()
