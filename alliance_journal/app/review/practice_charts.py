"""My practice charts: countertransference by factor per client (a heat map), strain by week."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from alliance_journal.app.review.chart_frame import (
    ChartStyle,
    Hit,
    draw_text,
    draw_value_grid,
    line_height,
)
from alliance_journal.services.review.practice import PracticeOverview

HEAT = QColor("#D55E00")
LEFT = 110.0


class HeatMapChart:
    ROW = 24.0
    HEADER = 64.0

    def __init__(self, practice: PracticeOverview) -> None:
        self.practice = practice

    def height(self) -> float:
        return self.HEADER + max(len(self.practice.clients), 1) * self.ROW + 8

    def paint(self, p: QPainter, rect: QRectF, style: ChartStyle) -> list[Hit]:
        practice = self.practice
        factors = practice.factors
        width = (rect.width() - LEFT) / max(len(factors), 1)
        hottest = max(practice.hottest, 1)
        metrics = QFontMetricsF(p.font())
        for column, factor in enumerate(factors):  # two-line headers: "helpless/" "inadequate"
            x = rect.left() + LEFT + column * width + 4
            words = factor.replace("/", "/ ").split(" ", 1)
            for line, text in enumerate(words):
                draw_text(p, x, rect.top() + 20 + line * line_height(p),
                          metrics.elidedText(text.strip(), Qt.TextElideMode.ElideRight, width - 6),
                          style.text)
        hits: list[Hit] = []
        if not practice.clients:
            draw_text(p, rect.left(), rect.top() + self.HEADER + 16, "No active clients.", style.muted)
        for row, client in enumerate(practice.clients):
            y = rect.top() + self.HEADER + row * self.ROW
            draw_text(p, rect.left(), y + self.ROW / 2 + 4, client.code, style.text)
            for column, factor in enumerate(factors):
                cell_rect = QRectF(rect.left() + LEFT + column * width + 1, y + 1, width - 2,
                                   self.ROW - 2)
                cell = practice.cell(client.id, factor)
                count = cell.count if cell else 0
                colour = QColor(HEAT)
                colour.setAlphaF(0.08 + 0.8 * count / hottest if count else 0.0)
                p.fillRect(cell_rect, colour if count else style.grid)
                if count:
                    ink = QColor("#ffffff") if count / hottest > 0.55 else style.text
                    draw_text(p, cell_rect.center().x(), cell_rect.center().y() + 4, str(count),
                              ink, Qt.AlignmentFlag.AlignHCenter)
                    hits.append(Hit(cell_rect, f"{client.code} · {factor}: {count} "
                                               f"{'entry' if count == 1 else 'entries'}",
                                    cell.refs if cell else ()))
        return hits


class StrainChart:
    PLOT = 110.0

    def __init__(self, practice: PracticeOverview) -> None:
        self.practice = practice

    def height(self) -> float:
        return self.PLOT + 40

    def paint(self, p: QPainter, rect: QRectF, style: ChartStyle) -> list[Hit]:
        weeks = self.practice.strain
        peak = max((len(w.refs) for w in weeks), default=0)
        high = max(peak, 3)
        plot = QRectF(rect.left() + LEFT, rect.top() + 10, rect.width() - LEFT - 10, self.PLOT)
        draw_value_grid(p, plot, 0, high, style, LEFT, step=max(1, high // 3))
        draw_text(p, rect.left(), plot.top() + 12, "Strain reactions", style.text)
        draw_text(p, rect.left(), plot.top() + 12 + line_height(p), "per week", style.muted)
        hits: list[Hit] = []
        width = plot.width() / max(len(weeks), 1)
        for index, week in enumerate(weeks):
            x = plot.left() + index * width
            if week.refs:
                height = len(week.refs) / high * plot.height()
                bar = QRectF(x + 1, plot.bottom() - height, max(width - 2, 2), height)
                p.fillRect(bar, HEAT)
                hits.append(Hit(bar, f"week of {week.week:%d %b %Y}: {len(week.refs)} "
                                     f"strain {'reaction' if len(week.refs) == 1 else 'reactions'}",
                                week.refs))
            if index % 4 == 0:
                p.setPen(QPen(style.grid, 1))
                draw_text(p, x, plot.bottom() + 16, f"{week.week:%d %b}", style.muted)
        return hits
