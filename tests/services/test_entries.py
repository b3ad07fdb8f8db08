"""Entries through the services: history, trash, finalise, timeline filters, search."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind
from alliance_journal.errors import InvalidInputError, NotFoundError
from alliance_journal.services import clients, entries
from alliance_journal.services.search import MARK_END, MARK_START, SearchResults, fts_query, search
from alliance_journal.services.unlock import OpenVault

T0 = datetime(2026, 9, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def client(vault: OpenVault) -> Client:
    return clients.save_client(vault, Client(code="C-017", name="Ann Example"))


def _entry(client: Client | None, kind: EntryKind = EntryKind.SESSION, body: str = "text",
           days: int = 0, **fields: object) -> Entry:
    return Entry(client_id=client.id if client else None, kind=kind, body=body,
                 occurred_at=T0 + timedelta(days=days), fields=fields)


def test_every_edit_keeps_the_previous_version(vault: OpenVault, client: Client) -> None:
    first = entries.save_entry(vault, _entry(client, body="first"))
    second = entries.save_entry(vault, first.model_copy(update={"body": "second"}),
                                history_window=timedelta(0))
    entries.save_entry(vault, second.model_copy(update={"body": "third"}), history_window=timedelta(0))
    history = entries.entry_history(vault, first.id)
    assert [v.entry.body for v in history] == ["second", "first"]
    restored = entries.restore_version(vault, first.id, history[-1].version_id)
    assert restored.body == "first"
    assert entries.entry_history(vault, first.id)[0].entry.body == "third"


def test_autosave_burst_does_not_pile_up_versions(vault: OpenVault, client: Client) -> None:
    entry = entries.save_entry(vault, _entry(client, body="a"))
    for text in ("ab", "abc", "abcd"):
        entry = entries.save_entry(vault, entry.model_copy(update={"body": text}))
    assert entries.get_entry(vault, entry.id).body == "abcd"
    assert entries.entry_history(vault, entry.id) == []


def test_unchanged_save_is_a_no_op(vault: OpenVault, client: Client) -> None:
    entry = entries.save_entry(vault, _entry(client))
    again = entries.save_entry(vault, entry, history_window=timedelta(0))
    assert again.updated_at == entry.updated_at
    assert entries.entry_history(vault, entry.id) == []


def test_trash_restore_and_purge(vault: OpenVault, client: Client) -> None:
    entry = entries.save_entry(vault, _entry(client, body="findable words"))
    entries.move_to_trash(vault, entry.id)
    assert entries.timeline(vault, client.id) == []
    assert search(vault, "findable").hits == ()
    assert [e.id for e in entries.trash(vault)] == [entry.id]
    entries.restore_from_trash(vault, entry.id)
    assert [h.entry_id for h in search(vault, "findable").hits] == [entry.id]
    with pytest.raises(InvalidInputError):
        entries.purge(vault, entry.id)
    entries.move_to_trash(vault, entry.id)
    entries.purge(vault, entry.id)
    with pytest.raises(NotFoundError):
        entries.get_entry(vault, entry.id)
    assert entries.trash(vault) == []


def test_finalised_entry_takes_only_amendments(vault: OpenVault, client: Client) -> None:
    entry = entries.save_entry(vault, _entry(client, body="signed text"))
    with pytest.raises(InvalidInputError):
        entries.add_amendment(vault, entry.id, "too early")
    final = entries.finalise_entry(vault, entry.id)
    assert final.is_finalised
    with pytest.raises(InvalidInputError, match="amendment"):
        entries.save_entry(vault, final.model_copy(update={"body": "rewritten"}))
    amended = entries.add_amendment(vault, entry.id, "Later: a correction.")
    assert amended.body == "signed text"
    assert [a.body for a in amended.amendments] == ["Later: a correction."]
    assert search(vault, "correction").hits[0].entry_id == entry.id


def test_entry_for_unknown_client_refused(vault: OpenVault) -> None:
    with pytest.raises(NotFoundError):
        entries.save_entry(vault, _entry(Client(code="ghost")))


def test_timeline_newest_first_with_filters(vault: OpenVault, client: Client) -> None:
    a = entries.save_entry(vault, _entry(client, EntryKind.SESSION, days=0))
    b = entries.save_entry(vault, _entry(client, EntryKind.ALLIANCE, days=5))
    c = entries.save_entry(vault, _entry(client, EntryKind.CONTAINER, days=10,
                                         event="no_show").model_copy(update={"tags": ["billing"]}))
    journal = entries.save_entry(vault, _entry(None, EntryKind.REFLECTION))
    assert [e.id for e in entries.timeline(vault, client.id)] == [c.id, b.id, a.id]
    assert [e.id for e in entries.timeline(vault, None)] == [journal.id]
    assert [e.id for e in entries.timeline(vault, client.id, kinds={EntryKind.ALLIANCE})] == [b.id]
    assert [e.id for e in entries.timeline(vault, client.id, tag="Billing")] == [c.id]
    window = entries.timeline(vault, client.id, since=T0 + timedelta(days=1),
                              until=T0 + timedelta(days=6))
    assert [e.id for e in window] == [b.id]


def test_client_summary_counts(vault: OpenVault, client: Client) -> None:
    entries.save_entry(vault, _entry(client, EntryKind.SESSION, days=3))
    entries.save_entry(vault, _entry(client, EntryKind.ALLIANCE, days=9))
    (summary,) = clients.list_clients(vault)
    assert summary.entry_count == 2
    assert summary.last_session == T0 + timedelta(days=3)


def test_duplicate_client_code_refused(vault: OpenVault, client: Client) -> None:
    with pytest.raises(InvalidInputError, match="already in use"):
        clients.save_client(vault, Client(code="C-017"))


def test_search_filters_and_snippets(vault: OpenVault, client: Client) -> None:
    other = clients.save_client(vault, Client(code="B-2"))
    mine = entries.save_entry(vault, _entry(client, EntryKind.COUNTERTRANSFERENCE,
                                            body="I felt sleepy and distant", feelings=["bored"]))
    entries.save_entry(vault, _entry(other, EntryKind.SESSION, body="She was sleepy too"))
    hits = search(vault, "sleep").hits
    assert len(hits) == 2
    only = search(vault, "sleepy", client_id=client.id).hits
    assert [h.entry_id for h in only] == [mine.id]
    assert only[0].client_code == "C-017"
    assert f"{MARK_START}sleepy{MARK_END}" in only[0].snippet
    assert [h.entry_id for h in search(vault, "sleepy", kind=EntryKind.SESSION).hits] != [mine.id]
    assert [h.entry_id for h in search(vault, "bored").hits] == [mine.id]  # kind fields are indexed


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "*", "(", "NEAR(", "a:b", "''", "   ", "-x"])
def test_search_never_raises_on_odd_input(vault: OpenVault, query: str) -> None:
    assert isinstance(search(vault, query), SearchResults)


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('he said "no" OR') == '"he"* "said"* "no"* "OR"*'
    assert fts_query("...") is None
