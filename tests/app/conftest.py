"""Fixtures shared by the widget tests (offscreen Qt, pytest-qt's `qtbot`).

Keep additions small and additive: several engineers add fixtures here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def collector_on_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As in the app: cyclic garbage is collected on the GUI thread, never on a worker."""
    from alliance_journal.app.runtime.gui_thread_collector import collect_on_gui_thread

    collector = collect_on_gui_thread(qapp)
    yield
    collector.stop()  # the tests of other layers expect Python's automatic collector


@pytest.fixture(autouse=True)
def no_worker_left_running(qapp: QApplication, collector_on_gui_thread: None) -> Iterator[None]:
    """Every background job has ended (and delivered) before the test is torn down."""
    yield
    from alliance_journal.app.runtime.workers import wait_for_all

    assert wait_for_all(20_000), "a background worker was still running at the end of the test"


@pytest.fixture
def app_settings(tmp_path: Path):
    """Window preferences in a private INI file (never the developer's own)."""
    from alliance_journal.app.runtime.settings import AppSettings

    return AppSettings.for_path(tmp_path / "settings.ini")


@pytest.fixture
def restore_theme(qapp: QApplication) -> Iterator[None]:
    """Put the system look back after a test that switches theme."""
    yield
    from alliance_journal.app.widgets.theme import apply_theme

    apply_theme(qapp, "system")


@pytest.fixture
def main_window(qtbot, vault, vault_dir, app_settings):
    """The main window on the open `vault` (auto-lock off); closed and its vault released after."""
    from alliance_journal.app.runtime.vault_session import VaultSession
    from alliance_journal.app.window.main_window import MainWindow

    window = MainWindow(VaultSession(vault_dir, vault), app_settings, autolock_ms=0)
    qtbot.addWidget(window)
    yield window
    window.close()
    from alliance_journal.app.runtime.workers import wait_for_all

    wait_for_all(20_000)
    if window.session.vault is not None:
        window.session.vault.close()
