"""A fictional caseload to try the app with, show in screenshots and test nudges against.

The clients, notes and dates live in `resources/demo/caseload.toml`, written relative to
"today" so the record always looks current. Ids are derived from the script, so the same
`today` always gives the same vault content. Every name is marked "(fictional)".

Only an empty vault is filled: the demo must never mix with real notes.
"""

from __future__ import annotations

import tomllib
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib.resources.abc import Traversable
from typing import Any

from pydantic import ValidationError

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry
from alliance_journal.domain.exchange import describe_validation_error
from alliance_journal.errors import InvalidInputError, VaultExistsError
from alliance_journal.services.clients import all_clients, save_client
from alliance_journal.services.entries import (
    add_amendment,
    all_entries,
    finalise_entry,
    move_to_trash,
    save_entry,
)
from alliance_journal.services.locations import resources_dir
from alliance_journal.services.settings import get_setting, set_setting
from alliance_journal.services.unlock import OpenVault

DEMO_FORMAT = "alliance-journal-demo/1"
#: Vault-private setting the demo writes, so the window can say "Demo" in its title.
DEMO_SETTING = "demo"
#: Fixed namespace for the demo's uuid5 ids (any constant would do; never change it).
_NAMESPACE = uuid.UUID("0b6f3e6e-5d1c-4d8e-9a51-6a1f0f2c7d10")
_CLIENT_KEYS = {"code", "name", "status", "frequency", "started_days_ago", "ended_days_ago", "notes"}
_ENTRY_KEYS = {"client", "days_ago", "time", "kind", "tags", "body", "fields", "finalise",
               "amendment", "earlier_draft", "trash"}


@dataclass(frozen=True, slots=True)
class DemoSummary:
    clients: int
    entries: int


def demo_script_path() -> Traversable:
    return resources_dir() / "demo" / "caseload.toml"


def load_demo_script(path: Traversable | None = None) -> dict[str, Any]:
    """The parsed script; a broken one is a bug of ours, reported in one line."""
    path = path or demo_script_path()
    try:
        script = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInputError(f"demo script {path.name}: {type(exc).__name__}") from None
    if script.get("format") != DEMO_FORMAT:
        raise InvalidInputError(f"demo script {path.name}: format must be \"{DEMO_FORMAT}\"")
    return script


def _day(today: date, days_ago: Any) -> date | None:
    return None if days_ago is None else today - timedelta(days=int(days_ago))


def demo_client(raw: dict[str, Any], today: date) -> Client:
    unknown = sorted(set(raw) - _CLIENT_KEYS)
    if unknown:
        raise InvalidInputError(f"demo script: client {raw.get('code')}: unknown key {unknown[0]}")
    try:
        return Client(
            id=uuid.uuid5(_NAMESPACE, f"client:{raw['code']}"), code=raw["code"],
            name=raw.get("name"), status=raw.get("status", "active"),
            frequency=raw.get("frequency", "weekly"), notes=raw.get("notes", ""),
            started_on=_day(today, raw.get("started_days_ago")),
            ended_on=_day(today, raw.get("ended_days_ago")))
    except ValidationError as exc:
        raise InvalidInputError(describe_validation_error(exc, source="demo script")) from None


def demo_entry(raw: dict[str, Any], index: int, clients: dict[str, uuid.UUID], today: date) -> Entry:
    """Entry number `index` of the script, dated `days_ago` before `today` at local `time`."""
    unknown = sorted(set(raw) - _ENTRY_KEYS)
    if unknown:
        raise InvalidInputError(f"demo script: entry {index}: unknown key {unknown[0]}")
    code = raw.get("client")
    if code is not None and code not in clients:
        raise InvalidInputError(f"demo script: entry {index}: no client {code}")
    day = today - timedelta(days=int(raw["days_ago"]))
    occurred = datetime.combine(day, time.fromisoformat(raw.get("time", "12:00"))).astimezone()
    try:
        return Entry.model_validate({
            "id": uuid.uuid5(_NAMESPACE, f"entry:{index}"),
            "client_id": clients[code] if code is not None else None,
            "kind": raw["kind"], "occurred_at": occurred, "tags": raw.get("tags", []),
            "body": raw["body"], "fields": raw.get("fields", {})})
    except ValidationError as exc:
        raise InvalidInputError(describe_validation_error(exc, source=f"demo entry {index}")) from None


def fill_demo_vault(vault: OpenVault, *, today: date, script: dict[str, Any] | None = None
                    ) -> DemoSummary:
    """Add the fictional caseload to an empty vault, dated relative to `today`."""
    if all_clients(vault) or all_entries(vault, include_trash=True):
        raise VaultExistsError("the demo only fills an empty vault; this one has notes")
    script = script or load_demo_script()
    clients: dict[str, uuid.UUID] = {}
    for raw in script.get("client", []):
        client = save_client(vault, demo_client(raw, today))
        clients[client.code] = client.id
    entries = script.get("entry", [])
    for index, raw in enumerate(entries):
        entry = demo_entry(raw, index, clients, today)
        if "earlier_draft" in raw:
            # The draft becomes a version in the entry's history.
            save_entry(vault, entry.model_copy(update={"body": raw["earlier_draft"]}))
            save_entry(vault, entry, history_window=timedelta(0))
        else:
            save_entry(vault, entry)
        if raw.get("finalise"):
            finalise_entry(vault, entry.id)
        if raw.get("amendment"):
            add_amendment(vault, entry.id, raw["amendment"])
        if raw.get("trash"):
            move_to_trash(vault, entry.id)
    set_setting(vault, DEMO_SETTING, DEMO_FORMAT)
    return DemoSummary(len(clients), len(entries))


def is_demo_vault(vault: OpenVault) -> bool:
    """True for a vault the demo filled (its marker is inside the encrypted vault)."""
    return bool(get_setting(vault, DEMO_SETTING) == DEMO_FORMAT)
