"""Paints timeline rows: quiet month headers and entry cards.

A card is three lines: kind badge, title and date (and a finalised mark); the first
line of the body; the key fields. An alliance check instead shows its five ratings as
dots on two lines, one per direction ("Client → me", "Me → client"), and a third
line for the working alliance and a rupture when there are any. Heights depend only
on the font and the kind of card, so they are computed once per font and every row's
size hint is a dictionary lookup: long timelines lay out and scroll cheaply.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from alliance_journal.app.timeline.card_text import RatingGroup
from alliance_journal.app.timeline.model import TimelineRole
from alliance_journal.app.widgets.kind_style import paint_kind_badge
from alliance_journal.app.widgets.painting import blend, heading_colour, secondary
from alliance_journal.app.widgets.theme import accent_colour, kind_colour
from alliance_journal.domain.entries import EntryKind

Index = QModelIndex | QPersistentModelIndex
MARGIN_X, MARGIN_Y, PAD, GAP = 8, 4, 10, 3
DOT, DOT_GAP = 5, 1.5
LABEL_GAP, BAR_GAP, GROUP_GAP = 4, 10, 8
#: Where a rating's dots would be when it was not rated.
NOT_RATED_MARK = "—"


def small_font(font: QFont) -> QFont:
    """The ratings' font: a little smaller than the card's, never below 7 pt."""
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    return small


class EntryCardDelegate(QStyledItemDelegate):
    """Draws entries as cards and month headers as small titles."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple[str, int], int] = {}

    def _height(self, font: QFont, rating_lines: int) -> int:
        """A card's height: three text lines, or two and `rating_lines` smaller ones."""
        key = (font.key(), rating_lines)
        if key not in self._heights:
            line = QFontMetrics(font).height()
            small = QFontMetrics(small_font(font)).height()
            last = small * rating_lines + GAP * (rating_lines - 1) if rating_lines else line
            self._heights[key] = PAD * 2 + line * 2 + last + GAP * 2 + MARGIN_Y * 2
        return self._heights[key]

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if index.data(TimelineRole.IS_HEADER):
            return QSize(200, int(QFontMetrics(option.font).height() * 2.0))
        rating_lines = 0
        if index.data(TimelineRole.ALLIANCE_BARS):
            rating_lines = 3 if index.data(TimelineRole.ALLIANCE_NOTE) else 2
        return QSize(200, self._height(option.font, rating_lines))

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
        painter.setPen(heading_colour(option.palette))
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
        card_line = str(index.data(TimelineRole.CARD_LINE) or "")
        painter.setPen(text_colour if first_line else soft)
        painter.drawText(second, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         QFontMetrics(font).elidedText(card_line, Qt.TextElideMode.ElideRight,
                                                       int(second.width())))

        third = QRectF(inner.left(), second.bottom() + GAP, inner.width(), line)
        groups = index.data(TimelineRole.ALLIANCE_BARS)
        if groups:
            third.setHeight(inner.bottom() - third.top())
            self._paint_ratings(painter, third, groups, str(index.data(TimelineRole.ALLIANCE_NOTE) or ""),
                                colour, soft, palette)
        else:
            painter.setPen(soft)
            fields = str(index.data(TimelineRole.KEY_FIELDS) or "") if first_line else ""
            painter.drawText(third, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             QFontMetrics(font).elidedText(fields,
                                                           Qt.TextElideMode.ElideRight, int(third.width())))

    @staticmethod
    def _paint_ratings(painter: QPainter, rect: QRectF, groups: list[RatingGroup], note: str,
                       colour: QColor, soft: QColor, palette: QPalette) -> None:
        """One line per direction: its label, then each rating's label and five dots.

        Columns line up across the two lines (trust under trust, respect under respect).
        Only when the card is too narrow are the labels shortened, all by the same share;
        the dots always keep their size.
        """
        small = small_font(painter.font())
        painter.setFont(small)
        metrics = QFontMetrics(small)
        line = metrics.height()
        dots_width = 5 * DOT + 4 * DOT_GAP
        columns = max(len(ratings) for _direction, ratings in groups)
        group_width = max(metrics.horizontalAdvance(direction) for direction, _r in groups) + 2
        label_widths = [max(metrics.horizontalAdvance(ratings[c][0]) for _d, ratings in groups
                            if c < len(ratings)) + 2 for c in range(columns)]
        fixed = GROUP_GAP + columns * (LABEL_GAP + dots_width) + (columns - 1) * BAR_GAP
        share = min(1.0, max(0.0, (rect.width() - fixed) / max(1, group_width + sum(label_widths))))
        track = blend(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.2)
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        top = rect.top()
        for direction, ratings in groups:
            painter.setPen(soft)
            width = int(group_width * share)
            painter.drawText(QRectF(rect.left(), top, width, line), left,
                             metrics.elidedText(direction, Qt.TextElideMode.ElideRight, width))
            x = rect.left() + width + GROUP_GAP
            for (label, value), natural in zip(ratings, label_widths, strict=False):
                width = int(natural * share)
                painter.setPen(soft)
                painter.drawText(QRectF(x, top, width, line), left,
                                 metrics.elidedText(label, Qt.TextElideMode.ElideRight, width))
                x += width + LABEL_GAP
                if value is None:  # not rated: a dash, never a number of dots
                    painter.setPen(soft)
                    painter.drawText(QRectF(x, top, dots_width, line), left, NOT_RATED_MARK)
                    x += dots_width + BAR_GAP
                    continue
                y = top + line / 2 - DOT / 2
                painter.setPen(Qt.PenStyle.NoPen)
                for dot in range(5):
                    painter.setBrush(colour if dot < value else track)
                    painter.drawRoundedRect(QRectF(x + dot * (DOT + DOT_GAP), y, DOT, DOT), 1.5, 1.5)
                x += dots_width + BAR_GAP
            top += line + GAP
        if note:
            painter.setPen(soft)
            painter.drawText(QRectF(rect.left(), top, rect.width(), line), left,
                             metrics.elidedText(note[:1].upper() + note[1:], Qt.TextElideMode.ElideRight,
                                                int(rect.width())))
