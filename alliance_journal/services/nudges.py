"""Open nudges for a vault: the domain rules over its record, minus what the user set aside.

Dismissed, snoozed and answered nudges are kept by id in the encrypted `nudge_state`
table. The id encodes the evidence, so setting a nudge aside holds only until something
new is recorded: then the rule speaks again, under a new id.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date, datetime, time, timedelta
from enum import Enum, StrEnum
from typing import Final, cast

from sqlalchemy import text
from sqlmodel import Session, select

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import (
    FIELDS_BY_KIND,
    Entry,
    EntryKind,
    KindFields,
    ReflectionFields,
)
from alliance_journal.domain.nudges import Nudge, NudgeThresholds, find_nudges
from alliance_journal.errors import CorruptDataError, InvalidInputError
from alliance_journal.services.clients import all_clients, get_client
from alliance_journal.services.prompts import library, save_reflection
from alliance_journal.services.records import iso, now_iso
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.engine import database_errors
from alliance_journal.vault.packing import unpack_text
from alliance_journal.vault.tables import NudgeStateRow

MAX_SNOOZE_DAYS = 365
#: Days of note text the rules get (words of strain look back `strain_days`); a day more
#: covers any time zone, the rule itself counts local calendar days.
_TEXT_DAYS = NudgeThresholds().strain_days + 1
_MAX_ID_CHARS = 200  # what a reflection entry can store as its `nudge_id`


class NudgeState(StrEnum):
    DISMISSED = "dismissed"
    SNOOZED = "snoozed"
    ANSWERED = "answered"


class AllClients(Enum):
    """The type of `ALL`: a client filter that is neither a client id nor None (My journal)."""

    ALL = "all"


#: `open_nudges(client_id=ALL)`: nudges about every client and about the therapist.
ALL: Final = AllClients.ALL


def open_nudges(vault: OpenVault, *, today: date | None = None,
                client_id: uuid.UUID | AllClients | None = ALL) -> list[Nudge]:
    """Nudges to show today, newest evidence first: not dismissed, answered or snoozed.

    `client_id` narrows to one client (None: My journal). One client reads only that
    client's entries, which gives the same nudges as the whole caseload would.
    """
    day = today or date.today()
    clients, entries = _record(vault, client_id, day)
    found = find_nudges(clients, entries, today=day, library=library(vault))
    if client_id is not ALL:
        found = [nudge for nudge in found if nudge.client_id == client_id]
    set_aside = _set_aside(vault, day) | _answered_in(entries)
    return [nudge for nudge in found if nudge.id not in set_aside]


def nudge_counts(vault: OpenVault, today: date | None = None) -> dict[uuid.UUID | None, int]:
    """Open nudges per client (None: My journal), for badges; clients without any are left out."""
    return dict(Counter(nudge.client_id for nudge in open_nudges(vault, today=today)))


def dismiss_nudge(vault: OpenVault, nudge_id: str) -> None:
    """Set a nudge aside for good; new evidence makes a new nudge."""
    _set_state(vault, nudge_id, NudgeState.DISMISSED)


def snooze_nudge(vault: OpenVault, nudge_id: str, days: int = 7, *,
                 today: date | None = None) -> date:
    """Hide a nudge for `days` days; returns the day it shows again (if its evidence holds)."""
    if not 1 <= days <= MAX_SNOOZE_DAYS:
        raise InvalidInputError(f"a nudge can be snoozed for 1 to {MAX_SNOOZE_DAYS} days")
    until = (today or date.today()) + timedelta(days=days)
    _set_state(vault, nudge_id, NudgeState.SNOOZED, until)
    return until


def answer_nudge(vault: OpenVault, nudge: Nudge, *, body: str) -> Entry:
    """Save a reflection on a nudge (about its client, or My journal) and set the nudge aside.

    The body quotes what was noticed and the suggested question, because the nudge itself
    is gone once answered and its reason is worded for the day it was shown.
    """
    _check_id(nudge.id)
    prompt = library(vault).get(nudge.prompt_id) if nudge.prompt_id else None
    fields = ReflectionFields(prompt_id=prompt.id if prompt else None, theme=nudge.theme,
                              nudge_id=nudge.id)
    quoted = [f"Noticed: {nudge.reason}", *([prompt.text] if prompt else [])]
    entry = save_reflection(vault, fields, quoted=quoted, answer=body, client_id=nudge.client_id)
    _set_state(vault, nudge.id, NudgeState.ANSWERED)
    return entry


def _record(vault: OpenVault, client_id: uuid.UUID | AllClients | None, today: date
            ) -> tuple[list[Client], list[Entry]]:
    """The clients and live entries the rules need for `client_id`, and no more.

    My journal needs the whole caseload (strain, words of strain and the same figure
    across clients read every client); a client needs only their own entries.
    """
    if client_id is ALL:
        return all_clients(vault), _rule_entries(vault, "1 = 1", today)
    if client_id is None:  # the caseload rules read every client's entries
        return [], _rule_entries(vault, "1 = 1", today)
    client = get_client(vault, client_id)
    return [client], _rule_entries(vault, "client_id = :client", today, client=str(client_id))


def _rule_entries(vault: OpenVault, where: str, today: date, **params: str) -> list[Entry]:
    """Live entries as the rules read them: without tags or amendments, and without the
    note text except for the last few weeks.

    Only the words-of-strain rule reads text, and only of the last `strain_days`; skipping
    the rest (and the ORM) makes a caseload of 50,000 entries load several times faster.
    These entries never leave this module.
    """
    since = datetime.combine(today - timedelta(days=_TEXT_DAYS), time.min).astimezone()
    sql = (f"SELECT id, client_id, kind, occurred_at, created_at, fields, "
           f"CASE WHEN occurred_at >= :since THEN body ELSE '' END FROM entry "
           f"WHERE deleted_at IS NULL AND ({where})")
    with database_errors(), Session(vault.engine) as session:
        rows = session.connection().execute(text(sql), {**params, "since": iso(since)}).all()
    return [_rule_entry(*row) for row in rows]


def _rule_entry(entry_id: str, client_id: str | None, kind: str, occurred_at: str,
                created_at: str, fields: str, body: str | bytes) -> Entry:
    try:
        entry_kind = EntryKind(kind)
        created = datetime.fromisoformat(created_at)
        return Entry.model_construct(
            id=uuid.UUID(entry_id), client_id=uuid.UUID(client_id) if client_id else None,
            kind=entry_kind, occurred_at=datetime.fromisoformat(occurred_at),
            created_at=created, updated_at=created, tags=[], body=unpack_text(body) or "",
            fields=cast(KindFields, FIELDS_BY_KIND[entry_kind].model_validate_json(fields)),
            finalised_at=None, amendments=[], deleted_at=None)
    except ValueError:  # pydantic's ValidationError is a ValueError
        raise CorruptDataError("a stored entry is damaged") from None


def _answered_in(entries: list[Entry]) -> set[str]:
    """Nudges a live reflection answers.

    Covers a vault rebuilt from an export (which has no nudge states) and a crash between
    saving an answer and recording its state.
    """
    return {e.fields.nudge_id for e in entries
            if isinstance(e.fields, ReflectionFields) and e.fields.nudge_id}


def _set_aside(vault: OpenVault, today: date) -> set[str]:
    with database_errors(), Session(vault.engine) as session:
        rows = session.exec(select(NudgeStateRow)).all()
    return {row.nudge_id for row in rows
            if row.state != NudgeState.SNOOZED or (row.until or "") > today.isoformat()}


def _set_state(vault: OpenVault, nudge_id: str, state: NudgeState, until: date | None = None
               ) -> None:
    _check_id(nudge_id)
    with database_errors(), Session(vault.engine) as session:
        row = session.get(NudgeStateRow, nudge_id) or NudgeStateRow(nudge_id=nudge_id, state="", at="")
        row.state = state.value
        row.until = until.isoformat() if until else None
        row.at = now_iso()
        session.add(row)
        session.commit()


def _check_id(nudge_id: str) -> None:
    if not nudge_id or len(nudge_id) > _MAX_ID_CHARS:
        raise InvalidInputError("that is not a nudge id")
