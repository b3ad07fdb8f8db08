"""The editor as a therapist meets it: where the focus starts, the scroll position, the
labels of the form, and a finalised entry that looks read-only from the start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from alliance_journal.app.editor.kind_form import KindForm
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.domain.vocabulary import Figure
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import finalise_entry, save_entry

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture
def shown_window(qtbot, vault, main_window):
    client = save_client(vault, Client(code="A-17"))
    main_window.clients.reload()
    main_window.clients.select(client.id)
    main_window.client = client
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.activateWindow()
    return main_window


def test_a_new_session_entry_starts_in_the_text(qtbot, shown_window):
    window = shown_window
    window.commands.new_kind[EntryKind.SESSION].trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor.ui.body.source, timeout=2000)


def test_a_new_transference_entry_starts_at_its_first_field(qtbot, shown_window):
    window = shown_window
    window.commands.new_kind[EntryKind.TRANSFERENCE].trigger()
    figure = window.editor.ui.form.field("figure")
    qtbot.waitUntil(lambda: figure.isAncestorOf(QApplication.focusWidget())
                    or QApplication.focusWidget() is figure, timeout=2000)


def test_the_editor_opens_scrolled_to_the_top(qtbot, vault, shown_window):
    window = shown_window
    window.resize(1220, 700)
    long_body = "\n".join(f"line {n}" for n in range(60))
    first, second = (save_entry(vault, Entry(kind=EntryKind.TRANSFERENCE, client_id=window.client.id,
                                             body=long_body,
                                             fields=default_fields(EntryKind.TRANSFERENCE)))
                     for _ in range(2))
    window.show_client(window.client.id, force=True)
    window.timeline.select_entry(first.id)
    bar = window.editor.ui.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=2000)
    bar.setValue(bar.maximum())  # the user had scrolled down to the text
    qtbot.wait(100)
    window.timeline.view.setFocus()
    window.timeline.select_entry(second.id)
    qtbot.wait(200)
    assert bar.value() == 0


def test_other_figure_shows_only_when_the_figure_is_other(qtbot):
    form = KindForm(EntryKind.TRANSFERENCE)
    qtbot.addWidget(form)
    form.set_values(default_fields(EntryKind.TRANSFERENCE).model_copy(update={"figure": Figure.CRITIC}))
    assert not form.row_shown("figure_other")
    combo = form.field("figure").combo
    combo.setCurrentIndex(combo.findData("other"))
    combo.activated.emit(combo.currentIndex())
    assert form.row_shown("figure_other")


def test_the_addressed_check_has_one_label_and_the_body_has_one(qtbot, main_window):
    form = KindForm(EntryKind.CONTAINER)
    qtbot.addWidget(form)
    captions = [label.text() for label in form.findChildren(QLabel)]
    assert not any("Addressed" in text for text in captions)  # the check box says it
    body = main_window.editor.ui.body
    assert body.label.buddy() is body.source and body.label.text().replace("&", "").startswith("Text")


def test_a_finalised_entry_is_shown_read_only_with_add_amendment(qtbot, vault, shown_window):
    window = shown_window
    entry = save_entry(vault, Entry(kind=EntryKind.SESSION, client_id=window.client.id, body="Signed",
                                    fields=default_fields(EntryKind.SESSION)))
    finalise_entry(vault, entry.id)
    window.show_client(window.client.id, force=True)
    window.timeline.select_entry(entry.id)
    ui = window.editor.ui
    assert ui.read_only_note.isVisible() and ui.amend_button.isVisible()
    assert ui.body.source.isReadOnly()
    qtbot.mouseClick(ui.amend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ui.amendments.box, timeout=2000)
