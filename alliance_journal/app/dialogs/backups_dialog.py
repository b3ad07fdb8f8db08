"""The list of this vault's backups: when, how big, whether verified, made how.

Only what `services.backup.list_backups` records is shown: dates, sizes and file
names, never anything from inside a backup.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.widgets.dialog_buttons import settle_main_button
from alliance_journal.app.widgets.formatting import short_path
from alliance_journal.errors import UserFacingError
from alliance_journal.services import backup
from alliance_journal.services.unlock import OpenVault

COLUMNS = ("Date", "Size", "Verified", "Made", "File")
COLUMN_PADDING, ROW_PADDING = 20, 8


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"


def verified_text(verified: object) -> str:
    if verified is True:
        return "Verified"
    if verified is False:
        return "Not verified"
    return "Not checked"


def local_time(when: datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


class BackupsDialog(QDialog):
    def __init__(self, vault: OpenVault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self._vault = vault
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.empty_label = QLabel("No backups yet. Use File ▸ Back up now, or lock the journal: "
                                  "an automatic backup is made when it is due.")
        self.empty_label.setWordWrap(True)
        self.open_button = QPushButton("Open backup folder")
        self.open_button.clicked.connect(self.open_folder)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self.resize(720, 380)
        settle_main_button(self, buttons.button(QDialogButtonBox.StandardButton.Close))
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        try:
            folder = backup.backup_folder(self._vault)
            self.folder_label.setText(f"Backups are kept in {short_path(folder)}")
            self.folder_label.setToolTip(str(folder))
            records = backup.list_backups(self._vault)
        except UserFacingError as exc:
            self.folder_label.setText(exc.message[:1].upper() + exc.message[1:])
            records = []
        for record in sorted(records, key=lambda r: r.created_at, reverse=True):
            item = QTreeWidgetItem([
                local_time(record.created_at), human_size(record.size),
                verified_text(record.verified),
                "Automatically" if record.automatic else "By hand", record.path.name])
            item.setToolTip(4, str(record.path))
            metrics = self.fontMetrics()
            item.setSizeHint(4, QSize(metrics.horizontalAdvance(record.path.name) + COLUMN_PADDING,
                                      metrics.height() + ROW_PADDING))
            self.tree.addTopLevelItem(item)
        for column in range(len(COLUMNS) - 1):  # room between columns, not text against text
            self.tree.resizeColumnToContents(column)
            self.tree.setColumnWidth(column, self.tree.columnWidth(column) + COLUMN_PADDING)
        self.empty_label.setVisible(not records)

    def open_folder(self) -> None:
        try:
            folder = backup.backup_folder(self._vault)
        except UserFacingError:
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
