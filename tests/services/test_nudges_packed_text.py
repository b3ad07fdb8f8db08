"""Nudges read note text stored packed (zlib, schema 6) as text, like every other reader."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.domain.nudges import NudgeRule
from alliance_journal.services.entries import save_entry
from alliance_journal.services.nudges import open_nudges
from alliance_journal.services.unlock import OpenVault

TODAY = date(2026, 11, 20)
#: Long enough (and repetitive enough) to be stored as a packed BLOB.
LONG = "After the session I sat for a while and wrote down what stayed with me. " * 6


def test_words_of_strain_are_found_in_long_packed_notes(vault: OpenVault) -> None:
    for days_ago in (1, 2, 3):
        when = datetime.combine(TODAY - timedelta(days=days_ago), time(18)).astimezone()
        save_entry(vault, Entry(kind=EntryKind.REFLECTION, occurred_at=when,
                                fields=default_fields(EntryKind.REFLECTION),
                                body=f"{LONG} Honestly I feel drained tonight."))
    rules = {nudge.rule for nudge in open_nudges(vault, today=TODAY)}
    assert NudgeRule.STRAIN_WORDS in rules


def test_long_notes_without_those_words_raise_no_strain(vault: OpenVault) -> None:
    for days_ago in (1, 2, 3):
        when = datetime.combine(TODAY - timedelta(days=days_ago), time(18)).astimezone()
        save_entry(vault, Entry(kind=EntryKind.REFLECTION, occurred_at=when,
                                fields=default_fields(EntryKind.REFLECTION), body=LONG))
    assert NudgeRule.STRAIN_WORDS not in {n.rule for n in open_nudges(vault, today=TODAY)}
