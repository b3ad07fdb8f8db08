"""Answering, snoozing and dismissing in the Reflect tab, and when it refreshes."""

from __future__ import annotations

from datetime import date

import pytest

from alliance_journal.app.clients.model import ClientRole
from alliance_journal.app.window.main_window import MainWindow
from alliance_journal.domain.entries import AllianceFields, EntryKind, ReflectionFields
from alliance_journal.domain.nudges import NudgeRule
from alliance_journal.domain.prompts import PromptAbout
from alliance_journal.domain.vocabulary import ContainerEvent
from alliance_journal.services.entries import get_entry
from alliance_journal.services.nudges import open_nudges
from alliance_journal.services.prompts import prompt_of_the_day
from tests.app.reflect_caseload import add, build, wait_for_nudges, window_on

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture
def caseload(vault):
    return build(vault)


@pytest.fixture
def window(qtbot, vault, vault_dir, app_settings, caseload):
    with window_on(qtbot, vault, vault_dir, app_settings, caseload.client) as window:
        window.reflect.show()
        yield window


def badge(window: MainWindow, client_id) -> int:
    model = window.clients.model
    return model.data(model.index(model.row_of(client_id)), ClientRole.NUDGES)


def card_of(window: MainWindow, rule: NudgeRule):
    return next(card for card in window.reflect.panel.cards if card.nudge.rule is rule)


def test_answering_the_prompt_of_the_day_opens_a_linked_reflection(qtbot, window, vault, caseload):
    prompt = prompt_of_the_day(vault, date.today())
    window.reflect.panel.prompt_card.answer.click()
    entry = window.editor.entry
    assert entry is not None and entry.kind is EntryKind.REFLECTION and not window.editor.is_new
    assert isinstance(entry.fields, ReflectionFields)
    assert entry.fields.prompt_id == prompt.id and entry.fields.theme == prompt.theme
    expected_client = caseload.client.id if prompt.about is PromptAbout.CLIENT else None
    assert entry.client_id == expected_client
    assert get_entry(vault, entry.id).body.startswith("> ")  # the question, quoted
    assert window.centre.currentWidget() is window.timeline
    assert window.timeline.current_entry_id() == entry.id
    assert window.clients.current_client_id() == expected_client
    body = window.editor.ui.body.source
    assert body.textCursor().atEnd()  # ready to write under the quote
    qtbot.keyClicks(body, "It shows up as tiredness.")
    assert window.editor.flush()
    assert get_entry(vault, entry.id).body.endswith("It shows up as tiredness.")


def test_answering_a_nudge_links_the_reflection_and_sets_the_nudge_aside(qtbot, window, vault, caseload):
    card = card_of(window, NudgeRule.LIKED_NOT_TRUSTED)
    nudge = card.nudge
    before = badge(window, caseload.client.id)
    card.answer.click()
    entry = window.editor.entry
    assert entry is not None and isinstance(entry.fields, ReflectionFields)
    assert entry.fields.nudge_id == nudge.id and entry.fields.theme == nudge.theme
    assert entry.fields.prompt_id == nudge.prompt_id
    assert entry.client_id == caseload.client.id
    assert "Noticed: liking 5 but trust 3" in get_entry(vault, entry.id).body
    assert window.timeline.current_entry_id() == entry.id
    assert window.timeline.model.row_of(entry.id) >= 0
    assert window.reflect.panel.card_for(nudge.id) is None
    assert badge(window, caseload.client.id) == before - 1
    assert nudge.id not in {n.id for n in open_nudges(vault)}
    wait_for_nudges(qtbot, window)  # the refresh after the new entry agrees
    assert window.reflect.panel.card_for(nudge.id) is None
    assert badge(window, caseload.client.id) == before - 1


def test_snooze_and_dismiss_remove_the_card(qtbot, window, vault, caseload):
    panel = window.reflect.panel
    count = len(panel.cards)
    snoozed = card_of(window, NudgeRule.MISSED_SESSIONS).nudge
    card_of(window, NudgeRule.MISSED_SESSIONS).snooze.click()
    assert panel.card_for(snoozed.id) is None and len(panel.cards) == count - 1
    assert window.status.currentMessage().startswith("Snoozed until")
    dismissed = card_of(window, NudgeRule.AMBIVALENCE).nudge
    card_of(window, NudgeRule.AMBIVALENCE).dismiss.click()
    assert panel.card_for(dismissed.id) is None and len(panel.cards) == count - 2
    assert badge(window, caseload.client.id) == count - 2
    wait_for_nudges(qtbot, window)
    ids = {n.id for n in open_nudges(vault)}
    assert snoozed.id not in ids and dismissed.id not in ids
    still_open = open_nudges(vault, client_id=caseload.client.id)
    assert {c.nudge.id for c in panel.cards} == {n.id for n in still_open}
    assert entry_count_unchanged(window, caseload)


def entry_count_unchanged(window: MainWindow, caseload) -> bool:
    return len(window.timeline.model.entries()) == len(caseload.entries)


def test_an_evidence_link_shows_the_entry(window, caseload):
    card = card_of(window, NudgeRule.MISSED_SESSIONS)
    first = caseload.entries[0]
    card.evidence.linkActivated.emit(f"entry:{first.id}")
    assert window.centre.currentWidget() is window.timeline
    assert window.timeline.current_entry_id() == first.id
    assert window.editor.entry_id == first.id


def test_a_save_that_changes_the_record_refreshes_the_cards(qtbot, window, vault, caseload):
    """A new alliance check with trust restored: liked-not-trusted is no longer true."""
    assert card_of(window, NudgeRule.LIKED_NOT_TRUSTED)
    window.commands.new_kind[EntryKind.ALLIANCE].trigger()
    qtbot.keyClicks(window.editor.ui.body.source, "Trust is back.")
    assert window.editor.flush()
    stored = window.editor.entry
    assert stored is not None and isinstance(stored.fields, AllianceFields)
    qtbot.waitUntil(window.reflect.feed.is_settled, timeout=10_000)
    window.reflect.show()  # the hidden tab caught up when it came forward
    qtbot.waitUntil(lambda: all(c.nudge.rule is not NudgeRule.LIKED_NOT_TRUSTED
                                for c in window.reflect.panel.cards), timeout=10_000)
    wait_for_nudges(qtbot, window)


def test_typing_in_a_note_does_not_recompute(qtbot, window):
    window.timeline.select_entry(window.timeline.model.entries()[0].id)
    feed = window.reflect.feed
    snapshot = feed.snapshot
    qtbot.keyClicks(window.editor.ui.body.source, " More.")
    assert window.editor.flush()
    assert not feed.busy and feed.is_settled() and feed.snapshot is snapshot


def test_an_import_refreshes_the_cards(qtbot, window, vault, caseload):
    from alliance_journal.domain.entries import ContainerFields

    add(vault, caseload.client, ContainerFields(event=ContainerEvent.MESS), 1)
    with qtbot.waitSignal(window.reflect.feed.updated, timeout=10_000):
        window.file_ops.vault_changed.emit()  # what an import says when it is done
    assert any(c.nudge.rule is NudgeRule.MESS for c in window.reflect.panel.cards)
