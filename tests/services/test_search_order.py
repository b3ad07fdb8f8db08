"""Search ordering: best matches first, newest first when the words are in too many notes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind
from alliance_journal.services import clients, entries
from alliance_journal.services import search as search_service
from alliance_journal.services.search import MARK_END, MARK_START, SearchOrder, search
from alliance_journal.services.unlock import OpenVault

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _save(vault: OpenVault, client: Client | None, days: int, body: str,
          kind: EntryKind = EntryKind.SESSION) -> Entry:
    return entries.save_entry(vault, Entry(client_id=client.id if client else None, kind=kind,
                                           body=body, occurred_at=T0 + timedelta(days=days)))


@pytest.fixture
def caseload(vault: OpenVault) -> dict[str, list[Entry]]:
    """Two clients and the journal; 'harbour' in nine notes on distinct days, one trashed."""
    ann = clients.save_client(vault, Client(code="ANN"))
    ben = clients.save_client(vault, Client(code="BEN"))
    saved: dict[str, list[Entry]] = {"ANN": [], "BEN": [], "journal": []}
    for day in range(0, 9):
        owner = (ann, ben, None)[day % 3]
        kind = EntryKind.SESSION if day % 2 else EntryKind.COUNTERTRANSFERENCE
        words = "harbour " * (1 + day % 4) + f"note {day} about the harbour wall"
        saved[owner.code if owner else "journal"].append(_save(vault, owner, day, words, kind))
    _save(vault, ann, 20, "nothing to find here")
    entries.move_to_trash(vault, saved["ANN"][-1].id)
    return saved


def _few_enough_to_rank(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    monkeypatch.setattr(search_service, "RANKED_MATCH_LIMIT", limit)


def test_few_matches_are_ranked(vault: OpenVault, caseload: dict[str, list[Entry]]) -> None:
    results = search(vault, "harbour")
    assert results.order is SearchOrder.RELEVANCE
    assert len(results.hits) == 8  # nine notes, one in the trash


def test_common_words_list_the_newest_first(vault: OpenVault, caseload: dict[str, list[Entry]],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _few_enough_to_rank(monkeypatch, 3)
    results = search(vault, "harbour")
    assert results.order is SearchOrder.NEWEST
    trashed = caseload["ANN"][-1].id
    expected = sorted((e for group in caseload.values() for e in group if e.id != trashed),
                      key=lambda e: e.occurred_at, reverse=True)
    assert [h.entry_id for h in results.hits] == [e.id for e in expected]
    assert all(f"{MARK_START}harbour{MARK_END}" in h.snippet for h in results.hits)
    assert {h.client_code for h in results.hits} == {"ANN", "BEN", None}
    assert [h.entry_id for h in search(vault, "harbour", limit=2).hits] == [e.id for e in expected[:2]]


@pytest.mark.parametrize("filters", [
    {},
    {"client": "BEN"},
    {"client": "ANN", "kind": EntryKind.SESSION},
    {"kind": EntryKind.COUNTERTRANSFERENCE},
    {"since": T0 + timedelta(days=2), "until": T0 + timedelta(days=7)},
    {"client": "BEN", "since": T0 + timedelta(days=4)},
])
def test_both_orders_find_the_same_notes(vault: OpenVault, caseload: dict[str, list[Entry]],
                                         monkeypatch: pytest.MonkeyPatch,
                                         filters: dict[str, object]) -> None:
    """Whichever order is used, the filters select exactly the same entries."""
    kwargs: dict[str, object] = dict(filters)
    if "client" in kwargs:
        kwargs["client_id"] = clients.find_client(vault, str(kwargs.pop("client"))).id

    def found() -> tuple[SearchOrder, set[object]]:
        results = search(vault, "harbour wall", **kwargs)  # type: ignore[arg-type]
        return results.order, {h.entry_id for h in results.hits}

    ranked_order, ranked = found()
    _few_enough_to_rank(monkeypatch, 0)
    newest_order, newest = found()
    assert (ranked_order, newest_order) == (SearchOrder.RELEVANCE, SearchOrder.NEWEST)
    assert ranked == newest
    assert ranked  # every filter above keeps at least one note


def test_newest_first_skips_notes_without_every_word(vault: OpenVault,
                                                     caseload: dict[str, list[Entry]],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _few_enough_to_rank(monkeypatch, 0)
    assert [h.entry_id for h in search(vault, "note 4").hits] == [caseload["BEN"][1].id]
    assert search(vault, "lighthouse").hits == ()
