"""The right column: one entry, edited in place and saved as the user types.

Autosave: every edit arms a `Throttle`; ~1.5 s after the last keystroke (at most
10 s into an unbroken burst) the entry is saved through `services.entries.save_entry`.
`flush()` saves at once and is called before switching entry, on lock and on quit;
Ctrl+S calls it too. A new entry is stored on its first edit, so opening a kind and
changing one's mind leaves nothing behind. If a save fails (a full disk), the text
stays in the editor, the indicator says so, and the next edit or flush tries again.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from alliance_journal.app.commands.actions import Actions
from alliance_journal.app.editor.amendments import AmendmentsView
from alliance_journal.app.editor.editor_layout import EditorLayout
from alliance_journal.app.runtime.throttle import Throttle
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.widgets.formatting import from_qdatetime, time_text
from alliance_journal.domain.entries import Entry, EntryKind, KindFields, default_fields
from alliance_journal.errors import UserFacingError
from alliance_journal.services import entries as entry_service
from alliance_journal.services.prompts import placeholder_for

AUTOSAVE_DELAY_MS = 1500
AUTOSAVE_MAX_WAIT_MS = 10_000
EMPTY_TEXT = "Select an entry, or press Ctrl+N to write a new one."


def parse_tags(text: str) -> list[str]:
    """`grief, #supervision` -> ["grief", "supervision"] (lower case, no duplicates)."""
    tags = (t.strip().lstrip("#").strip().lower() for t in text.split(","))
    return list(dict.fromkeys(t for t in tags if t))


def validation_message(exc: ValidationError) -> str:
    """Name the field that is wrong, never the text in it."""
    loc = [str(p) for p in exc.errors()[0]["loc"] if not isinstance(p, int)]
    field = loc[-1] if loc else "entry"
    if field == "tags":
        return "a tag is too long or has a comma, # or line break"
    return f"{field.replace('_', ' ')} is not valid"


class EntryEditor(QWidget):
    saved = Signal(object)          # Entry, as stored
    entry_loaded = Signal(object)   # Entry | None: what the editor now shows

    def __init__(self, session: VaultSession, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entry_editor")
        self._session = session
        self._entry: Entry | None = None
        self._dirty = False
        self._new = False
        #: The question offered in an empty body, per kind and day (read once: it stays put).
        self._prompts: dict[tuple[EntryKind, date], str | None] = {}
        self.autosave = Throttle(self._autosave, AUTOSAVE_DELAY_MS,
                                 max_wait_ms=AUTOSAVE_MAX_WAIT_MS, parent=self)
        self.ui = EditorLayout(actions, self)
        self.ui.form_changed.connect(self._edited)
        self.ui.body.changed.connect(self._edited)
        self.ui.when.dateTimeChanged.connect(self._edited)
        self.ui.tags.textEdited.connect(self._edited)
        self.ui.amendments.amend_requested.connect(self.add_amendment)
        self.empty = QLabel(EMPTY_TEXT, self)
        self.empty.setObjectName("editor_placeholder")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.ui)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # --- state -----------------------------------------------------------------------------
    @property
    def entry(self) -> Entry | None:
        """The entry as last loaded or saved (edits not yet saved are not in it)."""
        return self._entry

    @property
    def entry_id(self) -> uuid.UUID | None:
        return self._entry.id if self._entry else None

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def is_new(self) -> bool:
        """True for an entry not stored yet (it is stored on its first edit)."""
        return self._new

    @property
    def amendments(self) -> AmendmentsView:
        return self.ui.amendments

    # --- loading ---------------------------------------------------------------------------
    def load(self, entry: Entry | None, *, new: bool = False) -> bool:
        """Show `entry` after saving the current one; False (and nothing changes) if that save failed."""
        if not self.flush():
            return False
        self._entry, self._dirty, self._new = entry, False, new and entry is not None
        if entry is None:
            self.ui.clear_form()
            self.stack.setCurrentWidget(self.empty)
        else:
            self.ui.show_entry(entry)
            self.ui.body.set_prompt(None if entry.is_finalised else self.prompt_for(entry.kind))
            self.ui.status.setText("New: saved as you type" if new else self._saved_text(entry))
            self.stack.setCurrentWidget(self.ui)
        self.entry_loaded.emit(entry)
        return True

    def start_new(self, kind: EntryKind, client_id: uuid.UUID | None, *,
                  fields: KindFields | None = None, body: str = "") -> bool:
        """Open a new entry (stored on its first edit); `fields`/`body` may prefill it."""
        entry = Entry(kind=kind, client_id=client_id, fields=fields or default_fields(kind), body=body)
        if not self.load(entry, new=True):
            return False
        self.ui.focus_first_field()
        return True

    def prompt_for(self, kind: EntryKind) -> str | None:
        """A question suited to `kind` for an empty body (services.prompts), or None."""
        vault = self._session.vault
        key = (kind, date.today())
        if vault is None:
            return None
        if key not in self._prompts:
            try:
                self._prompts[key] = placeholder_for(vault, kind, key[1])
            except UserFacingError:
                self._prompts[key] = None  # a damaged prompt file: the plain hint will do
        return self._prompts[key]

    def clear(self) -> None:
        """Forget the entry and every widget's text and undo history, without saving (lock)."""
        self._prompts.clear()  # the user's own prompts are vault-private too
        self.autosave.cancel()
        self._entry, self._dirty, self._new = None, False, False
        self.ui.clear_form()
        self.stack.setCurrentWidget(self.empty)
        self.entry_loaded.emit(None)

    # --- saving ----------------------------------------------------------------------------
    def flush(self) -> bool:
        """Save pending edits now; True when nothing is left unsaved."""
        self.autosave.cancel()
        return self._save() if self._dirty else True

    def collect(self) -> Entry:
        """The entry as the widgets show it (raises ValidationError when a field is invalid)."""
        assert self._entry is not None
        data: dict[str, Any] = self._entry.model_dump()
        data["fields"] = {**data["fields"], **self.ui.form_values()}
        data["body"] = self.ui.body.text()
        data["tags"] = parse_tags(self.ui.tags.text())
        when = from_qdatetime(self.ui.when.dateTime())
        if abs(when - self._entry.occurred_at) >= timedelta(seconds=1):  # the widget drops microseconds
            data["occurred_at"] = when
        return Entry.model_validate(data)

    def _edited(self, *_args: object) -> None:
        if self._entry is None or self._entry.is_finalised:
            return
        self._dirty = True
        self.autosave()

    def _autosave(self) -> None:
        if self._dirty:
            self._save()

    def _save(self) -> bool:
        if self._entry is None:
            self._dirty = False
            return True
        try:
            stored = entry_service.save_entry(self._session.require(), self.collect())
        except ValidationError as exc:
            self.ui.status.setText(f"Not saved: {validation_message(exc)}")
            return False
        except UserFacingError as exc:
            self.ui.status.setText(f"Not saved: {exc.message}")
            return False
        self._entry, self._dirty, self._new = stored, False, False
        self.ui.status.setText(self._saved_text(stored))
        self.saved.emit(stored)
        return True

    @staticmethod
    def _saved_text(entry: Entry) -> str:
        return f"Saved {time_text(entry.updated_at)}"

    # --- finalising and amendments -------------------------------------------------------
    def finalise(self) -> Entry | None:
        """Sign the entry (the caller has asked for confirmation)."""
        if self._entry is None or not self.flush():
            return None
        stored = entry_service.finalise_entry(self._session.require(), self._entry.id)
        self._show_stored(stored)
        return stored

    def add_amendment(self, text: str) -> None:
        if self._entry is None:
            return
        try:
            stored = entry_service.add_amendment(self._session.require(), self._entry.id, text)
        except UserFacingError as exc:
            self.ui.status.setText(f"Not added: {exc.message}")
            return
        self.ui.amendments.amendment_added()
        self._show_stored(stored)

    def show_restored(self, entry: Entry) -> None:
        """An older version was made current through the services: show it as saved."""
        self.autosave.cancel()
        self._dirty = False
        self._show_stored(entry)

    def _show_stored(self, stored: Entry) -> None:
        self._entry = None  # nothing to flush: `stored` is what the vault holds
        self.load(stored)
        self.saved.emit(stored)
