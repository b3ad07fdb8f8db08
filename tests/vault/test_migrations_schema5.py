"""Schema 5: a vault written at schema 4 opens, keeps its values and says `worked_through`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import (
    AllianceFields,
    ContainerFields,
    CountertransferenceFields,
    Entry,
    EntryKind,
    IntakeFields,
    TransferenceFields,
)
from alliance_journal.domain.vocabulary import (
    Figure,
    ReactionOrigin,
    TransferenceStatus,
    TransferenceValence,
)
from alliance_journal.services import clients, entries
from alliance_journal.services.search import search
from alliance_journal.services.unlock import UnlockSecret, unlock_vault
from alliance_journal.vault import migrations
from alliance_journal.vault.engine import open_engine
from alliance_journal.vault.packing import unpack_text
from tests.conftest import PASSPHRASE, NewVault

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "vault_schema4"


def _by_kind(found: list[Entry], kind: EntryKind) -> list[Entry]:
    return sorted((e for e in found if e.kind is kind), key=lambda e: e.occurred_at)


def test_the_schema_4_fixture_vault_opens_and_migrates(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    shutil.copytree(FIXTURE, folder)
    with unlock_vault(folder, UnlockSecret(passphrase=PASSPHRASE)) as vault:
        with vault.engine.connect() as conn:
            assert migrations.schema_version(conn) == migrations.LATEST_VERSION
        client = clients.find_client(vault, "FX-4")
        found = entries.all_entries(vault)
        critic, brother = _by_kind(found, EntryKind.TRANSFERENCE)
        assert isinstance(critic.fields, TransferenceFields)
        assert (critic.fields.figure, critic.fields.status) == (
            Figure.CRITIC, TransferenceStatus.WORKED_THROUGH)
        assert critic.fields.wish == "to be approved"
        assert critic.fields.valence is TransferenceValence.UNCLEAR
        assert critic.fields.seen_with == []
        assert isinstance(brother.fields, TransferenceFields)
        assert brother.fields.status is TransferenceStatus.SOFTENING
        assert brother.fields.figure_other == "older brother"
        (check,) = _by_kind(found, EntryKind.ALLIANCE)
        assert check.fields == AllianceFields(
            client_trusts_me=2, client_respects_me=4, i_trust_client=3, i_respect_client=5,
            client_likes_me=1, bond=2, rupture="withdrawal")
        (reaction,) = _by_kind(found, EntryKind.COUNTERTRANSFERENCE)
        assert reaction.fields == CountertransferenceFields(feelings=["bored"], intensity=4,
                                                            origin=ReactionOrigin.UNCLEAR)
        (intake,) = _by_kind(found, EntryKind.INTAKE)
        assert intake.fields == IntakeFields(signals=["seductive"], discomfort=0, decision="accept")
        (late,) = _by_kind(found, EntryKind.CONTAINER)
        assert late.fields == ContainerFields(event="late_arrival", minutes_late=15)
        assert all(e.client_id == client.id for e in found)
        history = entries.entry_history(vault, critic.id)
        statuses = [v.entry.fields.status for v in history
                    if isinstance(v.entry.fields, TransferenceFields)]
        assert statuses == [TransferenceStatus.WORKED_THROUGH, TransferenceStatus.ACTIVE]
        with vault.engine.connect() as conn:
            stored = [json.loads(text) for (text,) in conn.exec_driver_sql(
                "SELECT fields FROM entry WHERE kind = 'transference'")]
            snapshots = [json.loads(unpack_text(text) or "") for (text,) in conn.exec_driver_sql(
                "SELECT snapshot FROM entry_version")]
        assert "resolved" not in {f["status"] for f in stored}
        assert "resolved" not in {s["fields"].get("status") for s in snapshots}
        assert [s["fields"]["status"] for s in snapshots] == ["active", "worked_through"]
        # Schema 7 rebuilt the search index from the entries as they now read.
        assert search(vault, "resolved").hits == ()
        assert [h.entry_id for h in search(vault, "worked through").hits] == [critic.id]


def test_a_vault_at_schema_4_rewrites_resolved(new_vault: NewVault) -> None:
    """The same step on a vault built here, as the other migration tests do."""
    vault = new_vault.vault
    client = clients.save_client(vault, Client(code="S-4"))
    kept = entries.save_entry(vault, Entry(client_id=client.id, kind=EntryKind.TRANSFERENCE,
                                           fields=TransferenceFields(figure=Figure.RIVAL)))
    key = vault.data_key
    vault.close()
    engine = open_engine(new_vault.folder / "journal.db", key)
    with engine.begin() as conn:  # as schema 4 stored it
        conn.exec_driver_sql(
            "UPDATE entry SET fields = ? WHERE id = ?",
            (json.dumps({"figure": "rival", "figure_other": "", "wish": "", "status": "resolved"}),
             str(kept.id)))
        conn.exec_driver_sql("PRAGMA user_version = 4")
    engine.dispose()
    with unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE)) as upgraded:
        again = entries.get_entry(upgraded, kept.id)
    assert isinstance(again.fields, TransferenceFields)
    assert again.fields.status is TransferenceStatus.WORKED_THROUGH
    assert again.fields.figure is Figure.RIVAL
