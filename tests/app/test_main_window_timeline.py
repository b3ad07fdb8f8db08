"""Timeline, clients and search in the main window: filters, delete/undo, Trash, jump to a hit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from alliance_journal.app.clients.dialog import ClientDialog
from alliance_journal.app.search.model import SearchRole
from alliance_journal.domain.clients import Client, ClientStatus
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.services import search as search_service
from alliance_journal.services.clients import find_client, get_client, save_client
from alliance_journal.services.entries import get_entry, save_entry, trash

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]
NOW = datetime.now(UTC)


def add_entry(vault, client, kind, body, days_ago=0, tags=()):
    return save_entry(vault, Entry(kind=kind, client_id=client.id if client else None, body=body,
                                   occurred_at=NOW - timedelta(days=days_ago), tags=list(tags),
                                   fields=default_fields(kind)))


@pytest.fixture
def filled(vault, main_window):
    a = save_client(vault, Client(code="A-17"))
    b = save_client(vault, Client(code="B-04", name="Imaginary Person", status=ClientStatus.ENDED))
    entries = [add_entry(vault, a, EntryKind.SESSION, "Talked about the harbour", 1, ["sea"]),
               add_entry(vault, a, EntryKind.ALLIANCE, "Trust is thin", 2),
               add_entry(vault, a, EntryKind.CONTAINER, "Late again", 40),
               add_entry(vault, b, EntryKind.LIMIT, "Harbour walls and limits", 3),
               add_entry(vault, None, EntryKind.REFLECTION, "My own harbour", 5)]
    main_window.clients.reload()
    main_window.clients.select(a.id)
    main_window.a, main_window.b, main_window.entries = a, b, entries
    return main_window


def test_clients_panel_lists_codes_counts_and_my_journal(filled):
    model = filled.clients.model
    assert model.data(model.index(0)) == "My journal"
    assert [model.data(model.index(r)) for r in range(1, model.rowCount())] == ["A-17"]  # active only
    filled.clients.status.setCurrentIndex(filled.clients.status.findData("all"))
    labels = [model.data(model.index(r)) for r in range(model.rowCount())]
    assert labels == ["My journal", "A-17", "B-04"]  # no name: names are off
    filled.clients.search.setText("b-0")
    assert [model.data(model.index(r)) for r in range(model.rowCount())] == ["B-04"]
    filled.settings.show_client_names = True
    filled.apply_settings()
    assert model.data(model.index(0)) == "B-04 · Imaginary Person"
    assert "Person" not in filled.windowTitle()


def test_add_edit_and_archive_a_client(qtbot, vault, filled):
    dialog = filled.clients.add_client()
    assert isinstance(dialog, ClientDialog)
    dialog.code.setText("A-17")
    dialog.accept()
    assert dialog.isVisible() and "already in use" in dialog.error.text()
    dialog.code.setText("C-21")
    dialog.name.setText("Invented Name")
    dialog.started.set_value(datetime(2025, 1, 6).date())
    dialog.accept()
    client = find_client(vault, "C-21")
    assert client.name == "Invented Name" and client.started_on.isoformat() == "2025-01-06"
    assert filled.clients.current_client_id() == client.id
    assert filled.timeline.title.text() == "C-21"
    assert filled.timeline.client_id == client.id

    edit = filled.clients.edit_client()
    edit.code.setText("C-22")
    edit.accept()
    assert get_client(vault, client.id).code == "C-22"
    assert filled.timeline.title.text() == "C-22"

    filled.clients.confirm = lambda *_args: True
    filled.commands.archive_client.trigger()
    assert get_client(vault, client.id).archived
    assert filled.clients.model.row_of(client.id) == -1


def test_kind_filter_chips(qtbot, filled):
    timeline = filled.timeline
    assert len(timeline.model.visible_entries()) == 3
    filled.commands.kind_filters[EntryKind.ALLIANCE].setChecked(False)
    kinds = [e.kind for e in timeline.model.visible_entries()]
    assert kinds == [EntryKind.SESSION, EntryKind.CONTAINER]
    assert timeline.count.text() == "2 of 3 entries"
    timeline.filters.tag_combo.setCurrentIndex(timeline.filters.tag_combo.findText("sea"))
    assert [e.body for e in timeline.model.visible_entries()] == ["Talked about the harbour"]
    timeline.filters.range_combo.setCurrentIndex(1)  # past 30 days
    filled.commands.show_all_kinds.trigger()
    timeline.filters.tag_combo.setCurrentIndex(0)
    assert len(timeline.model.visible_entries()) == 2  # the container event is 40 days old


def test_new_entry_of_a_hidden_kind_shows_that_kind_again(qtbot, filled):
    filled.commands.kind_filters[EntryKind.INTAKE].setChecked(False)
    filled.commands.new_kind[EntryKind.INTAKE].trigger()
    assert filled.commands.kind_filters[EntryKind.INTAKE].isChecked()


def test_delete_and_undo(qtbot, vault, filled):
    session_entry = filled.entries[0]
    assert filled.timeline.select_entry(session_entry.id)
    assert filled.editor.entry_id == session_entry.id
    filled.timeline.view.setFocus()
    filled.commands.delete.trigger()
    assert get_entry(vault, session_entry.id).in_trash
    assert filled.timeline.model.row_of(session_entry.id) == -1
    assert filled.editor.entry_id != session_entry.id
    assert filled.commands.undo.isEnabled() and "Delete" in filled.commands.undo.text()
    filled.commands.undo.trigger()
    assert not get_entry(vault, session_entry.id).in_trash
    assert filled.timeline.current_entry_id() == session_entry.id
    filled.commands.redo.trigger()
    assert get_entry(vault, session_entry.id).in_trash


def test_trash_restores_and_purges(qtbot, vault, filled):
    first, second = filled.entries[0], filled.entries[1]
    for entry in (first, second):
        filled.timeline.select_entry(entry.id)
        filled.entry_ops.delete_current()
    filled.entry_ops.confirm = lambda *_args: True
    dialog = filled.entry_ops.show_trash()
    qtbot.addWidget(dialog)
    assert dialog.listing.count() == 2
    dialog.listing.item(1).setSelected(True)  # the older one: the session entry went first
    restored_id = dialog.selected_ids()[0]
    dialog.restore_selected()
    assert not get_entry(vault, restored_id).in_trash
    assert filled.timeline.model.row_of(restored_id) > 0
    assert filled.undo_stack.count() == 0
    dialog.listing.item(0).setSelected(True)
    dialog.purge_selected()
    assert trash(vault) == []
    assert dialog.listing.count() == 0


def test_search_and_jump(qtbot, vault, filled):
    filled.commands.find.trigger()
    assert filled.centre.currentWidget() is filled.search
    qtbot.keyClicks(filled.search.field, "harbour")
    model = filled.search.model
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=3000)
    metas = {model.data(model.index(r), SearchRole.META).split(" · ")[0] for r in range(3)}
    assert metas == {"A-17", "B-04", "My journal"}
    assert "harbour</span>" in model.data(model.index(0), SearchRole.SNIPPET_HTML).lower()
    target = next(r for r in range(3) if model.data(model.index(r), SearchRole.META).startswith("B-04"))
    qtbot.keyClick(filled.search.field, Qt.Key.Key_Down)
    filled.search.view.setCurrentIndex(model.index(target))
    qtbot.keyClick(filled.search.field, Qt.Key.Key_Return)
    limit_entry = filled.entries[3]
    assert filled.centre.currentWidget() is filled.timeline
    assert filled.clients.current_client_id() == filled.b.id  # an ended client: filter widened
    assert filled.timeline.current_entry_id() == limit_entry.id
    assert filled.editor.entry_id == limit_entry.id


def test_search_says_when_common_words_are_listed_newest_first(qtbot, vault, filled, monkeypatch):
    filled.commands.find.trigger()
    qtbot.keyClicks(filled.search.field, "harbour")
    with qtbot.waitSignal(filled.search.results_shown, timeout=10_000):
        filled.search.run_search()
    assert filled.search.summary.text() == "3 results"
    monkeypatch.setattr(search_service, "RANKED_MATCH_LIMIT", 1)
    with qtbot.waitSignal(filled.search.results_shown, timeout=10_000):
        filled.search.run_search()
    assert filled.search.summary.text().startswith("3 newest results")
    model = filled.search.model
    dates = [filled.search.model.hit_at(r).occurred_at for r in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True)


def test_keyboard_shortcuts_act_where_they_should(qtbot, vault, filled):
    filled.show()
    with qtbot.waitActive(filled):
        filled.activateWindow()
    entry = filled.entries[0]
    filled.timeline.select_entry(entry.id)
    filled.editor.ui.tags.setFocus()
    qtbot.keyClick(filled.editor.ui.tags, Qt.Key.Key_Delete)
    assert not get_entry(vault, entry.id).in_trash  # Delete in a text field edits the text
    filled.timeline.view.setFocus()
    qtbot.keyClick(filled.timeline.view, Qt.Key.Key_Delete)
    assert get_entry(vault, entry.id).in_trash
    qtbot.keyClick(filled.timeline.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not get_entry(vault, entry.id).in_trash
    qtbot.keyClick(filled.timeline.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert filled.centre.currentWidget() is filled.search and filled.search.field.hasFocus()
    qtbot.keyClick(filled.search.field, Qt.Key.Key_Escape)
    assert filled.centre.currentWidget() is filled.timeline
    qtbot.keyClick(filled.timeline.view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert filled.editor.is_new and filled.editor.entry.kind is EntryKind.TRANSFERENCE
    with qtbot.waitSignal(filled.session.vault_closed, timeout=20_000):
        qtbot.keyClick(filled.timeline.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    filled.window_lock.unlock_dialog.reject()


def test_settings_dialog_applies_client_names_at_once(qtbot, filled):
    from alliance_journal.app.dialogs.settings_dialog import SettingsDialog

    filled.clients.status.setCurrentIndex(filled.clients.status.findData("all"))
    filled.clients.select(filled.b.id)
    filled.commands.settings.trigger()
    dialog = filled.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.names_check.setChecked(True)
    assert filled.timeline.title.text() == "B-04 · Imaginary Person"
    assert filled.windowTitle() == f"{filled.session.folder.name} — Alliance Journal"  # no name
    dialog.reject()
