"""Clients: a short code shown by default, a name shown only when the user asks."""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator


class ClientStatus(StrEnum):
    PROSPECTIVE = "prospective"
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"
    DECLINED = "declined"
    REFERRED = "referred"


#: Statuses after which the work with this client is over.
CLOSED_STATUSES = frozenset({ClientStatus.ENDED, ClientStatus.DECLINED, ClientStatus.REFERRED})


class Frequency(StrEnum):
    TWICE_WEEKLY = "twice_weekly"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    IRREGULAR = "irregular"


#: Contracted sessions per 28 days, used by the attendance nudge.
SESSIONS_PER_4_WEEKS: dict[Frequency, int] = {
    Frequency.TWICE_WEEKLY: 8,
    Frequency.WEEKLY: 4,
    Frequency.FORTNIGHTLY: 2,
    Frequency.MONTHLY: 1,
    Frequency.IRREGULAR: 0,
}

ClientCode = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=24)
]


class Client(BaseModel):
    """One person in the caseload. `code` is what the screen shows by default."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    code: ClientCode
    name: Annotated[str, StringConstraints(max_length=200)] | None = None
    status: ClientStatus = ClientStatus.ACTIVE
    started_on: date | None = None
    ended_on: date | None = None
    frequency: Frequency = Frequency.WEEKLY
    notes: Annotated[str, StringConstraints(max_length=100_000)] = ""
    archived: bool = False

    @model_validator(mode="after")
    def _ended_after_started(self) -> Client:
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValueError("ended_on is before started_on")
        return self

    def label(self, *, show_name: bool) -> str:
        """What a list shows: the code, plus the name only when names are turned on."""
        if show_name and self.name:
            return f"{self.code} · {self.name}"
        return self.code
