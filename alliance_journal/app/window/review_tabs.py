"""The Relationship and My practice tabs, and the Supervision report action.

The tabs read the vault only while they are on screen (on showing, on a client switch,
on a range change), so a hidden tab costs a client switch nothing. They read it on a
worker (`LatestJob`): a newer choice supersedes an older one, whose answer is dropped.
The previous content stays for a quick answer; a slow one (over `SLOW_MS`) first clears
it and says "Loading…", so an overview of a client or range no longer chosen never
lingers. A click on any mark opens that entry in its timeline, in the editor. On lock
both tabs forget everything, and an answer still on its way is dropped.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from alliance_journal.app.review.practice_panel import PracticePanel
from alliance_journal.app.review.relationship_panel import RelationshipPanel
from alliance_journal.app.review.report_dialog import ReportDialog
from alliance_journal.app.runtime.latest_job import LatestJob
from alliance_journal.app.window.parts import WindowParts
from alliance_journal.services.review.basis import EntryRef
from alliance_journal.services.review.overview import RelationshipOverview, relationship_overview
from alliance_journal.services.review.practice import PracticeOverview, practice_overview
from alliance_journal.services.unlock import OpenVault

RELATIONSHIP_TITLE = "Relationship"
PRACTICE_TITLE = "My practice"
NO_CLIENT = ("Choose a client on the left to see how the relationship has moved over time. "
             "My journal has no relationship to chart.")
LOADING = "Loading…"
MESSAGE_MS = 6000


class ReviewTabs(QObject):
    def __init__(self, window: WindowParts) -> None:
        super().__init__(window.widget())
        self._w = window
        self._client: uuid.UUID | None = None
        self.relationship = RelationshipPanel()
        self.practice = PracticePanel()
        self.relationship_tab = window.add_side_panel(self.relationship, RELATIONSHIP_TITLE)
        self.practice_tab = window.add_side_panel(self.practice, PRACTICE_TITLE)
        self.relationship_job = LatestJob(window.session, "relationship-overview", parent=self,
                                          on_slow=lambda: self.relationship.show_message(LOADING))
        self.practice_job = LatestJob(window.session, "practice-overview", parent=self,
                                      on_slow=lambda: self.practice.show_message(LOADING))
        self.report_action = QAction("Supervision report…", window.widget())
        self.report_action.setObjectName("action_supervision_report")
        self.report_action.setStatusTip("Write a de-identified report on one client for supervision")
        self.report_action.triggered.connect(self.open_report_dialog)
        file_menu = window.widget().menuBar().findChild(QMenu, "menu_file")
        if file_menu is not None:
            anchor = window.commands.export_json
            file_menu.insertAction(anchor, self.report_action)
        self._connect()
        self.relationship.show_message(NO_CLIENT)

    def _connect(self) -> None:
        w = self._w
        w.client_changed.connect(self._client_changed)
        w.centre.currentChanged.connect(self._tab_changed)
        w.session.locked.connect(self._locked)
        w.session.unlocked.connect(lambda: self.report_action.setEnabled(True))
        self.relationship.range_changed.connect(self.refresh_relationship)
        self.practice.range_changed.connect(self.refresh_practice)
        for panel in (self.relationship, self.practice):
            panel.open_entry.connect(self.open_entry)
        self.practice.open_client.connect(self.open_client)

    @property
    def busy(self) -> bool:
        """A tab's overview is still being computed (tests and screenshots wait for it)."""
        return self.relationship_job.busy or self.practice_job.busy

    def _client_changed(self, client_id: uuid.UUID | None) -> None:
        self._client = client_id
        if self._w.centre.currentWidget() is self.relationship:
            self.refresh_relationship()
        else:  # computed when the tab shows; until then it holds no other client's charts
            self.relationship_job.stop()
            self.relationship.show_message(NO_CLIENT if client_id is None else "")

    def _tab_changed(self, index: int) -> None:
        if index == self.relationship_tab:
            self.refresh_relationship()
        elif index == self.practice_tab:
            self.refresh_practice()

    def refresh_relationship(self) -> None:
        """Compute the chosen client's overview for the chosen range, on a worker."""
        client_id = self._client
        if self._w.session.vault is None or client_id is None:
            self.relationship_job.stop()
            self.relationship.show_message(NO_CLIENT)
            return
        today = date.today()
        date_range = self.relationship.date_range(today)
        label = self._w.clients.current_label()

        def compute(vault: OpenVault) -> RelationshipOverview:
            return relationship_overview(vault, client_id, date_range, today)

        self.relationship_job.request(
            compute, on_done=lambda overview: self.relationship.show_overview(overview, label),
            on_error=lambda error: self.relationship.show_message(error.message))

    def refresh_practice(self) -> None:
        """Compute My practice for the chosen range, on a worker."""
        if self._w.session.vault is None:
            return
        today = date.today()
        date_range = self.practice.date_range(today)

        def compute(vault: OpenVault) -> PracticeOverview:
            return practice_overview(vault, date_range, today)

        self.practice_job.request(compute, on_done=self.practice.show_practice,
                                  on_error=lambda error: self.practice.show_message(error.message))

    def open_entry(self, ref: EntryRef) -> None:
        if not self._w.jump_to(ref.client_id, ref.entry_id):
            self._message("That entry is no longer in the timeline")

    def open_client(self, client_id: uuid.UUID) -> None:
        w = self._w
        w.centre.setCurrentWidget(w.timeline)
        if w.clients.select(client_id):
            w.show_client(client_id)

    def open_report_dialog(self) -> ReportDialog | None:
        vault = self._w.session.vault
        if vault is None:
            return None
        dialog = ReportDialog(vault, self._client, self._w.widget())
        dialog.written.connect(lambda path: self._message(f"Report written to {path}"))
        dialog.finished.connect(dialog.deleteLater)  # its findings list holds client words
        dialog.open()
        return dialog

    def _locked(self) -> None:
        self.relationship_job.stop()
        self.practice_job.stop()
        self.relationship.show_message(NO_CLIENT)
        self.practice.clear()
        self.report_action.setEnabled(False)

    def _message(self, text: str) -> None:
        self._w.status.showMessage(text, MESSAGE_MS)


def install_review(window: WindowParts) -> ReviewTabs:
    """Add the Relationship and My practice tabs and the Supervision report action."""
    return ReviewTabs(window)
