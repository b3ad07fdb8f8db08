"""The Reflect tab: today's prompt, then what the record of the client on screen suggests.

Only shows: the controller (`controller.py`) decides what a button does and when to
show what. `show_snapshot` rebuilds the nudge cards only when the nudges changed, so a
refresh after each autosave neither flickers nor takes the keyboard focus away.
`clear()` (on lock) drops every card and every line of text.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.reflect.cards import LinkLabel, NudgeCard, PromptCard, quiet
from alliance_journal.app.reflect.feed import ReflectSnapshot
from alliance_journal.app.widgets.painting import make_heading
from alliance_journal.app.widgets.theme import kind_colour
from alliance_journal.domain.entries import EntryKind
from alliance_journal.domain.nudges import Nudge, NudgeThresholds, by_priority

#: Turns evidence entry ids into (id, "Container event, 2 Nov 2026") for the links.
Describe = Callable[[Sequence[uuid.UUID]], list[tuple[uuid.UUID, str]]]
READING_TEXT = "Looking through the record…"
#: Nudges shown at once for one client; the rest wait behind "and N more".
SHOWN_PER_CLIENT = NudgeThresholds().shown_per_client
_NOBODY = object()  # no client (not even My journal, which is None) has every nudge shown


class ReflectPanel(QWidget):
    answer_prompt = Signal(object)   # Prompt
    answer_nudge = Signal(object)    # Nudge
    snooze_nudge = Signal(object)    # Nudge
    dismiss_nudge = Signal(object)   # Nudge
    open_entry = Signal(object)      # uuid.UUID: an entry a nudge was noticed in

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reflect_panel")
        self.describe: Describe = lambda ids: []
        self._shown: tuple[object, ...] | None = None
        self.cards: list[NudgeCard] = []
        #: The client whose every nudge is shown ("and N more" was followed), if any.
        self._all_for: object = _NOBODY
        self._last: tuple[ReflectSnapshot, uuid.UUID | None, str, str] | None = None

        inner = QWidget(self)
        self.title = make_heading(QLabel("Reflect", inner))
        self.title.setObjectName("reflect_title")
        self.scope = quiet(QLabel(inner))
        self.scope.setObjectName("reflect_scope")
        self.prompt_card = PromptCard(inner)
        self.prompt_card.answer_requested.connect(self.answer_prompt)
        self.section = make_heading(QLabel(inner), 1.05)
        self.section.setObjectName("reflect_section")
        self.section.setWordWrap(True)
        self.note = quiet(QLabel(inner))
        self.note.setObjectName("reflect_note")
        self.note.setWordWrap(True)
        self._cards = QVBoxLayout()
        self._cards.setContentsMargins(0, 0, 0, 0)
        self._cards.setSpacing(10)
        self.more = quiet(LinkLabel(inner))
        self.more.setObjectName("reflect_more")
        self.more.setTextFormat(Qt.TextFormat.RichText)
        self.more.linkActivated.connect(lambda _link: self._show_every_nudge())
        self.more.hide()

        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.scope)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.prompt_card)
        layout.addSpacing(6)
        layout.addWidget(self.section)
        layout.addWidget(self.note)
        layout.addLayout(self._cards)
        layout.addWidget(self.more)
        layout.addStretch(1)
        self.scroller = QScrollArea(self)
        self.scroller.setObjectName("reflect_scroll")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        self.scroller.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroller)
        self.clear()

    # --- what is shown ---------------------------------------------------------------------
    def show_snapshot(self, snapshot: ReflectSnapshot, client_id: uuid.UUID | None, scope: str,
                      where: str) -> None:
        """Today's prompt (answered into `where`) and the nudges about `client_id`.

        At most `SHOWN_PER_CLIENT` nudges, safety first, then ruptures, then the rest;
        "and N more" shows the others when followed.
        """
        self._last = (snapshot, client_id, scope, where)
        every = by_priority(snapshot.for_client(client_id))
        limit = len(every) if self._all_for == client_id else SHOWN_PER_CLIENT
        nudges, hidden = every[:limit], len(every) - min(limit, len(every))
        self.more.setText(f'<a href="more">and {hidden} more</a>' if hidden else "")
        self.more.setAccessibleName(f"Show {hidden} more suggestions" if hidden else "")
        self.more.setVisible(bool(hidden))
        self.scope.setText(scope)
        self.prompt_card.show_prompt(snapshot.prompt, where, snapshot.problem)
        self.prompt_card.show()
        about_me = client_id is None
        self.section.setText("Noticed about you" if about_me else f"Noticed in {scope}’s record")
        if nudges:
            order = (f" The {len(nudges)} that matter most come first: safety, then ruptures, "
                     "then the rest." if hidden else "")
            self.note.setText("Suggestions drawn from dates, ratings and choices in your entries; "
                              f"your own judgement comes first.{order}")
        else:
            self.note.setText("Nothing in your own entries asks for a second look right now."
                              if about_me else f"Nothing in {scope}’s record asks for a second "
                              "look right now.")
        key = (client_id, tuple(n.id for n in nudges),
               tuple(p.id for n in nudges if (p := snapshot.suggested(n)) is not None))
        if key != self._shown:
            self._shown = key
            self._rebuild(snapshot, nudges)

    def show_reading(self, scope: str) -> None:
        """No snapshot yet (just unlocked): say so quietly instead of showing stale cards."""
        self.scope.setText(scope)
        self.prompt_card.hide()
        self.section.setText("")
        self.note.setText(READING_TEXT)
        self.more.hide()
        self._remove_cards()

    def show_problem(self, message: str) -> None:
        self.note.setText(message[:1].upper() + message[1:])

    def clear(self) -> None:
        """Forget every word (lock): the prompt, the scope, every card."""
        self.scope.clear()
        self.prompt_card.clear()
        self.prompt_card.hide()
        self.section.clear()
        self.note.clear()
        self.more.clear()
        self.more.hide()
        self._all_for, self._last = _NOBODY, None
        self._remove_cards()

    def take_focus(self) -> None:
        """Put the keyboard in the panel (Ctrl+R): on the first Answer button there is (the
        prompt's, else the first nudge's), else on the scrolling area so the keys scroll."""
        answers = [self.prompt_card.answer, *(card.answer for card in self.cards)]
        target: QWidget = next((b for b in answers if b.isVisibleTo(self) and b.isEnabled()),
                               self.scroller)
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def card_for(self, nudge_id: str) -> NudgeCard | None:
        return next((card for card in self.cards if card.nudge.id == nudge_id), None)

    # --- internals -------------------------------------------------------------------------
    def _show_every_nudge(self) -> None:
        if self._last is not None:
            snapshot, client_id, scope, where = self._last
            self._all_for = client_id
            self.show_snapshot(snapshot, client_id, scope, where)

    def _rebuild(self, snapshot: ReflectSnapshot, nudges: list[Nudge]) -> None:
        focus = QApplication.focusWidget()
        focused = next((i for i, card in enumerate(self.cards)
                        if focus is not None and card.isAncestorOf(focus)), None)
        self._remove_cards()
        stripe = kind_colour(EntryKind.REFLECTION)
        for nudge in nudges:
            card = NudgeCard(nudge, snapshot.suggested(nudge), self.describe(nudge.evidence),
                             self.scroller.widget(), stripe=stripe)
            card.answer_requested.connect(self.answer_nudge)
            card.snooze_requested.connect(self.snooze_nudge)
            card.dismiss_requested.connect(self.dismiss_nudge)
            card.entry_requested.connect(self.open_entry)
            self._cards.addWidget(card)
            self.cards.append(card)
        if focused is not None and self.cards:  # a card went: focus its neighbour, not nowhere
            self.cards[min(focused, len(self.cards) - 1)].answer.setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove_cards(self) -> None:
        self._shown = None
        for card in self.cards:
            card.hide()
            self._cards.removeWidget(card)
            card.deleteLater()
        self.cards = []
