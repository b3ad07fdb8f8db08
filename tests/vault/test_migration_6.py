"""Schema 6: a vault of the schema before it upgrades to a compact one, every search feature kept.

The previous schema is rebuilt as it stored things (the search index holding a copy
of each note, notes as TEXT), so the test works whichever number precedes 6.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.services import entries
from alliance_journal.services import search as search_service
from alliance_journal.services.search import MARK_START, SearchOrder, search
from alliance_journal.services.unlock import OpenVault, UnlockSecret, unlock_vault
from alliance_journal.vault import migrations
from alliance_journal.vault.engine import open_engine
from alliance_journal.vault.packing import FORMAT_ZLIB, MIN_PACKED_BYTES, pack_text, unpack_text
from tests.conftest import PASSPHRASE, NewVault
from tests.vault.test_migrations import _undo_schema_6

BEFORE_6 = max(m.version for m in migrations.MIGRATIONS if m.version < 6)
LONG = " ".join(["the harbour lantern swayed while we spoke of her mother"] * 20)


def _reflection(body: str, days: int) -> Entry:
    return Entry(kind=EntryKind.REFLECTION, body=body, fields=default_fields(EntryKind.REFLECTION),
                 occurred_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=days))


def _pragma(vault: OpenVault, name: str) -> int:
    with vault.engine.connect() as conn:
        return int(conn.exec_driver_sql(f"PRAGMA {name}").scalar_one())


@pytest.fixture
def old_vault(new_vault: NewVault) -> tuple[NewVault, list[Entry]]:
    """A vault at the schema before 6, with long and short notes, history and trash."""
    vault = new_vault.vault
    saved = [entries.save_entry(vault, _reflection(f"{LONG} number{i}", i)) for i in range(6)]
    saved.append(entries.save_entry(vault, _reflection("short lantern note", 9)))
    edited = entries.save_entry(vault, saved[0].model_copy(update={"body": LONG + " edited"}),
                                history_window=timedelta(0))
    saved[0] = edited
    entries.move_to_trash(vault, saved[5].id)
    key = vault.data_key
    vault.close()
    engine = open_engine(new_vault.folder / "journal.db", key)
    with engine.begin() as conn:
        _undo_schema_6(conn)
        conn.exec_driver_sql(f"PRAGMA user_version = {BEFORE_6}")
        assert conn.exec_driver_sql("SELECT typeof(body) FROM entry").scalars().all() == ["text"] * 7
    engine.dispose()
    return new_vault, saved


def test_an_older_vault_upgrades_to_6_and_keeps_every_note_and_search_feature(
        old_vault: tuple[NewVault, list[Entry]], monkeypatch: pytest.MonkeyPatch) -> None:
    folder, saved = old_vault[0].folder, old_vault[1]
    with unlock_vault(folder, UnlockSecret(passphrase=PASSPHRASE)) as vault:
        with vault.engine.connect() as conn:
            assert migrations.schema_version(conn) == migrations.LATEST_VERSION
            kinds = dict(conn.exec_driver_sql("SELECT body LIKE 'short%', typeof(body) FROM entry").all())
            assert kinds == {0: "blob", 1: "text"}  # long notes packed, short ones kept as text
            assert conn.exec_driver_sql("SELECT typeof(snapshot) FROM entry_version").scalar_one() == "blob"
            fts_sql = conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'entry_fts'").scalar_one()
            assert "content = ''" in fts_sql and "contentless_delete = 1" in fts_sql
        assert _pragma(vault, "auto_vacuum") == 2 and _pragma(vault, "freelist_count") == 0
        # Notes and history read back as they were.
        assert entries.get_entry(vault, saved[0].id).body == LONG + " edited"
        (version,) = entries.entry_history(vault, saved[0].id)
        assert version.entry.body == f"{LONG} number0"
        # Ranked search with snippets, prefixes, trash left out...
        results = search(vault, "numb lantern")
        assert results.order is SearchOrder.RELEVANCE
        assert {h.entry_id for h in results.hits} == {e.id for e in saved[1:5]}
        assert all(f"{MARK_START}lantern" in h.snippet for h in results.hits)
        assert {h.entry_id for h in search(vault, "short").hits} == {saved[6].id}
        # ...newest first for words in many notes...
        monkeypatch.setattr(search_service, "RANKED_MATCH_LIMIT", 1)
        newest = search(vault, "lantern")
        assert newest.order is SearchOrder.NEWEST
        expected = [saved[6].id, *(e.id for e in saved[4::-1])]  # saved[5] is in the trash
        assert [h.entry_id for h in newest.hits] == expected
        # ...and the index stays in step with saves and purges.
        entries.save_entry(vault, saved[6].model_copy(update={"body": "short harbour note"}))
        assert search(vault, "short lantern").hits == ()
        entries.purge(vault, saved[5].id)
        assert _pragma(vault, "freelist_count") == 0


def test_a_new_vault_is_made_compact_from_the_start(vault: OpenVault) -> None:
    assert _pragma(vault, "auto_vacuum") == 2
    note = entries.save_entry(vault, _reflection(LONG, 0))
    with vault.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT typeof(body) FROM entry").scalar_one() == "blob"
        assert conn.exec_driver_sql("SELECT text FROM entry_fts").scalar_one() is None  # no copy
    assert entries.get_entry(vault, note.id).body == LONG


@given(st.text(max_size=3000))
def test_packing_round_trips_any_text(value: str) -> None:
    packed = pack_text(value)
    assert unpack_text(packed) == value
    if isinstance(packed, bytes):
        assert packed[0] == FORMAT_ZLIB and len(packed) < len(value.encode("utf-8", "surrogatepass"))


def test_short_or_incompressible_text_stays_text() -> None:
    assert pack_text("x" * (MIN_PACKED_BYTES - 1)) == "x" * (MIN_PACKED_BYTES - 1)
    assert isinstance(pack_text("x" * MIN_PACKED_BYTES), bytes)
    incompressible = bytes(range(256)).decode("latin-1") * 1  # every byte value once
    assert pack_text(incompressible) == incompressible
