"""Nudges over a real vault: what is open, and what dismiss, snooze and answer set aside."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import (
    ContainerFields,
    Entry,
    EntryKind,
    ReflectionFields,
    SessionFields,
)
from alliance_journal.domain.nudges import Nudge, NudgeRule
from alliance_journal.domain.themes import THEMES, ThemeId
from alliance_journal.domain.vocabulary import ContainerEvent
from alliance_journal.errors import InvalidInputError
from alliance_journal.services.clients import set_archived
from alliance_journal.services.entries import get_entry, move_to_trash, save_entry
from alliance_journal.services.nudges import (
    answer_nudge,
    dismiss_nudge,
    nudge_counts,
    open_nudges,
    snooze_nudge,
)
from alliance_journal.services.prompts import library
from alliance_journal.services.unlock import OpenVault
from tests import nudge_vault

TODAY = date(2024, 11, 20)


@pytest.fixture
def caseload(vault: OpenVault) -> nudge_vault.Caseload:
    return nudge_vault.build(vault, TODAY)


def by_rule(vault: OpenVault, rule: NudgeRule, today: date = TODAY,
            client: Client | None = None) -> list[Nudge]:
    return [n for n in open_nudges(vault, today=today)
            if n.rule is rule and (client is None or n.client_id == client.id)]


def test_every_rule_fires_for_the_right_client(vault, caseload) -> None:
    found: dict[str | None, set[NudgeRule]] = {}
    for nudge in open_nudges(vault, today=TODAY):
        found.setdefault(caseload.code_of(nudge.client_id), set()).add(nudge.rule)
    assert found == nudge_vault.EXPECTED
    prompts = library(vault)
    for nudge in open_nudges(vault, today=TODAY):
        assert nudge.prompt_id is not None
        assert prompts.by_id(nudge.prompt_id).theme is nudge.theme


def test_every_theme_is_reached_by_a_prompt_and_a_nudge(vault, caseload) -> None:
    assert set(THEMES) == {theme.id for theme in THEMES.values()} == set(ThemeId)
    by_nudge = {theme for n in open_nudges(vault, today=TODAY) for theme in n.themes}
    by_prompt = set(library(vault).themes)
    assert by_nudge == by_prompt == set(ThemeId)


def test_one_client_or_my_journal_gives_what_the_whole_caseload_gives(vault, caseload) -> None:
    everything = open_nudges(vault, today=TODAY)
    for client in caseload.clients.values():
        assert open_nudges(vault, today=TODAY, client_id=client.id) == [
            n for n in everything if n.client_id == client.id]
    mine = open_nudges(vault, today=TODAY, client_id=None)
    assert mine == [n for n in everything if n.client_id is None]
    assert {n.rule for n in mine} == {NudgeRule.CASELOAD_STRAIN, NudgeRule.STRAIN_WORDS,
                                      NudgeRule.FIGURE_ACROSS_CLIENTS}


def test_dismissed_stays_dismissed_until_new_evidence(vault, caseload) -> None:
    c101 = caseload.clients["C-101"]
    (missed,) = by_rule(vault, NudgeRule.MISSED_SESSIONS, client=c101)
    dismiss_nudge(vault, missed.id)
    assert by_rule(vault, NudgeRule.MISSED_SESSIONS, client=c101) == []
    assert by_rule(vault, NudgeRule.MISSED_SESSIONS, TODAY + timedelta(days=1), c101) == []

    caseload.add(vault, "C-101", ContainerFields(event=ContainerEvent.NO_SHOW), 0)
    (renewed,) = by_rule(vault, NudgeRule.MISSED_SESSIONS, client=c101)
    assert renewed.id != missed.id
    assert set(missed.evidence) < set(renewed.evidence)
    assert renewed.reason == "1 late cancellation and 2 no-shows since 8 Nov"


def test_snoozed_comes_back_on_its_day(vault, caseload) -> None:
    (mess,) = by_rule(vault, NudgeRule.MESS)
    assert snooze_nudge(vault, mess.id, 7, today=TODAY) == TODAY + timedelta(days=7)
    assert by_rule(vault, NudgeRule.MESS) == []
    assert by_rule(vault, NudgeRule.MESS, TODAY + timedelta(days=6)) == []
    assert by_rule(vault, NudgeRule.MESS, TODAY + timedelta(days=7)) == [mess]


@pytest.mark.parametrize("days", [0, -1, 366])
def test_snooze_refuses_odd_lengths(vault, days: int) -> None:
    with pytest.raises(InvalidInputError):
        snooze_nudge(vault, "mess:me:0", days)


@pytest.mark.parametrize("bad", ["", "x" * 201])
def test_state_needs_a_nudge_id(vault, bad: str) -> None:
    with pytest.raises(InvalidInputError):
        dismiss_nudge(vault, bad)


def test_answer_saves_a_linked_reflection_and_sets_the_nudge_aside(vault, caseload) -> None:
    (closed,) = by_rule(vault, NudgeRule.WORK_CLOSED)
    prompt = library(vault).by_id(closed.prompt_id or "")
    entry = answer_nudge(vault, closed, body="I did what I could; so did they.\n")

    assert get_entry(vault, entry.id) == entry
    assert entry.kind is EntryKind.REFLECTION
    assert entry.client_id == caseload.clients["C-105"].id
    assert entry.fields == ReflectionFields(prompt_id=prompt.id,
                                            theme=ThemeId.ACCEPTANCE_OF_LIMITS, nudge_id=closed.id)
    assert entry.body == (f"> Noticed: {closed.reason}\n>\n> {prompt.text}\n\n"
                          "I did what I could; so did they.")
    assert entry.first_line(200) == f"Noticed: {closed.reason}"
    # the answer itself is not new evidence of the ending: nothing comes back
    assert by_rule(vault, NudgeRule.WORK_CLOSED) == []


def test_an_answer_about_me_goes_to_my_journal(vault, caseload) -> None:
    (strain,) = by_rule(vault, NudgeRule.CASELOAD_STRAIN)
    entry = answer_nudge(vault, strain, body="")
    assert entry.client_id is None
    assert entry.body.startswith("> Noticed: 3 reactions of strain")
    assert library(vault).by_id(strain.prompt_id or "").about == "therapist"
    assert strain.id not in {n.id for n in open_nudges(vault, today=TODAY, client_id=None)}


def test_answered_stays_aside_even_if_the_answer_is_trashed(vault, caseload) -> None:
    (mess,) = by_rule(vault, NudgeRule.MESS)
    move_to_trash(vault, answer_nudge(vault, mess, body="Left in a hurry?").id)
    assert by_rule(vault, NudgeRule.MESS) == []


def test_a_reflection_that_carries_the_nudge_id_counts_as_an_answer(vault, caseload) -> None:
    # e.g. a vault rebuilt from a JSON export, which carries entries but no nudge states
    (mess,) = by_rule(vault, NudgeRule.MESS)
    save_entry(vault, Entry(client_id=mess.client_id, kind=EntryKind.REFLECTION,
                            fields=ReflectionFields(nudge_id=mess.id)))
    assert by_rule(vault, NudgeRule.MESS) == []


def test_counts_per_client_for_the_badges(vault, caseload) -> None:
    expected = {(caseload.clients[code].id if code else None): len(rules)
                for code, rules in nudge_vault.EXPECTED.items()}
    assert nudge_counts(vault, TODAY) == expected

    (late,) = by_rule(vault, NudgeRule.LATE_ARRIVALS)
    dismiss_nudge(vault, late.id)
    set_archived(vault, caseload.clients["C-104"].id, True)
    c101, c104 = caseload.clients["C-101"].id, caseload.clients["C-104"].id
    counts = nudge_counts(vault, TODAY)
    assert counts[c101] == expected[c101] - 1
    assert c104 not in counts


def test_an_empty_vault_has_no_nudges(vault) -> None:
    assert open_nudges(vault) == []
    assert nudge_counts(vault) == {}


def test_a_session_renews_the_attendance_nudge(vault, caseload) -> None:
    (low,) = by_rule(vault, NudgeRule.LOW_ATTENDANCE)
    dismiss_nudge(vault, low.id)
    caseload.add(vault, "C-101", SessionFields(), 2)
    (renewed,) = by_rule(vault, NudgeRule.LOW_ATTENDANCE)
    assert renewed.id != low.id
    assert renewed.reason.startswith("3 sessions in the 4 weeks")



@pytest.mark.parametrize(("word", "fires"), [("exhausted", True), ("curious", False)])
def test_words_of_strain_are_read_from_long_notes_stored_packed(vault, word: str, fires: bool) -> None:
    """Long notes are stored zlib-packed (schema 6): the strain rule must read their text."""
    from datetime import datetime, time

    from alliance_journal.domain.entries import Entry, ReflectionFields

    filler = "The session moved slowly and I kept noticing the clock and the rain outside. " * 5
    for days_ago in (1, 3, 5):
        when = datetime.combine(TODAY - timedelta(days=days_ago), time(18)).astimezone()
        save_entry(vault, Entry(client_id=None, kind=ReflectionFields().kind, occurred_at=when,
                                body=f"{filler} Afterwards I felt {word}.", fields=ReflectionFields()))
    with vault.engine.connect() as conn:
        stored = [body for (body,) in conn.exec_driver_sql("SELECT body FROM entry")]
    assert all(isinstance(body, bytes) for body in stored)  # packed, as the rule must cope with
    found = by_rule(vault, NudgeRule.STRAIN_WORDS)
    assert bool(found) is fires
