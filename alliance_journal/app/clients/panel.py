"""The left column: search, status filter, the client list and add / edit / archive."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.clients.archive_command import ArchiveClientCommand
from alliance_journal.app.clients.delegate import ClientDelegate
from alliance_journal.app.clients.dialog import ClientDialog
from alliance_journal.app.clients.first_client import FirstClientHint
from alliance_journal.app.clients.model import JOURNAL_LABEL, ClientListModel
from alliance_journal.app.commands.actions import Actions
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.widgets.confirm import Confirm, ask
from alliance_journal.domain.clients import Client, ClientStatus
from alliance_journal.domain.vocabulary import label
from alliance_journal.services.clients import list_clients
from alliance_journal.services.stats import vault_stats

ALL, ARCHIVED = "all", "archived"


class ClientsPanel(QWidget):
    """Tells the window which client (or None: My journal) is selected."""

    client_selected = Signal(object)  # uuid.UUID | None
    clients_changed = Signal()

    def __init__(self, session: VaultSession, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clients_panel")
        self._session = session
        self._actions = actions
        #: Where archiving is pushed so Ctrl+Z undoes it (the window's stack); None: direct.
        self.undo_stack: QUndoStack | None = None
        #: Asks a yes/no question; tests replace it to answer without a modal box.
        self.confirm: Confirm = ask
        self.search = QLineEdit(self)
        self.search.setObjectName("client_search")
        self.search.setPlaceholderText("Search clients")
        self.search.setAccessibleName("Search clients")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(self)
        self.status.setObjectName("client_status_filter")
        self.status.setAccessibleName("Show clients with status")
        for status in ClientStatus:
            self.status.addItem(label(status), status.value)
        self.status.addItem("All", ALL)
        self.status.addItem("Archived", ARCHIVED)
        self.status.setCurrentIndex(self.status.findData(ClientStatus.ACTIVE.value))

        self.model = ClientListModel(self)
        self.view = QListView(self)
        self.view.setObjectName("client_list")
        self.view.setAccessibleName("Clients")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ClientDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setUniformItemSizes(True)
        self.view.selectionModel().currentChanged.connect(self._current_changed)

        buttons = QHBoxLayout()
        for action in (actions.add_client, actions.edit_client, actions.archive_client):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 12, 4, 8)
        layout.setSpacing(8)
        layout.addWidget(self.search)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self.first_client = FirstClientHint(actions.add_client, self)
        self.first_client.hide()
        layout.addWidget(self.first_client)
        layout.addLayout(buttons)

        self.search.textChanged.connect(self._search_changed)
        self.status.currentIndexChanged.connect(lambda _i: self.reload())
        actions.add_client.triggered.connect(self.add_client)
        actions.edit_client.triggered.connect(self.edit_client)
        actions.archive_client.triggered.connect(self.toggle_archived)
        self._update_actions()

    # --- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the clients again (after a save, an import, a filter change), keeping the selection."""
        vault = self._session.vault
        if vault is None:
            return
        choice = self.status.currentData()
        if choice == ARCHIVED:
            summaries = [s for s in list_clients(vault, include_archived=True) if s.client.archived]
        elif choice == ALL:
            summaries = list_clients(vault)
        else:
            summaries = list_clients(vault, statuses={ClientStatus(choice)})
        stats = vault_stats(vault)
        with self._keeping_selection():
            self.model.set_clients(summaries, stats.journal_entries)
        self._show_first_client(stats.clients == 0)
        self._update_actions()

    def clear(self) -> None:
        """Forget every client (lock). The search text is cleared too: it may be a name."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.set_search("")
        self.model.clear()
        self._show_first_client(False)
        self._update_actions()

    def set_show_names(self, show: bool) -> None:
        with self._keeping_selection():
            self.model.set_show_names(show)

    # --- selection -------------------------------------------------------------------------
    def has_selection(self) -> bool:
        return self.view.currentIndex().isValid()

    def current_client(self) -> Client | None:
        index = self.view.currentIndex()
        return self.model.client_at(index.row()) if index.isValid() else None

    def current_client_id(self) -> uuid.UUID | None:
        client = self.current_client()
        return client.id if client else None

    def current_label(self) -> str:
        client = self.current_client()
        return client.label(show_name=self.model.show_names) if client else JOURNAL_LABEL

    def select(self, client_id: uuid.UUID | None, *, widen: bool = True) -> bool:
        """Select a client (None: My journal); `widen` clears filters that hide it."""
        row = self.model.row_of(client_id)
        if row < 0 and widen:
            self.search.clear()
            self.status.blockSignals(True)
            self.status.setCurrentIndex(self.status.findData(ALL))
            self.status.blockSignals(False)
            self.reload()
            row = self.model.row_of(client_id)
            if row < 0:
                self.status.setCurrentIndex(self.status.findData(ARCHIVED))
                row = self.model.row_of(client_id)
        if row < 0:
            return False
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return True

    # --- commands --------------------------------------------------------------------------
    def add_client(self) -> ClientDialog:
        return self._open_dialog(None)

    def edit_client(self) -> ClientDialog | None:
        client = self.current_client()
        return self._open_dialog(client) if client else None

    def toggle_archived(self) -> bool:
        """Archive (after a yes) or unarchive the selected client; Ctrl+Z reverses either."""
        client = self.current_client()
        if client is None or not self._session.is_unlocked:
            return False
        archive = not client.archived
        if archive and not self.confirm(
                self, "Archive client",
                f"Archive {client.code}? The client is hidden from the list; nothing is deleted. "
                "Edit ▸ Undo, or Clients ▸ Unarchive under Archived, brings the client back."):
            return False
        command = ArchiveClientCommand(self._session, client.id, client.code, archive,
                                       self._archived_changed, self._archive_failed)
        if self.undo_stack is not None:
            self.undo_stack.push(command)
        else:
            command.redo()
        return True

    def _show_first_client(self, show: bool) -> None:
        """No client yet: the hint sits right under My journal, where the eye already is."""
        self.first_client.setVisible(show)
        rows = max(1, self.model.rowCount())
        self.view.setMaximumHeight(self.view.sizeHintForRow(0) * rows + 2 * self.view.frameWidth()
                                   if show else 16_777_215)
        self._layout.setStretchFactor(self.view, 0 if show else 1)
        self._layout.setStretchFactor(self.first_client, 1 if show else 0)

    def _archived_changed(self, client_id: uuid.UUID, archived: bool) -> None:
        self.reload()
        if not archived:
            self.select(client_id)  # back from the archive (an undo): show it again
        self.clients_changed.emit()

    def _archive_failed(self, message: str) -> None:
        QMessageBox.warning(self, "Archive client", message[:1].upper() + message[1:])

    # --- internals -------------------------------------------------------------------------
    @contextmanager
    def _keeping_selection(self) -> Iterator[None]:
        """Around a model reset: select the same row again, or the first one if it is gone."""
        had_selection = self.has_selection()
        keep = self.current_client_id()
        yield
        if had_selection and not self.select(keep, widen=False) and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))

    def _open_dialog(self, client: Client | None) -> ClientDialog:
        dialog = ClientDialog(self._session, client, self)
        dialog.accepted.connect(lambda: self._dialog_saved(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _dialog_saved(self, dialog: ClientDialog) -> None:
        saved = dialog.saved
        self.reload()
        if saved is not None:
            self.select(saved.id)
        self.clients_changed.emit()

    def _search_changed(self, text: str) -> None:
        """Filter as the user types; keep the client on screen if it still matches."""
        with self._keeping_selection():
            self.model.set_search(text)
        if not self.has_selection() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        if current.isValid():
            client = self.model.client_at(current.row())
            self.client_selected.emit(client.id if client else None)

    def _update_actions(self) -> None:
        client = self.current_client()
        unlocked = self._session.is_unlocked
        self._actions.add_client.setEnabled(unlocked)
        self._actions.edit_client.setEnabled(unlocked and client is not None)
        self._actions.archive_client.setEnabled(unlocked and client is not None)
        self._actions.archive_client.setText("&Unarchive client" if client and client.archived
                                             else "A&rchive client")
