"""The body of an entry: Markdown source to write in, Qt's own Markdown to preview.

The source is kept exactly as typed (plain text), and the preview renders it with
`QTextDocument.setMarkdown`. Editing through Qt's rich-text round trip
(`setMarkdown` then `toMarkdown`) would rewrite the therapist's words (list markers,
escapes, line wrapping) on every save; the note is theirs, so it is stored verbatim.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtGui import QAction, QTextOption
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

HINT = "Write freely. Markdown works: # heading, *emphasis*, - lists."


class BodyEditor(QWidget):
    changed = Signal()

    def __init__(self, preview_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = QTextEdit(self)
        self.source.setObjectName("entry_body")
        self.source.setAccessibleName("Entry text (Markdown)")
        self.source.setAcceptRichText(False)
        self.source.setTabChangesFocus(True)
        self.source.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.source.setPlaceholderText(HINT)
        self.source.textChanged.connect(self.changed)
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("entry_body_preview")
        self.preview.setAccessibleName("Entry text, formatted")
        self.preview.setOpenLinks(False)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.source)
        self.stack.addWidget(self.preview)
        self._preview_action = preview_action
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("entry_preview_toggle")
        self.toggle.setDefaultAction(preview_action)
        self.toggle.setAutoRaise(True)
        preview_action.toggled.connect(self.set_preview)
        self.label = QLabel("Te&xt (Markdown)", self)
        self.label.setObjectName("entry_body_label")
        self.label.setBuddy(self.source)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.label)
        bar.addStretch(1)
        bar.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.source)

    def text(self) -> str:
        return self.source.toPlainText()

    def set_text(self, text: str) -> None:
        """Show another entry's text; its undo history starts afresh."""
        with QSignalBlocker(self.source):
            self.source.setPlainText(text)
        self.source.document().clearUndoRedoStacks()
        if self._preview_action.isChecked():
            self.preview.setMarkdown(text)

    def clear(self) -> None:
        """Drop the text, its undo history and the rendered preview (lock)."""
        self.set_text("")
        self.set_prompt(None)
        self.preview.clear()
        self.preview.document().clearUndoRedoStacks()

    def set_prompt(self, question: str | None) -> None:
        """Offer a question, greyed, while the body is empty (None: just the Markdown hint)."""
        self.source.setPlaceholderText(f"{question}\n\n{HINT}" if question else HINT)

    def set_read_only(self, read_only: bool) -> None:
        self.source.setReadOnly(read_only)

    def set_preview(self, on: bool) -> None:
        if on:
            self.preview.setMarkdown(self.text())
        self.stack.setCurrentWidget(self.preview if on else self.source)
        if self._preview_action.isChecked() != on:
            self._preview_action.setChecked(on)
