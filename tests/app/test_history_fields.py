"""The entry history shows changes to structured fields, not only to the text."""

from __future__ import annotations

from datetime import timedelta

import pytest

from alliance_journal.app.editor.history_dialog import EntryHistoryDialog
from alliance_journal.app.editor.version_changes import field_changes, summary
from alliance_journal.app.runtime.vault_session import VaultSession
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.domain.vocabulary import Figure, TransferenceStatus
from alliance_journal.services.entries import save_entry

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def transference(**fields) -> Entry:
    base = default_fields(EntryKind.TRANSFERENCE).model_copy(update=fields)
    return Entry(kind=EntryKind.TRANSFERENCE, body="Same words", fields=base)


def test_a_status_and_figure_change_is_listed_in_the_history(qtbot, vault, vault_dir):
    first = save_entry(vault, transference(figure=Figure.CRITIC, status=TransferenceStatus.EMERGING))
    changed = first.model_copy(update={"fields": first.fields.model_copy(update={
        "figure": Figure.RESCUER, "status": TransferenceStatus.ACTIVE})})
    now = save_entry(vault, changed, history_window=timedelta(0))
    dialog = EntryHistoryDialog(VaultSession(vault_dir, vault), now)
    qtbot.addWidget(dialog)
    row = dialog.listing.item(0).text()
    assert "Relating to me as: Critic → Rescuer" in row
    assert "Status: Emerging → Active" in row
    assert "Status was *Emerging*, then *Active*" in dialog.preview.toMarkdown()


def test_an_unchanged_field_is_not_mentioned():
    older = transference(figure=Figure.CRITIC)
    newer = older.model_copy(update={"body": "Other words"})
    assert summary(field_changes(older, newer)) == "Text"
    assert summary(field_changes(older, older)) == "No change"


def test_a_rating_going_back_to_not_rated_says_so():
    older = Entry(kind=EntryKind.ALLIANCE, body="",
                  fields=default_fields(EntryKind.ALLIANCE).model_copy(update={"bond": 4}))
    newer = older.model_copy(update={"fields": older.fields.model_copy(update={"bond": None})})
    assert summary(field_changes(older, newer)) == "Bond: 4 → not rated"
