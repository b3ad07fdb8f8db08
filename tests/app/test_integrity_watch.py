"""The window's integrity check after unlock, its notice on damage, and the way back.

The damage is a flipped byte in an old frame of the `-wal` (a page version that a newer
frame replaced): no query reads it, so the window works normally, yet a crash would lose
every change after it. Only the full check sees it, which is the point.
"""

from __future__ import annotations

import struct
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from alliance_journal.app.dialogs.backup_secret import BackupSecretDialog
from alliance_journal.app.widgets.places import documents_folder
from alliance_journal.app.window.integrity_watch import CHECKED_SETTING, RESTORE_BUTTON, notice_text
from alliance_journal.services.backup import auto_backup, set_backup_folder
from alliance_journal.services.backup.history import BACKUP_FOLDER_SETTING
from alliance_journal.services.integrity import check_vault
from alliance_journal.services.settings import get_setting, set_setting
from alliance_journal.services.unlock import OpenVault, UnlockSecret, unlock_vault
from tests.conftest import PASSPHRASE
from tests.faults.damage import PAGE, WAL_FRAME, WAL_HEADER, fill, flipped

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def superseded_frame_offset(vault: OpenVault) -> int:
    """A byte inside the first WAL frame whose page a later frame holds again."""
    wal = vault.paths.database.with_name("journal.db-wal")
    data = wal.read_bytes()
    frames = (len(data) - WAL_HEADER) // WAL_FRAME
    pages = [struct.unpack(">I", data[WAL_HEADER + i * WAL_FRAME:][:4])[0] for i in range(frames)]
    first = next(i for i, p in enumerate(pages) if p in pages[i + 1:])
    return WAL_HEADER + first * WAL_FRAME + 24 + PAGE // 2


@pytest.fixture
def backups(vault: OpenVault, tmp_path: Path) -> Path:
    folder = tmp_path / "auto"
    set_backup_folder(vault, folder)
    fill(vault, 12)
    return folder


def test_a_whole_vault_is_checked_once_a_day(qtbot, vault, backups, main_window) -> None:
    watch = main_window.integrity
    qtbot.waitUntil(lambda: not watch.is_running, timeout=20_000)
    assert get_setting(vault, CHECKED_SETTING) == date.today().isoformat()
    assert watch.problem is None and watch.notice is None
    watch.after_unlock()  # a second unlock the same day: no second check
    assert not watch.is_running


def test_damage_found_after_unlock_is_said_once_and_pauses_automatic_backups(
        qtbot, vault, backups, main_window) -> None:
    watch = main_window.integrity
    qtbot.waitUntil(lambda: not watch.is_running, timeout=20_000)
    set_setting(vault, CHECKED_SETTING, "2000-01-01")  # due again
    with flipped(vault.paths.database.with_name("journal.db-wal"), superseded_frame_offset(vault)):
        assert not check_vault(vault).healthy
        with qtbot.waitSignal(watch.damage_found, timeout=20_000) as found:
            watch.after_unlock()
        assert "journal.db-wal" in found.args[0]
        notice = watch.notice
        assert notice is not None and notice.isVisible()
        assert "Automatic backups are paused" in notice.text()
        assert main_window.file_ops.auto_backups_paused
        done: list[bool] = []
        main_window.file_ops.start_auto_backup(vault, "lock", lambda: done.append(True))
        assert done == [True]  # skipped at once
        assert not list(backups.glob("*.ajbackup"))
        watch.report_damage("the same damage, seen again by a backup")
        assert watch.notice is notice
        boxes = [b for b in main_window.findChildren(QMessageBox) if b.objectName() == "integrity_notice"]
        assert len(boxes) == 1
        notice.close()
    assert get_setting(vault, CHECKED_SETTING) == "2000-01-01"  # not recorded as clean


def recording_boxes(monkeypatch) -> list[str]:
    """Every static message box (warning, information, critical) the window shows, by its text."""
    said: list[str] = []
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda _p, _t, text, *a, **k: said.append(text)))
    return said


def visible_notices(window) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox)
            if b.objectName() == "integrity_notice" and b.isVisible()]


def test_a_backup_refused_for_damage_says_so_once_in_the_notice(qtbot, vault, backups, main_window,
                                                               monkeypatch) -> None:
    watch = main_window.integrity
    qtbot.waitUntil(lambda: not watch.is_running, timeout=20_000)
    said = recording_boxes(monkeypatch)
    with flipped(vault.paths.database.with_name("journal.db-wal"), superseded_frame_offset(vault)):
        with qtbot.waitSignal(watch.damage_found, timeout=20_000):
            main_window.file_ops.backup_now()
        main_window.file_ops.wait()
        assert not list(backups.glob("*.ajbackup"))
        assert said == []  # no error box before the notice: one message
        assert [n.text() for n in visible_notices(main_window)] == [watch.notice.text()]
        assert "damaged" in watch.notice.text() and main_window.file_ops.auto_backups_paused
        assert main_window.commands.salvage.isVisible()
        watch.notice.close()
        # Asked again: the same notice answers, still no box and no second notice.
        with qtbot.waitSignal(main_window.file_ops.backup_finished, timeout=20_000):
            main_window.file_ops.backup_now()
        main_window.file_ops.wait()
        assert said == [] and len(visible_notices(main_window)) == 1
        watch.notice.close()
        # An automatic backup is skipped without a word.
        done: list[bool] = []
        main_window.file_ops.start_auto_backup(vault, "daily", lambda: done.append(True))
        assert done == [True] and said == [] and visible_notices(main_window) == []
        assert not list(backups.glob("*.ajbackup"))


def test_an_automatic_backup_refused_for_damage_shows_only_the_notice(qtbot, vault, backups,
                                                                      main_window, monkeypatch) -> None:
    watch = main_window.integrity
    qtbot.waitUntil(lambda: not watch.is_running, timeout=20_000)
    said = recording_boxes(monkeypatch)
    with flipped(vault.paths.database.with_name("journal.db-wal"), superseded_frame_offset(vault)):
        with qtbot.waitSignal(watch.damage_found, timeout=20_000):
            main_window.file_ops.auto_backup("daily")
        main_window.file_ops.wait()
        assert said == [] and len(visible_notices(main_window)) == 1
        assert not list(backups.glob("*.ajbackup"))
        assert "Automatic backup failed" in main_window.status.backup.text()
        watch.notice.close()


def test_an_ordinary_backup_error_still_shows_the_error_box(qtbot, vault, backups, main_window,
                                                            monkeypatch, tmp_path) -> None:
    watch = main_window.integrity
    qtbot.waitUntil(lambda: not watch.is_running, timeout=20_000)
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    set_setting(vault, BACKUP_FOLDER_SETTING, str(blocker / "backups"))  # cannot be made
    said = recording_boxes(monkeypatch)
    with qtbot.waitSignal(main_window.file_ops.backup_finished, timeout=20_000) as finished:
        main_window.file_ops.backup_now()
    main_window.file_ops.wait()
    assert finished.args[0] is False
    assert len(said) == 1 and "backup folder" in said[0]
    assert watch.problem is None and visible_notices(main_window) == []
    assert not main_window.file_ops.auto_backups_paused
    assert not main_window.commands.salvage.isVisible()


def test_the_way_back_restores_the_newest_verified_backup_into_a_new_folder(
        qtbot, vault, backups, main_window, tmp_path, monkeypatch) -> None:
    watch = main_window.integrity
    qtbot.waitUntil(lambda: not watch.is_running, timeout=20_000)
    good = auto_backup(vault, reason="daily", force=True)
    assert good is not None and good.verified
    wal = vault.paths.database.with_name("journal.db-wal")
    with flipped(wal, superseded_frame_offset(vault)):
        damaged_bytes = wal.read_bytes()
        watch.report_damage("the vault database is damaged")
        target = tmp_path / "restored"
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(target)))
        monkeypatch.setattr(BackupSecretDialog, "ask",
                            classmethod(lambda cls, *a, **k: UnlockSecret(passphrase=PASSPHRASE)))
        monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
        (button,) = [b for b in watch.notice.buttons() if b.text() == RESTORE_BUTTON]
        with qtbot.waitSignal(main_window.file_ops.restored, timeout=20_000):
            button.click()
        assert wal.read_bytes() == damaged_bytes  # the damaged vault is kept as it was
    with unlock_vault(target, UnlockSecret(passphrase=PASSPHRASE)) as restored:
        assert check_vault(restored).healthy


def test_the_way_back_never_restores_over_a_folder(qtbot, vault, backups, main_window, tmp_path,
                                                  monkeypatch) -> None:
    watch = main_window.integrity
    qtbot.waitUntil(lambda: not watch.is_running, timeout=20_000)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, _t, text, *a: said.append(text)))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: said.append(text)))
    watch.restore_newest_verified()
    assert "no verified backup" in said[-1]
    auto_backup(vault, reason="daily", force=True)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(busy)))
    watch.restore_newest_verified()
    assert "new, empty folder" in said[-1]
    assert [p.name for p in busy.iterdir()] == ["keep.txt"]


def test_the_way_back_asks_for_a_folder_from_the_documents_folder(qtbot, vault, backups, main_window,
                                                                  monkeypatch) -> None:
    watch = main_window.integrity
    qtbot.waitUntil(lambda: not watch.is_running, timeout=20_000)
    auto_backup(vault, reason="daily", force=True)
    asked: list[tuple[object, ...]] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a: asked.append(a) or ""))
    watch.restore_newest_verified()
    assert asked and asked[0][2] == str(documents_folder())  # never the folder the app ran from


def test_the_notice_names_the_problem_and_the_way_back() -> None:
    text = notice_text("the vault database is damaged: 1 of its blocks fail the check (block 3); "
                       "no backup was written. To get back: restore ...")
    assert "block 3" in text and "restore the newest verified backup into a new folder" in text
    assert "To get back" not in text
