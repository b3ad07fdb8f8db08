"""Earlier versions of one entry, dated; any of them can be viewed and made current again.

Each row says what the *next* save changed (a rating, a figure, a status, the text), so
a change to a structured field is as visible as a change to the body.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.editor.version_changes import field_changes, summary
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.timeline.card_text import key_fields
from alliance_journal.app.widgets.dialog_buttons import settle_main_button
from alliance_journal.app.widgets.formatting import datetime_text
from alliance_journal.domain.entries import KIND_TITLES, Entry
from alliance_journal.errors import UserFacingError
from alliance_journal.services.entries import EntryVersion, entry_history, restore_version


class EntryHistoryDialog(QDialog):
    """After acceptance, `restored` holds the entry as it is now stored."""

    def __init__(self, session: VaultSession, entry: Entry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.setWindowTitle("Entry history")
        self._session = session
        self._entry = entry
        self.restored: Entry | None = None
        self.versions: list[EntryVersion] = entry_history(session.require(), entry.id)

        self.listing = QListWidget(self)
        self.listing.setObjectName("history_list")
        self.listing.setAccessibleName("Earlier versions")
        self.listing.setSpacing(4)  # two-line rows need room to breathe
        for row, version in enumerate(self.versions):
            later = self.versions[row - 1].entry if row > 0 else entry
            changed = summary(field_changes(version.entry, later))
            item = QListWidgetItem(f"{datetime_text(version.saved_at)}\n"
                                   f"{version.entry.first_line(60)}\nThen changed: {changed}")
            item.setToolTip(f"Then changed: {changed}")
            item.setData(Qt.ItemDataRole.UserRole, version.version_id)
            self.listing.addItem(item)
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("history_preview")
        self.preview.setAccessibleName("The selected version")
        splitter = QSplitter(self)
        splitter.addWidget(self.listing)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 2)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = buttons.addButton("Restore this version",
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setObjectName("restore_version")
        self.restore_button.setEnabled(False)
        self.restore_button.setToolTip("" if not entry.is_finalised
                                       else "A finalised entry takes amendments only")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not self.versions:
            layout.addWidget(QLabel("No earlier versions yet: a version is kept each time you "
                                    "come back to an entry after a pause.", self))
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.listing.currentRowChanged.connect(self._show_version)
        self.resize(720, 480)
        settle_main_button(self, buttons.button(QDialogButtonBox.StandardButton.Close))
        if self.versions:
            self.listing.setCurrentRow(0)

    def _show_version(self, row: int) -> None:
        if not 0 <= row < len(self.versions):
            self.preview.clear()
            self.restore_button.setEnabled(False)
            return
        old = self.versions[row].entry
        later = self.versions[row - 1].entry if row > 0 else self._entry
        details = key_fields(old)
        header = f"### {KIND_TITLES[old.kind]} — {datetime_text(old.occurred_at)}\n\n"
        tags = f"Tags: {', '.join(old.tags)}\n\n" if old.tags else ""
        changes = [c for c in field_changes(old, later) if c.label != "Text"]
        changed = ("**Changed after this version:** " + "; ".join(
            f"{c.label} was *{c.before}*, then *{c.after}*" for c in changes) + "\n\n"
            if changes else "")
        self.preview.setMarkdown(header + (f"*{details}*\n\n" if details else "") + changed
                                 + tags + old.body)
        self.restore_button.setEnabled(not self._entry.is_finalised)

    def restore_selected(self) -> None:
        row = self.listing.currentRow()
        if not 0 <= row < len(self.versions):
            return
        try:
            self.restored = restore_version(self._session.require(), self._entry.id,
                                            self.versions[row].version_id)
        except UserFacingError as exc:
            QMessageBox.warning(self, "Entry history", exc.message)
            return
        self.accept()

    def done(self, result: int) -> None:
        """Drop the decrypted versions as the dialog closes."""
        self.preview.clear()
        self.listing.clear()
        self.versions = []
        super().done(result)
