"""The item models behind the main window, checked with qtmodeltester, and the autosave throttle."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QElapsedTimer, Qt

from alliance_journal.app.clients.model import ClientListModel, ClientRole
from alliance_journal.app.runtime.throttle import Throttle
from alliance_journal.app.search.model import SearchResultsModel, SearchRole, snippet_html
from alliance_journal.app.timeline.card_text import alliance_bars, alliance_note, key_fields
from alliance_journal.app.timeline.model import TimelineFilter, TimelineModel, TimelineRole
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import (
    AllianceFields,
    ContainerFields,
    CountertransferenceFields,
    Entry,
    EntryKind,
    IntakeFields,
    default_fields,
)
from alliance_journal.domain.exchange import build_document, dump_document
from alliance_journal.domain.vocabulary import ContainerEvent, Rupture
from alliance_journal.services.clients import ClientSummary
from alliance_journal.services.search import MARK_END, MARK_START, SearchHit
from alliance_journal.services.transfer import import_json

pytestmark = pytest.mark.gui
NOW = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)


def make_entries(count: int, client_id: uuid.UUID | None = None) -> list[Entry]:
    kinds = list(EntryKind)
    return [Entry(kind=kinds[i % len(kinds)], client_id=client_id, occurred_at=NOW - timedelta(days=i),
                  body=f"Note number {i}\nmore", tags=["odd"] if i % 2 else [],
                  fields=default_fields(kinds[i % len(kinds)]))
            for i in range(count)]


def test_timeline_model_passes_modeltester(qtmodeltester):
    model = TimelineModel()
    model.set_entries(make_entries(40))
    qtmodeltester.check(model)
    model.set_filter(TimelineFilter(kinds=frozenset({EntryKind.ALLIANCE}), tag="odd"))
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def test_timeline_groups_by_month_newest_first():
    model = TimelineModel()
    model.set_entries(make_entries(40))
    assert model.data(model.index(0), TimelineRole.IS_HEADER) is True
    assert model.data(model.index(0)) == "March 2025"
    entries = model.visible_entries()
    assert [e.occurred_at for e in entries] == sorted((e.occurred_at for e in entries), reverse=True)
    headers = [model.data(model.index(r)) for r in range(model.rowCount())
               if model.data(model.index(r), TimelineRole.IS_HEADER)]
    assert headers == ["March 2025", "February 2025"]
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsSelectable


def test_timeline_upsert_keeps_rows_or_moves_entry():
    model = TimelineModel()
    entries = make_entries(5)
    model.set_entries(entries)
    changed = entries[2].model_copy(update={"body": "Rewritten first line"})
    model.upsert(changed)
    row = model.row_of(changed.id)
    assert model.data(model.index(row), TimelineRole.FIRST_LINE) == "Rewritten first line"
    moved = changed.model_copy(update={"occurred_at": NOW + timedelta(days=1)})
    model.upsert(moved)
    assert model.row_of(moved.id) == 1  # right under the month header
    model.remove(moved.id)
    assert model.row_of(moved.id) == -1


def test_key_fields_show_what_matters_per_kind():
    ct = Entry(kind=EntryKind.COUNTERTRANSFERENCE,
               fields=CountertransferenceFields(feelings=["bored", "anxious"], intensity=4))
    assert key_fields(ct) == "Intensity 4/5 · bored, anxious"
    container = Entry(kind=EntryKind.CONTAINER,
                      fields=ContainerFields(event=ContainerEvent.LATE_ARRIVAL, minutes_late=15))
    assert key_fields(container) == "Late arrival · 15 min late"
    alliance = Entry(kind=EntryKind.ALLIANCE, fields=AllianceFields(client_trusts_me=2, client_likes_me=5))
    assert key_fields(alliance) == ("Client → me: trust 2, respect not rated, liking 5 · "
                                    "Me → client: trust not rated, respect not rated")
    assert alliance_bars(alliance) == [
        ("Client → me", [("trust", 2), ("respect", None), ("liking", 5)]),
        ("Me → client", [("trust", None), ("respect", None)])]
    unrated = Entry(kind=EntryKind.COUNTERTRANSFERENCE, fields=CountertransferenceFields(
        feelings=["bored"]))
    assert key_fields(unrated) == "bored"
    calm = Entry(kind=EntryKind.INTAKE, fields=IntakeFields(discomfort=0))
    assert "Discomfort 0/5" in key_fields(calm)
    assert "Discomfort" not in key_fields(Entry(kind=EntryKind.INTAKE))
    torn = Entry(kind=EntryKind.ALLIANCE, fields=AllianceFields(rupture=Rupture.WITHDRAWAL, goals=2))
    assert alliance_note(torn) == "goals 2 · rupture: withdrawal, repair: none"


def test_client_list_model_passes_modeltester_and_hides_names(qtmodeltester):
    model = ClientListModel()
    summaries = [ClientSummary(Client(code=f"C-{i:02}", name=f"Person {i}"), i, NOW if i else None)
                 for i in range(6)]
    model.set_clients(summaries, journal_count=3)
    qtmodeltester.check(model)
    assert model.data(model.index(0)) == "My journal"
    assert model.data(model.index(0), ClientRole.IS_JOURNAL) is True
    assert model.data(model.index(2)) == "C-01"
    assert "1 entry" in model.data(model.index(2), ClientRole.SECONDARY)
    model.set_search("person 3")
    assert model.rowCount() == 0  # names are hidden, so they are not searched either
    model.set_show_names(True)
    assert model.rowCount() == 1 and model.data(model.index(0)) == "C-03 · Person 3"
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def test_search_model_passes_modeltester_and_highlights(qtmodeltester):
    model = SearchResultsModel()
    hits = [SearchHit(uuid.uuid4(), None, None, EntryKind.REFLECTION, NOW,
                      f"the {MARK_START}harbour{MARK_END} at <dusk> {i}") for i in range(5)]
    model.set_hits(hits)
    qtmodeltester.check(model)
    assert model.data(model.index(0)).startswith("My journal · Reflection")
    html = model.data(model.index(0), SearchRole.SNIPPET_HTML)
    assert ">harbour</span>" in html and "&lt;dusk&gt;" in html
    assert snippet_html(f"{MARK_START}a{MARK_END} b", "#fff").count("<span") == 1


def test_a_2000_entry_timeline_loads(qtbot, vault, main_window):
    client = Client(code="LONG")
    entries = make_entries(2000, client.id)
    assert import_json(vault, dump_document(build_document([client], entries)).encode()) == (1, 2000)
    main_window.clients.reload()
    timer = QElapsedTimer()
    timer.start()
    assert main_window.clients.select(client.id)
    model = main_window.timeline.model
    assert len(model.visible_entries()) == 2000
    main_window.timeline.view.scrollToBottom()
    assert timer.elapsed() >= 0  # functional check only: timings belong to the benchmark


def test_throttle_runs_once_after_the_last_call(qtbot):
    calls: list[int] = []
    throttle = Throttle(lambda: calls.append(1), 30)
    for _ in range(5):
        throttle()
    assert throttle.pending and calls == []
    qtbot.waitUntil(lambda: calls == [1], timeout=2000)
    throttle()
    throttle.flush()
    assert calls == [1, 1] and not throttle.pending
    throttle()
    throttle.cancel()
    assert not throttle.pending


def test_every_action_has_a_name_and_no_shortcut_is_taken_twice(qtbot, main_window):
    actions = main_window.commands.all()
    names = [a.objectName() for a in actions]
    assert all(n.startswith("action_") for n in names) and len(set(names)) == len(names)
    shortcuts = [a.shortcut().toString() for a in actions if not a.shortcut().isEmpty()]
    assert len(set(shortcuts)) == len(shortcuts)
    assert [a.shortcut().toString() for a in main_window.commands.new_kind.values()] == [
        f"Ctrl+{n}" for n in range(1, 9)]
    assert main_window.new_kinds.actions() == list(main_window.commands.new_kind.values())
    menus = [m.objectName() for m in main_window.menuBar().findChildren(type(main_window.new_kinds))]
    assert {"menu_file", "menu_edit", "menu_view", "menu_clients"} <= set(menus)
