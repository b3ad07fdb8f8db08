"""SQLModel tables: the stored shape of clients, entries, versions and prompt state.

Times are ISO 8601 strings in UTC with a fixed width, so text order is time order.
Kind fields, tags and amendments are JSON text; the domain validates them on the
way out, so a row can never become an invalid `Entry`. The schema itself is created
by `migrations.py`, never by `create_all`, so old vaults upgrade step by step.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Dialect, Text
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from alliance_journal.vault.packing import pack_text, unpack_text


class PackedText(TypeDecorator[str]):
    """A text column stored zlib-packed when long (`vault/packing.py`, schema 6)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return pack_text(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return unpack_text(value)


class ClientRow(SQLModel, table=True):
    __tablename__ = "client"

    id: str = Field(primary_key=True)
    code: str = Field(unique=True)
    name: str | None = None
    status: str
    started_on: str | None = None
    ended_on: str | None = None
    frequency: str
    notes: str = ""
    archived: bool = False
    created_at: str
    updated_at: str


class ClientTallyRow(SQLModel, table=True):
    """Entries out of the trash and the last session, per client: kept by SQL triggers
    (schema 4) in the same transaction as every entry write; never written from Python."""

    __tablename__ = "client_tally"

    client_id: str = Field(primary_key=True, foreign_key="client.id")
    entries: int = 0
    last_session: str | None = None


class EntryRow(SQLModel, table=True):
    __tablename__ = "entry"

    id: str = Field(primary_key=True)
    client_id: str | None = Field(default=None, foreign_key="client.id")
    kind: str
    occurred_at: str
    created_at: str
    updated_at: str
    tags: str = "[]"
    body: str = Field(default="", sa_type=PackedText)
    fields: str = "{}"
    finalised_at: str | None = None
    amendments: str = "[]"
    deleted_at: str | None = None


class EntryVersionRow(SQLModel, table=True):
    """A snapshot of an entry as it was before one edit (its history)."""

    __tablename__ = "entry_version"

    id: int | None = Field(default=None, primary_key=True)
    entry_id: str = Field(foreign_key="entry.id")
    saved_at: str
    snapshot: str = Field(sa_type=PackedText)


class SettingRow(SQLModel, table=True):
    """Vault-private settings (encrypted with the notes, unlike QSettings)."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: str


class UserPromptRow(SQLModel, table=True):
    __tablename__ = "user_prompt"

    id: str = Field(primary_key=True)
    theme: str
    text: str
    kinds: str
    about: str
    created_at: str


class HiddenPromptRow(SQLModel, table=True):
    __tablename__ = "hidden_prompt"

    prompt_id: str = Field(primary_key=True)


class NudgeStateRow(SQLModel, table=True):
    """A nudge the user dismissed or snoozed, keyed by its evidence."""

    __tablename__ = "nudge_state"

    nudge_id: str = Field(primary_key=True)
    state: str
    until: str | None = None
    at: str
