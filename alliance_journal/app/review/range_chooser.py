"""A range combo of presets plus "Custom range…", with From/To date edits for the custom one.

The review tabs offered presets only; a clinician preparing supervision wants "from the
start of the work until the summer break". Both days are included, as in the report
dialog (`DateRange`). Typing a date is debounced, so the charts are recomputed once the
user pauses, not on every keystroke. The To edit's minimum follows From, so a range can
never end before it starts; when that moves To, a one-line note says so.

Each tab has its own chooser for the life of the window, so its range is kept while the
app runs (across clients, tabs and locks): only dates, in memory, never stored.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from alliance_journal.app.runtime.throttle import Throttle
from alliance_journal.app.widgets.formatting import DATE_FORMAT
from alliance_journal.app.widgets.painting import make_quiet
from alliance_journal.services.review.basis import DateRange

CUSTOM = "Custom range…"
#: Quiet time after the last change of a date before the charts are recomputed.
DEBOUNCE_MS = 450
#: (label, days back, today included); None = everything.
Presets = tuple[tuple[str, int | None], ...]


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_of(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class RangeChooser(QWidget):
    """The combo (`combo`), and for "Custom range…" the `from_edit`/`to_edit` days."""

    #: The range to show changed (at once for a preset, after a pause for typed dates).
    changed = Signal()

    def __init__(self, presets: Presets, name: str, accessible: str, *, default_index: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}_chooser")
        self._presets = presets
        self._shown_span: tuple[date, date] | None = None
        self._preset_index = default_index
        self.combo = QComboBox(self)
        self.combo.setObjectName(name)
        self.combo.setAccessibleName(accessible)
        for text, days in presets:
            self.combo.addItem(text, days)
        self.combo.addItem(CUSTOM)
        self.combo.setCurrentIndex(default_index)
        today = date.today()
        self.from_label, self.to_label = QLabel("from", self), QLabel("to", self)
        self.from_edit = self._date_edit(f"{name}_from", f"First day shown ({accessible})",
                                         today - timedelta(days=90))
        self.to_edit = self._date_edit(f"{name}_to", f"Last day shown ({accessible})", today)
        self.from_label.setBuddy(self.from_edit)
        self.to_label.setBuddy(self.to_edit)
        self.to_edit.setMinimumDate(self.from_edit.date())
        self.note = make_quiet(QLabel(self))
        self.note.setObjectName(f"{name}_note")
        self._debounce = Throttle(self.changed.emit, DEBOUNCE_MS, parent=self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.note, self.combo, self.from_label, self.from_edit, self.to_label,
                       self.to_edit):
            row.addWidget(widget)
        self.combo.currentIndexChanged.connect(self._chosen)
        self.from_edit.dateChanged.connect(self._from_changed)
        self.to_edit.dateChanged.connect(self._to_changed)
        self._show_custom(False)

    @property
    def custom(self) -> bool:
        return self.combo.currentIndex() == len(self._presets)

    def date_range(self, today: date) -> DateRange:
        """The days to show: the custom days (both included), or the preset up to `today`."""
        if self.custom:
            return DateRange(day_of(self.from_edit.date()), day_of(self.to_edit.date()))
        return self._preset_range(self.combo.currentIndex(), today)

    def show_span(self, first: date, last: date) -> None:
        """The days the charts drew: what "Custom range…" starts from after "All time"."""
        self._shown_span = (first, last)

    def flush(self) -> None:
        """Announce typed dates still waiting for the pause (as Enter would)."""
        self._debounce.flush()

    def _preset_range(self, index: int, today: date) -> DateRange:
        days = self._presets[index][1] if 0 <= index < len(self._presets) else None
        return DateRange.last_days(today, days) if days is not None else DateRange()

    def _chosen(self, index: int) -> None:
        self._debounce.cancel()
        self.note.clear()
        if self.custom:
            today = date.today()
            shown = self._preset_range(self._preset_index, today)
            start, end = shown.start, shown.end
            if start is None or end is None:  # "All time": the days the charts drew
                start, end = self._shown_span or (today - timedelta(days=364), today)
            for edit in (self.from_edit, self.to_edit):
                edit.blockSignals(True)
            self._set_days(start, end)
            for edit in (self.from_edit, self.to_edit):
                edit.blockSignals(False)
        else:
            self._preset_index = index
        self._show_custom(self.custom)
        self.changed.emit()

    def _set_days(self, start: date, end: date) -> None:
        self.to_edit.setMinimumDate(qdate(date(1900, 1, 1)))
        self.from_edit.setDate(qdate(start))
        self.to_edit.setDate(qdate(max(start, end)))
        self.to_edit.setMinimumDate(qdate(start))

    def _from_changed(self, value: QDate) -> None:
        moved = self.to_edit.date() < value
        self.to_edit.setMinimumDate(value)  # moves To up to From when it was before
        day = day_of(value)
        self.note.setText(f"To moved to {day.day} {day:%b %Y}: a range ends on or after its "
                          "first day." if moved else "")
        self._debounce()

    def _to_changed(self, _value: QDate) -> None:
        if self.from_edit.date() < self.to_edit.date():
            self.note.clear()
        self._debounce()

    def _show_custom(self, show: bool) -> None:
        for widget in (self.from_label, self.from_edit, self.to_label, self.to_edit):
            widget.setVisible(show)
        self.note.setVisible(show)

    def _date_edit(self, name: str, accessible: str, value: date) -> QDateEdit:
        edit = QDateEdit(qdate(value), self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.editingFinished.connect(self.flush)
        return edit
