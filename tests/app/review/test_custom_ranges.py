"""A custom date range in the Relationship and My practice tabs, on a real vault.

Entries sit just inside and just outside both ends of the custom range (00:30 on the
From day, 23:30 on the To day), so the counts show that both days are included.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from alliance_journal.app.review.practice_panel import RANGES as PRACTICE_RANGES
from alliance_journal.app.review.range_chooser import CUSTOM
from alliance_journal.app.review.relationship_panel import RANGES as RELATIONSHIP_RANGES
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import CountertransferenceFields, Entry, TransferenceFields
from alliance_journal.domain.vocabulary import Figure
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import save_entry
from alliance_journal.services.review.basis import DateRange
from alliance_journal.services.unlock import OpenVault
from tests.app.review.review_window import select_client, settled, shown_window
from tests.app.test_main_window_lock import unlock_through_dialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

TODAY = date.today()
START = TODAY - timedelta(days=200)
MID = TODAY - timedelta(days=150)
END = TODAY - timedelta(days=100)
RECENT = TODAY - timedelta(days=10)
#: (day, local time): two just outside the range, three inside it, one recent.
MOMENTS = ((START - timedelta(days=1), time(23, 30)), (START, time(0, 30)), (MID, time(12)),
           (END, time(23, 30)), (END + timedelta(days=1), time(0, 30)), (RECENT, time(12)))
INSIDE = [START, MID, END]
REL_CUSTOM, PRACTICE_CUSTOM = len(RELATIONSHIP_RANGES), len(PRACTICE_RANGES)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _fill(vault: OpenVault) -> tuple[Client, Client]:
    first = save_client(vault, Client(code="R-1", started_on=START - timedelta(days=30)))
    other = save_client(vault, Client(code="R-2", started_on=START))
    for day, at in MOMENTS:
        when = datetime.combine(day, at).astimezone()
        save_entry(vault, Entry(client_id=first.id, kind=TransferenceFields().kind, occurred_at=when,
                                fields=TransferenceFields(figure=Figure.CRITIC), body="Lane."))
        save_entry(vault, Entry(client_id=first.id, kind=CountertransferenceFields().kind,
                                occurred_at=when,
                                fields=CountertransferenceFields(feelings=["angry"]), body="Me."))
    return first, other


@pytest.fixture
def review_window(request, vault, qtbot):
    clients = _fill(vault)
    return shown_window(request, qtbot), clients


def _select(window, client: Client) -> None:
    select_client(window, client.id)


def _settled(qtbot, window) -> None:
    settled(qtbot, window)


def _lane_days(qtbot, window) -> list[date]:
    _settled(qtbot, window)
    panel = window.review.relationship
    return sorted(m.ref.day for lane in panel.lanes.chart.lanes for m in lane.marks)


def _heat_days(qtbot, window) -> list[date]:
    _settled(qtbot, window)
    practice = window.review.practice.heat.chart.practice
    return sorted(ref.day for cell in practice.heat.values() for ref in cell.refs)


def _set_custom(qtbot, chooser, start: date, end: date) -> None:
    with qtbot.waitSignal(chooser.changed, timeout=3000):
        chooser.from_edit.setDate(_qdate(start))
        chooser.to_edit.setDate(_qdate(end))


def test_custom_range_shows_prefilled_edits_and_restricts_the_relationship_charts(
        review_window, qtbot) -> None:
    window, (client, _other) = review_window
    _select(window, client)
    panel = window.review.relationship
    window.centre.setCurrentWidget(panel)
    chooser = panel.range
    assert _lane_days(qtbot, window) == sorted(day for day, _ in MOMENTS)  # All time
    assert not chooser.from_edit.isVisible()
    panel.range_combo.setCurrentIndex(1)  # Past 3 months
    assert _lane_days(qtbot, window) == [RECENT]

    panel.range_combo.setCurrentIndex(REL_CUSTOM)
    assert panel.range_combo.currentText() == CUSTOM
    assert chooser.from_edit.isVisible() and chooser.to_edit.isVisible()
    assert chooser.from_edit.displayFormat() == "d MMM yyyy" and chooser.from_edit.calendarPopup()
    # Prefilled from the range that was showing: the past 3 months, today included.
    assert panel.date_range(TODAY) == DateRange.last_days(TODAY, 91)
    assert _lane_days(qtbot, window) == [RECENT]

    recomputed: list[int] = []
    panel.range_changed.connect(lambda: recomputed.append(1))
    with qtbot.waitSignal(chooser.changed, timeout=3000):
        chooser.from_edit.setDate(_qdate(START))
        chooser.to_edit.setDate(_qdate(END))
        assert _lane_days(qtbot, window) == [RECENT]  # debounced: nothing recomputed while typing
    assert recomputed == [1]  # two dates changed, one recomputation
    assert panel.date_range(TODAY) == DateRange(START, END)
    assert _lane_days(qtbot, window) == INSIDE  # 00:30 on From and 23:30 on To are both in
    assert panel.lanes.chart.first == START and panel.lanes.chart.last == END


def test_from_after_to_moves_to_and_says_so(review_window, qtbot) -> None:
    window, (client, _other) = review_window
    _select(window, client)
    panel = window.review.relationship
    window.centre.setCurrentWidget(panel)
    chooser = panel.range
    panel.range_combo.setCurrentIndex(REL_CUSTOM)
    _set_custom(qtbot, chooser, START, END)
    assert chooser.note.text() == ""

    with qtbot.waitSignal(chooser.changed, timeout=3000):
        chooser.from_edit.setDate(_qdate(MID + timedelta(days=80)))  # after To
    assert chooser.to_edit.date() == _qdate(MID + timedelta(days=80))
    assert chooser.note.isVisible() and chooser.note.text().startswith("To moved to")
    chosen = panel.date_range(TODAY)
    assert chosen.start == chosen.end == MID + timedelta(days=80)
    assert _lane_days(qtbot, window) == []  # a one-day range with nothing in it, and the note says why

    chooser.to_edit.setDate(_qdate(START))  # before From: refused, To stays at From
    assert chooser.to_edit.date() == chooser.from_edit.date()
    with qtbot.waitSignal(chooser.changed, timeout=3000):
        chooser.from_edit.setDate(_qdate(START))  # earlier again: To is left where it was
    assert chooser.note.text() == ""
    assert panel.date_range(TODAY) == DateRange(START, MID + timedelta(days=80))
    assert _lane_days(qtbot, window) == [*INSIDE, END + timedelta(days=1)]


def test_back_to_a_preset_hides_the_edits_and_restores_it(review_window, qtbot) -> None:
    window, (client, _other) = review_window
    _select(window, client)
    panel = window.review.relationship
    window.centre.setCurrentWidget(panel)
    panel.range_combo.setCurrentIndex(REL_CUSTOM)
    _set_custom(qtbot, panel.range, START, END)
    assert _lane_days(qtbot, window) == INSIDE
    panel.range_combo.setCurrentIndex(1)
    assert not panel.range.from_edit.isVisible() and not panel.range.note.isVisible()
    assert panel.date_range(TODAY) == DateRange.last_days(TODAY, 91)
    assert _lane_days(qtbot, window) == [RECENT]
    panel.range_combo.setCurrentIndex(0)
    assert panel.date_range(TODAY) == DateRange()
    assert len(_lane_days(qtbot, window)) == len(MOMENTS)


def test_all_time_then_custom_starts_from_the_days_drawn(review_window, qtbot) -> None:
    window, (client, _other) = review_window
    _select(window, client)
    panel = window.review.relationship
    window.centre.setCurrentWidget(panel)
    _settled(qtbot, window)  # the custom range starts from the days drawn: once they are
    panel.range_combo.setCurrentIndex(REL_CUSTOM)
    assert panel.date_range(TODAY) == DateRange(MOMENTS[0][0], TODAY)
    assert len(_lane_days(qtbot, window)) == len(MOMENTS)


def test_the_range_survives_switching_clients_and_tabs(review_window, qtbot) -> None:
    window, (client, other) = review_window
    _select(window, client)
    panel, practice = window.review.relationship, window.review.practice
    window.centre.setCurrentWidget(panel)
    panel.range_combo.setCurrentIndex(REL_CUSTOM)
    _set_custom(qtbot, panel.range, START, END)
    window.centre.setCurrentWidget(practice)
    practice.range_combo.setCurrentIndex(3)  # Past 12 months: its own range
    _select(window, other)
    window.centre.setCurrentWidget(panel)
    assert _lane_days(qtbot, window) == []  # the other client has no entries
    assert panel.range.from_edit.isVisible()
    assert panel.date_range(TODAY) == DateRange(START, END)
    window.centre.setCurrentWidget(window.timeline)
    _select(window, client)
    window.centre.setCurrentWidget(panel)
    assert panel.range_combo.currentIndex() == REL_CUSTOM
    assert _lane_days(qtbot, window) == INSIDE
    window.centre.setCurrentWidget(practice)
    assert practice.range_combo.currentIndex() == 3
    assert not practice.range.from_edit.isVisible()

    with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
        window.commands.lock.trigger()  # locking forgets the charts, not the days chosen
    assert panel.lanes.chart.lanes == ()
    unlock_through_dialog(qtbot, window)
    _select(window, client)
    window.centre.setCurrentWidget(panel)
    assert panel.date_range(TODAY) == DateRange(START, END)
    assert _lane_days(qtbot, window) == INSIDE


def test_practice_custom_range_counts_both_boundary_days(review_window, qtbot) -> None:
    window, _clients = review_window
    panel = window.review.practice
    window.centre.setCurrentWidget(panel)
    assert _heat_days(qtbot, window) == [RECENT]  # Past 90 days
    panel.range_combo.setCurrentIndex(PRACTICE_CUSTOM)
    assert panel.range.to_edit.isVisible()
    assert panel.date_range(TODAY) == DateRange.last_days(TODAY, 90)
    _set_custom(qtbot, panel.range, START, END)
    assert _heat_days(qtbot, window) == INSIDE
    assert panel.heat.chart.practice.date_range == DateRange(START, END)
    panel.range_combo.setCurrentIndex(0)
    assert not panel.range.to_edit.isVisible()
    assert _heat_days(qtbot, window) == [RECENT]


def test_range_is_reached_with_tab_and_named_for_screen_readers(review_window, qtbot) -> None:
    window, (client, _other) = review_window
    _select(window, client)
    panel = window.review.relationship
    window.centre.setCurrentWidget(panel)
    panel.range_combo.setCurrentIndex(REL_CUSTOM)
    chooser = panel.range
    for widget in (chooser.combo, chooser.from_edit, chooser.to_edit):
        assert widget.accessibleName()
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert chooser.from_edit.accessibleName() != chooser.to_edit.accessibleName()
    chooser.combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is chooser.combo, timeout=2000)
    qtbot.keyClick(chooser.combo, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is chooser.from_edit
    visited = []
    for _ in range(4):  # Tab first walks the date's day, month and year, then moves on
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
        if visited[-1] is chooser.to_edit:
            break
    assert visited[-1] is chooser.to_edit
    assert all(widget is chooser.from_edit for widget in visited[:-1])


def test_nothing_about_the_range_is_written_to_settings(review_window, qtbot, request) -> None:
    window, (client, _other) = review_window
    _select(window, client)
    panel = window.review.relationship
    window.centre.setCurrentWidget(panel)
    panel.range_combo.setCurrentIndex(REL_CUSTOM)
    _set_custom(qtbot, panel.range, START, END)
    window.close()  # the window writes its preferences on closing
    settings = request.getfixturevalue("app_settings")
    settings.sync()
    assert settings.qsettings.allKeys(), "the window wrote no preference at all: nothing checked"
    assert not [key for key in settings.qsettings.allKeys() if "range" in key.casefold()]
    written = Path(settings.file_name()).read_text(errors="replace")
    for text in (START.isoformat(), str(client.id), "R-1"):
        assert text not in written
