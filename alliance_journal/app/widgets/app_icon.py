"""The application icon (resources/alliance-journal.png), for the window and the dialogs.

Read as bytes through importlib.resources, so it loads from a wheel, a zip or the bundle.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon, QPixmap

from alliance_journal.services.locations import resources_dir

ICON_FILE = "alliance-journal.png"


@cache
def app_icon() -> QIcon:
    """The icon; an empty one (Qt then shows its default) if the file cannot be read."""
    pixmap = QPixmap()
    try:
        pixmap.loadFromData(resources_dir().joinpath(ICON_FILE).read_bytes())
    except OSError:
        return QIcon()
    return QIcon(pixmap)
