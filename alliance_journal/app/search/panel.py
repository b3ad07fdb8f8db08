"""Search every note: a field, results as you type, Enter jumps to the entry.

The query runs through `services.search` a quarter second after the last keystroke,
on a worker thread, so typing never waits for it; a result that arrives after a newer
query was started (or after the lock) is dropped. Up/Down in the field move through
the results, Enter opens the chosen one (or the best match, once it has arrived),
Escape goes back to the timeline. In the list, a single click or Enter opens a result
(a double click is not needed).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from alliance_journal.app.runtime.throttle import Throttle
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.runtime.workers import Cancelled, Progress, start_worker
from alliance_journal.app.search.delegate import SearchHitDelegate
from alliance_journal.app.search.model import SearchResultsModel
from alliance_journal.app.widgets.painting import make_quiet
from alliance_journal.errors import UserFacingError
from alliance_journal.services.search import SearchOrder, SearchResults, search

SEARCH_DELAY_MS = 250


class SearchPanel(QWidget):
    jump_requested = Signal(object, object)  # client id (None: My journal), entry id
    closed = Signal()
    #: The results of the latest query are on screen (or its error is).
    results_shown = Signal()

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search_panel")
        self._session = session
        self._query_number = 0  # the latest query started; older answers are dropped
        self._running = 0  # queries still on a worker
        self._jump_when_done = False
        self.field = QLineEdit(self)
        self.field.setObjectName("search_field")
        self.field.setPlaceholderText("Search every note")
        self.field.setAccessibleName("Search every note")
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("search_summary")
        make_quiet(self.summary)
        self.summary.setWordWrap(True)
        self.model = SearchResultsModel(self)
        self.view = QListView(self)
        self.view.setObjectName("search_results")
        self.view.setAccessibleName("Search results")
        self.view.setModel(self.model)
        self.view.setItemDelegate(SearchHitDelegate(self.view))
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.activated.connect(self._jump_to)
        self.view.clicked.connect(self._jump_to)
        self.view.installEventFilter(self)
        self._throttle = Throttle(self.run_search, SEARCH_DELAY_MS, parent=self)
        self.field.textChanged.connect(lambda _t: self._throttle())
        self.field.returnPressed.connect(self.jump_to_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.setSpacing(8)
        layout.addWidget(self.field)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)

    def start(self) -> None:
        """Ctrl+F: focus the field with its text selected, ready to type over."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def is_searching(self) -> bool:
        """A query is waiting for its quiet time or running on a worker."""
        return self._throttle.pending or self._running > 0

    def run_search(self) -> None:
        """Start the query on a worker; `results_shown` says when its answer is on screen."""
        self._throttle.cancel()
        self._query_number += 1
        number = self._query_number
        vault = self._session.vault
        query = self.field.text().strip()
        if vault is None or not query:
            self.model.clear()
            self.summary.clear()
            self.results_shown.emit()
            return

        def work(progress: Progress, cancelled: Cancelled) -> SearchResults:
            return search(vault, query)

        self._running += 1
        start_worker(self, work, on_done=lambda results: self._answered(number, results),
                     on_error=lambda error: self._answered(number, error), name="search",
                     uses=vault)

    def _answered(self, number: int, outcome: SearchResults | UserFacingError) -> None:
        self._running -= 1
        if number != self._query_number or self._session.vault is None:
            return  # a newer query is on its way, or the vault was locked meanwhile
        if isinstance(outcome, UserFacingError):
            self.model.clear()
            self.summary.setText(outcome.message)
        else:
            self.model.set_hits(outcome.hits)
            self.summary.setText(summary_text(outcome))
            if outcome.hits:
                self.view.setCurrentIndex(self.model.index(0))
        self.results_shown.emit()
        if self._jump_when_done and self._running == 0:
            self._jump_when_done = False
            self.jump_to_current()

    def jump_to_current(self) -> None:
        if self.is_searching():  # Enter before the answer: jump once it is shown
            self._jump_when_done = True
            if self._throttle.pending:
                self.run_search()
            return
        index = self.view.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0)
        if index.isValid():
            self._jump_to(index)

    def clear(self) -> None:
        """Forget the query and the results (lock): both may hold clinical words."""
        self._throttle.cancel()
        self._query_number += 1  # an answer still on its way is dropped
        self._jump_when_done = False
        self.field.blockSignals(True)
        self.field.setText("")
        self.field.blockSignals(False)
        self.model.clear()
        self.summary.clear()

    def _jump_to(self, index: QModelIndex) -> None:
        hit = self.model.hit_at(index.row())
        if hit is not None:
            self.jump_requested.emit(hit.client_id, hit.entry_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.view and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.jump_to_current()
            return True
        if watched is self.field and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                row = self.view.currentIndex().row() + (1 if key == Qt.Key.Key_Down else -1)
                self.view.setCurrentIndex(self.model.index(max(0, min(row, self.model.rowCount() - 1))))
                return True
            if key == Qt.Key.Key_Escape:
                self.closed.emit()
                return True
        return super().eventFilter(watched, event)


def summary_text(results: SearchResults) -> str:
    """One line above the results; says when common words are listed newest first."""
    count = len(results.hits)
    if results.order is SearchOrder.NEWEST:
        return f"{count} newest results: these words are in many notes, add a word to narrow"
    return {0: "Nothing found", 1: "1 result"}.get(count, f"{count} results")
