"""Archiving a client as an undoable step: Ctrl+Z brings the client back into the list.

Archiving hides a client (nothing is deleted), but a client vanishing from the list
at one click is alarming; the panel asks first, and the undo stack can reverse it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.errors import UserFacingError
from alliance_journal.services.clients import set_archived


class ArchiveClientCommand(QUndoCommand):
    """redo: set `archived`; undo: the opposite. `on_changed(client id, archived)` reloads the list."""

    def __init__(self, session: VaultSession, client_id: uuid.UUID, code: str, archived: bool,
                 on_changed: Callable[[uuid.UUID, bool], None], on_error: Callable[[str], None]) -> None:
        super().__init__(f"{'Archive' if archived else 'Unarchive'} client {code}")
        self._session, self._client_id, self._archived = session, client_id, archived
        self._on_changed, self._on_error = on_changed, on_error

    def redo(self) -> None:
        self._set(self._archived)

    def undo(self) -> None:
        self._set(not self._archived)

    def _set(self, archived: bool) -> None:
        try:
            set_archived(self._session.require(), self._client_id, archived)
        except UserFacingError as exc:
            self.setObsolete(True)
            self._on_error(exc.message)
            return
        self._on_changed(self._client_id, archived)
