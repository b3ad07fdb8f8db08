"""Two quiet lines per client: the code (or code · name), then counts and last session."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from alliance_journal.app.clients.model import ClientRole
from alliance_journal.app.painting import paint_row_background, secondary

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
        painter.setFont(main_font)
        painter.setPen(ink)
        first = QRect(rect.left(), rect.top(), rect.width(), line)
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
