"""Salvage recovers every entry outside the damaged pages, and nothing half-made is left.

Which entries sit on which page is learned before the damage that counts: each page is
damaged alone and the entries whose own lookup then fails are the ones that need it.
The test then damages a few such pages together and expects exactly the others back.
"""

from __future__ import annotations

import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from alliance_journal.cli.main import main
from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.errors import CorruptDataError, OperationCancelledError, VaultExistsError
from alliance_journal.services import clients as client_service
from alliance_journal.services.entries import get_entry, save_entry
from alliance_journal.services.integrity import check_vault
from alliance_journal.services.salvage import salvage_vault
from alliance_journal.services.search import search
from alliance_journal.services.settings import get_setting, set_setting
from alliance_journal.services.unlock import OpenVault, UnlockSecret, unlock_vault
from alliance_journal.vault.engine import connect
from tests.conftest import PASSPHRASE, NewVault
from tests.faults.damage import PAGE, checkpoint, entry_rowids, failing_entry_rowids, fill, flipped, pages_of

SECRET = UnlockSecret(passphrase=PASSPHRASE)


def _failing_rowids(vault: OpenVault, rowids: list[int]) -> set[int]:
    failing = failing_entry_rowids(vault, rowids)
    return set(rowids) if failing is None else failing  # the schema itself is on the page


@pytest.fixture
def filled(new_vault: NewVault) -> tuple[OpenVault, list[uuid.UUID]]:
    vault = new_vault.vault
    client = client_service.save_client(vault, Client(code="C-1"))
    ids = fill(vault, 40)
    for n in range(5):
        ids.append(save_entry(vault, Entry(id=uuid.uuid4(), kind=EntryKind.SESSION, client_id=client.id,
                                           body=f"session {n}",
                                           fields=default_fields(EntryKind.SESSION))).id)
    set_setting(vault, "kept", {"a": 1})
    checkpoint(vault)
    return vault, ids


def _leaf_pages(vault: OpenVault) -> dict[int, set[int]]:
    """Page -> the entry rowids whose lookup fails when that page alone is damaged."""
    rowids = sorted(entry_rowids(vault))
    found = {}
    for page in range(1, pages_of(vault.paths.database)):
        with flipped(vault.paths.database, page * PAGE + 1000):
            failing = _failing_rowids(vault, rowids)
        if 0 < len(failing) <= 4:
            found[page] = failing
    return found


def test_salvage_recovers_every_entry_outside_the_damaged_pages(
        filled: tuple[OpenVault, list[uuid.UUID]], tmp_path: Path) -> None:
    vault, ids = filled
    by_rowid = entry_rowids(vault)
    leaves = _leaf_pages(vault)
    assert len(leaves) >= 6
    chosen = sorted(leaves)[1::3][:3]
    lost_rowids = set().union(*(leaves[p] for p in chosen))
    lost = {by_rowid[r] for r in lost_rowids}
    originals = {i: get_entry(vault, i) for i in ids}
    out = tmp_path / "salvaged"
    with ExitStack() as stack:
        for page in chosen:
            stack.enter_context(flipped(vault.paths.database, page * PAGE + 1000))
        assert not check_vault(vault).healthy
        report = salvage_vault(vault, out)
    assert report.unreadable["entry"] == len(lost_rowids)
    assert report.copied["entry"] == len(ids) - len(lost)
    assert not report.complete
    with unlock_vault(out, SECRET) as saved:
        assert check_vault(saved).healthy
        for entry_id, original in originals.items():
            if str(entry_id) in lost:
                continue
            assert get_entry(saved, entry_id) == original
        assert get_setting(saved, "kept") == {"a": 1}
        (summary,) = client_service.list_clients(saved)
        assert summary.client.code == "C-1" and summary.entry_count == 5
        assert summary.last_session is not None
        assert search(saved, "session").hits


def test_salvage_of_a_whole_vault_is_complete(filled: tuple[OpenVault, list[uuid.UUID]],
                                              tmp_path: Path) -> None:
    vault, ids = filled
    report = salvage_vault(vault, tmp_path / "copy")
    assert report.complete and report.copied["entry"] == len(ids)


def test_a_lost_client_record_keeps_its_entries_under_a_placeholder(
        filled: tuple[OpenVault, list[uuid.UUID]], tmp_path: Path) -> None:
    vault, _ids = filled
    conn = connect(vault.paths.database, vault.data_key)
    (rowid,) = conn.execute("SELECT rowid FROM client").fetchone()
    conn.close()
    pages = [p for p in range(1, pages_of(vault.paths.database))
             if _client_lookup_fails(vault, p, rowid)]
    assert pages
    with flipped(vault.paths.database, pages[-1] * PAGE + 1000):
        report = salvage_vault(vault, tmp_path / "out")
    assert report.placeholder_clients == 1
    with unlock_vault(tmp_path / "out", SECRET) as saved:
        (summary,) = client_service.list_clients(saved)
        assert summary.client.code.startswith("recovered-") and summary.entry_count == 5


def _client_lookup_fails(vault: OpenVault, page: int, rowid: int) -> bool:
    with flipped(vault.paths.database, page * PAGE + 1000):
        try:
            conn: Any = connect(vault.paths.database, vault.data_key)
        except CorruptDataError:
            return False  # the schema's page: nothing at all would open
        try:
            conn.execute("SELECT code FROM client WHERE rowid = ?", (rowid,)).fetchone()
        except Exception:
            return True
        finally:
            conn.close()
    return False


def test_a_failed_salvage_leaves_no_half_made_vault(filled: tuple[OpenVault, list[uuid.UUID]],
                                                    tmp_path: Path) -> None:
    vault, _ids = filled
    out = tmp_path / "out"
    calls = iter(range(10_000))
    with pytest.raises(OperationCancelledError):
        salvage_vault(vault, out, cancel=lambda: next(calls) > 1)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if "salvage" in p.name] == []
    with flipped(vault.paths.database, 0), pytest.raises(CorruptDataError):  # page 1: nothing opens
        salvage_vault(vault, out)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if "salvage" in p.name] == []


def test_salvage_refuses_a_folder_that_is_not_empty(filled: tuple[OpenVault, list[uuid.UUID]],
                                                    tmp_path: Path) -> None:
    vault, _ids = filled
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("x")
    with pytest.raises(VaultExistsError):
        salvage_vault(vault, tmp_path / "busy")


def test_the_salvage_verb(filled: tuple[OpenVault, list[uuid.UUID]], tmp_path: Path,
                          monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    vault, ids = filled
    folder = vault.paths.folder
    vault.close()
    monkeypatch.setenv("ALLIANCE_JOURNAL_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "new"
    assert main(["--vault", str(folder), "salvage", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"entry: {len(ids)} copied" in printed and "Everything could be read." in printed
    assert main(["--vault", str(out), "check"]) == 0
