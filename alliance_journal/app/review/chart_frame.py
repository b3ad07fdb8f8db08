"""What every chart is drawn with: a style, a time axis, and hit areas for hover and click.

The same functions paint on screen (a widget's QPainter) and into the PDF (a QPdfWriter's),
so the report shows exactly what the window shows. Colours are Okabe-Ito's colour-blind
safe set; a status or series gets its colour by its place in the vocabulary, so a status
added later still gets one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen

from alliance_journal.services.review.basis import EntryRef

SERIES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C6D31",
          "#7F7F7F", "#F0E442")
#: From first noticed (warm) to worked with (cool), by place in the status vocabulary.
STATUS_COLOURS = ("#D55E00", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#CC79A7")


def series_colour(index: int) -> QColor:
    return QColor(SERIES[index % len(SERIES)])


def status_colour(index: int) -> QColor:
    return QColor(STATUS_COLOURS[index % len(STATUS_COLOURS)])


@dataclass(frozen=True, slots=True)
class ChartStyle:
    text: QColor
    muted: QColor
    grid: QColor
    background: QColor
    alert: QColor
    shade: QColor
    font: QFont

    @classmethod
    def from_palette(cls, palette: QPalette, font: QFont) -> ChartStyle:
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        muted = QColor(text)
        muted.setAlphaF(0.6)
        grid = QColor(text)
        grid.setAlphaF(0.15)
        shade = QColor("#D55E00")
        shade.setAlphaF(0.18)
        return cls(text, muted, grid, base, QColor("#C0392B"), shade, font)

    @classmethod
    def for_print(cls, font: QFont) -> ChartStyle:
        shade = QColor("#D55E00")
        shade.setAlphaF(0.18)
        return cls(QColor("#222222"), QColor("#666666"), QColor("#dddddd"), QColor("#ffffff"),
                   QColor("#C0392B"), shade, font)


@dataclass(frozen=True, slots=True)
class Hit:
    """A place on a chart: what hover says about it and the entries a click opens."""

    rect: QRectF
    text: str
    refs: tuple[EntryRef, ...]


@dataclass(frozen=True, slots=True)
class TimeScale:
    """Days to x across `left`..`right`; a one-day range is widened so it has a width."""

    first: date
    last: date
    left: float
    right: float

    def x(self, day: date) -> float:
        span = max((self.last - self.first).days, 1)
        return self.left + (self.right - self.left) * (day - self.first).days / span


def value_y(rect: QRectF, value: float, low: float, high: float) -> float:
    return rect.bottom() - (value - low) / max(high - low, 1e-9) * rect.height()


def draw_text(p: QPainter, x: float, y: float, text: str, colour: QColor,
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
    """Text with its baseline at `y`; right-aligned ends at `x`."""
    p.setPen(colour)
    if align & Qt.AlignmentFlag.AlignRight:
        x -= QFontMetricsF(p.font()).horizontalAdvance(text)
    elif align & Qt.AlignmentFlag.AlignHCenter:
        x -= QFontMetricsF(p.font()).horizontalAdvance(text) / 2
    p.drawText(QPointF(x, y), text)


def draw_time_axis(p: QPainter, scale: TimeScale, y: float, style: ChartStyle) -> None:
    """Month ticks along `y` (every month, or every few when months are many)."""
    p.setPen(QPen(style.grid, 1))
    p.drawLine(QPointF(scale.left, y), QPointF(scale.right, y))
    months = []
    current = scale.first.replace(day=1)
    while current <= scale.last:
        if current >= scale.first:
            months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    step = max(1, len(months) // 12 + (1 if len(months) % 12 else 0)) if len(months) > 12 else 1
    height = QFontMetricsF(p.font()).ascent()
    for month in months[::step]:
        x = scale.x(month)
        p.setPen(QPen(style.grid, 1))
        p.drawLine(QPointF(x, y), QPointF(x, y + 4))
        label = month.strftime("%b %Y" if month.month == 1 or month == months[0] else "%b")
        draw_text(p, x + 2, y + 4 + height, label, style.muted)


def draw_value_grid(p: QPainter, rect: QRectF, low: int, high: int, style: ChartStyle,
                    left_margin: float, step: int = 1) -> None:
    for value in range(low, high + 1, step):
        y = value_y(rect, value, low, high)
        p.setPen(QPen(style.grid, 1))
        p.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        draw_text(p, rect.left() - 6, y + 4, str(value), style.muted, Qt.AlignmentFlag.AlignRight)
    del left_margin


def draw_legend(p: QPainter, x: float, y: float, items: Sequence[tuple[str, QColor]],
                style: ChartStyle, right: float) -> float:
    """Swatches and labels from (x, y), wrapping before `right`; returns the y below them."""
    metrics = QFontMetricsF(p.font())
    line = metrics.height() + 2
    start = x
    for label, colour in items:
        width = 14 + metrics.horizontalAdvance(label) + 14
        if x + width > right and x > start:
            x, y = start, y + line
        p.fillRect(QRectF(x, y - metrics.ascent() + 2, 10, 10), colour)
        draw_text(p, x + 14, y, label, style.text)
        x += width
    return y + line


def line_height(p: QPainter) -> float:
    return QFontMetricsF(p.font()).height()
