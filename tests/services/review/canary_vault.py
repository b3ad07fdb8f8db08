"""A client whose name, notes and trashed entry carry canaries the report must never show."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from alliance_journal.domain.clients import Client, Frequency
from alliance_journal.domain.entries import (
    AllianceFields,
    ContainerFields,
    CountertransferenceFields,
    Entry,
    KindFields,
    SessionFields,
    TransferenceFields,
)
from alliance_journal.domain.vocabulary import (
    ContainerEvent,
    Figure,
    Repair,
    Rupture,
    TransferenceStatus,
)
from alliance_journal.services.clients import save_client
from alliance_journal.services.entries import move_to_trash, save_entry
from alliance_journal.services.review.report import set_identifying_tags
from alliance_journal.services.unlock import OpenVault

CODE = "K-7"
NAME_CANARY = "Quillonbright"
NOTES_CANARY = "Marrowvaleport"
TRASH_CANARY = "Thistlegrave"
TAG_CANARY = "vellichor-street"
#: No report may contain any of these, in any case.
CANARIES = (NAME_CANARY, NOTES_CANARY, TRASH_CANARY, TAG_CANARY)


def fill(vault: OpenVault, today: date) -> Client:
    client = save_client(vault, Client(
        code=CODE, name=f"Ada {NAME_CANARY}", frequency=Frequency.WEEKLY,
        started_on=today - timedelta(days=120),
        notes=f"Works at the {NOTES_CANARY} depot; referred by her GP."))

    def add(fields: KindFields, days_ago: int, body: str, tags: list[str] | None = None) -> Entry:
        when = datetime.combine(today - timedelta(days=days_ago), time(11))
        return save_entry(vault, Entry(client_id=client.id, kind=fields.kind, occurred_at=when,
                                       fields=fields, body=body, tags=tags or []))

    for days_ago in range(112, 0, -7):
        add(SessionFields(), days_ago, f"Session. {NAME_CANARY} spoke about the week.")
    add(TransferenceFields(figure=Figure.CRITIC, status=TransferenceStatus.EMERGING,
                           wish="to be seen", response_of_other=f"the {NOTES_CANARY} boss mocks"),
        100, "Treats me as the examiner.", [TAG_CANARY, "examiner"])
    add(TransferenceFields(figure=Figure.CRITIC, status=list(TransferenceStatus)[2],
                           wish="To be seen.", intervention="named it",
                           client_response=f"Ada {NAME_CANARY} laughed"), 40, "Softer now.")
    add(AllianceFields(client_likes_me=5, client_trusts_me=2, rupture=Rupture.WITHDRAWAL), 80,
        "Went quiet after the holiday.")
    add(AllianceFields(client_trusts_me=4, repair=Repair.RESOLVED, bond=4), 50, "We talked it through.")
    add(CountertransferenceFields(feelings=["helpless", "warm"], intensity=4,
                                  evoked=f"her {NOTES_CANARY} story", urge="to rescue"), 60, "Heavy.")
    add(ContainerFields(event=ContainerEvent.LATE_ARRIVAL, minutes_late=20), 30, "Late again.")
    trashed = add(SessionFields(), 20, f"Draft about {TRASH_CANARY}.")
    move_to_trash(vault, trashed.id)
    set_identifying_tags(vault, [TAG_CANARY])
    return client
