"""The editor: one entry of each kind written through the form, autosave, finalise, history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from alliance_journal.app.editor.field_widgets import ChoiceField
from alliance_journal.app.editor.kind_form import KindForm
from alliance_journal.app.timeline.model import TimelineRole
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import (
    AllianceFields,
    ContainerFields,
    CountertransferenceFields,
    EntryKind,
    IntakeFields,
    LimitFields,
    ReflectionFields,
    SessionFields,
    TransferenceFields,
)
from alliance_journal.errors import NotFoundError
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import get_entry, save_entry

#: Offscreen Qt cannot raise windows or grab the keyboard (completer popups); harmless.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture
def client_window(vault, main_window):
    """The window with client A-17 selected."""
    client = save_client(vault, Client(code="A-17"))
    main_window.clients.reload()
    assert main_window.clients.select(client.id)
    main_window.client = client
    return main_window


def click_chip(form: KindForm, field: str, value: str) -> None:
    form.field(field).chips[value].click()  # type: ignore[attr-defined]


def click_rating(form: KindForm, field: str, value: int) -> None:
    form.field(field).group.button(value).click()  # type: ignore[attr-defined]


def choose(form: KindForm, field: str, value: str) -> None:
    widget = form.field(field)
    assert isinstance(widget, ChoiceField)
    index = widget.combo.findData(value)
    widget.combo.setCurrentIndex(index)
    widget.combo.activated.emit(index)


def type_text(qtbot, form: KindForm, field: str, text: str) -> None:
    qtbot.keyClicks(form.field(field).edit, text)  # type: ignore[attr-defined]


def fill_session(qtbot, form):
    click_chip(form, "themes", "container")


def fill_countertransference(qtbot, form):
    click_chip(form, "feelings", "bored")
    form.field("feelings").line.setText("heavy")
    form.field("feelings").line.textEdited.emit("heavy")
    click_rating(form, "intensity", 4)
    type_text(qtbot, form, "evoked", "the long silence")


def fill_transference(qtbot, form):
    choose(form, "figure", "critic")
    choose(form, "status", "softening")
    type_text(qtbot, form, "wish", "to be seen")


def fill_alliance(qtbot, form):
    for field, value in (("client_trusts_me", 2), ("client_respects_me", 4), ("i_trust_client", 3),
                         ("i_respect_client", 5), ("client_likes_me", 5), ("bond", 4)):
        click_rating(form, field, value)


def fill_container(qtbot, form):
    choose(form, "event", "late_arrival")
    form.field("minutes_late").spin.setValue(15)
    form.field("addressed").box.click()


def fill_limit(qtbot, form):
    type_text(qtbot, form, "behaviour", "shouting")
    choose(form, "outcome", "held")


def fill_intake(qtbot, form):
    click_chip(form, "signals", "suspicious")
    click_rating(form, "discomfort", 3)
    choose(form, "decision", "refer")
    type_text(qtbot, form, "reasons", "not a fit")


def fill_reflection(qtbot, form):
    choose(form, "theme", "limits")


CASES = {
    EntryKind.SESSION: (fill_session, SessionFields(themes=["container"]), "The container"),
    EntryKind.COUNTERTRANSFERENCE: (
        fill_countertransference,
        CountertransferenceFields(feelings=["bored", "heavy"], intensity=4, evoked="the long silence"),
        "Intensity 4/5 · bored, heavy"),
    EntryKind.TRANSFERENCE: (
        fill_transference, TransferenceFields(figure="critic", status="softening", wish="to be seen"),
        "Critic · Softening"),
    EntryKind.ALLIANCE: (
        fill_alliance,
        AllianceFields(client_trusts_me=2, client_respects_me=4, i_trust_client=3, i_respect_client=5,
                       client_likes_me=5, bond=4),
        "Client → me: trust 2, respect 4, liking 5 · Me → client: trust 3, respect 5 · bond 4"),
    EntryKind.CONTAINER: (
        fill_container, ContainerFields(event="late_arrival", minutes_late=15, addressed=True),
        "Late arrival · 15 min late · addressed"),
    EntryKind.LIMIT: (fill_limit, LimitFields(behaviour="shouting", outcome="held"), "Outcome: held"),
    EntryKind.INTAKE: (
        fill_intake,
        IntakeFields(signals=["suspicious"], discomfort=3, decision="refer", reasons="not a fit"),
        "Decision: refer · Wary of me · Discomfort 3/5"),
    EntryKind.REFLECTION: (fill_reflection, ReflectionFields(theme="limits"), "Limits"),
}


@pytest.mark.parametrize("kind", list(EntryKind))
def test_an_entry_of_each_kind_through_the_editor(qtbot, vault, client_window, kind):
    window = client_window
    fill, expected_fields, expected_card = CASES[kind]
    window.commands.new_kind[kind].trigger()
    editor = window.editor
    assert editor.is_new and editor.entry.kind is kind
    form = editor.ui.form
    fill(qtbot, form)
    qtbot.keyClicks(editor.ui.body.source, f"First line of the {kind.value}")
    qtbot.keyClick(editor.ui.body.source, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.ui.body.source, "second line")
    qtbot.keyClicks(editor.ui.tags, "supervision, #Rupture")
    window.commands.save.trigger()

    stored = get_entry(vault, editor.entry_id)
    assert stored.client_id == window.client.id
    assert stored.fields == expected_fields
    assert stored.tags == ["supervision", "rupture"]
    assert stored.body == f"First line of the {kind.value}\nsecond line"
    model = window.timeline.model
    row = model.row_of(stored.id)
    assert row > 0 and window.timeline.current_entry_id() == stored.id
    assert model.data(model.index(row), TimelineRole.FIRST_LINE) == f"First line of the {kind.value}"
    assert model.data(model.index(row), TimelineRole.KEY_FIELDS) == expected_card
    assert model.data(model.index(row), TimelineRole.KIND) == kind.value
    assert "1 entry" in window.clients.model.data(window.clients.view.currentIndex(),
                                                  Qt.ItemDataRole.ToolTipRole)


def test_autosave_after_typing(qtbot, vault, client_window):
    window = client_window
    window.editor.autosave.set_delay_ms(50)
    window.commands.new_kind[EntryKind.SESSION].trigger()
    entry_id = window.editor.entry_id
    qtbot.keyClicks(window.editor.ui.body.source, "Quiet hour")

    def saved_text() -> str | None:
        try:
            return get_entry(vault, entry_id).body
        except NotFoundError:
            return None

    qtbot.waitUntil(lambda: saved_text() == "Quiet hour", timeout=5000)
    assert window.editor.ui.status.text().startswith("Saved ")
    assert window.timeline.model.row_of(entry_id) > 0
    qtbot.keyClicks(window.editor.ui.body.source, " later")
    qtbot.waitUntil(lambda: saved_text() == "Quiet hour later", timeout=5000)


def test_switching_entry_saves_at_once_and_untouched_new_entries_leave_nothing(qtbot, vault, client_window):
    window = client_window
    window.editor.autosave.set_delay_ms(60_000)  # only the switch can save
    window.commands.new_kind[EntryKind.LIMIT].trigger()
    untouched = window.editor.entry_id
    window.commands.new_kind[EntryKind.SESSION].trigger()
    with pytest.raises(NotFoundError):
        get_entry(vault, untouched)
    qtbot.keyClicks(window.editor.ui.body.source, "Written, not yet saved")
    first = window.editor.entry_id
    window.commands.new_kind[EntryKind.REFLECTION].trigger()
    assert get_entry(vault, first).body == "Written, not yet saved"


def test_date_is_now_and_editable(qtbot, vault, client_window):
    window = client_window
    window.commands.new_kind[EntryKind.CONTAINER].trigger()
    when = window.editor.ui.when
    when.setDateTime(when.dateTime().addDays(-3))
    window.commands.save.trigger()
    stored = get_entry(vault, window.editor.entry_id)
    assert timedelta(days=2, hours=23) < stored.created_at - stored.occurred_at < timedelta(days=3, hours=1)


def test_finalise_then_amend(qtbot, vault, client_window):
    window = client_window
    window.entry_ops.confirm = lambda *_args: True
    window.commands.new_kind[EntryKind.SESSION].trigger()
    qtbot.keyClicks(window.editor.ui.body.source, "Signed text")
    window.commands.finalise.trigger()
    entry_id = window.editor.entry_id
    assert get_entry(vault, entry_id).is_finalised
    assert window.editor.ui.body.source.isReadOnly()
    assert window.editor.amendments.isVisibleTo(window.editor)
    assert not window.commands.finalise.isEnabled()
    window.editor.amendments.box.setPlainText("A later thought")
    window.editor.amendments.add_button.click()
    stored = get_entry(vault, entry_id)
    assert [a.body for a in stored.amendments] == ["A later thought"]
    assert stored.body == "Signed text"
    assert "A later thought" in window.editor.amendments.listing.toPlainText()
    row = window.timeline.model.row_of(entry_id)
    assert window.timeline.model.data(window.timeline.model.index(row), TimelineRole.FINALISED)


def test_history_shows_and_restores_a_version(qtbot, vault, client_window):
    window = client_window
    window.commands.new_kind[EntryKind.REFLECTION].trigger()
    qtbot.keyClicks(window.editor.ui.body.source, "First thought")
    window.commands.save.trigger()
    entry = get_entry(vault, window.editor.entry_id)
    # A later burst of editing (outside the history window) keeps the first version.
    save_entry(vault, entry.model_copy(update={"body": "Second thought"}), history_window=timedelta(0))
    window.editor.clear()
    window.show_client(window.client.id, force=True)
    assert window.timeline.select_entry(entry.id)
    assert window.editor.ui.body.text() == "Second thought"
    dialog = window.entry_ops.show_history()
    qtbot.addWidget(dialog)
    assert dialog.listing.count() == 1
    assert "First thought" in dialog.preview.toPlainText()
    dialog.restore_selected()
    assert get_entry(vault, entry.id).body == "First thought"
    assert window.editor.ui.body.text() == "First thought"
    model = window.timeline.model
    assert model.data(model.index(model.row_of(entry.id)), TimelineRole.FIRST_LINE) == "First thought"


def test_rating_and_chips_work_from_the_keyboard(qtbot, client_window):
    window = client_window
    window.commands.new_kind[EntryKind.COUNTERTRANSFERENCE].trigger()
    form = window.editor.ui.form
    rating = form.field("intensity")
    assert rating.value() is None  # a new entry starts not rated, shown as "—"
    assert rating.group.checkedButton().text() == "—"
    qtbot.keyClick(rating, Qt.Key.Key_Right)
    assert rating.value() == 1
    qtbot.keyClick(rating, Qt.Key.Key_4)
    assert rating.value() == 4
    qtbot.keyClick(rating, Qt.Key.Key_Delete)  # cleared again: not rated
    assert rating.value() is None
    qtbot.keyClick(rating, Qt.Key.Key_1)
    assert rating.value() == 1
    line = form.field("feelings").line
    qtbot.keyClicks(line, "Anxious, tight chest")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert form.field("feelings").chips["anxious"].isChecked()
    assert form.field("feelings").value() == ["anxious", "tight chest"]
    assert window.editor.is_dirty
