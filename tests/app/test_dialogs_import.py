"""File ▸ Import…: the preview counts without writing, the chooser moves the entries,
the import runs on a worker and can be cancelled with nothing written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from alliance_journal.app.dialogs.import_preview import COUNTING
from alliance_journal.app.operations.imports import NoteImports
from alliance_journal.domain.clients import Client
from alliance_journal.services.clients import find_client, save_client
from alliance_journal.services.entries import all_entries
from tests.services.importers.exports import dayone_entry, dayone_zip

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.fixture
def imports(qtbot, vault, monkeypatch):
    window = QWidget()
    qtbot.addWidget(window)
    shown: list[tuple[str, str]] = []
    for kind in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda parent, title, text, *a, kind=kind, **k: shown.append((kind, text))))
    operations = NoteImports(window, SimpleNamespace(vault=vault))
    operations.shown = shown  # type: ignore[attr-defined]
    yield operations
    if operations.preview is not None:
        operations.preview.reject()
    operations.wait()


def _export(tmp_path, count=3):
    start = datetime(2024, 1, 1, 10, 0, tzinfo=UTC)
    return dayone_zip(tmp_path / "export.zip", {"Journal": [
        dayone_entry(f"{i:032X}", (start + timedelta(hours=i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                     f"Entry {i}.", photos=[{}])
        for i in range(count)]})


def _choose(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _preview_ready(qtbot, imports):
    qtbot.waitUntil(lambda: imports.preview is not None and imports.preview.summary is not None,
                    timeout=10_000)
    return imports.preview


def test_preview_shows_the_summary_and_writes_nothing_until_import(qtbot, imports, vault, tmp_path,
                                                                   monkeypatch):
    _choose(monkeypatch, _export(tmp_path))
    imports.import_file()
    preview = _preview_ready(qtbot, imports)
    text = preview.summary_view.toPlainText()
    assert text.splitlines()[0] == "Would import 3 entries from export.zip (Day One)."
    assert "Not imported: 3 photos" in text
    assert preview.import_button.isEnabled()
    assert all_entries(vault) == []

    with qtbot.waitSignal(imports.vault_changed, timeout=10_000):
        preview.import_button.click()
    assert [e.body for e in all_entries(vault)] == ["Entry 0.", "Entry 1.", "Entry 2."]
    assert imports.shown[-1][0] == "information"
    assert imports.shown[-1][1].startswith("Imported 3 entries from export.zip (Day One).")


def test_the_client_chooser_counts_again_and_puts_the_entries_there(qtbot, imports, vault, tmp_path,
                                                                    monkeypatch):
    save_client(vault, Client(code="C-042"))
    _choose(monkeypatch, _export(tmp_path))
    imports.import_file()
    preview = _preview_ready(qtbot, imports)
    assert "My journal: 3 reflection entries" in preview.summary_view.toPlainText()
    preview.client_choice.setCurrentIndex(preview.client_choice.findData("C-042"))
    assert preview.summary_view.toPlainText() == COUNTING and not preview.import_button.isEnabled()
    qtbot.waitUntil(lambda: "C-042: 3 reflection entries" in preview.summary_view.toPlainText(),
                    timeout=10_000)

    with qtbot.waitSignal(imports.vault_changed, timeout=10_000):
        preview.import_button.click()
    client = find_client(vault, "C-042")
    assert {e.client_id for e in all_entries(vault)} == {client.id}


def test_an_unreadable_export_says_why_and_cannot_be_imported(qtbot, imports, vault, tmp_path,
                                                              monkeypatch):
    bad = tmp_path / "export.zip"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    _choose(monkeypatch, bad)
    imports.import_file()
    qtbot.waitUntil(lambda: "cannot be imported" in imports.preview.summary_view.toPlainText(),
                    timeout=10_000)
    assert imports.preview.summary_view.toPlainText().endswith("export.zip: not a valid zip archive")
    assert not imports.preview.import_button.isEnabled()


def test_cancelling_the_import_writes_nothing(qtbot, imports, vault, tmp_path, monkeypatch):
    _choose(monkeypatch, _export(tmp_path, count=2_000))
    imports.import_file()
    preview = _preview_ready(qtbot, imports)
    messages: list[str] = []
    imports.status_message.connect(messages.append)
    preview.import_button.click()
    assert imports.progress_dialog is not None
    imports.progress_dialog.canceled.emit()  # what its Cancel button sends
    qtbot.waitUntil(lambda: bool(messages), timeout=20_000)
    assert messages == ["Import: cancelled; nothing was changed."]
    assert all_entries(vault) == []


def test_a_folder_of_markdown_through_its_own_command(qtbot, imports, vault, tmp_path, monkeypatch):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text("---\ndate: 2024-05-01T09:00:00Z\ntags: [x]\n---\nA note.\n")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    imports.import_folder()
    preview = _preview_ready(qtbot, imports)
    assert preview.summary_view.toPlainText().startswith("Would import 1 entry from notes (Markdown).")
    with qtbot.waitSignal(imports.vault_changed, timeout=10_000):
        preview.import_button.click()
    assert [(e.body, e.tags) for e in all_entries(vault)] == [("# a\n\nA note.", ["x"])]


def test_the_menu_has_the_import_commands(main_window):
    file_menu = main_window.menuBar().findChild(QMenu, "menu_file")
    texts = [a.text() for a in file_menu.actions()]
    assert "I&mport…" in texts and "Import a &folder of Markdown…" in texts
