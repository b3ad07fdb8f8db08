"""The Relationship tab: one client's relationship over time, for a chosen range.

It only shows what it is given (`show_overview`); the controller reads the vault. A
click on any mark opens its entry; a bar with several entries offers them in a menu.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from alliance_journal.app.review.chart_canvas import ChartCanvas
from alliance_journal.app.review.page_layout import lay_out_review_page
from alliance_journal.app.review.range_chooser import RangeChooser
from alliance_journal.app.review.relationship_charts import (
    AllianceChartView,
    ContainerChartView,
    CountertransferenceChartView,
    LanesChart,
)
from alliance_journal.app.review.summary_html import attendance_text, ccrt_html, evoked_html
from alliance_journal.app.widgets.painting import make_heading
from alliance_journal.services.review.alliance import AllianceChart
from alliance_journal.services.review.basis import DateRange, EntryRef
from alliance_journal.services.review.container import ContainerChart
from alliance_journal.services.review.countertransference import CountertransferenceChart
from alliance_journal.services.review.overview import RelationshipOverview

#: (label, days back); None = everything. "Custom range…" follows them.
RANGES: tuple[tuple[str, int | None], ...] = (
    ("All time", None), ("Past 3 months", 91), ("Past 6 months", 183), ("Past 12 months", 365))
_EMPTY = date(2000, 1, 1)


def menu_choice(menu: QMenu) -> QAction | None:
    """Where the menu of several entries is shown and answered (at the mouse)."""
    return menu.exec(QCursor.pos())


def choose_entry(refs: tuple[EntryRef, ...], parent: QWidget) -> EntryRef | None:
    """One entry opens at once; several are offered in a menu at the mouse."""
    if len(refs) == 1:
        return refs[0]
    menu = QMenu(parent)
    for ref in refs[:40]:
        action = menu.addAction(f"{ref.day:%d %b %Y} · {ref.first_words or '(no text)'}")
        action.setData(ref)
    chosen = menu_choice(menu)
    data = chosen.data() if chosen is not None else None
    return data if isinstance(data, EntryRef) else None


class RelationshipPanel(QWidget):
    range_changed = Signal()
    open_entry = Signal(object)  # EntryRef

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relationship_panel")
        self.title = make_heading(QLabel("Relationship over time", self))
        #: The range is kept here, for every client, while the app runs (dates only).
        self.range = RangeChooser(RANGES, "relationship_range", "Range of the relationship charts",
                                  parent=self)
        self.range_combo = self.range.combo
        self.range.changed.connect(self.range_changed)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.lanes = ChartCanvas(LanesChart((), _EMPTY, _EMPTY), "transference_lanes")
        self.ccrt = self._rich("ccrt_summary")
        self.alliance = ChartCanvas(AllianceChartView(
            AllianceChart((), (), (), (), (), (), ()), _EMPTY, _EMPTY), "alliance_chart")
        self.countertransference = ChartCanvas(CountertransferenceChartView(
            CountertransferenceChart((), (), ()), _EMPTY, _EMPTY), "countertransference_chart")
        self.evoked = self._rich("evoked_list")
        self.container = ChartCanvas(ContainerChartView(ContainerChart((), (), None), _EMPTY, _EMPTY),
                                     "container_chart")
        self.attendance = QLabel(self)
        self.attendance.setObjectName("attendance")
        for canvas in (self.lanes, self.alliance, self.countertransference, self.container):
            canvas.open_entries.connect(self._open)

        self.scroller = lay_out_review_page(self, self.title, self.range, self.message, (
            ("Transference by figure", (self.lanes,)),
            ("Core conflictual relationship theme, per figure", (self.ccrt,)),
            ("Alliance", (self.alliance,)),
            ("Countertransference", (self.countertransference, self.evoked)),
            ("Container", (self.attendance, self.container)),
        ), spacing=8)

    def _rich(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def date_range(self, today: date) -> DateRange:
        return self.range.date_range(today)

    def show_overview(self, overview: RelationshipOverview, client_label: str) -> None:
        first, last = overview.first_day, overview.last_day
        self.range.show_span(first, last)
        self.title.setText(f"Relationship over time · {client_label}")
        self.message.hide()
        self.scroller.show()
        self.lanes.set_chart(LanesChart(overview.lanes, first, last))
        self.ccrt.setText(ccrt_html(overview.ccrt))
        self.alliance.set_chart(AllianceChartView(overview.alliance, first, last))
        self.countertransference.set_chart(
            CountertransferenceChartView(overview.countertransference, first, last))
        self.evoked.setText(evoked_html(overview.countertransference.evoked))
        self.container.set_chart(ContainerChartView(overview.container, first, last))
        self.attendance.setText(attendance_text(overview.container.attendance))

    def show_message(self, text: str) -> None:
        """No client (My journal, or locked): say so instead of drawing empty charts."""
        self.title.setText("Relationship over time")
        self.message.setText(text)
        self.message.show()
        self.scroller.hide()
        self.clear()

    def clear(self) -> None:
        """Forget the decrypted words the charts and tables hold (on lock, or no client)."""
        self.lanes.set_chart(LanesChart((), _EMPTY, _EMPTY))
        self.alliance.set_chart(AllianceChartView(AllianceChart((), (), (), (), (), (), ()),
                                                  _EMPTY, _EMPTY))
        self.countertransference.set_chart(CountertransferenceChartView(
            CountertransferenceChart((), (), ()), _EMPTY, _EMPTY))
        self.container.set_chart(ContainerChartView(ContainerChart((), (), None), _EMPTY, _EMPTY))
        for label in (self.ccrt, self.evoked, self.attendance):
            label.clear()

    def _open(self, refs: tuple[EntryRef, ...]) -> None:
        ref = choose_entry(refs, self)
        if ref is not None:
            self.open_entry.emit(ref)
