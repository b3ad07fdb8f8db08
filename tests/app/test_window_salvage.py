"""Salvage what can be read, from the window: a damaged vault into a new journal, and back.

The damage is real: pages of `journal.db` whose loss takes known entries with it (found by
damaging each page alone and looking every entry up), flipped on disk while the window has
the vault open. The salvage must bring back every other entry, leave the damaged vault's
files exactly as they were, and leave nothing behind when cancelled or refused.
"""

from __future__ import annotations

import uuid
from contextlib import ExitStack

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QPushButton

from alliance_journal.app.dialogs.salvage_report import OPEN_BUTTON, report_text
from alliance_journal.app.operations.salvage import INSIDE, NOT_EMPTY
from alliance_journal.app.window.integrity_watch import CHECKED_SETTING, NO_BACKUP, SALVAGE_BUTTON
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.services import clients as client_service
from alliance_journal.services.entries import all_entries, save_entry
from alliance_journal.services.salvage import SalvageReport
from alliance_journal.services.settings import set_setting
from alliance_journal.services.unlock import OpenVault
from tests.app.unlock_keys import unlock_with_enter
from tests.faults.damage import PAGE, checkpoint, entry_rowids, failing_entry_rowids, fill, flipped, pages_of

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def entry_pages(vault: OpenVault, wanted: int) -> dict[int, set[str]]:
    """`wanted` pages that each hold a few entries (and nothing the rest needs): page -> ids."""
    by_rowid = entry_rowids(vault)
    found: dict[int, set[str]] = {}
    for page in range(2, pages_of(vault.paths.database)):
        with flipped(vault.paths.database, page * PAGE + 1000):
            failing = failing_entry_rowids(vault, sorted(by_rowid))
        if failing and len(failing) <= 4:
            found[page] = {by_rowid[r] for r in failing}
            if len(found) == wanted:
                break
    assert len(found) == wanted
    return found


@pytest.fixture
def entries(vault: OpenVault) -> set[str]:
    client = client_service.save_client(vault, Client(code="C-7"))
    ids = {str(i) for i in fill(vault, 30)}
    for n in range(3):
        ids.add(str(save_entry(vault, Entry(id=uuid.uuid4(), kind=EntryKind.SESSION, client_id=client.id,
                                            body=f"session {n}",
                                            fields=default_fields(EntryKind.SESSION))).id))
    checkpoint(vault)
    return ids


def vault_bytes(vault: OpenVault) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(vault.paths.folder.iterdir())
            if p.is_file() and not p.name.endswith(("-shm", ".lock"))}


def ready(qtbot, window) -> None:
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.integrity.is_running, timeout=20_000)


def test_salvage_from_the_notice_recovers_the_readable_entries_and_opens_them(
        qtbot, vault, entries, main_window, tmp_path, monkeypatch) -> None:
    window = main_window
    ready(qtbot, window)
    watch = window.integrity
    set_setting(vault, CHECKED_SETTING, "2000-01-01")  # the check is due again
    checkpoint(vault)
    damaged = entry_pages(vault, 2)
    lost = set().union(*damaged.values())
    target = tmp_path / "salvaged"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(target)))
    with ExitStack() as stack:
        for page in damaged:
            stack.enter_context(flipped(vault.paths.database, page * PAGE + 1000))
        before = vault_bytes(vault)
        with qtbot.waitSignal(watch.damage_found, timeout=20_000):
            watch.after_unlock()
        assert window.commands.salvage.isVisible()
        (button,) = [b for b in watch.notice.buttons() if b.text() == SALVAGE_BUTTON]
        with qtbot.waitSignal(watch.salvage.salvaged, timeout=30_000) as salvaged:
            button.click()
        report: SalvageReport = salvaged.args[0]
        assert vault_bytes(vault) == before  # the damaged vault is only read
    assert report.folder == target and not report.complete
    assert report.copied["entry"] == len(entries) - len(lost)
    assert report.unreadable["entry"] == len(lost)
    box = watch.salvage.report_box
    assert box is not None and box.isVisible()
    assert f"Could not be read: {len(lost)} entr" in box.text()
    assert all(word not in box.text() for word in ("damage trial note", "session 0", "C-7"))
    open_button = box.defaultButton()
    assert open_button is not None and open_button.text() == OPEN_BUTTON
    with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
        qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter opens the salvaged journal
    unlock_with_enter(qtbot, window)
    assert window.session.folder == target
    salvaged_ids = {str(e.id) for e in all_entries(window.session.vault)}
    assert salvaged_ids == entries - lost
    assert [c.code for c in client_service.all_clients(window.session.vault)] == ["C-7"]
    # Another journal: its own check and its own automatic backups.
    assert watch.problem is None and not window.file_ops.auto_backups_paused
    assert not window.commands.salvage.isVisible()


def test_escape_closes_the_report_and_stays_on_the_damaged_journal(
        qtbot, vault, entries, main_window, tmp_path) -> None:
    window = main_window
    ready(qtbot, window)
    ops = window.integrity.salvage
    with qtbot.waitSignal(ops.salvaged, timeout=30_000):
        ops.salvage_into(vault, tmp_path / "copy")
    box = ops.report_box
    assert box is not None and "Everything could be read." in box.text()
    with qtbot.assertNotEmitted(ops.open_requested):
        qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not box.isVisible() and window.session.folder == vault.paths.folder


def test_a_cancelled_salvage_leaves_no_folder(qtbot, vault, entries, main_window, tmp_path) -> None:
    window = main_window
    ready(qtbot, window)
    ops = window.integrity.salvage
    target = tmp_path / "cancelled"
    messages: list[str] = []
    ops.status_message.connect(messages.append)
    before = vault_bytes(vault)
    assert ops.salvage_into(vault, target) is not None
    assert ops.progress_dialog is not None
    (cancel,) = ops.progress_dialog.findChildren(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()
    assert ops.wait()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages == ["Salvage: cancelled; nothing was changed."]
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if "salvage" in p.name) == []
    assert ops.report_box is None
    assert vault_bytes(vault) == before


@pytest.mark.parametrize("where", ["itself", "inside", "not empty"])
def test_salvage_never_goes_into_the_damaged_folder_nor_a_full_one(
        qtbot, vault, main_window, tmp_path, monkeypatch, where) -> None:
    window = main_window
    ready(qtbot, window)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: said.append(text)))
    folder = {"itself": vault.paths.folder, "inside": vault.paths.folder / "copy",
              "not empty": tmp_path / "busy"}[where]
    if where == "not empty":
        folder.mkdir()
        (folder / "keep.txt").write_text("mine")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    before = vault_bytes(vault)
    window.integrity.salvage.salvage()
    assert said == [INSIDE if where != "not empty" else NOT_EMPTY]
    assert window.integrity.salvage.progress_dialog is None
    assert vault_bytes(vault) == before
    assert not (vault.paths.folder / "copy").exists()
    if where == "not empty":
        assert [p.name for p in folder.iterdir()] == ["keep.txt"]


def test_the_report_counts_in_words_and_never_holds_content(tmp_path) -> None:
    report = SalvageReport(tmp_path / "new", copied={"client": 1, "entry": 40, "entry_version": 0,
                                                      "setting": 3, "user_prompt": 1},
                           unreadable={"entry": 2, "setting": 0}, orphans={"entry_version": 1},
                           placeholder_clients=1)
    text = report_text(report)
    assert "Copied: 40 entries, 1 client, 4 settings and other records." in text
    assert "Could not be read: 2 entries." in text
    assert "Not kept (what they belong to could not be read): 1 earlier version of an entry." in text
    assert "1 placeholder client (named recovered-…)" in text
    assert "Everything could be read." not in text
    whole = report_text(SalvageReport(tmp_path / "new", copied={"entry": 1}))
    assert "Copied: 1 entry." in whole and "Everything could be read." in whole


def test_enter_on_the_notice_restores_and_escape_closes_it(qtbot, vault, main_window, monkeypatch) -> None:
    window = main_window
    ready(qtbot, window)
    watch = window.integrity
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, _t, text, *a: said.append(text)))
    watch.report_damage("the vault database is damaged: 1 of its blocks fail the check (block 3)")
    notice = watch.notice
    assert notice is not None and notice.isVisible()
    assert [b.text() for b in notice.buttons() if b.text() == SALVAGE_BUTTON] == [SALVAGE_BUTTON]
    qtbot.keyClick(notice, Qt.Key.Key_Escape)
    assert not notice.isVisible() and said == []
    notice.open()
    qtbot.keyClick(notice, Qt.Key.Key_Return)  # the default: restore the newest verified backup
    assert not notice.isVisible()
    assert said == [NO_BACKUP]  # none yet: it says so and points to salvage


def test_the_file_menu_offers_salvage_once_damage_is_known(qtbot, vault, main_window, tmp_path,
                                                           monkeypatch) -> None:
    window = main_window
    ready(qtbot, window)
    file_menu = window.findChild(QMenu, "menu_file")
    assert window.commands.salvage in file_menu.actions()
    assert not window.commands.salvage.isVisible()  # a whole journal: nothing to salvage
    window.integrity.report_damage("the vault database is damaged")
    window.integrity.notice.close()
    assert window.commands.salvage.isVisible()
    target = tmp_path / "from the menu"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(target)))
    with qtbot.waitSignal(window.integrity.salvage.salvaged, timeout=30_000):
        window.commands.salvage.trigger()
    assert (target / "vault.json").is_file()
    window.integrity.salvage.report_box.close()


def test_a_salvage_that_fails_says_so_once_and_leaves_nothing(qtbot, vault, entries, main_window,
                                                              tmp_path, monkeypatch) -> None:
    window = main_window
    ready(qtbot, window)
    said = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: said.append(text)))
    target = tmp_path / "never"
    ops = window.integrity.salvage
    with flipped(vault.paths.database, 0):  # page 1, the list of tables: nothing can be read
        before = vault_bytes(vault)
        ops.salvage_into(vault, target)
        assert ops.wait()
        qtbot.waitUntil(lambda: bool(said), timeout=10_000)
        assert vault_bytes(vault) == before
    assert len(said) == 1 and "nothing can be salvaged" in said[0]
    assert not target.exists() and ops.report_box is None
    assert sorted(p.name for p in tmp_path.iterdir() if "salvage" in p.name) == []
