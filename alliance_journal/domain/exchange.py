"""The JSON exchange format `alliance-journal/1`: parse, validate and build documents.

A document is validated whole before anything is imported; the first problem is
reported in one line naming where it is (`clients[2].entries[5].fields.intensity`)
and what is wrong, never the value itself (which may be clinical text).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind
from alliance_journal.errors import InvalidInputError

FORMAT = "alliance-journal/1"
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024 * 1024


class ClientDocument(Client):
    model_config = ConfigDict(extra="forbid")

    entries: list[Entry] = []


class ExchangeDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["alliance-journal/1"]
    clients: list[ClientDocument] = []
    journal: list[Entry] = []

    def pairs(self) -> tuple[list[Client], list[Entry]]:
        """Plain clients, and every entry with its `client_id` set from where it sits."""
        clients: list[Client] = []
        entries: list[Entry] = list(self.journal)
        for doc in self.clients:
            client = Client.model_validate(doc.model_dump(exclude={"entries"}))
            clients.append(client)
            entries.extend(e.model_copy(update={"client_id": client.id}) for e in doc.entries)
        return clients, entries


def _where(loc: Sequence[int | str]) -> str:
    kinds = {k.value for k in EntryKind}
    out = ""
    previous: int | str | None = None
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif previous == "fields" and part in kinds:
            continue  # pydantic's union tag, not a field the user wrote
        else:
            out += f".{part}" if out else part
        previous = part
    return out or "document"


def describe_validation_error(error: ValidationError, *, source: str) -> str:
    first = error.errors(include_url=False, include_input=False)[0]
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{source}: {_where(first['loc'])}: {message}"


def parse_document(data: bytes, *, source: str) -> ExchangeDocument:
    """Validate a whole file; `InvalidInputError` names the first bad place."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InvalidInputError(f"{source}: the file is too large to import")
    try:
        raw = json.loads(data)
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidInputError(f"{source}: not valid JSON ({type(exc).__name__})") from None
    if not isinstance(raw, dict):
        raise InvalidInputError(f"{source}: the top level must be an object")
    if raw.get("format") != FORMAT:
        raise InvalidInputError(f"{source}: format must be \"{FORMAT}\"")
    try:
        document = ExchangeDocument.model_validate(raw)
    except ValidationError as exc:
        raise InvalidInputError(describe_validation_error(exc, source=source)) from None
    _check_unique(document, source)
    return document


def _check_unique(document: ExchangeDocument, source: str) -> None:
    codes: set[str] = set()
    ids: set[Any] = set()
    for i, client in enumerate(document.clients):
        if client.code in codes:
            raise InvalidInputError(f"{source}: clients[{i}].code: duplicate client code")
        if client.id in ids:
            raise InvalidInputError(f"{source}: clients[{i}].id: duplicate id")
        codes.add(client.code)
        ids.add(client.id)
    places = [(f"journal[{j}]", e) for j, e in enumerate(document.journal)] + [
        (f"clients[{i}].entries[{j}]", e)
        for i, c in enumerate(document.clients) for j, e in enumerate(c.entries)]
    for where, entry in places:
        if entry.id in ids:
            raise InvalidInputError(f"{source}: {where}.id: duplicate id")
        ids.add(entry.id)


def _entry_json(entry: Entry) -> dict[str, Any]:
    return entry.model_dump(mode="json", exclude={"client_id": True, "fields": {"kind"}})


def build_document(clients: Sequence[Client], entries: Sequence[Entry]) -> dict[str, Any]:
    """A document in a stable order (clients by code, entries by time then id)."""
    ordered = sorted(entries, key=lambda e: (e.occurred_at, str(e.id)))
    by_client: dict[Any, list[dict[str, Any]]] = {}
    journal = []
    for entry in ordered:
        if entry.client_id is None:
            journal.append(_entry_json(entry))
        else:
            by_client.setdefault(entry.client_id, []).append(_entry_json(entry))
    return {
        "format": FORMAT,
        "clients": [
            {**c.model_dump(mode="json"), "entries": by_client.get(c.id, [])}
            for c in sorted(clients, key=lambda c: c.code)
        ],
        "journal": journal,
    }


def dump_document(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
