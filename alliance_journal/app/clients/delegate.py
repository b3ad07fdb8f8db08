"""Two quiet lines per client: the code (or code · name), then counts and last session.

A client with open nudges (things the record suggests reflecting on) gets a small
round badge with their number at the end of the first line, in the palette's
selection colours so it follows the theme.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from alliance_journal.app.clients.model import ClientRole
from alliance_journal.app.widgets.painting import paint_row_background, secondary

Index = QModelIndex | QPersistentModelIndex
PAD_X, PAD_Y, GAP = 10, 6, 2


class ClientDelegate(QStyledItemDelegate):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = QFontMetrics(option.font).height()
        return QSize(160, PAD_Y * 2 + line * 2 + GAP)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        ink = paint_row_background(self, painter, option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        line = QFontMetrics(option.font).height()
        rect: QRect = option.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        main_font = QFont(option.font)
        if index.data(ClientRole.IS_JOURNAL):
            main_font.setItalic(True)
        first = QRect(rect.left(), rect.top(), rect.width(), line)
        nudges = int(index.data(ClientRole.NUDGES) or 0)
        if nudges:
            badge = self._paint_badge(painter, option, first, nudges, selected)
            first.setRight(int(badge.left()) - 6)
        painter.setFont(main_font)
        painter.setPen(ink)
        painter.drawText(first, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         QFontMetrics(main_font).elidedText(str(index.data()), Qt.TextElideMode.ElideRight,
                                                            first.width()))
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
        painter.setFont(small)
        painter.setPen(ink if selected else secondary(option.palette))
        second = QRect(rect.left(), first.bottom() + GAP, rect.width(), line)
        painter.drawText(second, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         QFontMetrics(small).elidedText(str(index.data(ClientRole.SECONDARY) or ""),
                                                        Qt.TextElideMode.ElideRight, second.width()))
        painter.restore()

    @staticmethod
    def _paint_badge(painter: QPainter, option: QStyleOptionViewItem, line: QRect, count: int,
                     selected: bool) -> QRectF:
        """A pill with `count` at the right end of `line`; returns where it was drawn."""
        font = QFont(option.font)
        font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.8))
        font.setBold(True)
        metrics = QFontMetrics(font)
        text = str(count) if count < 100 else "99+"
        height = min(line.height(), metrics.height() + 2)
        width = max(height, metrics.horizontalAdvance(text) + 10)
        rect = QRectF(line.right() - width, line.top() + (line.height() - height) / 2, width, height)
        palette = option.palette
        fill, ink = QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText
        if selected:  # on the selection colour, the badge turns inside out
            fill, ink = ink, fill
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(fill))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setFont(font)
        painter.setPen(palette.color(ink))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
        return rect
