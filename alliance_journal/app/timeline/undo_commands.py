"""Undoable edits of the timeline: each command's redo/undo call one service each.

`QUndoStack.push` runs the first `redo`. A failing call reports through `on_error` and
marks the command obsolete, so the stack drops it instead of offering an undo that
cannot work (the entry may have been purged from the Trash meanwhile).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.domain.entries import Entry
from alliance_journal.errors import UserFacingError
from alliance_journal.services.entries import move_to_trash, restore_from_trash


class MoveToTrashCommand(QUndoCommand):
    """Delete = move to the Trash; undo = restore from it. `on_changed(entry)` updates views."""

    def __init__(self, session: VaultSession, entry_id: uuid.UUID, title: str,
                 on_changed: Callable[[Entry], None], on_error: Callable[[str], None]) -> None:
        super().__init__(f"Delete {title.lower()}")
        self._session, self._entry_id = session, entry_id
        self._on_changed, self._on_error = on_changed, on_error

    def redo(self) -> None:
        self._call(move_to_trash)

    def undo(self) -> None:
        self._call(restore_from_trash)

    def _call(self, service: Callable[..., Entry]) -> None:
        try:
            entry = service(self._session.require(), self._entry_id)
        except UserFacingError as exc:
            self.setObsolete(True)
            self._on_error(exc.message)
            return
        self._on_changed(entry)
