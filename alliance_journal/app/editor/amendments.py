"""Under a finalised entry: its dated amendments, and a box to add one more."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.widgets.formatting import date_text, datetime_text
from alliance_journal.domain.entries import Entry


class AmendmentsView(QWidget):
    """Emits `amend_requested(text)`; the editor saves it through the services."""

    amend_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("amendments")
        self.notice = QLabel(self)
        self.notice.setObjectName("finalised_notice")
        self.notice.setWordWrap(True)
        self.listing = QTextBrowser(self)
        self.listing.setObjectName("amendments_list")
        self.listing.setAccessibleName("Amendments")
        self.listing.setMaximumHeight(self.fontMetrics().lineSpacing() * 10)
        self.box = QPlainTextEdit(self)
        self.box.setObjectName("amendment_text")
        self.box.setAccessibleName("New amendment")
        self.box.setPlaceholderText("Add a dated amendment…")
        self.box.setTabChangesFocus(True)
        self.box.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.add_button = QPushButton("Add amendment", self)
        self.add_button.setObjectName("add_amendment")
        self.add_button.clicked.connect(self._add)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addWidget(self.listing)
        layout.addWidget(self.box)
        layout.addLayout(row)

    def show_entry(self, entry: Entry) -> None:
        if entry.finalised_at is not None:
            self.notice.setText(f"Finalised on {date_text(entry.finalised_at)}. "
                                "The original stays as signed; add amendments below.")
        self.listing.setVisible(bool(entry.amendments))
        self.listing.setMarkdown("\n\n".join(
            f"**{datetime_text(a.at)}**\n\n{a.body}" for a in entry.amendments))

    def clear(self) -> None:
        self.listing.clear()
        self.listing.document().clearUndoRedoStacks()
        self.box.clear()
        self.box.document().clearUndoRedoStacks()
        self.notice.clear()

    def _add(self) -> None:
        text = self.box.toPlainText()
        if text.strip():
            self.amend_requested.emit(text)

    def amendment_added(self) -> None:
        self.box.clear()
        self.box.document().clearUndoRedoStacks()
