"""The end of a restore: where the journal now is, and the offer to open it.

A restore into a new folder is usually the way back from a damaged or lost journal, so
the next step is to open what was restored: the main button does that (Enter), Close
(Escape) leaves the window on the journal it has open. Paths only, never note text.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from alliance_journal.app.widgets.formatting import short_path

TITLE = "Restore"
OPEN_BUTTON = "Open the restored journal"


def restore_text(folder: Path, moved_aside: Path | None) -> str:
    lines = ["The backup was restored into:", short_path(folder),
             "It opens with the passphrase and recovery key the journal had when the backup "
             "was made."]
    if moved_aside is not None:
        lines += ["", "What was in that folder before is kept in:", short_path(moved_aside)]
    return "\n".join(lines)


def make_restore_report(folder: Path, moved_aside: Path | None,
                        parent: QWidget | None) -> tuple[QMessageBox, QPushButton]:
    """The dialog (not shown yet) and its main button, which opens the restored journal."""
    box = QMessageBox(QMessageBox.Icon.Information, TITLE, restore_text(folder, moved_aside),
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("restore_report")
    open_button = box.addButton(OPEN_BUTTON, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(open_button)
    box.setEscapeButton(QMessageBox.StandardButton.Close)
    return box, open_button
