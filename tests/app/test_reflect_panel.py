"""The Reflect tab shows today's prompt and the client's nudges; badges; lock; placeholders."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from alliance_journal.app.clients.model import ClientRole
from alliance_journal.app.editor.body_editor import HINT
from alliance_journal.domain.entries import EntryKind
from alliance_journal.domain.nudges import NudgeRule
from alliance_journal.domain.themes import THEMES
from alliance_journal.services.clients import find_client
from alliance_journal.services.nudges import open_nudges
from alliance_journal.services.prompts import placeholder_for, prompt_of_the_day
from tests.app.reflect_caseload import EXPECTED_RULES, build, wait_for_nudges, window_on
from tests.conftest import PASSPHRASE

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture
def caseload(vault):
    return build(vault)


@pytest.fixture
def window(qtbot, vault, vault_dir, app_settings, caseload):
    """The main window on a vault whose client R-1 has nudges, R-1 selected."""
    with window_on(qtbot, vault, vault_dir, app_settings, caseload.client) as window:
        yield window


def test_the_tab_shows_the_prompt_of_the_day_and_the_clients_nudges(window, vault, caseload):
    window.reflect.show()
    panel = window.reflect.panel
    assert window.centre.currentWidget() is panel
    prompt = prompt_of_the_day(vault, date.today())
    assert panel.prompt_card.text.text() == prompt.text
    assert THEMES[prompt.theme].title in panel.prompt_card.caption.text()
    assert panel.prompt_card.answer.isEnabled()
    assert panel.scope.text() == "R-1"

    expected = open_nudges(vault, client_id=caseload.client.id)
    assert [card.nudge.id for card in panel.cards] == [n.id for n in expected]
    assert {card.nudge.rule for card in panel.cards} >= EXPECTED_RULES
    reasons = {card.nudge.rule: card.reason.text() for card in panel.cards}
    assert reasons[NudgeRule.MISSED_SESSIONS].startswith("Noticed: 2 late cancellations")
    assert "Liking 5 but trust 3" in reasons[NudgeRule.LIKED_NOT_TRUSTED]
    missed = next(c for c in panel.cards if c.nudge.rule is NudgeRule.MISSED_SESSIONS)
    assert missed.theme.text() == THEMES[missed.nudge.theme].title
    assert missed.evidence.text().count("<a href=") == 2  # both cancellations, as links
    assert "Container" in missed.evidence.text()
    assert missed.question.text().startswith("“") and missed.question.isVisibleTo(missed)


def test_my_journal_shows_nudges_about_me_only(window, vault):
    panel = window.reflect.panel
    window.reflect.show()
    assert window.clients.select(None)
    assert panel.scope.text() == "My journal"
    assert panel.section.text() == "Noticed about you"
    assert [c.nudge.id for c in panel.cards] == [n.id for n in open_nudges(vault, client_id=None)]
    assert all(card.nudge.client_id is None for card in panel.cards)
    if not panel.cards:
        assert panel.note.text().startswith("Nothing in your own entries")


def test_a_quiet_client_has_no_cards_and_no_badge(window, vault):
    quiet = find_client(vault, "R-2")
    window.reflect.show()
    assert window.clients.select(quiet.id)
    panel = window.reflect.panel
    assert panel.cards == []
    assert "R-2’s record asks for" in panel.note.text()
    model = window.clients.model
    assert model.data(model.index(model.row_of(quiet.id)), ClientRole.NUDGES) == 0


def test_a_hidden_tab_catches_up_when_it_comes_forward(window, vault, caseload):
    """Switching clients while the timeline is in front does not rebuild the hidden cards."""
    panel = window.reflect.panel
    window.reflect.show()
    mine = [c.nudge.id for c in panel.cards]
    assert mine and all(c.nudge.client_id == caseload.client.id for c in panel.cards)
    window.centre.setCurrentWidget(window.timeline)
    assert window.clients.select(None)
    assert [c.nudge.id for c in panel.cards] == mine  # left alone while hidden
    window.reflect.show()
    assert panel.scope.text() == "My journal"
    assert [c.nudge.id for c in panel.cards] == [n.id for n in open_nudges(vault, client_id=None)]


def test_the_client_list_badge_counts_open_nudges(window, vault, caseload):
    model = window.clients.model
    index = model.index(model.row_of(caseload.client.id))
    count = len(open_nudges(vault, client_id=caseload.client.id))
    assert count >= 3
    assert model.data(index, ClientRole.NUDGES) == count
    assert f"{count} things to reflect on" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    journal = model.index(model.row_of(None))
    assert model.data(journal, ClientRole.NUDGES) == len(open_nudges(vault, client_id=None))


def test_locking_empties_the_panel_and_the_badges(qtbot, window):
    panel = window.reflect.panel
    window.reflect.show()
    assert panel.cards and panel.prompt_card.text.text()
    with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
        window.commands.lock.trigger()
    assert panel.cards == []
    assert panel.findChildren(type(panel.prompt_card)) == [panel.prompt_card]
    for label in (panel.scope, panel.section, panel.note, panel.prompt_card.text,
                  panel.prompt_card.where):
        assert label.text() == ""
    assert window.reflect.feed.snapshot is None
    assert window.clients.model.rowCount() == 0
    assert window.clients.model.nudge_count(None) == 0

    dialog = window.window_lock.unlock_dialog
    dialog.secret_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(window.session.unlocked, timeout=20_000):
        dialog.accept()
    wait_for_nudges(qtbot, window)
    assert panel.cards and panel.scope.text() == "R-1"  # back where the user was


def test_an_empty_entry_offers_a_question_for_its_kind(window, vault):
    body = window.editor.ui.body.source
    window.commands.new_kind[EntryKind.COUNTERTRANSFERENCE].trigger()
    question = placeholder_for(vault, EntryKind.COUNTERTRANSFERENCE, date.today())
    assert question
    assert body.toPlainText() == ""
    assert body.placeholderText().startswith(question)
    assert HINT in body.placeholderText()
    window.commands.new_kind[EntryKind.SESSION].trigger()
    session_question = placeholder_for(vault, EntryKind.SESSION, date.today())
    assert session_question and body.placeholderText().startswith(session_question)


def test_the_question_is_forgotten_on_lock(qtbot, window):
    window.commands.new_kind[EntryKind.ALLIANCE].trigger()
    assert window.editor.ui.body.source.placeholderText() != HINT
    with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
        window.commands.lock.trigger()
    assert window.editor.ui.body.source.placeholderText() == HINT


def test_locking_while_nudges_are_read_drops_their_answer(qtbot, window):
    feed = window.reflect.feed
    feed.refresh()
    assert feed.busy
    with qtbot.waitSignal(window.session.vault_closed, timeout=20_000):
        window.commands.lock.trigger()
    assert not feed.busy and feed.snapshot is None
    assert window.reflect.panel.cards == []
    assert window.clients.model.nudge_count(None) == 0


def test_cards_follow_a_live_theme_change(qtbot, window, qapp, restore_theme):
    """Card frames and the evidence links take the new palette (links are laid out again)."""
    from alliance_journal.app.widgets.theme import apply_theme

    window.resize(1280, 800)
    window.show()
    window.reflect.show()
    card = window.reflect.panel.cards[0]
    for mode in ("light", "dark"):
        apply_theme(qapp, mode)
        palette = qapp.palette()
        link, base = palette.color(palette.ColorRole.Link), palette.color(palette.ColorRole.Base)
        qtbot.waitUntil(lambda b=base: card.evidence.palette().color(QPalette.ColorRole.Base) == b)
        image = card.evidence.grab().toImage()
        pixels = {image.pixelColor(x, y).name() for x in range(image.width())
                  for y in range(image.height())}
        assert link.name() in pixels, mode  # the underline of a link, in this theme's colour
        frame = card.grab().toImage()
        assert frame.pixelColor(card.width() // 2, 3).name() == base.name(), mode


def test_at_most_three_nudges_safety_first_and_n_more(qtbot, window, vault, caseload):
    """A threat and a mess on top: five nudges, the threat's first, two wait behind a link."""
    from alliance_journal.domain.entries import ContainerFields
    from alliance_journal.domain.nudges import NudgePriority
    from alliance_journal.domain.vocabulary import ContainerEvent
    from tests.app.reflect_caseload import add

    add(vault, caseload.client, ContainerFields(event=ContainerEvent.THREAT), 20)
    add(vault, caseload.client, ContainerFields(event=ContainerEvent.MESS), 1)
    window.reflect.feed.refresh()
    wait_for_nudges(qtbot, window)
    window.reflect.show()
    panel = window.reflect.panel
    every = open_nudges(vault, client_id=caseload.client.id)
    assert len(every) == 5
    assert len(panel.cards) == 3
    first = panel.cards[0]
    assert first.nudge.rule is NudgeRule.ACTING_OUT and first.nudge.priority is NudgePriority.SAFETY
    assert first.reason.text().startswith("Noticed: Safety first:")
    assert panel.more.isVisibleTo(panel) and "and 2 more" in panel.more.text()
    panel.more.linkActivated.emit("more")
    assert panel.cards[0].nudge.id == first.nudge.id
    assert {card.nudge.id for card in panel.cards} == {n.id for n in every}
    assert not panel.more.isVisibleTo(panel)
