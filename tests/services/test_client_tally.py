"""The client list's counts and last sessions, kept by SQL triggers, always match a recount."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.services import clients, entries
from alliance_journal.services.transfer import import_json
from alliance_journal.services.unlock import OpenVault

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
RECOUNT = """
    SELECT c.id,
        (SELECT count(*) FROM entry e WHERE e.client_id = c.id AND e.deleted_at IS NULL),
        (SELECT max(e.occurred_at) FROM entry e WHERE e.client_id = c.id
            AND e.deleted_at IS NULL AND e.kind = :session)
    FROM client c"""


def recount(vault: OpenVault) -> dict[str, tuple[int, datetime | None]]:
    with vault.engine.connect() as conn:
        rows = conn.execute(text(RECOUNT), {"session": EntryKind.SESSION.value}).all()
    return {r[0]: (r[1], datetime.fromisoformat(r[2]) if r[2] else None) for r in rows}


def listed(vault: OpenVault) -> dict[str, tuple[int, datetime | None]]:
    return {str(s.client.id): (s.entry_count, s.last_session)
            for s in clients.list_clients(vault, include_archived=True)}


@pytest.mark.parametrize("seed", range(4))
def test_tallies_follow_every_kind_of_write(vault: OpenVault, seed: int) -> None:
    rng = random.Random(seed)
    people = [clients.save_client(vault, Client(code=f"T-{i}")) for i in range(3)]
    assert listed(vault) == {str(p.id): (0, None) for p in people}
    saved: list[Entry] = []
    kinds = [EntryKind.SESSION, EntryKind.SESSION, EntryKind.ALLIANCE, EntryKind.LIMIT]
    for _step in range(60):
        action = rng.choice(["add", "add", "edit", "trash", "restore", "purge", "journal"])
        live = [e for e in saved if not e.in_trash]
        trashed = [e for e in saved if e.in_trash]
        if action == "add" or not saved:
            kind = rng.choice(kinds)
            entry = Entry(client_id=rng.choice(people).id, kind=kind, fields=default_fields(kind),
                          occurred_at=T0 + timedelta(days=rng.randrange(300)))
            saved.append(entries.save_entry(vault, entry))
        elif action == "journal":
            entries.save_entry(vault, Entry(client_id=None, kind=EntryKind.REFLECTION,
                                            occurred_at=T0))
        elif action == "edit" and live:  # move it in time, to another client, another kind
            old = rng.choice(live)
            kind = rng.choice(kinds)
            new = old.model_copy(update={
                "client_id": rng.choice(people).id, "kind": kind, "fields": default_fields(kind),
                "occurred_at": T0 + timedelta(days=rng.randrange(300))})
            saved[saved.index(old)] = entries.save_entry(vault, new)
        elif action == "trash" and live:
            old = rng.choice(live)
            saved[saved.index(old)] = entries.move_to_trash(vault, old.id)
        elif action == "restore" and trashed:
            old = rng.choice(trashed)
            saved[saved.index(old)] = entries.restore_from_trash(vault, old.id)
        elif action == "purge" and trashed:
            old = rng.choice(trashed)
            entries.purge(vault, old.id)
            saved.remove(old)
        assert listed(vault) == recount(vault), f"after {action}"
    assert any(count for count, _last in listed(vault).values())


def test_an_import_keeps_the_tallies(vault: OpenVault) -> None:
    from alliance_journal.domain.exchange import build_document, dump_document

    person = Client(code="IMP-1")
    notes = [Entry(client_id=person.id, kind=kind, fields=default_fields(kind),
                   occurred_at=T0 + timedelta(days=i))
             for i, kind in enumerate([EntryKind.SESSION, EntryKind.INTAKE, EntryKind.SESSION])]
    import_json(vault, dump_document(build_document([person], notes)).encode("utf-8"))
    assert listed(vault)[str(person.id)] == (3, T0 + timedelta(days=2))
    assert listed(vault) == recount(vault)
