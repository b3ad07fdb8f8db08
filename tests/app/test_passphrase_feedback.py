"""Passphrase feedback keeps up with typing and reads well."""

from __future__ import annotations

import functools

import pytest

from alliance_journal.app.dialogs.create_vault import CreateVaultDialog
from alliance_journal.app.dialogs.passphrase_form import NewPassphraseForm, Strength, strength_line
from alliance_journal.services.unlock import create_vault
from tests.conftest import FAST_KDF, PASSPHRASE

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def test_a_refusal_goes_away_once_the_passphrase_changes(qtbot, vault_dir):
    dialog = CreateVaultDialog(vault_dir, create=functools.partial(create_vault, kdf=FAST_KDF))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.passphrase_edit, "password123")
    qtbot.keyClicks(dialog.form.confirm_edit, "password123")
    dialog.create_journal()
    assert dialog.error_label.isVisible() and "too easy" in dialog.error_label.text()
    qtbot.keyClicks(dialog.form.passphrase_edit, " harbour lantern")
    assert not dialog.error_label.isVisible()  # the refusal was about the old text
    qtbot.waitUntil(lambda: dialog.form.feedback_label.isVisible(), timeout=2000)


def test_the_meter_follows_the_last_key(qtbot):
    form = NewPassphraseForm()
    qtbot.addWidget(form)
    qtbot.keyClicks(form.passphrase_edit, PASSPHRASE)
    qtbot.waitUntil(lambda: form.meter.value() >= 3, timeout=2000)
    form.passphrase_edit.clear()
    qtbot.waitUntil(lambda: form.meter.value() == 0 and form.strength_label.text().strip() == "",
                    timeout=2000)


def test_strength_wording_reads_well():
    assert strength_line(Strength(0, "", (), "less than a second")) == (
        "Very weak — guessed in less than a second")
    assert strength_line(Strength(4, "", (), "centuries")) == "Very strong — would take centuries to guess"
    assert strength_line(Strength(2, "", (), "3 days")) == "Fair — about 3 days to guess"
    for line in (strength_line(Strength(s, "", (), t)) for s in range(5)
                 for t in ("less than a second", "centuries", "3 days")):
        assert "about less" not in line and "about centuries" not in line
