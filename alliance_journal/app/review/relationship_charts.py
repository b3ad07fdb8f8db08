"""The Relationship charts: transference lanes, alliance, countertransference, container.

Each chart knows its height and paints itself into a rectangle, returning its hit areas.
The widget and the PDF call the very same `paint`. A rating that was not given breaks
its line (a gap); nothing is drawn for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF

from alliance_journal.app.review.chart_frame import (
    ChartStyle,
    Hit,
    TimeScale,
    draw_legend,
    draw_text,
    draw_time_axis,
    draw_value_grid,
    line_height,
    series_colour,
    status_colour,
    value_y,
)
from alliance_journal.domain.vocabulary import ContainerEvent, Repair, Rupture, label
from alliance_journal.services.review.alliance import AllianceChart, RatingPoint, RatingSeries
from alliance_journal.services.review.basis import EntryRef
from alliance_journal.services.review.container import ContainerChart
from alliance_journal.services.review.countertransference import (
    CountertransferenceChart,
    factor_keys,
)
from alliance_journal.services.review.transference import Lane, statuses

#: Room on the left for lane names and value labels, the same in every chart so their
#: time axes line up.
LEFT = 150.0
RIGHT_PAD = 16.0
AXIS = 26.0


def _scale(rect: QRectF, first: date, last: date) -> TimeScale:
    return TimeScale(first, max(last, first + timedelta(days=1)), rect.left() + LEFT,
                     rect.right() - RIGHT_PAD)


def _hover(ref: EntryRef, what: str) -> str:
    words = f": {ref.first_words}" if ref.first_words else ""
    return f"{ref.day:%d %b %Y} · {what}{words}"


class LanesChart:
    LANE = 28.0

    def __init__(self, lanes: Sequence[Lane], first: date, last: date) -> None:
        self.lanes, self.first, self.last = lanes, first, last

    def height(self) -> float:
        return 30 + max(len(self.lanes), 1) * self.LANE + AXIS

    def paint(self, p: QPainter, rect: QRectF, style: ChartStyle) -> list[Hit]:
        order = statuses()
        legend = [(label(s), status_colour(i)) for i, s in enumerate(order)]
        top = draw_legend(p, rect.left() + LEFT, rect.top() + line_height(p), legend, style,
                          rect.right())
        scale = _scale(rect, self.first, self.last)
        hits: list[Hit] = []
        if not self.lanes:
            draw_text(p, rect.left(), top + 16, "No transference entries in this range.", style.muted)
        for row, lane in enumerate(self.lanes):
            y = top + row * self.LANE + self.LANE / 2
            draw_text(p, rect.left(), y + 4, lane.title, style.text)
            p.setPen(QPen(style.grid, 1))
            p.drawLine(QPointF(scale.left, y), QPointF(scale.right, y))
            previous: tuple[float, int] | None = None
            for mark in lane.marks:
                x = scale.x(mark.ref.day)
                index = order.index(mark.status) if mark.status in order else 0
                if previous is not None:
                    p.setPen(QPen(status_colour(previous[1]), 3))
                    p.drawLine(QPointF(previous[0], y), QPointF(x, y))
                previous = (x, index)
            for mark in lane.marks:
                x = scale.x(mark.ref.day)
                index = order.index(mark.status) if mark.status in order else 0
                colour = status_colour(index)
                p.setPen(QPen(style.background, 1.5))
                p.setBrush(colour)
                if mark.changed_from is not None:  # a change: a larger diamond
                    p.drawPolygon(QPolygonF([QPointF(x, y - 9), QPointF(x + 9, y),
                                             QPointF(x, y + 9), QPointF(x - 9, y)]))
                    what = f"{label(mark.changed_from).lower()} → {label(mark.status).lower()}"
                else:
                    p.drawEllipse(QPointF(x, y), 5.5, 5.5)
                    what = label(mark.status).lower()
                hits.append(Hit(QRectF(x - 9, y - 9, 18, 18),
                                _hover(mark.ref, f"{lane.title}, {what}"), (mark.ref,)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        draw_time_axis(p, scale, top + max(len(self.lanes), 1) * self.LANE + 2, style)
        return hits


def _draw_series(p: QPainter, rect: QRectF, scale: TimeScale, series: RatingSeries,
                 colour: QColor, dashed: bool, hits: list[Hit]) -> None:
    pen = QPen(colour, 2)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    path = QPainterPath()
    pen_down = False
    for point in series.points:
        if point.value is None:  # not rated: a gap, the line lifts
            pen_down = False
            continue
        at = QPointF(scale.x(point.ref.day), value_y(rect, point.value, 1, 5))
        if pen_down:
            path.lineTo(at)
        else:
            path.moveTo(at)
            pen_down = True
        hits.append(Hit(QRectF(at.x() - 5, at.y() - 5, 10, 10),
                        _hover(point.ref, f"{series.title} {point.value}"), (point.ref,)))
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)
    p.setBrush(colour)
    p.setPen(Qt.PenStyle.NoPen)
    for point in series.rated:
        p.drawEllipse(QPointF(scale.x(point.ref.day), value_y(rect, point.value or 0, 1, 5)), 3, 3)


class AllianceChartView:
    PLOT = 200.0

    def __init__(self, chart: AllianceChart, first: date, last: date) -> None:
        self.chart, self.first, self.last = chart, first, last

    def height(self) -> float:
        return 44 + self.PLOT + 34 + AXIS

    def paint(self, p: QPainter, rect: QRectF, style: ChartStyle) -> list[Hit]:
        chart = self.chart
        every = (*chart.ratings, *chart.working)
        legend = [(s.title, series_colour(i)) for i, s in enumerate(every)]
        top = draw_legend(p, rect.left() + LEFT, rect.top() + line_height(p), legend, style,
                          rect.right()) + 6
        scale = _scale(rect, self.first, self.last)
        plot = QRectF(scale.left, top, scale.right - scale.left, self.PLOT)
        draw_value_grid(p, plot, 1, 5, style, LEFT)
        hits: list[Hit] = []
        if not chart.checks:
            draw_text(p, rect.left(), top + 20, "No alliance checks in this range.", style.muted)
        for gap in chart.gaps:  # liking well above trust or respect: shaded
            if gap.shaded:
                x = scale.x(gap.ref.day)
                y1, y2 = value_y(plot, gap.liking, 1, 5), value_y(plot, gap.lowest, 1, 5)
                band = QRectF(x - 8, y1, 16, y2 - y1)
                p.fillRect(band, style.shade)
                hits.append(Hit(band, _hover(gap.ref, f"liking {gap.liking}, trust or respect "
                                                     f"{gap.lowest}"), (gap.ref,)))
        by_value: dict[int, list[str]] = {}
        for line in chart.alert_lines:
            by_value.setdefault(line.value, []).append(line.title)
        for value, titles in by_value.items():  # the nudges' thresholds
            y = value_y(plot, value, 1, 5)
            pen = QPen(style.alert, 1.2, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            draw_text(p, rect.left(), y + 4, "nudge at ≤ " + str(value), style.alert)
            hits.append(Hit(QRectF(plot.left(), y - 3, plot.width(), 6), "; ".join(titles), ()))
        for index, series in enumerate(every):
            _draw_series(p, plot, scale, series, series_colour(index),
                         series in chart.working, hits)
        marks_y = plot.bottom() + 18
        draw_text(p, rect.left(), marks_y + 4, "Ruptures ▼  repairs ●", style.muted)
        for rupture in chart.ruptures:
            x = scale.x(rupture.ref.day)
            colour = style.alert if not rupture.repaired else style.muted
            p.setPen(QPen(colour, 1.5))
            p.setBrush(colour if rupture.rupture is Rupture.CONFRONTATION else Qt.BrushStyle.NoBrush)
            p.drawPolygon(QPolygonF([QPointF(x - 7, marks_y - 7), QPointF(x + 7, marks_y - 7),
                                     QPointF(x, marks_y + 5)]))
            state = "repaired since" if rupture.repaired else "not yet repaired"
            hits.append(Hit(QRectF(x - 8, marks_y - 8, 16, 16), _hover(
                rupture.ref, f"{label(rupture.rupture).lower()} rupture, {state}"), (rupture.ref,)))
        for repair in chart.repairs:
            x = scale.x(repair.ref.day)
            colour = QColor("#009E73")
            p.setPen(QPen(colour, 1.5))
            p.setBrush(colour if repair.repair is Repair.RESOLVED else Qt.BrushStyle.NoBrush)
            p.drawEllipse(QPointF(x, marks_y + 12), 4.5, 4.5)
            hits.append(Hit(QRectF(x - 6, marks_y + 6, 12, 12),
                            _hover(repair.ref, f"repair {label(repair.repair).lower()}"), (repair.ref,)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        draw_time_axis(p, scale, marks_y + 22, style)
        return hits


def _month_span(scale: TimeScale, month: date) -> tuple[float, float]:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    left = scale.x(max(month, scale.first))
    right = scale.x(min(following, scale.last))
    return left + 1, max(right - 1, left + 3)


#: Per month, the stacked parts: (name, colour, the entries behind the part).
MonthParts = Sequence[tuple[date, list[tuple[str, QColor, tuple[EntryRef, ...]]]]]


def _stacked(p: QPainter, plot: QRectF, scale: TimeScale, months: MonthParts, peak: int,
             hits: list[Hit]) -> None:
    top_value = max(peak, 1)
    for month, parts in months:
        left, right = _month_span(scale, month)
        bottom = plot.bottom()
        for name, colour, refs in parts:
            if not refs:
                continue
            height = len(refs) / top_value * plot.height()
            bar = QRectF(left, bottom - height, right - left, height)
            p.fillRect(bar, colour)
            hits.append(Hit(bar, f"{month:%b %Y} · {name}: {len(refs)}", refs))
            bottom -= height


class CountertransferenceChartView:
    BARS = 120.0
    INTENSITY = 70.0

    def __init__(self, chart: CountertransferenceChart, first: date, last: date) -> None:
        self.chart, self.first, self.last = chart, first, last

    def height(self) -> float:
        return 44 + self.BARS + 14 + self.INTENSITY + AXIS

    def paint(self, p: QPainter, rect: QRectF, style: ChartStyle) -> list[Hit]:
        keys = factor_keys()
        legend = [(k, series_colour(i)) for i, k in enumerate(keys)]
        top = draw_legend(p, rect.left() + LEFT, rect.top() + line_height(p), legend, style,
                          rect.right()) + 6
        scale = _scale(rect, self.first, self.last)
        bars = QRectF(scale.left, top, scale.right - scale.left, self.BARS)
        peak = max(self.chart.peak_month, 1)
        draw_value_grid(p, bars, 0, peak, style, LEFT, step=max(1, peak // 4))
        draw_text(p, rect.left(), top + 12, "Reactions by TRQ", style.text)
        draw_text(p, rect.left(), top + 12 + line_height(p), "factor, per month", style.muted)
        hits: list[Hit] = []
        months = [(m.month, [(k, series_colour(i), m.refs.get(k, ())) for i, k in enumerate(keys)])
                  for m in self.chart.months]
        _stacked(p, bars, scale, months, peak, hits)
        plot = QRectF(scale.left, bars.bottom() + 14, bars.width(), self.INTENSITY)
        draw_value_grid(p, plot, 1, 5, style, LEFT, step=2)
        draw_text(p, rect.left(), plot.top() + 12, "Intensity", style.text)
        series = RatingSeries("intensity", "Intensity",
                              tuple(RatingPoint(pt.ref, pt.value) for pt in self.chart.intensity))
        _draw_series(p, plot, scale, series, QColor("#D55E00"), False, hits)
        draw_time_axis(p, scale, plot.bottom() + 2, style)
        return hits


class ContainerChartView:
    BARS = 90.0
    LATE = 70.0

    def __init__(self, chart: ContainerChart, first: date, last: date) -> None:
        self.chart, self.first, self.last = chart, first, last

    def height(self) -> float:
        return 44 + self.BARS + 14 + self.LATE + AXIS

    def paint(self, p: QPainter, rect: QRectF, style: ChartStyle) -> list[Hit]:
        events = list(ContainerEvent)
        legend = [(label(e), series_colour(i)) for i, e in enumerate(events)
                  if any(m.event is e for m in self.chart.events)]
        top = draw_legend(p, rect.left() + LEFT, rect.top() + line_height(p),
                          legend or [("no events", style.grid)], style, rect.right()) + 6
        scale = _scale(rect, self.first, self.last)
        bars = QRectF(scale.left, top, scale.right - scale.left, self.BARS)
        peak = max(self.chart.peak_month, 1)
        draw_value_grid(p, bars, 0, peak, style, LEFT, step=max(1, peak // 3))
        draw_text(p, rect.left(), top + 12, "Events per month", style.text)
        hits: list[Hit] = []
        months = [(m.month, [(label(e), series_colour(i), m.refs.get(e, ()))
                             for i, e in enumerate(events)]) for m in self.chart.months]
        _stacked(p, bars, scale, months, peak, hits)
        plot = QRectF(scale.left, bars.bottom() + 14, bars.width(), self.LATE)
        late = self.chart.late
        most = max((m.minutes_late or 0 for m in late), default=0)
        high = max(15, ((most + 14) // 15) * 15)
        draw_value_grid(p, plot, 0, high, style, LEFT, step=max(high // 3, 1))
        draw_text(p, rect.left(), plot.top() + 12, "Minutes late", style.text)
        draw_text(p, rect.left(), plot.top() + 12 + line_height(p), "● addressed ○ not",
                  style.muted)
        colour = series_colour(0)
        for mark in late:
            at = QPointF(scale.x(mark.ref.day), value_y(plot, mark.minutes_late or 0, 0, high))
            p.setPen(QPen(colour, 1.5))
            p.setBrush(QBrush(colour) if mark.addressed else Qt.BrushStyle.NoBrush)
            p.drawEllipse(at, 4.5, 4.5)
            state = "addressed" if mark.addressed else "not addressed"
            hits.append(Hit(QRectF(at.x() - 6, at.y() - 6, 12, 12),
                            _hover(mark.ref, f"{mark.minutes_late} minutes late, {state}"),
                            (mark.ref,)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        draw_time_axis(p, scale, plot.bottom() + 2, style)
        return hits
