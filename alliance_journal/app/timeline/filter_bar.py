"""The timeline's filters: kind chips, "only this kind", a tag, a date range, and for
review the transference figure and status.

The kind chips show the View menu's checkable actions (one state, two places). The
bar only describes what to show (`current()`); the timeline model does the filtering.
`state()`/`restore()` let the panel keep each client's filters while the app runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.timeline.model import TimelineFilter
from alliance_journal.app.widgets.chips import make_chip
from alliance_journal.app.widgets.flow_layout import FlowLayout
from alliance_journal.app.widgets.kind_style import KIND_SHORT
from alliance_journal.domain.entries import KIND_TITLES, EntryKind
from alliance_journal.domain.vocabulary import Figure, TransferenceStatus
from alliance_journal.domain.vocabulary import label as vocabulary_label

E = TypeVar("E", bound=StrEnum)
ANY_TAG = "All tags"
ALL_KINDS = "All kinds"
ANY_FIGURE = "Any figure"
ANY_STATUS = "Any status"
#: (label, days back); None = any time, 0 = a custom range.
RANGES: tuple[tuple[str, int | None], ...] = (
    ("Any time", None), ("Past 30 days", 30), ("Past 3 months", 91), ("Past 12 months", 365),
    ("Custom range…", 0),
)


@dataclass(frozen=True, slots=True)
class FilterState:
    """Everything the bar shows, to put back when the user returns to a client."""

    kinds: frozenset[EntryKind]
    tag: str | None
    range_index: int
    start: QDate
    end: QDate
    figure: Figure | None
    status: TransferenceStatus | None


def _member(enum: type[E], data: object) -> E | None:
    """A combo's item data back as its enum member (Qt hands a StrEnum back as plain text)."""
    try:
        return enum(data) if isinstance(data, str) else None
    except ValueError:
        return None


def _local_midnight(day: QDate) -> datetime:
    return datetime(day.year(), day.month(), day.day()).astimezone()


class TimelineFilterBar(QWidget):
    changed = Signal()

    def __init__(self, kind_actions: dict[EntryKind, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind_actions = kind_actions
        self._batch = False
        chips = QWidget(self)
        flow = FlowLayout(chips, spacing=4)
        for kind, action in kind_actions.items():
            chip = make_chip(KIND_SHORT[kind], chips, f"chip_{kind.value}", focusable=True,
                             filter_chip=True)
            chip.setDefaultAction(action)  # its text is the action's short icon text
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            chip.setAccessibleName(f"Show {KIND_SHORT[kind]} entries")
            flow.addWidget(chip)
            action.toggled.connect(self._kind_toggled)

        self.tag_combo = QComboBox(self)
        self.tag_combo.setObjectName("timeline_tag_filter")
        self.tag_combo.setAccessibleName("Filter by tag")
        self.tag_combo.addItem(ANY_TAG)
        self.tag_combo.currentIndexChanged.connect(self.changed)
        self.range_combo = QComboBox(self)
        self.range_combo.setObjectName("timeline_range_filter")
        self.range_combo.setAccessibleName("Filter by date")
        for label, days in RANGES:
            self.range_combo.addItem(label, days)
        self.range_combo.currentIndexChanged.connect(self._range_changed)
        today = QDate.currentDate()
        self.from_edit = self._date_edit("timeline_from", "From date", today.addMonths(-1))
        self.to_edit = self._date_edit("timeline_to", "To date", today)
        self._from_label, self._to_label = QLabel("from", self), QLabel("to", self)
        self.only_combo = self._combo("timeline_only_kind", "Show only one kind", ALL_KINDS,
                                      [(KIND_TITLES[k], k) for k in kind_actions])
        self.only_combo.activated.connect(self._only_chosen)
        self.figure_combo = self._combo("timeline_figure_filter", "Filter by transference figure",
                                        ANY_FIGURE, [(vocabulary_label(f), f) for f in Figure])
        self.status_combo = self._combo("timeline_status_filter", "Filter by transference status",
                                        ANY_STATUS, [(vocabulary_label(st), st) for st in TransferenceStatus])
        for combo in (self.figure_combo, self.status_combo):
            combo.currentIndexChanged.connect(self.changed)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.tag_combo, 1)
        row.addWidget(self.range_combo, 1)
        for widget in (self._from_label, self.from_edit, self._to_label, self.to_edit):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        review = QHBoxLayout()
        review.setContentsMargins(0, 0, 0, 0)
        for combo in (self.only_combo, self.figure_combo, self.status_combo):
            review.addWidget(combo, 1)
        layout.addWidget(chips)
        layout.addLayout(review)
        layout.addLayout(row)
        self._show_custom(False)

    def current(self) -> TimelineFilter:
        checked = frozenset(k for k, a in self._kind_actions.items() if a.isChecked())
        kinds = None if len(checked) == len(self._kind_actions) else checked
        tag = self.tag_combo.currentText() if self.tag_combo.currentIndex() > 0 else None
        days = self.range_combo.currentData()
        since = until = None
        if days == 0:
            since = _local_midnight(self.from_edit.date())
            until = _local_midnight(self.to_edit.date().addDays(1))
        elif isinstance(days, int):
            since = datetime.now(UTC) - timedelta(days=days)
        return TimelineFilter(kinds=kinds, tag=tag, since=since, until=until,
                              figure=_member(Figure, self.figure_combo.currentData()),
                              status=_member(TransferenceStatus, self.status_combo.currentData()))

    def state(self) -> FilterState:
        return FilterState(
            kinds=frozenset(k for k, a in self._kind_actions.items() if a.isChecked()),
            tag=self.tag_combo.currentText() if self.tag_combo.currentIndex() > 0 else None,
            range_index=self.range_combo.currentIndex(), start=self.from_edit.date(),
            end=self.to_edit.date(), figure=_member(Figure, self.figure_combo.currentData()),
            status=_member(TransferenceStatus, self.status_combo.currentData()))

    def restore(self, state: FilterState | None) -> None:
        """Put a client's filters back (None: show everything), with one `changed`."""
        if state is None:
            self.reset()
            return
        self._batch = True
        widgets = (self.tag_combo, self.range_combo, self.from_edit, self.to_edit,
                   self.figure_combo, self.status_combo)
        for widget in widgets:
            widget.blockSignals(True)
        for kind, action in self._kind_actions.items():
            action.setChecked(kind in state.kinds)
        if state.tag and self.tag_combo.findText(state.tag) < 0:
            self.tag_combo.addItem(state.tag)  # its timeline's tags arrive after the filters
        self.tag_combo.setCurrentIndex(max(0, self.tag_combo.findText(state.tag)) if state.tag else 0)
        self.range_combo.setCurrentIndex(state.range_index)
        self.from_edit.setDate(state.start)
        self.to_edit.setDate(state.end)
        self.figure_combo.setCurrentIndex(max(0, self.figure_combo.findData(state.figure)))
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(state.status)))
        for widget in widgets:
            widget.blockSignals(False)
        self._show_custom(state.range_index == self.range_combo.findData(0))
        self._batch = False
        self.changed.emit()

    def show_only(self, kind: EntryKind) -> None:
        """Only this kind: every other kind chip unchecked, with one `changed`."""
        self._batch = True
        for other, action in self._kind_actions.items():
            action.setChecked(other == kind)
        self._batch = False
        self.changed.emit()

    def _only_chosen(self, index: int) -> None:
        kind = _member(EntryKind, self.only_combo.itemData(index))
        if kind is not None:
            self.show_only(kind)
        else:
            self.show_all_kinds()
        self.only_combo.setCurrentIndex(0)  # an action, not a state: the chips show the state

    def _combo(self, name: str, accessible: str, first: str,
               items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.addItem(first)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    def set_tags(self, tags: list[str]) -> None:
        """Offer the timeline's tags, keeping the chosen one when it is still there."""
        chosen = self.tag_combo.currentText() if self.tag_combo.currentIndex() > 0 else None
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItem(ANY_TAG)
        self.tag_combo.addItems(tags)
        self.tag_combo.setCurrentIndex(max(0, self.tag_combo.findText(chosen)) if chosen else 0)
        self.tag_combo.blockSignals(False)

    def show_all_kinds(self) -> None:
        """Check every kind chip, with one `changed` for the lot."""
        self._batch = True
        for action in self._kind_actions.values():
            action.setChecked(True)
        self._batch = False
        self.changed.emit()

    def reset(self) -> None:
        """Show everything: all kinds, any tag, any time."""
        self._batch = True
        for action in self._kind_actions.values():
            action.setChecked(True)
        self.tag_combo.blockSignals(True)
        self.tag_combo.setCurrentIndex(0)
        self.tag_combo.blockSignals(False)
        for combo in (self.range_combo, self.figure_combo, self.status_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._show_custom(False)
        self._batch = False
        self.changed.emit()

    def set_kind_checked(self, kind: EntryKind) -> None:
        """Make sure entries of `kind` show (a new entry must not vanish behind a filter)."""
        self._kind_actions[kind].setChecked(True)

    def _kind_toggled(self, _checked: bool) -> None:
        if not self._batch:
            self.changed.emit()

    def _range_changed(self) -> None:
        self._show_custom(self.range_combo.currentData() == 0)
        self.changed.emit()

    def _show_custom(self, show: bool) -> None:
        for widget in (self._from_label, self.from_edit, self._to_label, self.to_edit):
            widget.setVisible(show)

    def _date_edit(self, name: str, accessible: str, value: QDate) -> QDateEdit:
        edit = QDateEdit(value, self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.dateChanged.connect(self.changed)
        return edit
