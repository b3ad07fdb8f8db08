"""The Trash: entries moved there, newest first; restore them, or purge them for good."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.widgets.confirm import Confirm, ask
from alliance_journal.app.widgets.dialog_buttons import settle_main_button
from alliance_journal.app.widgets.formatting import date_text
from alliance_journal.app.widgets.kind_style import kind_icon
from alliance_journal.domain.entries import KIND_TITLES, Entry
from alliance_journal.errors import UserFacingError
from alliance_journal.services.clients import all_clients
from alliance_journal.services.entries import purge, restore_from_trash, trash
from alliance_journal.services.unlock import OpenVault

JOURNAL_LABEL = "My journal"


class TrashDialog(QDialog):
    """`changed` fires after every restore or purge, so the window can reload."""

    changed = Signal()

    def __init__(self, session: VaultSession, parent: QWidget | None = None,
                 *, confirm: Confirm = ask) -> None:
        super().__init__(parent)
        self.setObjectName("trash_dialog")
        self.setWindowTitle("Trash")
        self._session = session
        self.confirm = confirm
        self.listing = QListWidget(self)
        self.listing.setObjectName("trash_list")
        self.listing.setAccessibleName("Entries in the Trash")
        self.listing.setSpacing(4)  # two-line rows need room to breathe
        self.listing.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.empty = QLabel("The Trash is empty.", self)
        self.empty.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = self._button(buttons, "restore_from_trash", "&Restore", self.restore_selected)
        self.purge_button = self._button(buttons, "purge", "&Delete for good…", self.purge_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.listing, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.listing.itemSelectionChanged.connect(self._update_buttons)
        self.resize(560, 420)
        settle_main_button(self, buttons.button(QDialogButtonBox.StandardButton.Close))
        self.reload()

    def reload(self) -> None:
        vault = self._session.require()
        codes = {c.id: c.code for c in all_clients(vault)}
        self.listing.clear()
        for entry in trash(vault):
            self.listing.addItem(self._item(entry, codes))
        self.empty.setVisible(self.listing.count() == 0)
        self._update_buttons()

    def selected_ids(self) -> list[uuid.UUID]:
        return [uuid.UUID(str(item.data(Qt.ItemDataRole.UserRole)))
                for item in self.listing.selectedItems()]

    def restore_selected(self) -> None:
        self._apply(restore_from_trash, self.selected_ids())

    def purge_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        noun = "this entry" if len(ids) == 1 else f"these {len(ids)} entries"
        if self.confirm(self, "Delete for good?",
                        f"Delete {noun} for good, with its history? This cannot be undone."):
            self._apply(purge, ids)

    def done(self, result: int) -> None:
        self.listing.clear()  # drop decrypted first lines as the dialog closes
        super().done(result)

    # --- internals -------------------------------------------------------------------------
    def _apply(self, service: Callable[[OpenVault, uuid.UUID], object], ids: list[uuid.UUID]) -> None:
        try:
            for entry_id in ids:
                service(self._session.require(), entry_id)
        except UserFacingError as exc:
            QMessageBox.warning(self, "Trash", exc.message)
        self.reload()
        self.changed.emit()

    @staticmethod
    def _item(entry: Entry, codes: dict[uuid.UUID, str]) -> QListWidgetItem:
        owner = codes.get(entry.client_id, "?") if entry.client_id else JOURNAL_LABEL
        text = f"{KIND_TITLES[entry.kind]} · {date_text(entry.occurred_at)} · {owner}"
        if entry.first_line():
            text += f"\n{entry.first_line(80)}"
        item = QListWidgetItem(kind_icon(entry.kind), text)
        item.setData(Qt.ItemDataRole.UserRole, str(entry.id))
        return item

    def _button(self, box: QDialogButtonBox, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _update_buttons(self) -> None:
        has = bool(self.listing.selectedItems())
        self.restore_button.setEnabled(has)
        self.purge_button.setEnabled(has)
