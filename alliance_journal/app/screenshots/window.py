"""The main-window pictures for `screenshots.py`: window, search, trash, history, Reflect.

The window and its panels belong to another part of the app and change often, so they
are imported only here, lazily, and each picture is made on its own: one that breaks
is reported without stopping the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QScrollArea, QTabWidget, QWidget

from alliance_journal.app.runtime.settings import AppSettings
from alliance_journal.app.widgets.theme import apply_theme
from alliance_journal.domain.entries import EntryKind
from alliance_journal.services.clients import find_client
from alliance_journal.services.entries import all_entries, entry_history, timeline

if TYPE_CHECKING:
    from alliance_journal.app.screenshots.shooter import Shooter

WINDOW_SIZE = (1280, 800)
CLIENT = "D-103"
SEARCH_WORDS = "corridor"


def window_shots(s: Shooter) -> None:
    from alliance_journal.app.runtime.vault_session import VaultSession
    from alliance_journal.app.window.main_window import MainWindow

    vault = s.vault()
    session = VaultSession(s.folder, vault)
    window = MainWindow(session, AppSettings.for_path(s.tmp / "window.ini"),
                        autolock_ms=3_600_000)
    client = find_client(vault, CLIENT)
    entries = timeline(vault, client.id)
    opened = next(e for e in entries if e.kind is EntryKind.SESSION)

    with s.shot("main-window"):
        window.resize(*WINDOW_SIZE)
        window.show()
        window.clients.select(client.id)
        window.show_client(client.id)
        window.timeline.select_entry(opened.id)
        alliance = next((e for e in entries if e.kind is EntryKind.ALLIANCE), None)
        if alliance is not None:  # its two rating lines are worth seeing whole
            model, view = window.timeline.model, window.timeline.view
            view.scrollTo(model.index(model.row_of(alliance.id)))
            top = view.visualRect(view.indexAt(QPoint(1, 1)))
            if top.top() < 0:  # no half row at the top: start at the next whole one
                bar = view.verticalScrollBar()
                bar.setValue(bar.value() + top.bottom() + 1)
        s.save(window, "main-window")
    with s.shot("search"):
        window.centre.setCurrentWidget(window.search)
        window.search.field.setText(SEARCH_WORDS)
        window.search.run_search()
        s.save(window, "search")
        window.centre.setCurrentWidget(window.timeline)
    with s.shot("reflect"):
        reflect = _tab(window.centre, "Reflect")
        if reflect is not None:
            window.centre.setCurrentWidget(reflect)
            s.settle()
            more = reflect.findChild(QWidget, "reflect_more")
            scroller = reflect.findChild(QScrollArea, "reflect_scroll")
            if more is not None and scroller is not None and more.isVisibleTo(reflect):
                bar = scroller.verticalScrollBar()  # show the grouped nudges down to "and N more"
                bar.setValue(bar.maximum())
            s.save(window, "reflect")
            window.centre.setCurrentWidget(window.timeline)
    with s.shot("trash"):
        from alliance_journal.app.timeline.trash_dialog import TrashDialog

        s.save(TrashDialog(session, window), "trash", (560, 420))
    with s.shot("history"):
        from alliance_journal.app.editor.history_dialog import EntryHistoryDialog

        with_history = next(e for e in all_entries(vault) if entry_history(vault, e.id))
        s.save(EntryHistoryDialog(session, with_history, window), "history", (760, 480))
    with s.shot("main-window-dark"):  # last: the window must take a theme change live
        apply_theme(s.app, "dark")
        try:
            s.save(window, "main-window-dark")
        finally:
            apply_theme(s.app, "light")


def _tab(tabs: QTabWidget, title: str) -> QWidget | None:
    for index in range(tabs.count()):
        if tabs.tabText(index).replace("&", "") == title:
            return tabs.widget(index)
    return None
