"""A search result: a small meta line (client, kind, date), then the highlighted snippet.

Matched words get a marker with its own ink (never the row's text colour, which is white
on a selected row), chosen from the palette the row is painted with.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QFontMetrics, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from alliance_journal.app.search.model import SearchRole, snippet_html
from alliance_journal.app.widgets.kind_style import paint_kind_badge
from alliance_journal.app.widgets.painting import paint_row_background, secondary
from alliance_journal.app.widgets.theme import match_colours
from alliance_journal.domain.entries import EntryKind

Index = QModelIndex | QPersistentModelIndex
PAD_X, PAD_Y, GAP = 10, 6, 3
SNIPPET_LINES = 2


class SearchHitDelegate(QStyledItemDelegate):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(200, PAD_Y * 2 + line * (1 + SNIPPET_LINES) + GAP + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        text_colour = paint_row_background(self, painter, option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        line = QFontMetrics(option.font).lineSpacing()
        rect = QRectF(option.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y))

        badge = QRectF(rect.left(), rect.top() + line * 0.1, line * 0.8, line * 0.8)
        paint_kind_badge(painter, badge, EntryKind(index.data(SearchRole.KIND)))
        meta_rect = QRectF(badge.right() + 6, rect.top(), rect.width() - badge.width() - 6, line)
        painter.setFont(option.font)
        painter.setPen(text_colour if selected else secondary(palette))
        painter.drawText(meta_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         QFontMetrics(option.font).elidedText(str(index.data(SearchRole.META)),
                                                              Qt.TextElideMode.ElideRight,
                                                              int(meta_rect.width())))

        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setTextWidth(rect.width())
        document.setHtml(snippet_html(str(index.data(SearchRole.SNIPPET) or ""),
                                      *match_colours(palette)))
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text_colour)
        clip = QRectF(0, 0, rect.width(), line * SNIPPET_LINES)
        context.clip = clip
        painter.translate(QPointF(rect.left(), rect.top() + line + GAP))
        painter.setClipRect(clip)
        document.documentLayout().draw(painter, context)
        painter.restore()
