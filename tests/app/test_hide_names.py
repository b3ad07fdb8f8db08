"""View ▸ Hide names: for screen sharing, no client name anywhere in the window; codes stay."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QLineEdit, QWidget

from alliance_journal.app.runtime.settings import AppSettings
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.app.window.main_window import MainWindow
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import ContainerFields, Entry, EntryKind
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import save_entry

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]
NAME = "Wilhelmina Quarrendon"


def _model_texts(model: QAbstractItemModel) -> list[str]:
    texts = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                     Qt.ItemDataRole.AccessibleTextRole):
            value = model.data(index, role)
            if value:
                texts.append(str(value))
    return texts


def texts_in(window: QWidget) -> str:
    """Every text the window shows or tells a screen reader, in one string."""
    parts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        parts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton):
            parts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            parts += [widget.text(), widget.placeholderText()]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            parts += _model_texts(widget.model())
    return "\n".join(p for p in parts if p)


@pytest.fixture
def window(qtbot, vault, vault_dir, tmp_path):
    settings = AppSettings.for_path(tmp_path / "settings.ini")
    settings.show_client_names = True
    client = save_client(vault, Client(code="H-1", name=NAME))
    save_entry(vault, Entry(client_id=client.id, kind=EntryKind.CONTAINER,
                            fields=ContainerFields(event="threat"), body="Raised voice."))
    window = MainWindow(VaultSession(vault_dir, vault), settings, autolock_ms=0)
    qtbot.addWidget(window)
    window.show()
    window.clients.reload()
    assert window.clients.select(client.id)
    window.reflect.show()
    qtbot.waitUntil(window.reflect.feed.is_settled, timeout=10_000)
    yield window
    window.close()
    from alliance_journal.app.runtime.workers import wait_for_all

    wait_for_all(20_000)
    if window.session.vault is not None:
        window.session.vault.close()


def test_hide_names_removes_every_name_and_keeps_codes(qtbot, window):
    assert NAME in texts_in(window)  # names are on in the settings
    hide = window.commands.hide_names
    assert hide in window.findChild(QWidget, "menu_view").actions()
    hide.trigger()
    assert hide.isChecked()
    shown = texts_in(window)
    assert NAME not in shown and "Wilhelmina" not in shown
    assert "H-1" in shown
    assert window.timeline.title.text() == "H-1"
    assert window.reflect.panel.scope.text() == "H-1"
    window.apply_settings()  # a settings change keeps names hidden
    assert NAME not in texts_in(window)
    hide.trigger()
    assert NAME in texts_in(window)


def test_hide_names_does_not_show_names_the_settings_keep_off(qtbot, window):
    window.settings.show_client_names = False
    window.apply_settings()
    assert NAME not in texts_in(window)
    window.commands.hide_names.trigger()
    window.commands.hide_names.trigger()
    assert NAME not in texts_in(window)


def test_the_client_dialog_masks_the_name_while_names_are_hidden(qtbot, window, vault):
    from alliance_journal.app.clients.dialog import NAME_HIDDEN
    from alliance_journal.services.clients import find_client

    window.commands.hide_names.trigger()
    dialog = window.clients.edit_client()
    assert dialog is not None
    assert NAME not in texts_in(dialog) and "Wilhelmina" not in texts_in(dialog)
    assert dialog.name.text() == "" and dialog.name.placeholderText() == NAME_HIDDEN
    assert not dialog.name.isEnabled()  # not editable until names are shown again
    dialog.notes.setPlainText("Prefers mornings.")
    dialog.accept()
    stored = find_client(vault, "H-1")
    assert stored.notes == "Prefers mornings." and stored.name == NAME  # the name is kept
    assert NAME not in texts_in(window)

    window.commands.hide_names.trigger()  # names shown again: the field is the name
    again = window.clients.edit_client()
    assert again.name.isEnabled() and again.name.text() == NAME
    again.name.setText("Other Person")
    again.accept()
    assert find_client(vault, "H-1").name == "Other Person"


def test_a_client_added_while_names_are_hidden_has_no_name(qtbot, window, vault):
    from alliance_journal.services.clients import find_client

    window.commands.hide_names.trigger()
    dialog = window.clients.add_client()
    assert not dialog.name.isEnabled()
    dialog.code.setText("H-2")
    dialog.accept()
    assert find_client(vault, "H-2").name is None


def test_a_heading_shows_a_name_as_written_never_as_markup(qtbot) -> None:
    from alliance_journal.app.widgets.painting import make_heading

    label = make_heading(QLabel())
    qtbot.addWidget(label)
    label.setText("<b>Ann</b> & co")
    assert label.textFormat() is Qt.TextFormat.PlainText
