"""Paints timeline rows: quiet month headers and entry cards.

A card is three lines: kind badge, title and date (and a finalised mark); the first
line of the body; the key fields, or for an alliance check its five ratings as small
bars. Heights depend only on the font, so they are computed once per font and every
row's size hint is a dictionary lookup: long timelines lay out and scroll cheaply.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from alliance_journal.app.kind_style import paint_kind_badge
from alliance_journal.app.painting import blend, secondary
from alliance_journal.app.theme import accent_colour, kind_colour
from alliance_journal.app.timeline.model import TimelineRole
from alliance_journal.domain.entries import EntryKind

Index = QModelIndex | QPersistentModelIndex
MARGIN_X, MARGIN_Y, PAD, GAP = 8, 4, 10, 3
DOT, DOT_GAP = 4, 1.5
LABEL_GAP, BAR_GAP = 3, 7


class EntryCardDelegate(QStyledItemDelegate):
    """Draws entries as cards and month headers as small titles."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._heights: dict[str, tuple[int, int]] = {}

    def _row_heights(self, font: QFont) -> tuple[int, int]:
        key = font.key()
        if key not in self._heights:
            line = QFontMetrics(font).height()
            self._heights[key] = (int(line * 2.0), PAD * 2 + line * 3 + GAP * 2 + MARGIN_Y * 2)
        return self._heights[key]

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        header, card = self._row_heights(option.font)
        return QSize(200, header if index.data(TimelineRole.IS_HEADER) else card)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if index.data(TimelineRole.IS_HEADER):
            self._paint_header(painter, option, index)
        else:
            self._paint_card(painter, option, index)
        painter.restore()

    def _paint_header(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rect = option.rect.adjusted(MARGIN_X + 2, 0, -MARGIN_X, -2)
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(secondary(option.palette))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                         str(index.data(Qt.ItemDataRole.DisplayRole)))

    def _paint_card(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        palette: QPalette = option.palette
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        card = QRectF(option.rect.adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y))
        kind = EntryKind(index.data(TimelineRole.KIND))
        colour = kind_colour(kind)
        accent = accent_colour(option.widget)

        background = palette.color(QPalette.ColorRole.Base)
        if state & QStyle.StateFlag.State_MouseOver and not selected:
            background = background.darker(103) if background.lightness() > 128 else background.lighter(115)
        painter.setPen(accent if selected else palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(background)
        painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(card.left() + 1, card.top() + 6, 3, card.height() - 12), 1.5, 1.5)
        if selected:
            painter.setPen(accent)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(1, 1, -1, -1), 5.5, 5.5)

        font: QFont = option.font
        line = QFontMetrics(font).height()
        inner = card.adjusted(PAD + 2, PAD, -PAD, -PAD)
        badge = QRectF(inner.left(), inner.top() + (line - line * 0.85) / 2, line * 0.85, line * 0.85)
        paint_kind_badge(painter, badge, kind)

        text_colour, soft = palette.color(QPalette.ColorRole.Text), secondary(palette)
        title_font = QFont(font)
        title_font.setBold(True)
        top = QRectF(badge.right() + 6, inner.top(), inner.right() - badge.right() - 6, line)
        date = str(index.data(TimelineRole.DATE_TEXT))
        if index.data(TimelineRole.FINALISED):
            date = f"✓ {date}"
        painter.setFont(font)
        painter.setPen(soft)
        date_width = QFontMetrics(font).horizontalAdvance(date) + 4
        painter.drawText(top, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), date)
        painter.setFont(title_font)
        painter.setPen(colour.darker(115) if palette.color(QPalette.ColorRole.Base).lightness() > 128
                       else colour.lighter(140))
        title = QFontMetrics(title_font).elidedText(
            str(index.data(TimelineRole.KIND_TITLE)), Qt.TextElideMode.ElideRight,
            int(top.width() - date_width))
        painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)

        painter.setFont(font)
        second = QRectF(inner.left(), inner.top() + line + GAP, inner.width(), line)
        first_line = str(index.data(TimelineRole.FIRST_LINE) or "")
        painter.setPen(text_colour if first_line else soft)
        painter.drawText(second, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         QFontMetrics(font).elidedText(first_line or "(no text yet)",
                                                       Qt.TextElideMode.ElideRight, int(second.width())))

        third = QRectF(inner.left(), second.bottom() + GAP, inner.width(), line)
        bars = index.data(TimelineRole.ALLIANCE_BARS)
        if bars:
            self._paint_bars(painter, third, bars, colour, soft, palette)
        else:
            painter.setPen(soft)
            painter.drawText(third, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             QFontMetrics(font).elidedText(str(index.data(TimelineRole.KEY_FIELDS) or ""),
                                                           Qt.TextElideMode.ElideRight, int(third.width())))

    @staticmethod
    def _paint_bars(painter: QPainter, rect: QRectF, bars: list[tuple[str, int]], colour: QColor,
                    soft: QColor, palette: QPalette) -> None:
        """Five ratings as a short label and five dots each, the filled dots in the kind colour.

        Each rating gets the room its label needs; only when the card is too narrow for all
        five are the labels shortened, all by the same share.
        """
        small = QFont(painter.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        metrics = QFontMetrics(small)
        dots_width = 5 * DOT + 4 * DOT_GAP
        labels = [metrics.horizontalAdvance(label) + 2 for label, _value in bars]
        fixed = len(bars) * (dots_width + LABEL_GAP) + (len(bars) - 1) * BAR_GAP
        share = min(1.0, max(0.0, (rect.width() - fixed) / max(1, sum(labels))))
        track = blend(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.2)
        x = rect.left()
        for (label, value), natural in zip(bars, labels, strict=True):
            width = int(natural * share)
            painter.setPen(soft)
            painter.drawText(QRectF(x, rect.top(), width, rect.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight, width))
            x += width + LABEL_GAP
            y = rect.center().y() - DOT / 2
            painter.setPen(Qt.PenStyle.NoPen)
            for dot in range(5):
                painter.setBrush(colour if dot < value else track)
                painter.drawRoundedRect(QRectF(x + dot * (DOT + DOT_GAP), y, DOT, DOT), 1.5, 1.5)
            x += dots_width + BAR_GAP
