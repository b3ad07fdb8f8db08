"""Entries in memory for the review model tests: dated by days before a fixed day."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from alliance_journal.domain.entries import Entry, KindFields

TODAY = date(2026, 6, 30)
CLIENT = uuid.UUID("11111111-1111-4111-8111-111111111111")


def at(days_ago: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), time(12)).astimezone()


def entry(fields: KindFields, days_ago: int, body: str = "A note.",
          client_id: uuid.UUID | None = CLIENT) -> Entry:
    return Entry(client_id=client_id, kind=fields.kind, occurred_at=at(days_ago),
                 fields=fields, body=body)


def day(days_ago: int) -> date:
    return TODAY - timedelta(days=days_ago)
