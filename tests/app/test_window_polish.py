"""Small things that decide whether the window feels finished: search opens on Enter and a
single click, undo says what it would undo, archiving asks and can be undone, the first
run suggests a first client, plurals, file dialogs start in Documents, twice weekly."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from alliance_journal.app.clients.dialog import ClientDialog
from alliance_journal.app.dialogs.settings_dialog import SettingsDialog
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.widgets.places import documents_folder
from alliance_journal.domain.clients import SESSIONS_PER_4_WEEKS, Client, Frequency
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.services.clients import get_client, save_client
from alliance_journal.services.entries import save_entry

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture
def one_client(vault, main_window):
    client = save_client(vault, Client(code="A-17"))
    entry = save_entry(vault, Entry(kind=EntryKind.SESSION, client_id=client.id, body="The harbour",
                                    occurred_at=datetime(2026, 3, 2, 10, tzinfo=UTC),
                                    fields=default_fields(EntryKind.SESSION)))
    main_window.clients.reload()
    main_window.clients.select(client.id)
    main_window.client, main_window.entry = client, entry
    main_window.show()
    return main_window


def search_for(qtbot, window, word: str) -> None:
    window.commands.find.trigger()
    qtbot.keyClicks(window.search.field, word)
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 1, timeout=3000)


def test_a_single_click_opens_a_search_result(qtbot, one_client):
    window = one_client
    window.timeline.clear_selection()
    search_for(qtbot, window, "harbour")
    view = window.search.view
    rect = view.visualRect(window.search.model.index(0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.centre.currentWidget() is window.timeline
    assert window.timeline.current_entry_id() == window.entry.id


def test_enter_in_the_result_list_opens_it(qtbot, one_client):
    window = one_client
    window.timeline.clear_selection()
    search_for(qtbot, window, "harbour")
    window.search.view.setFocus()
    qtbot.keyClick(window.search.view, Qt.Key.Key_Return)
    assert window.centre.currentWidget() is window.timeline
    assert window.timeline.current_entry_id() == window.entry.id


def test_undo_text_follows_the_stack(qtbot, one_client):
    window = one_client
    window.timeline.select_entry(window.entry.id)
    window.timeline.view.setFocus()
    messages: list[str] = []
    window.entry_ops.message.connect(messages.append)
    window.commands.delete.trigger()
    assert window.commands.undo.statusTip() == "Undo: Delete session reflection"
    window.commands.undo.trigger()
    assert window.commands.undo.text() == "&Undo"
    assert window.commands.undo.statusTip() == "Nothing to undo"
    assert messages[-1] == "Session reflection restored from the Trash"


def test_archiving_asks_first_and_can_be_undone(qtbot, vault, one_client):
    window = one_client
    asked: list[str] = []
    window.clients.confirm = lambda _parent, _title, text: asked.append(text) or False
    window.commands.archive_client.trigger()
    assert "Archive A-17?" in asked[0] and not get_client(vault, window.client.id).archived
    window.clients.confirm = lambda *_args: True
    window.commands.archive_client.trigger()
    assert get_client(vault, window.client.id).archived
    assert window.clients.model.row_of(window.client.id) == -1
    assert "Archive client A-17" in window.commands.undo.text()
    window.commands.undo.trigger()
    assert not get_client(vault, window.client.id).archived
    assert window.clients.current_client_id() == window.client.id


def test_first_run_suggests_adding_a_first_client(qtbot, main_window):
    window = main_window
    window.show()
    hint = window.clients.first_client
    assert hint.isVisible() and "first client" in hint.text.text()
    hint.button.click()
    dialog = window.clients.findChild(ClientDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.code.setText("A-1")
    dialog.accept()
    assert not hint.isVisible()


def test_a_journal_with_clients_shows_no_hint(one_client):
    assert not one_client.clients.first_client.isVisible()


def test_one_minute_is_singular(qtbot, vault, app_settings):
    app_settings.autolock_minutes = 1
    dialog = SettingsDialog(app_settings, vault)
    qtbot.addWidget(dialog)
    assert dialog.autolock_spin.text() == "1 minute"
    dialog.autolock_spin.setValue(5)
    assert dialog.autolock_spin.text() == "5 minutes"


def test_an_import_of_one_client_is_singular(qtbot, vault, main_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from alliance_journal.domain.exchange import write_document
    source = tmp_path / "one.json"
    with source.open("w", encoding="utf-8") as out:
        write_document(out.write, [(Client(code="Z-1"), [])], [])
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(source), "")))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, _t, text: told.append(text)))
    main_window.file_ops.import_json()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert told == ["Imported 1 client and 0 entries."]


def test_file_dialogs_start_in_documents(qtbot, vault, main_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    starts: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _p, _t, start, *a, **k: starts.append(start) or ("", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda _p, _t, start, *a, **k: starts.append(start) or ("", "")))
    main_window.file_ops.export_json()
    main_window.file_ops.import_json()
    documents = documents_folder()
    assert [Path(s) if i else Path(s).parent for i, s in enumerate(starts)] == [documents, documents]
    assert Path.cwd() != documents


def test_twice_weekly_is_a_frequency(qtbot, vault, vault_dir):
    assert SESSIONS_PER_4_WEEKS[Frequency.TWICE_WEEKLY] == 8
    dialog = ClientDialog(VaultSession(vault_dir, vault))
    qtbot.addWidget(dialog)
    assert dialog.frequency.findData("twice_weekly") >= 0
    assert dialog.frequency.itemText(dialog.frequency.findData("twice_weekly")) == "Twice weekly"
    saved = save_client(vault, Client(code="T-2", frequency=Frequency.TWICE_WEEKLY))
    assert get_client(vault, saved.id).frequency is Frequency.TWICE_WEEKLY
