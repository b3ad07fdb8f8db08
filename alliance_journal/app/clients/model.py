"""The client list: "My journal" on top, then clients by code, filtered as the user types.

A thin adapter over `services.clients.ClientSummary` rows. Names appear only when the
user turned them on (`show_client_names`); the search matches a name only then too,
so typing never reveals who is behind a code on a screen where names are hidden.
"""

from __future__ import annotations

import uuid
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from alliance_journal.app.widgets.formatting import date_text
from alliance_journal.domain.clients import Client
from alliance_journal.services.clients import ClientSummary

Index = QModelIndex | QPersistentModelIndex
JOURNAL_LABEL = "My journal"


class ClientRole(IntEnum):
    CLIENT_ID = Qt.ItemDataRole.UserRole + 1  # str; "" for My journal
    IS_JOURNAL = Qt.ItemDataRole.UserRole + 2
    SECONDARY = Qt.ItemDataRole.UserRole + 3  # "12 entries · last session 3 Mar 2025"
    ENTRY_COUNT = Qt.ItemDataRole.UserRole + 4
    LAST_SESSION = Qt.ItemDataRole.UserRole + 5  # date text or ""
    STATUS = Qt.ItemDataRole.UserRole + 6
    NUDGES = Qt.ItemDataRole.UserRole + 7  # int: open nudges (things to reflect on), 0 if none


def _count_text(count: int) -> str:
    return f"{count} {'entry' if count == 1 else 'entries'}"


def _nudge_text(count: int) -> str:
    return f"{count} {'thing' if count == 1 else 'things'} to reflect on" if count else ""


class ClientListModel(QAbstractListModel):
    """Row 0 is My journal (hidden while a search does not match it), then clients."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[ClientSummary] = []
        self._shown: list[ClientSummary] = []
        self._journal_count = 0
        self._journal_shown = False
        self._loaded = False
        self._show_names = False
        self._search = ""
        self._nudges: dict[uuid.UUID | None, int] = {}

    def set_nudge_counts(self, counts: dict[uuid.UUID | None, int]) -> None:
        """Open nudges per client (None: My journal), for the badges; rows stay as they are."""
        if counts == self._nudges:
            return
        self._nudges = dict(counts)
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1),
                                  [ClientRole.NUDGES, Qt.ItemDataRole.AccessibleTextRole,
                                   Qt.ItemDataRole.ToolTipRole])

    def nudge_count(self, client_id: uuid.UUID | None) -> int:
        return self._nudges.get(client_id, 0)

    def set_clients(self, summaries: list[ClientSummary], journal_count: int) -> None:
        self.beginResetModel()
        self._all, self._journal_count = list(summaries), journal_count
        self._loaded = True
        self._refilter()
        self.endResetModel()

    def clear(self) -> None:
        """No rows at all, not even My journal (the vault is locked)."""
        self.beginResetModel()
        self._all, self._journal_count, self._loaded = [], 0, False
        self._nudges = {}
        self._refilter()
        self.endResetModel()

    def set_show_names(self, show: bool) -> None:
        if show == self._show_names:
            return
        self.beginResetModel()
        self._show_names = show
        self._refilter()
        self.endResetModel()

    @property
    def show_names(self) -> bool:
        return self._show_names

    def set_search(self, text: str) -> None:
        self.beginResetModel()
        self._search = text.strip().casefold()
        self._refilter()
        self.endResetModel()

    def client_at(self, row: int) -> Client | None:
        """The client of a row; None for My journal or a row that does not exist."""
        offset = row - self._offset
        return self._shown[offset].client if 0 <= offset < len(self._shown) else None

    def is_journal_row(self, row: int) -> bool:
        return self._journal_shown and row == 0

    def row_of(self, client_id: uuid.UUID | None) -> int:
        if client_id is None:
            return 0 if self._journal_shown else -1
        for i, summary in enumerate(self._shown):
            if summary.client.id == client_id:
                return i + self._offset
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._offset + len(self._shown)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if self.is_journal_row(index.row()):
            return self._journal_data(role)
        summary = self._shown[index.row() - self._offset]
        client = summary.client
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return client.label(show_name=self._show_names)
            case Qt.ItemDataRole.AccessibleTextRole | Qt.ItemDataRole.ToolTipRole:
                parts = [client.label(show_name=self._show_names), self._secondary(summary),
                         _nudge_text(self.nudge_count(client.id))]
                return ", ".join(p for p in parts if p)
            case ClientRole.NUDGES:
                return self.nudge_count(client.id)
            case ClientRole.CLIENT_ID:
                return str(client.id)
            case ClientRole.IS_JOURNAL:
                return False
            case ClientRole.SECONDARY:
                return self._secondary(summary)
            case ClientRole.ENTRY_COUNT:
                return summary.entry_count
            case ClientRole.LAST_SESSION:
                return date_text(summary.last_session) if summary.last_session else ""
            case ClientRole.STATUS:
                return client.status.value
        return None

    # --- internals -----------------------------------------------------------------------
    @property
    def _offset(self) -> int:
        return 1 if self._journal_shown else 0

    def _journal_data(self, role: int) -> Any:
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return JOURNAL_LABEL
            case Qt.ItemDataRole.AccessibleTextRole | Qt.ItemDataRole.ToolTipRole:
                text = f"{JOURNAL_LABEL}: entries about no client, {_count_text(self._journal_count)}"
                nudges = _nudge_text(self.nudge_count(None))
                return f"{text}, {nudges}" if nudges else text
            case ClientRole.NUDGES:
                return self.nudge_count(None)
            case ClientRole.CLIENT_ID | ClientRole.LAST_SESSION | ClientRole.STATUS:
                return ""
            case ClientRole.IS_JOURNAL:
                return True
            case ClientRole.SECONDARY:
                return _count_text(self._journal_count)
            case ClientRole.ENTRY_COUNT:
                return self._journal_count
        return None

    @staticmethod
    def _secondary(summary: ClientSummary) -> str:
        parts = [_count_text(summary.entry_count)]
        if summary.last_session is not None:
            parts.append(f"last session {date_text(summary.last_session)}")
        if summary.client.archived:
            parts.append("archived")
        return " · ".join(parts)

    def _matches(self, summary: ClientSummary) -> bool:
        if not self._search:
            return True
        client = summary.client
        haystack = client.code.casefold()
        if self._show_names and client.name:
            haystack += " " + client.name.casefold()
        return self._search in haystack

    def _refilter(self) -> None:
        self._shown = [s for s in self._all if self._matches(s)]
        self._journal_shown = self._loaded and (
            not self._search or self._search in JOURNAL_LABEL.casefold())
