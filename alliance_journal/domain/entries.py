"""Entries: the eight kinds of process note and the fields each kind carries.

An entry's `fields` is a model chosen by its `kind`. The ids of kinds and of every
field are part of the vault and JSON formats (`docs/format.md`): rename nothing.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from alliance_journal.domain.kinds import EntryKind as EntryKind  # re-exported: its old home
from alliance_journal.domain.themes import ThemeId
from alliance_journal.domain.vocabulary import (
    ContainerEvent,
    Figure,
    IntakeDecision,
    IntakeSignal,
    LimitOutcome,
    PatternSite,
    ReactionOrigin,
    Repair,
    Rupture,
    TransferenceStatus,
    TransferenceValence,
)

KIND_TITLES: dict[EntryKind, str] = {
    EntryKind.SESSION: "Session reflection",
    EntryKind.COUNTERTRANSFERENCE: "Countertransference",
    EntryKind.TRANSFERENCE: "Transference pattern",
    EntryKind.ALLIANCE: "Alliance check",
    EntryKind.CONTAINER: "Container event",
    EntryKind.LIMIT: "Limit set",
    EntryKind.INTAKE: "Intake impression",
    EntryKind.REFLECTION: "Reflection",
}


def utc(value: datetime) -> datetime:
    """Stored times are aware and in UTC; a naive time is taken as local time."""
    if value.tzinfo is None:
        value = value.astimezone()
    return value.astimezone(UTC)


def now_utc() -> datetime:
    return datetime.now(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(utc)]
Rating = Annotated[int, Field(ge=1, le=5)]
#: A 1-5 rating or None, "not rated": not rated is not a number, and never counts as one.
OptionalRating = Rating | None
ShortText = Annotated[str, StringConstraints(max_length=20_000)]
Tag = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=40,
                      pattern=r"^[^,#\n]+$"),
]
Feeling = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


def _unique(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


class _Fields(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class SessionFields(_Fields):
    kind: Literal[EntryKind.SESSION] = EntryKind.SESSION
    themes: list[ThemeId] = []

    _dedupe = field_validator("themes")(_unique)


class CountertransferenceFields(_Fields):
    kind: Literal[EntryKind.COUNTERTRANSFERENCE] = EntryKind.COUNTERTRANSFERENCE
    feelings: list[Feeling] = []
    intensity: OptionalRating = None
    origin: ReactionOrigin = ReactionOrigin.UNCLEAR
    evoked: ShortText = ""
    urge: ShortText = ""
    handled: ShortText = ""

    _dedupe = field_validator("feelings")(_unique)


class TransferenceFields(_Fields):
    kind: Literal[EntryKind.TRANSFERENCE] = EntryKind.TRANSFERENCE
    figure: Figure = Figure.OTHER
    figure_other: Annotated[str, StringConstraints(max_length=200)] = ""
    valence: TransferenceValence = TransferenceValence.UNCLEAR
    seen_with: list[PatternSite] = []
    wish: ShortText = ""
    response_of_other: ShortText = ""
    response_of_self: ShortText = ""
    evidence: ShortText = ""
    status: TransferenceStatus = TransferenceStatus.EMERGING
    intervention: ShortText = ""
    client_response: ShortText = ""

    _dedupe = field_validator("seen_with")(_unique)

    @field_validator("status", mode="before")
    @classmethod
    def _worked_through(cls, value: Any) -> Any:
        """Files and history from schema 4 and older say `resolved`: it is `worked_through`."""
        return TransferenceStatus.WORKED_THROUGH if value == "resolved" else value


class AllianceFields(_Fields):
    kind: Literal[EntryKind.ALLIANCE] = EntryKind.ALLIANCE
    client_trusts_me: OptionalRating = None
    client_respects_me: OptionalRating = None
    i_trust_client: OptionalRating = None
    i_respect_client: OptionalRating = None
    client_likes_me: OptionalRating = None
    bond: OptionalRating = None
    tasks: OptionalRating = None
    goals: OptionalRating = None
    rupture: Rupture = Rupture.NONE
    repair: Repair = Repair.NONE

    def directions(self) -> dict[str, int | None]:
        """The four directions of trust and respect, by field id (None: not rated)."""
        return {
            "client_trusts_me": self.client_trusts_me,
            "client_respects_me": self.client_respects_me,
            "i_trust_client": self.i_trust_client,
            "i_respect_client": self.i_respect_client,
        }


class ContainerFields(_Fields):
    kind: Literal[EntryKind.CONTAINER] = EntryKind.CONTAINER
    event: ContainerEvent = ContainerEvent.LATE_ARRIVAL
    minutes_late: Annotated[int, Field(ge=0, le=600)] | None = None
    addressed: bool = False


class LimitFields(_Fields):
    kind: Literal[EntryKind.LIMIT] = EntryKind.LIMIT
    behaviour: ShortText = ""
    what_i_said: ShortText = ""
    consequence: ShortText = ""
    outcome: LimitOutcome = LimitOutcome.PENDING


class IntakeFields(_Fields):
    kind: Literal[EntryKind.INTAKE] = EntryKind.INTAKE
    signals: list[IntakeSignal] = []
    discomfort: Annotated[int, Field(ge=0, le=5)] | None = None
    decision: IntakeDecision = IntakeDecision.UNDECIDED
    reasons: ShortText = ""

    _dedupe = field_validator("signals")(_unique)


class ReflectionFields(_Fields):
    kind: Literal[EntryKind.REFLECTION] = EntryKind.REFLECTION
    prompt_id: Annotated[str, StringConstraints(max_length=80)] | None = None
    theme: ThemeId | None = None
    nudge_id: Annotated[str, StringConstraints(max_length=200)] | None = None


KindFields = Annotated[
    SessionFields
    | CountertransferenceFields
    | TransferenceFields
    | AllianceFields
    | ContainerFields
    | LimitFields
    | IntakeFields
    | ReflectionFields,
    Field(discriminator="kind"),
]

FIELDS_BY_KIND: dict[EntryKind, type[_Fields]] = {
    EntryKind.SESSION: SessionFields,
    EntryKind.COUNTERTRANSFERENCE: CountertransferenceFields,
    EntryKind.TRANSFERENCE: TransferenceFields,
    EntryKind.ALLIANCE: AllianceFields,
    EntryKind.CONTAINER: ContainerFields,
    EntryKind.LIMIT: LimitFields,
    EntryKind.INTAKE: IntakeFields,
    EntryKind.REFLECTION: ReflectionFields,
}


def default_fields(kind: EntryKind) -> KindFields:
    """Fresh fields for a new entry of `kind`."""
    return FIELDS_BY_KIND[kind]()  # type: ignore[return-value]


class Amendment(BaseModel):
    """A dated addition to a finalised entry; the signed original is never changed."""

    model_config = ConfigDict(extra="forbid")

    at: UtcDatetime
    body: Annotated[str, StringConstraints(min_length=1, max_length=1_000_000)]


class Entry(BaseModel):
    """One process note. Without a client it belongs to the therapist's own journal."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    client_id: uuid.UUID | None = None
    kind: EntryKind
    occurred_at: UtcDatetime = Field(default_factory=now_utc)
    created_at: UtcDatetime = Field(default_factory=now_utc)
    updated_at: UtcDatetime = Field(default_factory=now_utc)
    tags: list[Tag] = []
    body: Annotated[str, StringConstraints(max_length=1_000_000)] = ""
    fields: KindFields
    finalised_at: UtcDatetime | None = None
    amendments: list[Amendment] = []
    deleted_at: UtcDatetime | None = None

    _dedupe_tags = field_validator("tags")(_unique)

    @model_validator(mode="before")
    @classmethod
    def _fields_follow_kind(cls, data: Any) -> Any:
        """`fields` in a file carries no kind of its own: it is the entry's kind."""
        if isinstance(data, dict) and "kind" in data:
            fields = data.get("fields")
            if fields is None:
                data = {**data, "fields": {"kind": data["kind"]}}
            elif isinstance(fields, dict) and "kind" not in fields:
                data = {**data, "fields": {**fields, "kind": data["kind"]}}
        return data

    @model_validator(mode="after")
    def _kind_matches_fields(self) -> Entry:
        if self.fields.kind != self.kind:
            raise ValueError(f"fields are for kind {self.fields.kind.value}, not {self.kind.value}")
        return self

    @property
    def is_finalised(self) -> bool:
        return self.finalised_at is not None

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None

    def first_line(self, limit: int = 120) -> str:
        """The first non-empty line of the body, without Markdown heading marks."""
        for line in self.body.splitlines():
            text = line.strip().lstrip("#>*- ").strip()
            if text:
                return text if len(text) <= limit else text[: limit - 1] + "…"
        return ""

    def searchable_text(self) -> str:
        """Everything a word search should find: body, amendments, tags and text fields."""
        parts = [self.body, *(a.body for a in self.amendments), " ".join(self.tags)]
        for name, value in self.fields.model_dump(exclude={"kind"}).items():
            if isinstance(value, str) and value:
                parts.append(value)
            elif isinstance(value, list):
                parts.extend(str(v) for v in value)
            elif name in {"figure", "event", "status", "decision", "outcome"} and value:
                parts.append(str(value).replace("_", " "))
        return "\n".join(p for p in parts if p)
