"""The Relationship and My practice tabs on the demo vault: open each, click through to an entry."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from alliance_journal.app.review import relationship_panel
from alliance_journal.app.review.chart_canvas import ChartCanvas
from alliance_journal.app.review.findings_review import LOOKING
from alliance_journal.app.review.report_dialog import ReportDialog
from alliance_journal.services.clients import all_clients
from alliance_journal.services.demo import fill_demo_vault
from alliance_journal.services.review.basis import EntryRef
from alliance_journal.services.review.report import identifying_tags
from tests.pdf_text import pdf_text

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture
def demo_window(request, vault, qtbot):
    fill_demo_vault(vault, today=date.today())
    window = request.getfixturevalue("main_window")
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def _client(window, code: str):
    client = next(c for c in all_clients(window.session.vault) if c.code == code)
    assert window.clients.select(client.id)
    window.show_client(client.id)
    return client


def _show(qtbot, window, panel) -> None:
    """Show a review tab and wait for its overview (computed on a worker)."""
    window.centre.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: not window.review.busy, timeout=20_000)


def _click_first(qtbot, canvas: ChartCanvas, with_refs: int = 1) -> tuple[EntryRef, ...]:
    canvas.repaint()
    hits = [h for h in canvas.hits if len(h.refs) >= with_refs]
    assert hits, f"{canvas.objectName()} drew nothing to click"
    hit = hits[0]
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=hit.rect.center().toPoint())
    return hit.refs


def test_relationship_tab_draws_each_part_and_a_mark_opens_its_entry(demo_window, qtbot) -> None:
    window = demo_window
    _client(window, "D-101")
    review = window.review
    _show(qtbot, window, review.relationship)
    panel = review.relationship
    assert panel.scroller.isVisible()
    assert "D-101" in panel.title.text()
    for canvas in (panel.lanes, panel.alliance, panel.countertransference):
        panel.scroller.ensureWidgetVisible(canvas)  # laid out now: may be below the fold
        canvas.repaint()
        assert canvas.hits, canvas.objectName()
    assert "Critic" in panel.ccrt.text()
    assert "Attendance:" in panel.attendance.text()
    refs = _click_first(qtbot, panel.lanes)
    qtbot.waitUntil(lambda: window.editor.entry_id == refs[0].entry_id, timeout=5000)
    assert window.centre.currentWidget() is window.timeline


def test_relationship_tab_without_a_client_says_so(demo_window) -> None:
    window = demo_window
    assert window.clients.select(None)
    window.show_client(None)
    window.centre.setCurrentWidget(window.review.relationship)
    assert not window.review.relationship.scroller.isVisible()
    assert "Choose a client" in window.review.relationship.message.text()


def test_practice_tab_cells_open_the_entries_behind_them(demo_window, qtbot, monkeypatch) -> None:
    window = demo_window
    monkeypatch.setattr(relationship_panel, "menu_choice", lambda menu: menu.actions()[-1])
    review = window.review
    _show(qtbot, window, review.practice)
    panel = review.practice
    assert panel.attendance.rowCount() >= 3
    refs = _click_first(qtbot, panel.heat, with_refs=1)
    qtbot.waitUntil(lambda: window.editor.entry_id in {r.entry_id for r in refs}, timeout=5000)
    _show(qtbot, window, panel)
    strain = _click_first(qtbot, panel.strain)
    qtbot.waitUntil(lambda: window.editor.entry_id in {r.entry_id for r in strain}, timeout=5000)
    _show(qtbot, window, panel)
    ruptures = [panel.ruptures.item(i) for i in range(panel.ruptures.count())]
    opened = [item for item in ruptures if isinstance(item.data(Qt.ItemDataRole.UserRole), EntryRef)]
    assert opened, "the demo should hold a rupture not yet repaired"
    panel.ruptures.itemClicked.emit(opened[0])
    ref = opened[0].data(Qt.ItemDataRole.UserRole)
    qtbot.waitUntil(lambda: window.editor.entry_id == ref.entry_id, timeout=5000)


def test_lock_clears_both_tabs(demo_window, qtbot) -> None:
    window = demo_window
    _client(window, "D-101")
    _show(qtbot, window, window.review.relationship)
    assert window.review.relationship.lanes.chart.lanes  # type: ignore[attr-defined]
    _show(qtbot, window, window.review.practice)
    window.review.practice.heat.repaint()
    assert window.review.practice.heat.hits
    window.window_lock.lock()
    assert window.review.practice.heat.hits == []
    assert window.review.practice.heat.chart.practice.clients == ()  # type: ignore[attr-defined]
    relationship = window.review.relationship
    assert not relationship.scroller.isVisibleTo(relationship)
    assert relationship.lanes.chart.lanes == () and relationship.ccrt.text() == ""  # type: ignore[attr-defined]
    assert window.review.practice.attendance.rowCount() == 0


def test_report_window_flags_then_writes_a_deidentified_pdf(demo_window, qtbot, tmp_path: Path) -> None:
    window = demo_window
    client = _client(window, "D-101")
    dialog = window.review.open_report_dialog()
    assert dialog is not None and dialog.deidentify.isChecked()
    assert dialog.client_combo.currentText() == "D-101"
    qtbot.waitUntil(lambda: dialog.review.ready, timeout=20_000)  # found on a worker
    assert dialog.save_button.isEnabled()
    flagged = [dialog.findings.item(i).text() for i in range(dialog.findings.count())]
    assert flagged and "[name]" not in " ".join(flagged)
    assert LOOKING not in flagged  # the answer itself (the demo notes never name Mara)
    target = tmp_path / "d101.pdf"
    with qtbot.waitSignal(dialog.written, timeout=20_000):
        dialog.write_to(target)
    text = " ".join(pdf_text(target).split())
    assert "Supervision report: D-101" in text
    assert client.name and client.name.split()[-2] not in text  # "(fictional) Mara L." -> "Mara"


def test_a_closed_report_window_is_deleted_with_the_words_it_listed(demo_window, qtbot) -> None:
    window = demo_window
    _client(window, "D-101")
    dialog = window.review.open_report_dialog()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.review.ready, timeout=20_000)
    dialog.reject()
    qtbot.waitUntil(lambda: window.findChildren(ReportDialog) == [], timeout=5_000)


def test_tags_marked_in_the_report_window_are_remembered_when_it_writes(demo_window, qtbot,
                                                                        tmp_path: Path) -> None:
    window = demo_window
    _client(window, "D-101")
    dialog = window.review.open_report_dialog()
    assert dialog is not None and dialog.tags.count() > 0
    qtbot.waitUntil(lambda: dialog.review.ready, timeout=20_000)
    dialog.tags.item(0).setCheckState(Qt.CheckState.Checked)
    marked = dialog.marked_tags()
    with qtbot.waitSignal(dialog.written, timeout=20_000):
        dialog.write_to(tmp_path / "d101.md")  # the setting is written on the worker
    assert identifying_tags(window.session.vault) == {t.strip().lower() for t in marked}
