"""The supervision report as PDF: the Markdown report's own lines, laid out, with vector charts.

The text is `report_markdown.markdown_lines` (the same de-identified words as the .md
file), set in pages by QPainter on a QPdfWriter that writes into memory; each part's
chart is painted by the very code the Relationship tab uses. The bytes are handed back
for an atomic write, so no plaintext ever sits in a temporary file.

Runs on a worker thread in the window (progress and cancel), and headless from the
command line (an offscreen QGuiApplication is made when none exists).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from alliance_journal.app.review.chart_canvas import Chart
from alliance_journal.app.review.chart_frame import ChartStyle
from alliance_journal.app.review.relationship_charts import (
    AllianceChartView,
    ContainerChartView,
    CountertransferenceChartView,
    LanesChart,
)
from alliance_journal.errors import OperationCancelledError
from alliance_journal.services.review.report import SupervisionReport
from alliance_journal.services.review.report_markdown import markdown_lines

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
#: Pixels per inch of the page: the charts are drawn in the same units as on screen.
RESOLUTION = 96
_PROGRESS_EVERY = 100


def ensure_gui_application() -> None:
    """Fonts need a QGuiApplication; the command line has none, so make an offscreen one."""
    if QGuiApplication.instance() is None:
        QGuiApplication([sys.argv[0] if sys.argv else "alliance-journal", "-platform", "offscreen"])


def section_charts(report: SupervisionReport) -> dict[str, Chart]:
    o = report.overview
    first, last = o.first_day, o.last_day
    return {
        "## Transference by figure": LanesChart(o.lanes, first, last),
        "## Alliance": AllianceChartView(o.alliance, first, last),
        "## Countertransference": CountertransferenceChartView(o.countertransference, first, last),
        "## Container": ContainerChartView(o.container, first, last),
    }


class _Pages:
    """A y cursor down the page that starts a new page when the next thing will not fit."""

    def __init__(self, writer: QPdfWriter, painter: QPainter) -> None:
        self.writer, self.p = writer, painter
        self.area = QRectF(writer.pageLayout().paintRectPixels(RESOLUTION))
        self.area.moveTo(0, 0)
        self.y = 0.0
        base = QFont("DejaVu Sans")
        base.setPointSizeF(9)
        self.fonts = {"body": base, "h1": _sized(base, 15, True), "h2": _sized(base, 12.5, True),
                      "h3": _sized(base, 10.5, True), "small": _sized(base, 8, False)}
        italic = QFont(base)
        italic.setItalic(True)
        self.fonts["italic"] = italic
        self.measures = {name: Measure(QFontMetricsF(font, writer)) for name, font in self.fonts.items()}
        self._font = ""
        painter.setPen(QColor("#222222"))

    def room(self, height: float) -> None:
        if self.y + height > self.area.height() and self.y > 0:
            self.writer.newPage()
            self.y = 0.0

    def text(self, text: str, font: str = "body", indent: float = 0, after: float = 2) -> None:
        if font != self._font:  # a state change costs a call into Qt; most lines share one
            self.p.setFont(self.fonts[font])
            self._font = font
        measure = self.measures[font]
        metrics = measure.metrics
        for line in wrap(text, measure, self.area.width() - indent):
            self.room(metrics.height())
            self.p.drawText(QPointF(indent, self.y + metrics.ascent()), line)
            self.y += metrics.height()
        self.y += after

    def chart(self, chart: Chart, style: ChartStyle) -> None:
        height = chart.height()
        self.room(height)
        self.p.save()
        self.p.setFont(self.fonts["small"])
        chart.paint(self.p, QRectF(0, self.y, self.area.width(), height), style)
        self.p.restore()
        self.y += height + 8


def _sized(font: QFont, points: float, bold: bool) -> QFont:
    sized = QFont(font)
    sized.setPointSizeF(points)
    sized.setBold(bold)
    return sized


class Measure:
    """Word widths for one font, each measured once: wrapping 2,000 entries measures the
    same few thousand words again and again, and each measurement is a call into Qt."""

    def __init__(self, metrics: QFontMetricsF) -> None:
        self.metrics = metrics
        self.space = metrics.horizontalAdvance(" ")
        self._widths: dict[str, float] = {}

    def __call__(self, word: str) -> float:
        width = self._widths.get(word)
        if width is None:
            width = self._widths[word] = self.metrics.horizontalAdvance(word)
        return width


def wrap(text: str, measure: Measure, width: float) -> list[str]:
    """Greedy word wrap; a word longer than the line is cut where it must be.

    Line widths are summed from word widths (kerning across a space is ignored), with a
    little room kept so a line measured whole still fits.
    """
    width *= 0.98
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split(" "):
        size = measure(word)
        if current and used + measure.space + size <= width:
            current.append(word)
            used += measure.space + size
            continue
        if current:
            lines.append(" ".join(current))
        while size > width and len(word) > 1:
            cut = max(1, int(len(word) * width / size) - 1)
            lines.append(word[:cut])
            word = word[cut:]
            size = measure(word)
        current, used = [word], size
    lines.append(" ".join(current))
    return lines


def _table_row(line: str) -> str | None:
    """`| a | b |` as `a · b`; the `|---|` rule as None (not drawn)."""
    if set(line.strip()) <= {"|", "-"}:
        return None
    cells = [c.strip().replace("\\|", "|") for c in line.strip().strip("|").split(" | ")]
    return "   ·   ".join(cells)


def _lay_out(pages: _Pages, lines: list[str], charts: dict[str, Chart], style: ChartStyle,
             progress: Progress, cancelled: Cancelled) -> None:
    total = len(lines)
    for index, line in enumerate(lines):
        if index % _PROGRESS_EVERY == 0:
            if cancelled():
                raise OperationCancelledError("the report was cancelled; no file was written")
            progress(index, total)
        if line.startswith("# "):
            pages.text(line[2:], "h1", after=6)
        elif line.startswith("## "):
            pages.room(80)
            pages.text(line[3:], "h2", after=6)
            if line in charts:
                pages.chart(charts[line], style)
        elif line.startswith("### "):
            pages.room(60)
            pages.text(line[4:], "h3", after=3)
        elif line.startswith("|"):
            row = _table_row(line)
            header = index + 1 < total and lines[index + 1].startswith("|---")
            if row is not None:
                pages.text(row, "h3" if header else "small", after=1)
        elif line.startswith("*") and line.endswith("*") and len(line) > 2:
            pages.text(line.strip("*"), "italic", after=4)
        elif line.startswith("- "):
            pages.text("•  " + line[2:], indent=8)
        elif not line.strip():
            pages.y += 4
        else:
            pages.text(line)
    progress(total, total)


def pdf_report_bytes(report: SupervisionReport, progress: Progress,
                     cancelled: Cancelled) -> bytes:
    """The whole report as PDF bytes, in memory."""
    ensure_gui_application()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(report.title)
    writer.setCreator("Alliance Journal")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait, QMarginsF(16, 16, 16, 16),
                                     QPageLayout.Unit.Millimeter))
    painter = QPainter(writer)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    try:
        pages = _Pages(writer, painter)
        style = ChartStyle.for_print(pages.fonts["small"])
        lines = [line for chunk in markdown_lines(report) for line in chunk.split("\n")]
        _lay_out(pages, lines, section_charts(report), style, progress,
                 cancelled)
    finally:
        painter.end()
    buffer.close()
    return bytes(buffer.data().data())
