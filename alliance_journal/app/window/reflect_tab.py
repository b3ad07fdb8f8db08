"""What the Reflect panel's buttons do, and when the panel and the client badges refresh.

Answer (on the prompt of the day or on a nudge) creates the linked reflection through
the services at once: its body quotes the question (and what was noticed), so the
entry reads right even after the nudge is gone. The entry then opens in the editor,
selected in its timeline, with the cursor under the quote, ready for writing.

Nudges are computed again (off the GUI thread, `NudgeFeed`) after unlocking, an
import or a restore, a client edit, and any save that changes what the rules read
(kind, client, time, fields: never the body, so typing a note costs nothing). On lock
the panel and the badges forget everything.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QTextCursor

from alliance_journal.app.reflect.feed import NudgeFeed, ReflectSnapshot
from alliance_journal.app.reflect.panel import ReflectPanel
from alliance_journal.app.widgets.formatting import date_text, short_date_text
from alliance_journal.app.widgets.kind_style import KIND_SHORT
from alliance_journal.app.window.parts import WindowParts
from alliance_journal.domain.entries import Entry, EntryKind
from alliance_journal.domain.nudges import Nudge
from alliance_journal.domain.prompts import Prompt, PromptAbout
from alliance_journal.errors import UserFacingError
from alliance_journal.services import nudges as nudge_service
from alliance_journal.services import prompts as prompt_service
from alliance_journal.services.entries import get_entry

TAB_TITLE = "Reflect"
SNOOZE_DAYS = 7
MESSAGE_MS = 6000


def rule_signature(entry: Entry) -> tuple[object, ...]:
    """What the nudge rules read of an entry: when this is unchanged, nudges are too."""
    return (entry.kind, entry.client_id, entry.occurred_at, entry.fields.model_dump_json(),
            entry.in_trash)


class ReflectController(QObject):
    def __init__(self, window: WindowParts) -> None:
        super().__init__(window.widget())
        self._w = window
        self.feed = NudgeFeed(window.session, self)
        self.panel = ReflectPanel()
        self.panel.describe = self.describe
        self.tab = window.add_side_panel(self.panel, TAB_TITLE)
        shortcut = window.commands.reflect.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        window.centre.setTabToolTip(self.tab, f"{TAB_TITLE} ({shortcut})")
        self._client: uuid.UUID | None = None
        self._behind = False  # the cards are not yet those of the client on screen
        self._signatures: dict[uuid.UUID, tuple[object, ...]] = {}
        self._connect()

    def _connect(self) -> None:
        w, feed, panel = self._w, self.feed, self.panel
        w.session.unlocked.connect(feed.refresh_soon)  # the first timeline paints first
        w.session.locked.connect(self._locked)
        w.client_changed.connect(self._client_changed)
        w.editor.entry_loaded.connect(self._remember)
        w.editor.saved.connect(self._saved)
        w.entry_ops.counts_changed.connect(feed.refresh_soon)
        w.entry_ops.trash_changed.connect(feed.refresh_soon)
        w.clients.clients_changed.connect(feed.refresh_soon)
        w.file_ops.vault_changed.connect(feed.refresh)
        w.file_ops.restored.connect(lambda _folder: feed.refresh())
        w.centre.currentChanged.connect(self._tab_changed)
        feed.updated.connect(self._updated)
        feed.failed.connect(panel.show_problem)
        panel.answer_prompt.connect(self.answer_prompt)
        panel.answer_nudge.connect(self.answer_nudge)
        panel.snooze_nudge.connect(self.snooze)
        panel.dismiss_nudge.connect(self.dismiss)
        panel.open_entry.connect(self.open_evidence)
        w.commands.reflect.triggered.connect(self.show_and_focus)

    # --- showing ---------------------------------------------------------------------------
    def show(self) -> None:
        """Bring the Reflect tab forward (it refreshes itself when stale)."""
        self._w.centre.setCurrentWidget(self.panel)

    def show_and_focus(self) -> None:
        """Ctrl+R: bring the Reflect tab forward, with the keyboard in it."""
        self.show()
        self.panel.take_focus()

    def _client_changed(self, client_id: uuid.UUID | None) -> None:
        self._client = client_id
        self._show_when_visible()
        if not self.feed.is_fresh() and not self.feed.busy:  # a running one will do
            # Soon, not now: a worker started now would share the interpreter lock with
            # the timeline being opened for this very switch.
            self.feed.refresh_soon()

    def _tab_changed(self, index: int) -> None:
        if index != self.tab or not self._w.session.is_unlocked:
            return
        if self._behind:
            self._show_when_visible()
        if not self.feed.is_fresh():
            self.feed.refresh()

    def _updated(self, snapshot: ReflectSnapshot) -> None:
        self._w.clients.model.set_nudge_counts(snapshot.counts())
        if self._w.timeline.has_scope:
            self._show_when_visible()

    def _show_when_visible(self) -> None:
        """Rebuild the cards only while the tab is on screen, else when it comes forward.

        Building them costs ~20 ms, which a client switch would pay for a hidden tab.
        """
        self._behind = self._w.centre.currentWidget() is not self.panel
        if self._behind:
            return
        snapshot = self.feed.snapshot
        if snapshot is not None:
            self._show(snapshot)
        else:
            self.panel.show_reading(self._w.clients.current_label())

    def relabel(self) -> None:
        """The client's label changed (names shown or hidden): say it the new way."""
        if self._w.session.is_unlocked and self._w.timeline.has_scope:
            self._show_when_visible()

    def _show(self, snapshot: ReflectSnapshot) -> None:
        label = self._w.clients.current_label()
        target = self._prompt_target(snapshot.prompt)
        where = ("Your answer goes into My journal" if target is None
                 else f"Your answer goes into {label}’s timeline")
        self.panel.show_snapshot(snapshot, self._client, label, where)

    def _locked(self) -> None:
        self.feed.stop()
        self.panel.clear()
        self._signatures.clear()

    def describe(self, entry_ids: Sequence[uuid.UUID]) -> list[tuple[uuid.UUID, str]]:
        """Evidence links: `Alliance 6 Nov`, from the timeline on screen or else the vault."""
        shown = self._w.timeline.model  # a lookup, not a dictionary of the whole timeline per card
        vault = self._w.session.vault
        described = []
        for entry_id in entry_ids:
            entry = shown.entry_by_id(entry_id)
            if entry is None and vault is not None:
                try:
                    entry = get_entry(vault, entry_id)
                except UserFacingError:
                    continue
            if entry is not None:
                described.append((entry_id, f"{KIND_SHORT[entry.kind]} {short_date_text(entry.occurred_at)}"))
        return described

    # --- when to compute again -------------------------------------------------------------
    def _remember(self, entry: Entry | None) -> None:
        if entry is not None:
            self._signatures[entry.id] = rule_signature(entry)

    def _saved(self, entry: Entry) -> None:
        signature = rule_signature(entry)
        if self._signatures.get(entry.id) != signature:
            self._signatures[entry.id] = signature
            self.feed.refresh_soon()

    # --- the buttons -----------------------------------------------------------------------
    def answer_prompt(self, prompt: Prompt) -> Entry | None:
        """Start a reflection on the prompt of the day, in the timeline it belongs to."""
        vault = self._w.session.vault
        if vault is None or not self._ready():
            return None
        try:
            entry = prompt_service.answer_prompt(vault, prompt.id, body="",
                                                 client_id=self._prompt_target(prompt))
        except UserFacingError as exc:
            self._message(exc.message)
            return None
        self.open_reflection(entry)
        return entry

    def answer_nudge(self, nudge: Nudge) -> Entry | None:
        """Start a reflection on a nudge (quoting what was noticed); the nudge is answered."""
        vault = self._w.session.vault
        if vault is None or not self._ready():
            return None
        try:
            entry = nudge_service.answer_nudge(vault, nudge, body="")
        except UserFacingError as exc:
            self._message(exc.message)
            return None
        self._set_aside(nudge)
        self.open_reflection(entry)
        return entry

    def snooze(self, nudge: Nudge) -> None:
        vault = self._w.session.vault
        if vault is None:
            return
        try:
            until = nudge_service.snooze_nudge(vault, nudge.id, days=SNOOZE_DAYS)
        except UserFacingError as exc:
            self._message(exc.message)
            return
        self._set_aside(nudge)
        self._message(f"Snoozed until {date_text(until)}")

    def dismiss(self, nudge: Nudge) -> None:
        vault = self._w.session.vault
        if vault is None:
            return
        try:
            nudge_service.dismiss_nudge(vault, nudge.id)
        except UserFacingError as exc:
            self._message(exc.message)
            return
        self._set_aside(nudge)
        self._message("Dismissed: it comes back only if something new is recorded")

    def open_evidence(self, entry_id: uuid.UUID) -> None:
        """A link on a card: show that entry in its timeline."""
        vault = self._w.session.vault
        if vault is None:
            return
        try:
            entry = get_entry(vault, entry_id)
        except UserFacingError as exc:
            self._message(exc.message)
            return
        if not self._w.jump_to(entry.client_id, entry.id):
            self._message("That entry is no longer in the timeline")

    def open_reflection(self, entry: Entry) -> None:
        """Show a just-created reflection: its timeline, selected, in the editor, cursor at the end."""
        w = self._w
        w.centre.setCurrentWidget(w.timeline)
        if not w.clients.select(entry.client_id):
            return
        w.show_client(entry.client_id)
        w.timeline.ensure_kind_shown(EntryKind.REFLECTION)
        if w.timeline.model.row_of(entry.id) < 0:
            w.timeline.upsert(entry)
        if not w.timeline.select_entry(entry.id):
            w.timeline.filters.reset()
            w.timeline.select_entry(entry.id)
        w.entry_ops.counts_changed.emit()
        if w.editor.entry_id == entry.id:
            source = w.editor.ui.body.source
            source.setFocus(Qt.FocusReason.OtherFocusReason)
            source.moveCursor(QTextCursor.MoveOperation.End)

    # --- internals -------------------------------------------------------------------------
    def _prompt_target(self, prompt: Prompt | None) -> uuid.UUID | None:
        """A prompt about the work goes to the client on screen; one about me, to My journal."""
        if prompt is None or prompt.about is PromptAbout.THERAPIST:
            return None
        return self._client

    def _ready(self) -> bool:
        """The entry in the editor is saved (a reflection is about to replace it there)."""
        if self._w.editor.flush():
            return True
        self._message("The open entry could not be saved; see the editor")
        return False

    def _set_aside(self, nudge: Nudge) -> None:
        snapshot = self.feed.snapshot
        if snapshot is not None:
            self.feed.replace(snapshot.without(nudge.id))
        self.feed.refresh_soon()

    def _message(self, text: str) -> None:
        self._w.status.showMessage(text[:1].upper() + text[1:], MESSAGE_MS)


def install_reflect(window: WindowParts) -> ReflectController:
    """Add the Reflect tab beside the timeline and wire it to the window."""
    return ReflectController(window)
