"""Showing the recovery key once: copy (self-clearing), save as PDF, print, confirm.

The key is the only way back in after a forgotten passphrase, and anyone holding it
can read every note. So the screen says both, the PDF is written owner-only through
QSaveFile (atomic), and Continue stays disabled until the user says it is stored.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDir, QFileDevice, QIODevice, QRectF, QSaveFile, QStandardPaths, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QPagedPaintDevice, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.runtime.clipboard import CLEAR_AFTER_S, copy_secret
from alliance_journal.app.widgets.dialog_buttons import settle_main_button
from alliance_journal.errors import StorageError

EXPLANATION = (
    "If you ever forget your passphrase, this key is the only way back into your journal. "
    "It is shown only now. Write it down or print it, and keep it somewhere safe and "
    "away from this computer. Anyone who has it can read your notes.")
PDF_WARNING = (
    "A saved PDF is a plaintext copy of the key: print it, then delete the file. "
    "Don't keep it on this computer or in cloud storage.")
SHEET_TEXT = (
    "This key opens your Alliance Journal without the passphrase. Use it if the passphrase "
    "is forgotten; you will then be asked to choose a new passphrase.\n\n"
    "Keep this sheet somewhere private and safe, such as a locked drawer. Anyone who has "
    "it can read your notes. If you saved it as a file, print it and delete the file.")


def display_key(key: str) -> str:
    """The key on two lines of four groups, easier to copy by hand."""
    groups = key.split("-")
    half = (len(groups) + 1) // 2
    return "-".join(groups[:half]) + "-\n" + "-".join(groups[half:]) if len(groups) > 1 else key


def render_sheet(painter: QPainter, page: QRectF, key: str, vault_id: str | None) -> None:
    """Draw the printable recovery sheet into `page` (PDF and printer share it)."""
    margin = page.width() * 0.1
    area = page.adjusted(margin, margin, -margin, -margin)
    title = QFont(painter.font())
    title.setPointSizeF(18)
    title.setBold(True)
    body = QFont(painter.font())
    body.setPointSizeF(11)
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    mono.setPointSizeF(20)
    mono.setBold(True)
    y = area.top()

    def block(font: QFont, text: str, height_pt: float, flags: int) -> None:
        nonlocal y
        painter.setFont(font)
        height = height_pt * painter.device().logicalDpiY() / 72
        painter.drawText(QRectF(area.left(), y, area.width(), height), flags, text)
        y += height

    wrap = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    block(title, "Alliance Journal — recovery key", 40, wrap)
    block(body, f"Created {date.today().isoformat()}"
          + (f" · vault {vault_id[:8]}" if vault_id else ""), 30, wrap)
    block(mono, display_key(key), 90, int(Qt.AlignmentFlag.AlignCenter))
    block(body, SHEET_TEXT, 200, wrap)


def write_recovery_pdf(path: Path, key: str, vault_id: str | None = None) -> None:
    """Write the sheet as an owner-only PDF, atomically (old file kept on failure)."""
    target = QSaveFile(str(path))
    if not target.open(QIODevice.OpenModeFlag.WriteOnly):
        raise StorageError(f"could not write {path.name}: {target.errorString()}")
    target.setPermissions(QFileDevice.Permission.ReadOwner | QFileDevice.Permission.WriteOwner)
    writer = QPdfWriter(target)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle("Alliance Journal recovery key")
    writer.setCreator("Alliance Journal")
    _paint(writer, key, vault_id)
    if not target.commit():
        raise StorageError(f"could not write {path.name}: {target.errorString()}")


def _paint(device: QPagedPaintDevice, key: str, vault_id: str | None) -> None:
    painter = QPainter(device)
    try:
        render_sheet(painter, QRectF(painter.viewport()), key, vault_id)
    finally:
        painter.end()


def printing_available() -> bool:
    return bool(QPrinterInfo.availablePrinters())


class RecoveryKeyPanel(QWidget):
    """The key, three ways to keep it, and the "I have stored it" checkbox."""

    stored_changed = Signal(bool)

    def __init__(self, key: str, vault_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._key = key
        self._vault_id = vault_id
        heading = QLabel("<b>Your recovery key</b>")
        explanation = QLabel(EXPLANATION)
        explanation.setWordWrap(True)
        self.key_label = QLabel(display_key(key))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.6)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.key_label.setMargin(12)
        self.key_label.setAccessibleName("Recovery key")
        self.copy_button = QPushButton("Copy")
        self.copy_button.clicked.connect(self.copy_key)
        self.pdf_button = QPushButton("Save as PDF…")
        self.pdf_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton("Print…")
        self.print_button.clicked.connect(self.print_key)
        if not printing_available():
            self.print_button.setEnabled(False)
            self.print_button.setToolTip("No printer is set up on this computer.")
        buttons = QHBoxLayout()
        for button in (self.copy_button, self.pdf_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        pdf_note = QLabel(PDF_WARNING)
        pdf_note.setWordWrap(True)
        self.status_label = QLabel(" ")
        self.stored_check = QCheckBox("I have stored the recovery key somewhere safe")
        self.stored_check.toggled.connect(self.stored_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (heading, explanation, self.key_label):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(pdf_note)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.stored_check)

    def is_stored(self) -> bool:
        return self.stored_check.isChecked()

    def copy_key(self) -> None:
        copy_secret(self._key)
        self.status_label.setText(f"Copied. The clipboard is cleared in {CLEAR_AFTER_S} seconds.")

    def save_pdf(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder or QDir.homePath()) / "Alliance Journal recovery key.pdf")
        name, _ = QFileDialog.getSaveFileName(self, "Save the recovery key as PDF", suggested,
                                              "PDF files (*.pdf)")
        if not name:
            return
        path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        try:
            write_recovery_pdf(path, self._key, self._vault_id)
        except StorageError as exc:
            QMessageBox.warning(self, "Recovery key", exc.message)
            return
        self.status_label.setText(f"Saved {path.name}. Print it, then delete the file.")

    def print_key(self) -> None:
        if not printing_available():
            self.status_label.setText("No printer is set up on this computer.")
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the recovery key")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if not printer.isValid():
            self.status_label.setText("The printer could not be used.")
            return
        _paint(printer, self._key, self._vault_id)
        self.status_label.setText("Sent to the printer.")


class RecoveryKeyDialog(QDialog):
    """The panel on its own; it cannot be closed until the key is marked as stored."""

    def __init__(self, key: str, vault_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recovery key")
        self.panel = RecoveryKeyPanel(key, vault_id, self)
        self.buttons = QDialogButtonBox()
        self.continue_button = self.buttons.addButton("Continue",
                                                      QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.panel.stored_changed.connect(self.continue_button.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(self.buttons)
        self.resize(560, 380)
        settle_main_button(self, self.continue_button)

    def accept(self) -> None:
        if self.panel.is_stored():
            super().accept()

    def reject(self) -> None:
        """Escape and the close button do nothing until the key is stored."""
        if self.panel.is_stored():
            super().accept()
