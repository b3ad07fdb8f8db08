"""A widget that shows one chart: it paints it, says what is under the mouse, opens on click."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from alliance_journal.app.review.chart_frame import ChartStyle, Hit


class Chart(Protocol):
    def height(self) -> float: ...

    def paint(self, p: QPainter, rect: QRectF, style: ChartStyle) -> list[Hit]: ...


class ChartCanvas(QWidget):
    """Hover shows the date and first words; a click opens the entries behind the mark."""

    open_entries = Signal(object)  # tuple[EntryRef, ...]

    def __init__(self, chart: Chart, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(name.replace("_", " "))
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.chart = chart
        self.hits: list[Hit] = []
        self.setMinimumHeight(int(chart.height()))
        self.setMinimumWidth(360)

    def set_chart(self, chart: Chart) -> None:
        self.chart = chart
        self.hits = []
        self.setMinimumHeight(int(chart.height()))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, int(self.chart.height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        style = ChartStyle.from_palette(self.palette(), self.font())
        self.hits = self.chart.paint(painter, QRectF(self.rect()).adjusted(8, 0, -8, 0), style)
        painter.end()

    def hit_at(self, point: QPoint) -> Hit | None:
        for hit in reversed(self.hits):  # the last painted is on top
            if hit.rect.contains(point.toPointF()):
                return hit
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position().toPoint())
        if hit is None:
            QToolTip.hideText()
            self.unsetCursor()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), hit.text, self)
            self.setCursor(Qt.CursorShape.PointingHandCursor if hit.refs
                           else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position().toPoint())
        if hit is not None and hit.refs and event.button() is Qt.MouseButton.LeftButton:
            self.open_entries.emit(hit.refs)
