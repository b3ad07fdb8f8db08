"""Timeline filters for review: only this kind, figure, status; kept per client while the app runs."""

from __future__ import annotations

from datetime import date

import pytest

from alliance_journal.app.timeline.model import TimelineFilter
from alliance_journal.domain.entries import Entry, EntryKind, SessionFields, TransferenceFields
from alliance_journal.domain.vocabulary import Figure, TransferenceStatus
from alliance_journal.services.clients import all_clients
from alliance_journal.services.demo import fill_demo_vault

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def test_figure_and_status_keep_only_matching_transference() -> None:
    critic = Entry(kind=EntryKind.TRANSFERENCE, fields=TransferenceFields(
        figure=Figure.CRITIC, status=TransferenceStatus.ACTIVE))
    session = Entry(kind=EntryKind.SESSION, fields=SessionFields())
    assert TimelineFilter().accepts(session)
    assert TimelineFilter(figure=Figure.CRITIC).accepts(critic)
    assert not TimelineFilter(figure=Figure.CRITIC).accepts(session)
    assert not TimelineFilter(figure=Figure.RIVAL).accepts(critic)
    assert TimelineFilter(status=TransferenceStatus.ACTIVE).accepts(critic)
    assert not TimelineFilter(status=TransferenceStatus.EMERGING).accepts(critic)


def _show(window, code: str) -> None:
    client = next(c for c in all_clients(window.session.vault) if c.code == code)
    assert window.clients.select(client.id)
    window.show_client(client.id)


def test_only_one_kind_figure_status_and_each_clients_filters_come_back(vault, request) -> None:
    fill_demo_vault(vault, today=date.today())
    window = request.getfixturevalue("main_window")
    bar, model = window.timeline.filters, window.timeline.model
    _show(window, "D-101")
    everything = len(model.visible_entries())
    bar.only_combo.activated.emit(bar.only_combo.findData(EntryKind.TRANSFERENCE))
    assert {e.kind for e in model.visible_entries()} == {EntryKind.TRANSFERENCE}
    assert bar.only_combo.currentIndex() == 0  # an action; the chips show the state
    bar.figure_combo.setCurrentIndex(bar.figure_combo.findData(Figure.ABANDONER))
    assert len(model.visible_entries()) == 2
    bar.status_combo.setCurrentIndex(bar.status_combo.findData(TransferenceStatus.ACTIVE))
    assert [e.fields.status for e in model.visible_entries()] == [TransferenceStatus.ACTIVE]

    _show(window, "D-102")  # a client never filtered: everything shows
    assert bar.figure_combo.currentIndex() == 0 and bar.status_combo.currentIndex() == 0
    assert len({e.kind for e in model.visible_entries()}) > 1
    bar.show_only(EntryKind.ALLIANCE)

    _show(window, "D-101")  # its own filters are back
    assert bar.state().figure is Figure.ABANDONER
    assert [e.fields.status for e in model.visible_entries()] == [TransferenceStatus.ACTIVE]
    _show(window, "D-102")
    assert {e.kind for e in model.visible_entries()} == {EntryKind.ALLIANCE}
    bar.reset()
    assert len(model.visible_entries()) > 1

    window.window_lock.lock()  # locking forgets every client's filters
    assert window.timeline._filters_by_client == {}
    del everything
