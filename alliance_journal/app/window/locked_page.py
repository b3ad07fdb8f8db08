"""What the window shows while the vault is locked: nothing of the notes, one way back in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from alliance_journal.app.widgets.painting import make_heading


class LockedPage(QWidget):
    unlock_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("locked_page")
        title = make_heading(QLabel("Alliance Journal is locked", self), 1.4, bold=False)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = QLabel("Your notes are encrypted and closed.", self)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setEnabled(False)
        self.button = QPushButton("Unlock…", self)
        self.button.setObjectName("unlock_button")
        self.button.setDefault(True)
        self.button.clicked.connect(self.unlock_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addWidget(self.note)
        layout.addSpacing(16)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def set_busy(self, busy: bool) -> None:
        """While a lock-time backup finishes, the vault is not yet free to reopen."""
        self.note.setText("Finishing the backup…" if busy else "Your notes are encrypted and closed.")
        self.button.setEnabled(not busy)
