"""The report window looks for identifying words on a worker: debounced, newest options win.

A real vault with the canary client (`tests/services/review/canary_vault.py`): its name
is in the body of every weekly session, so a range holding a session lists it and a
range without one lists nothing. `WorkerGate` holds a review in its middle where a
test needs one still running; nothing sleeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit
from shiboken6 import isValid

from alliance_journal.app.review import findings_review
from alliance_journal.app.review.findings_review import LOOKING, NOTHING_FOUND
from alliance_journal.app.review.report_dialog import ReportDialog
from alliance_journal.app.runtime.workers import running_workers, wait_for_all
from alliance_journal.domain.entries import EntryKind
from alliance_journal.services.unlock import OpenVault
from tests.app.worker_gate import WorkerGate, gates_installed
from tests.services.review import canary_vault
from tests.services.review.canary_vault import NAME_CANARY

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

TODAY = date(2026, 6, 30)  # sessions on Sundays: ..., 16, 23 June; none after 23 June
NAME_LINE = f"body: {NAME_CANARY}"
REVIEW = "report-review"


@pytest.fixture
def worker_gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[WorkerGate]]:
    yield from gates_installed(monkeypatch)


@pytest.fixture
def reviews(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """The options of every review started (each runs the real `review_findings`)."""
    started: list[tuple[Any, ...]] = []
    real = findings_review.review_findings

    def counted(*args: Any, **kwargs: Any) -> Any:
        started.append(args[2:])
        return real(*args, **kwargs)

    monkeypatch.setattr(findings_review, "review_findings", counted)
    return started


def listed(dialog: ReportDialog) -> list[str]:
    return [dialog.findings.item(i).text() for i in range(dialog.findings.count())]


def opened(qtbot, vault: OpenVault) -> ReportDialog:
    client = canary_vault.fill(vault, TODAY)
    dialog = ReportDialog(vault, client.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def settled(qtbot, dialog: ReportDialog) -> list[str]:
    qtbot.waitUntil(lambda: not dialog.review.busy, timeout=20_000)
    return listed(dialog)


def test_findings_follow_the_options_and_save_waits_for_them(qtbot, vault) -> None:
    dialog = opened(qtbot, vault)
    assert listed(dialog) == [LOOKING] and not dialog.save_button.isEnabled()
    assert NAME_LINE in settled(qtbot, dialog)
    assert dialog.review.ready and dialog.save_button.isEnabled()

    for kind, box in dialog.kind_boxes.items():
        box.setChecked(kind is EntryKind.CONTAINER)  # "Late again.": nothing identifying
    assert listed(dialog) == [LOOKING] and not dialog.save_button.isEnabled()
    assert settled(qtbot, dialog) == [NOTHING_FOUND]
    assert dialog.save_button.isEnabled()

    dialog.deidentify.setChecked(False)
    assert settled(qtbot, dialog) == ["Nothing is replaced: de-identify is off."]
    assert dialog.save_button.isEnabled()
    dialog.deidentify.setChecked(True)
    dialog.kind_boxes[EntryKind.SESSION].setChecked(True)
    assert NAME_LINE in settled(qtbot, dialog)


def test_arrows_in_a_date_start_one_review_and_show_the_last_range(qtbot, vault, reviews) -> None:
    dialog = opened(qtbot, vault)
    settled(qtbot, dialog)
    dialog.all_time.setChecked(False)
    dialog.from_edit.setDate(QDate(2026, 6, 18))
    dialog.to_edit.setDate(QDate(2026, 6, 25))
    assert settled(qtbot, dialog) == [NAME_LINE]  # the session of 23 June
    before = len(reviews)

    dialog.from_edit.setCurrentSection(QDateTimeEdit.Section.DaySection)
    for _ in range(6):  # 19, 20, ..., 23 June hold that session; 24 June does not
        qtbot.keyClick(dialog.from_edit, Qt.Key.Key_Up)
        QApplication.processEvents()  # as between a person's key presses
    assert dialog.from_edit.date() == QDate(2026, 6, 24)
    assert listed(dialog) == [LOOKING] and not dialog.save_button.isEnabled()
    assert settled(qtbot, dialog) == [NOTHING_FOUND]
    assert 1 <= len(reviews) - before <= 2
    assert reviews[-1][0].start == date(2026, 6, 24)
    assert dialog.save_button.isEnabled()


def test_a_change_while_a_review_runs_supersedes_it(qtbot, vault, worker_gate) -> None:
    gate = worker_gate(REVIEW)
    dialog = opened(qtbot, vault)
    qtbot.waitUntil(gate.reached.is_set, timeout=20_000)  # the first review, held mid-scan
    for kind, box in dialog.kind_boxes.items():
        box.setChecked(kind is EntryKind.CONTAINER)
    # the window answers while the first review is still held, and a newer one finishes
    assert settled(qtbot, dialog) == [NOTHING_FOUND]
    assert running_workers() == 1
    gate.release()
    assert wait_for_all(20_000)
    assert gate.saw_cancel  # the first review stopped at its cancel check...
    assert listed(dialog) == [NOTHING_FOUND]  # ...and its options' words never showed
    assert dialog.review.ready and dialog.save_button.isEnabled()


def test_closing_while_a_review_runs_shows_nothing_later(qtbot, vault, worker_gate) -> None:
    gate = worker_gate(REVIEW)
    dialog = opened(qtbot, vault)
    qtbot.waitUntil(gate.reached.is_set, timeout=20_000)
    qtbot.keyClick(dialog.findings, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    gate.release()
    assert wait_for_all(20_000)
    assert gate.saw_cancel
    assert listed(dialog) == [LOOKING] and not dialog.save_button.isEnabled()
    dialog.deidentify.setChecked(False)  # a change after closing starts nothing
    assert running_workers() == 0 and listed(dialog) == [LOOKING]


def test_a_review_whose_window_is_gone_is_dropped(qtbot, vault, worker_gate) -> None:
    gate = worker_gate(REVIEW)
    client = canary_vault.fill(vault, TODAY)
    dialog = ReportDialog(vault, client.id)
    qtbot.waitUntil(gate.reached.is_set, timeout=20_000)
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not isValid(dialog), timeout=5_000)
    gate.release()
    assert wait_for_all(20_000)
    assert gate.saw_cancel
