"""The editor's clinical fields: not rated is "—" and None, new fields save, minutes only for lateness."""

from __future__ import annotations

import pytest

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import (
    AllianceFields,
    ContainerFields,
    CountertransferenceFields,
    EntryKind,
    IntakeFields,
    TransferenceFields,
)
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import get_entry
from tests.app.test_main_window_editor import choose, click_chip, click_rating

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture
def client_window(vault, main_window):
    client = save_client(vault, Client(code="F-14"))
    main_window.clients.reload()
    assert main_window.clients.select(client.id)
    main_window.client = client
    return main_window


def save(window):
    window.commands.save.trigger()
    return get_entry(window.session.vault, window.editor.entry_id)


def test_a_new_alliance_check_starts_not_rated_and_a_rating_can_be_cleared(qtbot, client_window):
    window = client_window
    window.commands.new_kind[EntryKind.ALLIANCE].trigger()
    form = window.editor.ui.form
    for name in ("client_trusts_me", "client_respects_me", "i_trust_client", "i_respect_client",
                 "client_likes_me", "bond", "tasks", "goals"):
        assert form.field(name).group.checkedButton().text() == "—", name
        assert form.field(name).value() is None
    click_rating(form, "client_likes_me", 4)
    click_rating(form, "client_trusts_me", 2)
    qtbot.keyClicks(window.editor.ui.body.source, "Check-in")
    assert save(window).fields == AllianceFields(client_likes_me=4, client_trusts_me=2)
    form.field("client_trusts_me").group.button(-100).click()  # "—": cleared again
    assert save(window).fields == AllianceFields(client_likes_me=4)


def test_intake_discomfort_zero_is_a_rating_and_none_is_not(qtbot, client_window):
    window = client_window
    window.commands.new_kind[EntryKind.INTAKE].trigger()
    form = window.editor.ui.form
    assert form.field("discomfort").value() is None
    qtbot.keyClicks(window.editor.ui.body.source, "First meeting")
    assert save(window).fields == IntakeFields()
    click_rating(form, "discomfort", 0)
    assert save(window).fields == IntakeFields(discomfort=0)


def test_origin_valence_and_where_the_pattern_shows_are_saved(qtbot, client_window):
    window = client_window
    window.commands.new_kind[EntryKind.COUNTERTRANSFERENCE].trigger()
    form = window.editor.ui.form
    assert form.field("origin").value() == "unclear"
    choose(form, "origin", "induced")
    qtbot.keyClicks(window.editor.ui.body.source, "Pulled in")
    assert save(window).fields == CountertransferenceFields(origin="induced")

    window.commands.new_kind[EntryKind.TRANSFERENCE].trigger()
    form = window.editor.ui.form
    choose(form, "figure", "lover")
    choose(form, "valence", "mixed")
    click_chip(form, "seen_with", "therapist")
    click_chip(form, "seen_with", "past_figures")
    choose(form, "status", "worked_through")
    qtbot.keyClicks(window.editor.ui.body.source, "Longing")
    assert save(window).fields == TransferenceFields(
        figure="lover", valence="mixed", seen_with=["therapist", "past_figures"],
        status="worked_through")
    labels = [form.field("figure").combo.itemText(i) for i in range(form.field("figure").combo.count())]
    assert "Lover (erotic transference)" in labels and "Worked through" in [
        form.field("status").combo.itemText(i) for i in range(form.field("status").combo.count())]


def test_minutes_late_are_asked_only_for_lateness(qtbot, client_window):
    window = client_window
    window.commands.new_kind[EntryKind.CONTAINER].trigger()
    form = window.editor.ui.form
    minutes = form.field("minutes_late")
    assert form.field("event").value() == "late_arrival"
    assert minutes.isVisibleTo(window) and form.is_asked("minutes_late")
    minutes.spin.setValue(10)
    choose(form, "event", "therapist_late")
    assert minutes.isVisibleTo(window)
    qtbot.keyClicks(window.editor.ui.body.source, "My fault")
    assert save(window).fields == ContainerFields(event="therapist_late", minutes_late=10)
    choose(form, "event", "gift")
    assert not minutes.isVisibleTo(window) and not form.is_asked("minutes_late")
    assert save(window).fields == ContainerFields(event="gift")  # no minutes for a gift


def test_neutral_labels_for_intake_signals(client_window):
    window = client_window
    window.commands.new_kind[EntryKind.INTAKE].trigger()
    chips = window.editor.ui.form.field("signals").chips
    assert chips["seductive"].text() == "Sexualised or flirtatious manner"
    assert chips["interrogated_training"].text() == "Questioned my training at length"
