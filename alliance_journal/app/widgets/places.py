"""Where file dialogs start: the user's documents folder, never the folder the app ran from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents_folder() -> Path:
    """The platform's documents folder (falls back to the home folder)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def in_documents(file_name: str) -> str:
    """A suggested file name inside the documents folder, for a save dialog."""
    return str(documents_folder() / file_name)


def holds_anything(folder: Path) -> bool:
    """Whether a chosen folder is unusable as a new, empty one: it has content, or cannot be
    listed (a folder the system keeps from us), which is said in a message, not a traceback."""
    try:
        return folder.is_dir() and any(folder.iterdir())
    except OSError:
        return True
