"""One small icon and short label per entry kind, shared by cards, menus, chips and editor.

The kind colours themselves belong to the theme (`app/theme.py: kind_colour`), so the
whole window has one palette; this module only draws with them.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from alliance_journal.app.widgets.theme import kind_colour
from alliance_journal.domain.entries import KIND_TITLES, EntryKind

#: A single letter drawn in the kind's icon: readable at 16 px, no icon theme needed.
KIND_GLYPHS: dict[EntryKind, str] = {
    EntryKind.SESSION: "S",
    EntryKind.COUNTERTRANSFERENCE: "C",
    EntryKind.TRANSFERENCE: "T",
    EntryKind.ALLIANCE: "A",
    EntryKind.CONTAINER: "E",
    EntryKind.LIMIT: "L",
    EntryKind.INTAKE: "I",
    EntryKind.REFLECTION: "R",
}

#: Short labels for kind filter chips, where the full title would crowd the row.
KIND_SHORT: dict[EntryKind, str] = {
    EntryKind.SESSION: "Session",
    EntryKind.COUNTERTRANSFERENCE: "Countertransference",
    EntryKind.TRANSFERENCE: "Transference",
    EntryKind.ALLIANCE: "Alliance",
    EntryKind.CONTAINER: "Container",
    EntryKind.LIMIT: "Limit",
    EntryKind.INTAKE: "Intake",
    EntryKind.REFLECTION: "Reflection",
}


def kind_title(kind: EntryKind) -> str:
    return KIND_TITLES[kind]


def paint_kind_badge(painter: QPainter, rect: QRectF, kind: EntryKind) -> None:
    """A filled circle in the kind's colour with its letter, inside `rect`."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(kind_colour(kind))
    painter.drawEllipse(rect)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(6, int(rect.height() * 0.55)))
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, KIND_GLYPHS[kind])
    painter.restore()


def kind_icon(kind: EntryKind) -> QIcon:
    """The kind's badge as an icon (for menus, chips and the editor header)."""
    icon = QIcon()
    for size in (16, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_kind_badge(painter, QRectF(1, 1, size - 2, size - 2), kind)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
