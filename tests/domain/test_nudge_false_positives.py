"""Records that the rules of schema 4 flagged wrongly: each must now stay quiet.

Every case here made the named rule fire before the clinical review (not rated read as 3,
cancellations with notice counted as ambivalence, ...). The file uses only what the old
rules had, so running it against them shows each case firing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from alliance_journal.domain.clients import Client, Frequency
from alliance_journal.domain.entries import (
    AllianceFields,
    ContainerFields,
    CountertransferenceFields,
    Entry,
    KindFields,
    LimitFields,
    SessionFields,
    TransferenceFields,
)
from alliance_journal.domain.nudges import NudgeRule, find_nudges
from alliance_journal.domain.prompts import parse_prompt_library
from alliance_journal.domain.vocabulary import ContainerEvent, Figure, LimitOutcome

BUILTIN = Path(__file__).resolve().parents[2] / "resources" / "prompts" / "builtin.toml"
LIBRARY = parse_prompt_library(BUILTIN.read_text(encoding="utf-8"), source="builtin.toml")
TODAY = date(2024, 11, 20)
WEEKLY = Client(code="W1", started_on=date(2024, 1, 8), frequency=Frequency.WEEKLY)
IRREGULAR = Client(code="I1", started_on=date(2024, 1, 8), frequency=Frequency.IRREGULAR)
Ev = ContainerEvent


def entry(fields: KindFields, days_ago: int, client: Client) -> Entry:
    return Entry(client_id=client.id, kind=fields.kind, fields=fields,
                 occurred_at=datetime.combine(TODAY - timedelta(days=days_ago), time(12)))


def fired(rule: NudgeRule, client: Client, *made: tuple[KindFields, int]) -> bool:
    entries = [entry(fields, days_ago, client) for fields, days_ago in made]
    found = find_nudges([client], entries, today=TODAY, library=LIBRARY)
    return any(nudge.rule is rule for nudge in found)


def unrated_check(**ratings: int) -> AllianceFields:
    """An alliance check with only `ratings` given: the rest were never rated."""
    return AllianceFields.model_validate(ratings)


CASES = {
    "attendance counts days with any note of a session held": (
        NudgeRule.LOW_ATTENDANCE, WEEKLY,
        [(unrated_check(), 27), (CountertransferenceFields(), 20), (SessionFields(), 10),
         (ContainerFields(event=Ev.LATE_ARRIVAL, minutes_late=10), 1)]),
    "limit-recurs: a later note that the limit held is no renewal": (
        NudgeRule.LIMIT_RECURS, IRREGULAR,
        [(LimitFields(behaviour="shouting at me"), 40),
         (LimitFields(behaviour="shouting at me", outcome=LimitOutcome.HELD), 10)]),
    "limit-recurs: an untruth after a limit on lateness": (
        NudgeRule.LIMIT_RECURS, IRREGULAR,
        [(ContainerFields(event=Ev.LATE_ARRIVAL), 22), (LimitFields(behaviour="lateness"), 20),
         (ContainerFields(event=Ev.DISHONESTY), 5)]),
    "ambivalence: cancellations with notice": (
        NudgeRule.AMBIVALENCE, IRREGULAR,
        [(ContainerFields(event=Ev.CANCELLATION), 20), (ContainerFields(event=Ev.CANCELLATION), 5),
         (unrated_check(client_trusts_me=2), 10)]),
    "ambivalence: trust not rated": (
        NudgeRule.AMBIVALENCE, IRREGULAR,
        [(ContainerFields(event=Ev.LATE_CANCELLATION), 20), (ContainerFields(event=Ev.NO_SHOW), 5),
         (unrated_check(client_likes_me=4), 10)]),
    "liked-not-trusted: trust and respect not rated": (
        NudgeRule.LIKED_NOT_TRUSTED, IRREGULAR, [(unrated_check(client_likes_me=5), 10)]),
    "liked-not-trusted: liking not rated": (
        NudgeRule.LIKED_NOT_TRUSTED, IRREGULAR, [(unrated_check(client_trusts_me=1), 10)]),
    "persistent-transference: 'other' with no name": (
        NudgeRule.PERSISTENT_TRANSFERENCE, IRREGULAR,
        [(TransferenceFields(figure=Figure.OTHER), d) for d in (70, 40, 10)]),
}


@pytest.mark.parametrize("name", CASES)
def test_the_old_false_positive_stays_quiet(name: str) -> None:
    rule, client, made = CASES[name]
    assert not fired(rule, client, *made)
