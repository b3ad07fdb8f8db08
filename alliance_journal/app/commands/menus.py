"""The menu bar and the "new entry" kind menu, laid out from `Actions`."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from alliance_journal.app.commands.actions import Actions


def kind_menu(actions: Actions, parent: QWidget) -> QMenu:
    """The eight kinds (Ctrl+1 … Ctrl+8): File ▸ New entry, the timeline's New entry
    button, and Ctrl+N (`Actions.new_entry`, which pops this same menu up) all show it."""
    menu = QMenu("&New entry", parent)
    menu.setObjectName("menu_new_entry")
    menu.addActions(list(actions.new_kind.values()))
    tip = "Choose the kind of a new entry for the selected client (Ctrl+N shows these anywhere)"
    menu.menuAction().setToolTip(tip)
    menu.menuAction().setStatusTip(tip)
    parent.addAction(actions.new_entry)  # Ctrl+N works without a menu item of its own
    return menu


def recent_menu(parent: QWidget) -> QMenu:
    """File ▸ Open recent: filled with journal folders each time it opens."""
    menu = QMenu("Open re&cent", parent)
    menu.setObjectName("menu_recent_journals")
    return menu


def build_menu_bar(bar: QMenuBar, actions: Actions, new_kinds: QMenu, recent: QMenu) -> None:
    file_menu = bar.addMenu("&File")
    file_menu.setObjectName("menu_file")
    file_menu.addActions([actions.new_journal, actions.open_journal])
    file_menu.addMenu(recent)
    file_menu.addAction(actions.default_journal)
    file_menu.addSeparator()
    file_menu.addMenu(new_kinds)  # the one way in the menus: the kinds (Ctrl+N pops it up)
    file_menu.addAction(actions.save)
    file_menu.addSeparator()
    file_menu.addActions([actions.backup_now, actions.verify_backup, actions.restore, actions.salvage])
    file_menu.addSeparator()
    file_menu.addActions([actions.export_json, actions.import_notes, actions.import_folder])
    file_menu.addSeparator()
    file_menu.addAction(actions.settings)
    file_menu.addSeparator()
    file_menu.addActions([actions.lock, actions.quit])

    edit_menu = bar.addMenu("&Edit")
    edit_menu.setObjectName("menu_edit")
    edit_menu.addActions([actions.undo, actions.redo])
    edit_menu.addSeparator()
    edit_menu.addAction(actions.find)
    edit_menu.addSeparator()
    edit_menu.addActions([actions.delete, actions.finalise, actions.history])
    edit_menu.addSeparator()
    edit_menu.addAction(actions.trash)

    clients_menu = bar.addMenu("&Clients")
    clients_menu.setObjectName("menu_clients")
    clients_menu.addActions([actions.add_client, actions.edit_client, actions.archive_client])

    view_menu = bar.addMenu("&View")
    view_menu.setObjectName("menu_view")
    view_menu.addActions(list(actions.kind_filters.values()))
    view_menu.addAction(actions.show_all_kinds)
    view_menu.addSeparator()
    view_menu.addAction(actions.reflect)
    view_menu.addSeparator()
    view_menu.addAction(actions.hide_names)
    view_menu.addAction(actions.preview)
