"""Search words are the index's own words: no query can become a phrase the index cannot answer.

Since schema 7 the index keeps no word positions, so FTS5 refuses a quoted string that
its tokenizer cuts into two words ("phrase queries are not supported"). The search
must cut words exactly where the tokenizer does, for every character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlcipher3
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_journal.domain.entries import ContainerFields, Entry, EntryKind, default_fields
from alliance_journal.domain.vocabulary import ContainerEvent
from alliance_journal.services import entries
from alliance_journal.services.search import SearchResults, fts_query, search
from alliance_journal.services.unlock import OpenVault, create_vault
from alliance_journal.vault.migrations import MIGRATIONS
from tests.conftest import FAST_KDF, PASSPHRASE


def _vault_tokenizer() -> str:
    """The tokenizer the newest schema gives the search index."""
    (create,) = [s for m in MIGRATIONS for s in m.statements if "CREATE VIRTUAL TABLE entry_fts " in s][-1:]
    found = re.search(r"tokenize\s*=\s*'([^']*)'", create)
    assert found is not None
    return found.group(1)


def _word_characters() -> list[str]:
    return [chr(c) for c in range(0x110000)
            if not 0xD800 <= c <= 0xDFFF and fts_query(chr(c)) is not None]


def test_every_character_search_keeps_in_a_word_is_a_word_to_the_index() -> None:
    conn = sqlcipher3.connect(":memory:")  # plain, in memory: only single characters pass through
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '{_vault_tokenizer()}')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    characters = _word_characters()
    conn.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", enumerate(characters))
    tokens = dict(conn.execute("SELECT doc, count(*) FROM v GROUP BY doc").fetchall())
    cut = [hex(ord(ch)) for n, ch in enumerate(characters) if tokens.get(n) != 1]
    assert len(characters) > 100_000
    assert cut == []


def test_characters_the_index_cuts_at_are_not_word_characters() -> None:
    assert fts_query("late_arrival") == '"late"* "arrival"*'
    assert fts_query("\u1980\u19b0\u1980") == '"\u1980"* "\u1980"*'  # New Tai Lue vowel sign
    assert fts_query("\u1cf2") is None


@pytest.fixture(scope="module")
def shared_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenVault]:
    folder: Path = tmp_path_factory.mktemp("words") / "vault"
    vault, _ = create_vault(folder, PASSPHRASE, kdf=FAST_KDF)
    entries.save_entry(vault, Entry(
        kind=EntryKind.CONTAINER, body="came in after the hour",
        fields=ContainerFields(event=ContainerEvent.LATE_ARRIVAL, minutes_late=20),
        occurred_at=datetime(2026, 5, 4, tzinfo=UTC)))
    entries.save_entry(vault, Entry(
        kind=EntryKind.REFLECTION, body="ᦀᦰᦀ café_au_lait", fields=default_fields(EntryKind.REFLECTION),
        occurred_at=datetime(2026, 5, 5, tzinfo=UTC)))
    yield vault
    vault.close()


def test_words_joined_by_an_underscore_find_the_entry(shared_vault: OpenVault) -> None:
    (hit,) = search(shared_vault, "late_arrival").hits
    assert hit.kind is EntryKind.CONTAINER
    assert len(search(shared_vault, "cafe_au").hits) == 1
    assert len(search(shared_vault, "ᦀᦰ").hits) == 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_no_text_makes_search_fail(shared_vault: OpenVault, query: str) -> None:
    assert isinstance(search(shared_vault, query), SearchResults)
