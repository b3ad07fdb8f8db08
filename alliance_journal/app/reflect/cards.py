"""The Reflect panel's cards: the prompt of the day, and one card per nudge.

Cards paint their own frame from the current palette and give their labels palette
roles rather than colours, so a live theme change reaches them like every other widget
(a style sheet would fix its colours when it is set). A nudge card says what was
noticed in plain words, links the entries it was noticed in, suggests a question and
offers three buttons: Answer, Snooze a week, Dismiss.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from alliance_journal.app.widgets.painting import blend
from alliance_journal.domain.nudges import Nudge
from alliance_journal.domain.prompts import Prompt
from alliance_journal.domain.themes import THEMES

STRIPE, RADIUS = 3, 6
#: At most this many evidence links on a card; the rest are counted.
MAX_LINKS = 3
LINK_PREFIX = "entry:"


def sentence(text: str) -> str:
    """`3 late cancellations since 2 Nov` -> `3 late cancellations since 2 Nov.`"""
    text = text.strip()
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def quiet(label: QLabel) -> QLabel:
    """Secondary text: a palette role, so it follows the theme (and stays clickable)."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _label(text: str, parent: QWidget, name: str, *, scale: float = 1.0, bold: bool = False,
           italic: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = label.font()
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    font.setItalic(italic)
    label.setFont(font)
    return label


class LinkLabel(QLabel):
    """Rich text with links whose colour follows a live theme change.

    QLabel lays out rich text once, with the link colour of that moment; laying it out
    again on a palette change picks up the new one.
    """

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.text():
            text = self.text()
            self.clear()
            self.setText(text)


class CardFrame(QFrame):
    """A rounded card on the base colour with a thin coloured stripe on its left."""

    def __init__(self, parent: QWidget | None = None, *, stripe: QColor | None = None) -> None:
        super().__init__(parent)
        self._stripe = stripe
        self.setContentsMargins(0, 0, 0, 0)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 14, 12)
        self.body.setSpacing(6)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(blend(text, base, 0.18))
        painter.setBrush(base)
        painter.drawRoundedRect(rect, RADIUS, RADIUS)
        stripe = self._stripe or palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(stripe)
        painter.drawRoundedRect(QRectF(rect.left() + 1, rect.top() + 8, STRIPE, rect.height() - 16),
                                1.5, 1.5)


def _buttons(parent: QWidget, *specs: tuple[str, str, str]) -> tuple[QHBoxLayout, list[QPushButton]]:
    """A row of buttons from (text, object name, accessible name), packed to the left.

    The caller ends the row (`addStretch`, or a label that takes the rest).
    """
    row = QHBoxLayout()
    row.setContentsMargins(0, 4, 0, 0)
    row.setSpacing(6)
    made = []
    for text, name, accessible in specs:
        button = QPushButton(text, parent)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setAutoDefault(False)
        row.addWidget(button)
        made.append(button)
    return row, made


class PromptCard(CardFrame):
    """Today's question, its theme and an Answer button; says where the answer will go."""

    answer_requested = Signal(object)  # Prompt

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reflect_prompt_card")
        self.prompt: Prompt | None = None
        self.caption = quiet(_label("", self, "reflect_prompt_theme"))
        self.text = _label("", self, "reflect_prompt_text", scale=1.1)
        self.where = quiet(_label("", self, "reflect_prompt_where"))
        row, (self.answer,) = _buttons(self, ("Answer", "reflect_prompt_answer",
                                              "Answer the prompt of the day"))
        row.addSpacing(6)
        row.addWidget(self.where, 1)
        self.answer.clicked.connect(self._answer)
        self.body.addWidget(self.caption)
        self.body.addWidget(self.text)
        self.body.addLayout(row)

    def show_prompt(self, prompt: Prompt | None, where: str, problem: str = "") -> None:
        self.prompt = prompt
        theme = THEMES[prompt.theme].title if prompt else ""
        self.caption.setText(f"Prompt of the day · {theme}" if prompt else "Prompt of the day")
        self.text.setText(prompt.text if prompt else sentence(problem))
        self.where.setText(where if prompt else "")
        self.answer.setVisible(prompt is not None)

    def clear(self) -> None:
        self.show_prompt(None, "")
        self.text.clear()

    def _answer(self) -> None:
        if self.prompt is not None:
            self.answer_requested.emit(self.prompt)


class NudgeCard(CardFrame):
    """One nudge: theme, what was noticed (with links to the entries), a question, buttons."""

    answer_requested = Signal(object)   # Nudge
    snooze_requested = Signal(object)   # Nudge
    dismiss_requested = Signal(object)  # Nudge
    entry_requested = Signal(object)    # uuid.UUID of an entry the nudge was noticed in

    def __init__(self, nudge: Nudge, prompt: Prompt | None, evidence: Sequence[tuple[uuid.UUID, str]],
                 parent: QWidget | None = None, *, stripe: QColor | None = None) -> None:
        super().__init__(parent, stripe=stripe)
        self.nudge = nudge
        self.setObjectName("reflect_nudge_card")
        theme = THEMES[nudge.theme].title
        self.setAccessibleName(f"{theme}: {sentence(nudge.reason)}")
        self.theme = _label(theme, self, "nudge_theme", bold=True)
        self.reason = _label(f"Noticed: {sentence(nudge.reason)}", self, "nudge_reason")
        self.evidence = quiet(LinkLabel(self))
        self.evidence.setObjectName("nudge_evidence")
        self.evidence.setWordWrap(True)
        self.evidence.setTextFormat(Qt.TextFormat.RichText)
        self.evidence.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                              | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.evidence.setText(evidence_html(evidence, len(nudge.evidence)))
        self.evidence.setVisible(bool(nudge.evidence))
        self.evidence.linkActivated.connect(self._link)
        self.question = _label(f"“{prompt.text}”" if prompt else "", self, "nudge_prompt", italic=True)
        self.question.setVisible(prompt is not None)
        row, (self.answer, self.snooze, self.dismiss) = _buttons(
            self, ("Answer", "nudge_answer", f"Answer: {theme}"),
            ("Snooze a week", "nudge_snooze", f"Snooze for a week: {theme}"),
            ("Dismiss", "nudge_dismiss", f"Dismiss: {theme}"))
        self.answer.setToolTip("Start a reflection on this, linked to the nudge")
        self.snooze.setToolTip("Hide this for seven days")
        self.dismiss.setToolTip("Set this aside; it returns only if something new is recorded")
        self.answer.clicked.connect(lambda: self.answer_requested.emit(self.nudge))
        self.snooze.clicked.connect(lambda: self.snooze_requested.emit(self.nudge))
        self.dismiss.clicked.connect(lambda: self.dismiss_requested.emit(self.nudge))
        row.addStretch(1)
        for widget in (self.theme, self.reason, self.evidence, self.question):
            self.body.addWidget(widget)
        self.body.addLayout(row)

    def _link(self, href: str) -> None:
        if href.startswith(LINK_PREFIX):
            try:
                self.entry_requested.emit(uuid.UUID(href.removeprefix(LINK_PREFIX)))
            except ValueError:
                return


def evidence_html(evidence: Sequence[tuple[uuid.UUID, str]], total: int) -> str:
    """`Seen in: <a>Container 2 Nov</a> · <a>…</a> · and 2 more` (escaped)."""
    links = [f'<a href="{LINK_PREFIX}{entry_id}">{html.escape(text).replace(" ", "&nbsp;")}</a>'
             for entry_id, text in evidence[:MAX_LINKS]]  # a link wraps as a whole, never inside
    rest = total - len(links)
    if rest > 0:
        links.append(f"and {rest} more" if links else f"{rest} {'entry' if rest == 1 else 'entries'}")
    return "Seen in: " + " · ".join(links) if links else ""
