"""Help > About: what this is, which version, where the notes and backups live, the licence.

Where the vault and its backups are is the question people ask when they change computers
or plan their own backups, so the folders are shown as text that can be selected and copied.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from alliance_journal import package_version
from alliance_journal.app.widgets.app_icon import app_icon

NAME = "Alliance Journal"
SUMMARY = "Private, encrypted, offline process notes for psychotherapists."
LICENCE = ("Free software under the GNU General Public License, version 3 or later "
           "(GPL-3.0-or-later). It comes with no warranty.")
PRIVACY = ("Your notes stay on this computer, encrypted. The app never uses the network. "
           "These are private process notes, not the clinical record.")


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class AboutDialog(QDialog):
    """`backups_folder` is None while the vault is locked (the folder is a vault setting)."""

    def __init__(self, vault_folder: Path, backups_folder: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(f"About {NAME}")
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel(f"<b style='font-size:15pt'>{NAME}</b><br>Version {package_version()}")
        title.setObjectName("about_title")
        heading = QHBoxLayout()
        heading.addWidget(icon)
        heading.addWidget(title, 1)

        places = QFormLayout()
        self.vault_label = _selectable(str(vault_folder))
        self.vault_label.setObjectName("about_vault")
        self.backups_label = _selectable(str(backups_folder) if backups_folder
                                         else "shown when the vault is unlocked")
        self.backups_label.setObjectName("about_backups")
        places.addRow("Vault:", self.vault_label)
        places.addRow("Backups:", self.backups_label)

        self.licence_label = QLabel(LICENCE)
        self.licence_label.setObjectName("about_licence")
        self.licence_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(QLabel(SUMMARY))
        layout.addLayout(places)
        privacy = QLabel(PRIVACY)
        privacy.setWordWrap(True)
        layout.addWidget(privacy)
        layout.addWidget(self.licence_label)
        layout.addWidget(buttons)
