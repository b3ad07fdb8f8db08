"""My practice: across all active clients, for the last 90 days (or another range).

Every cell opens what is behind it: a heat-map cell or a strain bar its entries, an
open rupture its alliance check, a client without an alliance check or an attendance
row that client's timeline.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from alliance_journal.app.review.chart_canvas import ChartCanvas
from alliance_journal.app.review.page_layout import lay_out_review_page
from alliance_journal.app.review.practice_charts import HeatMapChart, StrainChart
from alliance_journal.app.review.range_chooser import RangeChooser
from alliance_journal.app.review.relationship_panel import choose_entry
from alliance_journal.app.widgets.painting import make_heading
from alliance_journal.domain.vocabulary import label
from alliance_journal.services.review.basis import DateRange, EntryRef
from alliance_journal.services.review.countertransference import factor_keys
from alliance_journal.services.review.practice import DEFAULT_DAYS, PracticeOverview

#: (label, days back). "Custom range…" follows them.
RANGES: tuple[tuple[str, int | None], ...] = (("Past 30 days", 30), ("Past 90 days", DEFAULT_DAYS),
                                       ("Past 6 months", 183), ("Past 12 months", 365))
_ROLE = Qt.ItemDataRole.UserRole


def _empty() -> PracticeOverview:
    return PracticeOverview(DateRange(), (), factor_keys(), {}, (), (), (), ())


class PracticePanel(QWidget):
    range_changed = Signal()
    open_entry = Signal(object)   # EntryRef
    open_client = Signal(object)  # uuid.UUID

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practice_panel")
        self.title = make_heading(QLabel("My practice", self))
        #: The range is kept here while the app runs (dates only).
        self.range = RangeChooser(RANGES, "practice_range", "Range of My practice",
                                  default_index=1, parent=self)
        self.range_combo = self.range.combo
        self.range.changed.connect(self.range_changed)
        self.heat = ChartCanvas(HeatMapChart(_empty()), "practice_heat_map")
        self.strain = ChartCanvas(StrainChart(_empty()), "practice_strain")
        self.ruptures = self._list("open_ruptures")
        self.unchecked = self._list("no_alliance_check")
        self.attendance = QTableWidget(0, 4, self)
        self.attendance.setObjectName("practice_attendance")
        self.attendance.setHorizontalHeaderLabels(["Client", "Sessions recorded", "Contracted",
                                                   "Attendance"])
        self.attendance.verticalHeader().hide()
        self.attendance.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.attendance.cellActivated.connect(self._attendance_clicked)
        self.attendance.cellClicked.connect(self._attendance_clicked)
        for canvas in (self.heat, self.strain):
            canvas.open_entries.connect(self._open)
        self.message = QLabel(self)
        self.message.setObjectName("practice_message")
        self.message.setWordWrap(True)
        self.scroller = lay_out_review_page(self, self.title, self.range, self.message, (
            ("Countertransference by TRQ factor, per client", (self.heat,)),
            ("Strain over time (resentment, exhaustion, feeling criticised or used)", (self.strain,)),
            ("Ruptures not yet repaired", (self.ruptures,)),
            ("No alliance check in this range", (self.unchecked,)),
            ("Attendance against contract", (self.attendance,)),
        ))

    def _list(self, name: str) -> QListWidget:
        widget = QListWidget(self)
        widget.setObjectName(name)
        widget.setMaximumHeight(140)
        widget.itemActivated.connect(self._item_opened)
        widget.itemClicked.connect(self._item_opened)
        return widget

    def date_range(self, today: date) -> DateRange:
        return self.range.date_range(today)

    def show_practice(self, practice: PracticeOverview) -> None:
        self.message.hide()
        self.scroller.show()
        self.heat.set_chart(HeatMapChart(practice))
        self.strain.set_chart(StrainChart(practice))
        self.ruptures.clear()
        for rupture in practice.open_ruptures:
            item = QListWidgetItem(f"{rupture.client.code} · {label(rupture.rupture)} rupture on "
                                   f"{rupture.ref.day:%d %b %Y}, no resolved repair recorded since")
            item.setData(_ROLE, rupture.ref)
            self.ruptures.addItem(item)
        if not practice.open_ruptures:
            self.ruptures.addItem("None: every rupture in this range has a resolved repair.")
        self.unchecked.clear()
        for client in practice.unchecked:
            item = QListWidgetItem(f"{client.code} · no alliance check in this range")
            item.setData(_ROLE, client.id)
            self.unchecked.addItem(item)
        if not practice.unchecked:
            self.unchecked.addItem("Every active client has an alliance check in this range.")
        self.attendance.setRowCount(len(practice.attendance))
        for row, found in enumerate(practice.attendance):
            a = found.attendance
            values = (found.client.code, "—" if a is None else str(a.recorded),
                      "—" if a is None or a.expected <= 0 else f"{a.expected:.1f}",
                      "no contract" if a is None or a.percent is None else f"{a.percent} %")
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setData(_ROLE, found.client.id)
                self.attendance.setItem(row, column, cell)
        self.attendance.resizeColumnsToContents()
        self.attendance.setMinimumHeight(min(60 + 26 * len(practice.attendance), 320))

    def show_message(self, text: str) -> None:
        """Instead of the charts ("Loading…", or why they could not be read); they are cleared."""
        self.clear()
        self.message.setText(text)
        self.message.show()
        self.scroller.hide()

    def clear(self) -> None:
        """Forget everything (on lock): no decrypted code or count stays on screen."""
        self.show_practice(_empty())

    def _open(self, refs: tuple[EntryRef, ...]) -> None:
        ref = choose_entry(refs, self)
        if ref is not None:
            self.open_entry.emit(ref)

    def _item_opened(self, item: QListWidgetItem) -> None:
        data = item.data(_ROLE)
        if isinstance(data, EntryRef):
            self.open_entry.emit(data)
        elif isinstance(data, uuid.UUID):
            self.open_client.emit(data)

    def _attendance_clicked(self, row: int, column: int) -> None:
        item = self.attendance.item(row, column)
        if item is not None and isinstance(item.data(_ROLE), uuid.UUID):
            self.open_client.emit(item.data(_ROLE))
