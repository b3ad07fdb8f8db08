"""Chips: small rounded checkable buttons, for every "pick from these" control.

Feelings, signals and themes, the 1–5 rating segments and the timeline's kind filter
all look the same. Chips paint themselves from the current palette (no style sheet:
Qt fixes a style sheet's colours when it is set, so a live theme change would leave
them behind). A choice chip is filled with the accent colour when on; a filter chip,
on by default, is quiet when on and dashed when off.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QToolButton, QWidget

from alliance_journal.app.widgets.painting import blend

PAD_X, PAD_Y, ICON_GAP = 9, 3, 4


class Chip(QToolButton):
    def __init__(self, parent: QWidget, *, filter_chip: bool = False) -> None:
        super().__init__(parent)
        self._filter_chip = filter_chip
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        width = metrics.horizontalAdvance(self.text()) + 2 * PAD_X
        if not self.icon().isNull():
            width += self.iconSize().width() + ICON_GAP
        height = max(metrics.height(), self.iconSize().height() if not self.icon().isNull() else 0)
        return QSize(max(width, height + 2 * PAD_Y + 6), height + 2 * PAD_Y + 2)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        group = QPalette.ColorGroup.Active if self.isEnabled() else QPalette.ColorGroup.Disabled
        text, base = palette.color(group, QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        border = blend(text, base, 0.3)
        on = self.isChecked()
        pen = QPen(accent if self.underMouse() or self.hasFocus() else border, 1.0)
        if self._filter_chip:
            fill = base if on else QColor(Qt.GlobalColor.transparent)
            ink = text if on else blend(text, base, 0.5)
            if not on:
                pen.setStyle(Qt.PenStyle.DashLine)
        else:
            fill = accent if on else base
            ink = palette.color(group, QPalette.ColorRole.HighlightedText) if on else text
            if on and not self.underMouse() and not self.hasFocus():
                pen.setColor(accent)
        if not self.isEnabled() and on and not self._filter_chip:
            fill = blend(accent, base, 0.45)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = rect.height() / 2
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, radius, radius)

        x = PAD_X
        if not self.icon().isNull():
            size = self.iconSize()
            pixmap = self.icon().pixmap(size, self.devicePixelRatioF())
            painter.drawPixmap(x, (self.height() - size.height()) // 2, pixmap)
            x += size.width() + ICON_GAP
        painter.setPen(ink)
        painter.drawText(QRectF(x, 0, self.width() - x - PAD_X + 1, self.height()),
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), self.text())


def make_chip(text: str, parent: QWidget, name: str, *, focusable: bool = False,
              filter_chip: bool = False) -> Chip:
    chip = Chip(parent, filter_chip=filter_chip)
    chip.setText(text)
    chip.setObjectName(name)
    chip.setAccessibleName(text)
    if not focusable:
        chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return chip
