"""The first run: an empty client list says what to do next, with the button to do it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

FIRST_CLIENT_TEXT = ("No clients yet. Add your first client to keep a timeline of your work "
                     "with them, or write in My journal about your own practice.")


class FirstClientHint(QWidget):
    """Shown under the client list while the journal has no client at all."""

    def __init__(self, add_client: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_client_hint")
        self.text = QLabel(FIRST_CLIENT_TEXT, self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton("Add your first client…", self)
        self.button.setObjectName("add_first_client")
        self.button.clicked.connect(add_client.trigger)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 16, 8, 16)
        layout.addWidget(self.text)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
