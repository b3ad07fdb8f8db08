"""The demo caseload: the CLI verb, every entry kind, determinism, and nudges that fire."""

from __future__ import annotations

from datetime import date

import pytest

from alliance_journal.domain.clients import ClientStatus
from alliance_journal.domain.entries import EntryKind
from alliance_journal.errors import VaultExistsError
from alliance_journal.services.clients import all_clients
from alliance_journal.services.demo import fill_demo_vault
from alliance_journal.services.entries import all_entries, entry_history, trash
from alliance_journal.services.stats import vault_stats
from alliance_journal.services.unlock import UnlockSecret, unlock_vault
from tests.conftest import PASSPHRASE, export_json

TODAY = date(2026, 3, 18)


def test_demo_cli_creates_a_vault_with_every_kind_and_several_clients(cli, tmp_path):
    folder = tmp_path / "demo-vault"
    result = cli("demo", "--vault", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Recovery key: ")
    assert "fictional clients" in result.stderr
    with unlock_vault(folder, UnlockSecret(passphrase=PASSPHRASE)) as vault:
        stats = vault_stats(vault)
        clients = all_clients(vault)
    assert all(count > 0 for count in stats.entries_by_kind.values()), stats.entries_by_kind
    assert stats.clients >= 5
    assert stats.journal_entries >= 3
    assert all(c.name and c.name.startswith("(fictional)") for c in clients)


def test_demo_cli_needs_an_explicit_vault_folder(cli):
    result = cli("demo")
    assert result.returncode == 6
    assert "--vault" in result.stderr


def test_demo_is_deterministic_from_today(vault, tmp_path):
    from alliance_journal.services.unlock import create_vault
    from tests.conftest import FAST_KDF

    fill_demo_vault(vault, today=TODAY)
    other, _ = create_vault(tmp_path / "other", PASSPHRASE, kdf=FAST_KDF)
    with other:
        fill_demo_vault(other, today=TODAY)

        def content(v):
            return [e.model_dump(exclude={"created_at", "updated_at", "finalised_at", "amendments",
                                              "deleted_at"})
                    for e in all_entries(v, include_trash=True)]

        assert content(vault) == content(other)
    assert '"(fictional) Mara L."' in export_json(vault)


def test_demo_covers_statuses_history_trash_and_finalised(vault):
    summary = fill_demo_vault(vault, today=TODAY)
    entries = all_entries(vault, include_trash=True)
    assert summary.entries == len(entries)
    statuses = {c.status for c in all_clients(vault)}
    assert {ClientStatus.ACTIVE, ClientStatus.ENDED, ClientStatus.PROSPECTIVE} <= statuses
    assert len(trash(vault)) == 1
    assert any(e.is_finalised and e.amendments for e in entries)
    assert any(entry_history(vault, e.id) for e in entries)
    assert {e.kind for e in entries} == set(EntryKind)
    assert all(e.occurred_at.astimezone().date() < TODAY for e in entries)


def test_demo_refuses_a_vault_with_notes(vault):
    fill_demo_vault(vault, today=TODAY)
    with pytest.raises(VaultExistsError):
        fill_demo_vault(vault, today=TODAY)


def test_demo_makes_several_nudges_fire(vault):
    nudges = pytest.importorskip("alliance_journal.domain.nudges")
    prompts = pytest.importorskip("alliance_journal.domain.prompts")
    fill_demo_vault(vault, today=TODAY)
    library = prompts.PromptLibrary()
    found = nudges.find_nudges(all_clients(vault), all_entries(vault), today=TODAY, library=library)
    rules = {n.rule.value for n in found}
    expected = {"missed-sessions", "late-arrivals", "low-attendance", "liked-not-trusted",
                "trust-respect", "working-alliance", "strong-reaction", "persistent-transference",
                "acting-out", "mess", "intake-signals", "caseload-strain", "limit-recurs",
                "work-closed", "open-rupture", "ambivalence"}
    assert expected <= rules, expected - rules


def test_a_demo_vault_is_marked_inside_the_vault_and_a_real_one_is_not(vault, tmp_path):
    from alliance_journal.services.demo import is_demo_vault
    from alliance_journal.services.unlock import create_vault
    from tests.conftest import FAST_KDF, PASSPHRASE

    other, _key = create_vault(tmp_path / "real", PASSPHRASE, kdf=FAST_KDF)
    try:
        assert not is_demo_vault(other)
    finally:
        other.close()
    fill_demo_vault(vault, today=date(2026, 3, 2))
    assert is_demo_vault(vault)


def test_demo_uses_the_clinical_fields_and_leaves_some_ratings_unrated(vault):
    from alliance_journal.domain.entries import (
        AllianceFields,
        ContainerFields,
        CountertransferenceFields,
        IntakeFields,
        TransferenceFields,
    )

    fill_demo_vault(vault, today=TODAY)
    fields = [e.fields for e in all_entries(vault)]
    checks = [f for f in fields if isinstance(f, AllianceFields)]
    assert any(None in f.directions().values() or f.client_likes_me is None for f in checks)
    assert any(f.intensity is None for f in fields if isinstance(f, CountertransferenceFields))
    assert any(f.discomfort is None for f in fields if isinstance(f, IntakeFields))
    assert {f.origin.value for f in fields if isinstance(f, CountertransferenceFields)} >= {
        "mine", "induced", "both"}
    patterns = [f for f in fields if isinstance(f, TransferenceFields)]
    assert {f.valence.value for f in patterns} >= {"negative", "positive", "mixed"}
    assert any(len(f.seen_with) == 3 for f in patterns)
    events = {f.event.value: f for f in fields if isinstance(f, ContainerFields)}
    assert events["therapist_late"].minutes_late == 10
    assert {"gift", "contact_between_sessions"} <= events.keys()
