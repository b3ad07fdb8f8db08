"""The centre of the window: one client's timeline, its filters and a New entry button."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alliance_journal.app.commands.actions import Actions
from alliance_journal.app.timeline.delegate import EntryCardDelegate
from alliance_journal.app.timeline.filter_bar import FilterState, TimelineFilterBar
from alliance_journal.app.timeline.model import TimelineModel
from alliance_journal.app.widgets.painting import make_heading
from alliance_journal.domain.entries import Entry, EntryKind

EMPTY_TEXT = "No entries here yet.\nPress Ctrl+N to write one."
FILTERED_TEXT = "No entries match these filters."


class TimelinePanel(QWidget):
    """Shows entries; tells the window which one is current. Holds no vault."""

    current_entry_changed = Signal(object)  # Entry | None

    def __init__(self, actions: Actions, new_entry_menu: QMenu, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline_panel")
        self.title = QLabel(self)
        self.title.setObjectName("timeline_title")
        make_heading(self.title)
        self.count = QLabel(self)
        self.count.setObjectName("timeline_count")
        self.client_id: uuid.UUID | None = None
        self.has_scope = False  # False until a timeline is shown (and again after clear)
        self.new_button = new_button = QToolButton(self)
        new_button.setObjectName("timeline_new_entry")
        new_button.setText("New entry")
        new_button.setAccessibleName("New entry")
        new_button.setToolTip("New entry (Ctrl+N)")
        new_button.setMenu(new_entry_menu)
        new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        #: Each client's filters while the app runs (never stored: tags are note text).
        self._filters_by_client: dict[uuid.UUID | None, FilterState] = {}
        self.filters = TimelineFilterBar(actions.kind_filters, self)
        self.filters.changed.connect(self._apply_filter)
        actions.show_all_kinds.triggered.connect(self.filters.show_all_kinds)

        self.model = TimelineModel(self)
        self.view = QListView(self)
        self.view.setObjectName("timeline_view")
        self.view.setAccessibleName("Timeline")
        self.view.setModel(self.model)
        self.view.setItemDelegate(EntryCardDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setMouseTracking(True)
        # Lay out a long timeline in batches: the first screenful paints at once.
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(100)
        self.view.addAction(actions.delete)
        selection = self.view.selectionModel()
        selection.currentChanged.connect(self._current_changed)

        self.placeholder = QLabel(EMPTY_TEXT, self)
        self.placeholder.setObjectName("timeline_placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.view)
        self._stack.addWidget(self.placeholder)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.count)
        header.addWidget(new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addWidget(self.filters)
        layout.addLayout(self._stack, 1)
        self.clear()

    # --- what is shown ---------------------------------------------------------------------
    def show_entries(self, title: str, entries: list[Entry], client_id: uuid.UUID | None) -> None:
        """Show the timeline of `client_id` (None: My journal)."""
        if not self.has_scope or client_id != self.client_id:  # another client: its own filters
            if self.has_scope:
                self._filters_by_client[self.client_id] = self.filters.state()
            self.filters.restore(self._filters_by_client.get(client_id))
        self.client_id, self.has_scope = client_id, True
        self.title.setText(title)
        self.model.set_entries(entries)
        self._refresh_tags()

    def clear(self) -> None:
        """Forget every entry (lock): the model, the tags, the title, each client's filters."""
        self._filters_by_client.clear()
        self.client_id, self.has_scope = None, False
        self.title.setText("")
        self.model.clear()
        self.filters.set_tags([])
        self._apply_filter()

    def upsert(self, entry: Entry) -> None:
        """Show a saved entry, keeping the current selection where it was."""
        current = self.current_entry_id()
        self.model.upsert(entry)
        if current is not None:
            self.select_entry(current)
        self._refresh_tags()
        self._update_count()

    def remove(self, entry_id: uuid.UUID) -> None:
        self.model.remove(entry_id)
        self._update_count()

    def ensure_kind_shown(self, kind: EntryKind) -> None:
        self.filters.set_kind_checked(kind)

    def shows(self, entry: Entry) -> bool:
        """Whether `entry` belongs to the timeline on screen."""
        return self.has_scope and entry.client_id == self.client_id

    # --- selection -------------------------------------------------------------------------
    def current_entry(self) -> Entry | None:
        index = self.view.currentIndex()
        return self.model.entry_at(index.row()) if index.isValid() else None

    def current_entry_id(self) -> uuid.UUID | None:
        entry = self.current_entry()
        return entry.id if entry else None

    def select_entry(self, entry_id: uuid.UUID) -> bool:
        row = self.model.row_of(entry_id)
        if row < 0:
            return False
        index = self.model.index(row)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        return True

    def clear_selection(self) -> None:
        self.view.selectionModel().clear()

    # --- internals -------------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_entry_changed.emit(self.model.entry_at(current.row()) if current.isValid() else None)

    def _apply_filter(self) -> None:
        current = self.current_entry_id()
        self.model.set_filter(self.filters.current())
        if current is not None:
            self.select_entry(current)
        self._update_count()

    def _refresh_tags(self) -> None:
        before = self.filters.current().tag
        self.filters.set_tags(self.model.tags())
        if self.filters.current().tag != before:
            self._apply_filter()
        self._update_count()

    def _update_count(self) -> None:
        shown, total = len(self.model.visible_entries()), len(self.model.entries())
        noun = "entry" if total == 1 else "entries"
        self.count.setText(f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}")
        self.count.setVisible(bool(self.title.text()))
        self.placeholder.setText(FILTERED_TEXT if total else EMPTY_TEXT)
        self._stack.setCurrentWidget(self.view if shown else self.placeholder)
