"""The Relationship and My practice tabs compute on a worker: only the latest choice shows.

Each computation is the real one on a real vault; `WorkerGate` holds the first one (after
it has read the vault, at its cancel check) for as long as the test wants, so a newer
choice made meanwhile is certain to come second, without timing or sleeping.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import pytest

from alliance_journal.app.review.practice_panel import RANGES as PRACTICE_RANGES
from alliance_journal.app.window.review_tabs import LOADING
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import CountertransferenceFields, Entry, TransferenceFields
from alliance_journal.domain.vocabulary import Figure
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import save_entry
from alliance_journal.services.review.basis import DateRange
from alliance_journal.services.unlock import OpenVault
from tests.app.review.review_window import select_client, settled, shown_window
from tests.app.worker_gate import WorkerGate, gates_installed

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

TODAY = date.today()
#: Days back of each client's entries: A's and B's never share a day.
DAYS_BACK = {"R-A": (5, 50, 200), "R-B": (12, 120)}


def _fill(vault: OpenVault) -> dict[str, Client]:
    clients = {}
    for code, days in DAYS_BACK.items():
        client = save_client(vault, Client(code=code, started_on=TODAY - timedelta(days=300)))
        for back in days:
            when = datetime.combine(TODAY - timedelta(days=back), time(12)).astimezone()
            save_entry(vault, Entry(client_id=client.id, kind=TransferenceFields().kind,
                                    occurred_at=when, body="Lane.",
                                    fields=TransferenceFields(figure=Figure.CRITIC)))
            save_entry(vault, Entry(client_id=client.id, kind=CountertransferenceFields().kind,
                                    occurred_at=when, body="Me.",
                                    fields=CountertransferenceFields(feelings=["angry"])))
        clients[code] = client
    return clients


@pytest.fixture
def worker_gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[WorkerGate]]:
    yield from gates_installed(monkeypatch)


@pytest.fixture
def review_window(request, vault, qtbot):
    clients = _fill(vault)
    return shown_window(request, qtbot), clients


def _select(window, client: Client | None) -> None:
    select_client(window, None if client is None else client.id)


def _settled(qtbot, window) -> None:
    settled(qtbot, window)


def _lane_clients(panel) -> set[object]:
    return {m.ref.client_id for lane in panel.lanes.chart.lanes for m in lane.marks}


def _heat_days(panel) -> list[date]:
    practice = panel.heat.chart.practice
    return sorted(ref.day for cell in practice.heat.values() for ref in cell.refs)


def _record_answers(monkeypatch, panel) -> list[str]:
    """What the panel is handed, but "Loading…": an overview's client code or a message
    (the real methods still run)."""
    shown: list[str] = []
    show_overview, show_message = panel.show_overview, panel.show_message

    def overview_shown(overview, label):
        shown.append(overview.client.code)
        show_overview(overview, label)

    def message_shown(text):
        if text != LOADING:
            shown.append(text)
        show_message(text)

    monkeypatch.setattr(panel, "show_overview", overview_shown)
    monkeypatch.setattr(panel, "show_message", message_shown)
    return shown


def test_switching_client_while_one_computes_shows_only_the_latest(review_window, qtbot,
                                                                   worker_gate, monkeypatch):
    window, clients = review_window
    panel = window.review.relationship
    window.centre.setCurrentWidget(panel)
    shown = _record_answers(monkeypatch, panel)
    gate = worker_gate("relationship-overview")

    _select(window, clients["R-A"])
    qtbot.waitUntil(gate.reached.is_set, timeout=20_000)  # A's overview is computed, held
    _select(window, clients["R-B"])  # A is superseded: cancelled, B waits for it to end
    assert window.review.busy
    assert shown == []

    gate.release()
    _settled(qtbot, window)
    assert gate.saw_cancel
    assert shown == ["R-B"]  # A's answer (overview or error) never reached the panel
    assert "R-B" in panel.title.text() and panel.scroller.isVisible()
    assert _lane_clients(panel) == {clients["R-B"].id}


def test_a_quick_answer_keeps_the_old_charts_and_a_slow_one_says_loading(review_window, qtbot,
                                                                         worker_gate):
    window, clients = review_window
    panel = window.review.relationship
    _select(window, clients["R-A"])
    window.centre.setCurrentWidget(panel)
    _settled(qtbot, window)
    assert _lane_clients(panel) == {clients["R-A"].id}
    gate = worker_gate("relationship-overview")

    _select(window, clients["R-B"])
    # Asked, not answered: for now the previous charts stay (no flicker when it is quick).
    assert window.review.busy
    assert panel.scroller.isVisible() and not panel.message.isVisible()
    qtbot.waitUntil(gate.reached.is_set, timeout=20_000)
    # Slow (held): the old client's charts go and a quiet line says why the tab is empty.
    qtbot.waitUntil(lambda: panel.message.isVisible(), timeout=5_000)
    assert panel.message.text() == LOADING
    assert not panel.scroller.isVisible() and _lane_clients(panel) == set()

    gate.release()
    _settled(qtbot, window)
    assert not panel.message.isVisible() and panel.scroller.isVisible()
    assert _lane_clients(panel) == {clients["R-B"].id}


def test_a_client_switch_on_another_tab_leaves_no_old_charts_behind(review_window, qtbot):
    window, clients = review_window
    panel = window.review.relationship
    _select(window, clients["R-A"])
    window.centre.setCurrentWidget(panel)
    _settled(qtbot, window)
    window.centre.setCurrentWidget(window.timeline)
    _select(window, clients["R-B"])
    assert _lane_clients(panel) == set()  # computed when shown; A's charts are gone now
    window.centre.setCurrentWidget(panel)
    _settled(qtbot, window)
    assert _lane_clients(panel) == {clients["R-B"].id}
    _select(window, None)  # My journal: nothing to compute
    assert not window.review.busy
    assert "Choose a client" in panel.message.text() and _lane_clients(panel) == set()


def test_practice_tab_follows_a_range_change_made_while_it_computes(review_window, qtbot,
                                                                   worker_gate):
    window, _clients = review_window
    panel = window.review.practice
    gate = worker_gate("practice-overview")
    window.centre.setCurrentWidget(panel)  # Past 90 days: held
    qtbot.waitUntil(gate.reached.is_set, timeout=20_000)
    past_30 = next(i for i, (_label, days) in enumerate(PRACTICE_RANGES) if days == 30)
    panel.range_combo.setCurrentIndex(past_30)
    gate.release()
    _settled(qtbot, window)
    assert panel.heat.chart.practice.date_range == DateRange.last_days(TODAY, 30)
    assert _heat_days(panel) == [TODAY - timedelta(days=12), TODAY - timedelta(days=5)]

    past_12_months = next(i for i, (_label, days) in enumerate(PRACTICE_RANGES) if days == 365)
    panel.range_combo.setCurrentIndex(past_12_months)
    _settled(qtbot, window)
    assert panel.heat.chart.practice.date_range == DateRange.last_days(TODAY, 365)
    assert _heat_days(panel) == sorted(TODAY - timedelta(days=back)
                                       for days in DAYS_BACK.values() for back in days)
