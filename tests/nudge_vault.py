"""A small caseload, written into a real vault, that makes every nudge rule fire on `today`.

Dates are counted back from `today`, so the service tests can use a fixed day and the CLI
tests (which cannot pass a day) the real one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from alliance_journal.domain.clients import Client, ClientStatus, Frequency
from alliance_journal.domain.entries import (
    AllianceFields,
    ContainerFields,
    CountertransferenceFields,
    Entry,
    IntakeFields,
    KindFields,
    LimitFields,
    ReflectionFields,
    SessionFields,
    TransferenceFields,
)
from alliance_journal.domain.nudges import NudgeRule
from alliance_journal.domain.vocabulary import ContainerEvent as Ev
from alliance_journal.domain.vocabulary import Figure, IntakeSignal, Rupture, TransferenceStatus
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import save_entry
from alliance_journal.services.unlock import OpenVault

#: Open nudges per client code (None: My journal) that `build` makes fire.
EXPECTED: dict[str | None, set[NudgeRule]] = {
    "C-101": {NudgeRule.MISSED_SESSIONS, NudgeRule.LATE_ARRIVALS, NudgeRule.LOW_ATTENDANCE,
              NudgeRule.MESS, NudgeRule.ALLIANCE_UNCHECKED},
    "C-102": {NudgeRule.OPEN_RUPTURE, NudgeRule.LIKED_NOT_TRUSTED, NudgeRule.TRUST_RESPECT,
              NudgeRule.WORKING_ALLIANCE, NudgeRule.AMBIVALENCE, NudgeRule.MISSED_SESSIONS},
    "C-103": {NudgeRule.PERSISTENT_TRANSFERENCE, NudgeRule.STRONG_REACTION,
              NudgeRule.ACTING_OUT, NudgeRule.LIMIT_RECURS, NudgeRule.ALLIANCE_UNCHECKED,
              NudgeRule.RISING_INTENSITY, NudgeRule.LIMIT_PENDING},
    "C-104": {NudgeRule.INTAKE_SIGNALS, NudgeRule.INTAKE_UNDECIDED,
              NudgeRule.SEXUALISED_REACTION},
    "C-105": {NudgeRule.WORK_CLOSED},
    None: {NudgeRule.CASELOAD_STRAIN, NudgeRule.STRAIN_WORDS, NudgeRule.FIGURE_ACROSS_CLIENTS},
}


@dataclass
class Caseload:
    today: date
    clients: dict[str, Client]

    def at(self, days_ago: int) -> datetime:
        """Local noon `days_ago` days before `today`."""
        return datetime.combine(self.today - timedelta(days=days_ago), time(12))

    def add(self, vault: OpenVault, code: str | None, fields: KindFields, days_ago: int,
            body: str = "Process note.") -> Entry:
        client_id = self.clients[code].id if code else None
        entry = Entry(client_id=client_id, kind=fields.kind, occurred_at=self.at(days_ago),
                      fields=fields, body=body)
        return save_entry(vault, entry)

    def code_of(self, client_id: object) -> str | None:
        return next((code for code, c in self.clients.items() if c.id == client_id), None)


def build(vault: OpenVault, today: date) -> Caseload:
    ago = today - timedelta(days=200)
    clients = {
        "C-101": Client(code="C-101", started_on=ago, frequency=Frequency.WEEKLY),
        "C-102": Client(code="C-102", started_on=ago, frequency=Frequency.IRREGULAR),
        "C-103": Client(code="C-103", started_on=ago, frequency=Frequency.IRREGULAR),
        "C-104": Client(code="C-104", status=ClientStatus.PROSPECTIVE,
                        frequency=Frequency.IRREGULAR),
        "C-105": Client(code="C-105", status=ClientStatus.ENDED, started_on=ago,
                        ended_on=today - timedelta(days=10)),
    }
    for client in clients.values():
        save_client(vault, client)
    caseload = Caseload(today, clients)
    add = caseload.add
    # the container: missed sessions, lateness, too few sessions, a mess
    # (lateness and a mess mean a session was held: 2 days held in the last 4 weeks)
    for event, days in ((Ev.LATE_CANCELLATION, 12), (Ev.NO_SHOW, 3), (Ev.LATE_ARRIVAL, 29),
                        (Ev.LATE_ARRIVAL, 28), (Ev.LATE_ARRIVAL, 1), (Ev.MESS, 8)):
        add(vault, "C-101", ContainerFields(event=event), days)
    # the alliance: an unrepaired rupture, then liked but not trusted, stalling, cancelling
    add(vault, "C-102", AllianceFields(rupture=Rupture.WITHDRAWAL), 40)
    for days in (30, 25, 15):
        add(vault, "C-102", SessionFields(), days)
    add(vault, "C-102", AllianceFields(client_likes_me=5, client_trusts_me=2,
                                       client_respects_me=4, goals=2), 10)
    add(vault, "C-102", ContainerFields(event=Ev.LATE_CANCELLATION), 20)
    add(vault, "C-102", ContainerFields(event=Ev.NO_SHOW), 5)
    # what passes between us, and a limit that did not hold
    for days in (70, 40, 10):
        add(vault, "C-103", TransferenceFields(figure=Figure.BAD_PARENT,
                                               status=TransferenceStatus.ACTIVE), days)
    add(vault, "C-103", CountertransferenceFields(intensity=2), 30)
    add(vault, "C-103", CountertransferenceFields(), 20)  # not rated: skipped, not a level
    add(vault, "C-103", CountertransferenceFields(intensity=3), 15)
    add(vault, "C-103", CountertransferenceFields(intensity=5, feelings=["afraid"]), 4)
    add(vault, "C-103", LimitFields(behaviour="shouting at me"), 35)
    add(vault, "C-103", ContainerFields(event=Ev.THREAT), 5)
    # the caseload: an uneasy intake, an ending, and strain across clients and my journal
    add(vault, "C-104", IntakeFields(signals=[IntakeSignal.SUSPICIOUS, IntakeSignal.PASSIVE]), 25)
    add(vault, "C-104", CountertransferenceFields(feelings=["attracted"]), 24)
    add(vault, "C-105", SessionFields(), 12)
    add(vault, "C-103", CountertransferenceFields(feelings=["resentful"]), 6)
    add(vault, "C-102", CountertransferenceFields(feelings=["exhausted"]), 4)
    add(vault, None, CountertransferenceFields(feelings=["used"]), 2)
    # the same figure with three clients, and words of strain in my notes
    add(vault, "C-101", TransferenceFields(figure=Figure.BAD_PARENT), 50)
    add(vault, "C-102", TransferenceFields(figure=Figure.BAD_PARENT), 60)
    for days, words in ((9, "Felt drained."), (5, "Dreading Monday."), (1, "Exhausted tonight.")):
        add(vault, None, ReflectionFields(), days, body=words)
    return caseload
