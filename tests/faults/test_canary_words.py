"""A canary in client names, note bodies and tags reaches no byte outside the encrypted vault.

The vault is left open while the files are read, so the WAL (where fresh commits
live before a checkpoint) is checked too, and the CLI runs with its own TMPDIR.
"""

from __future__ import annotations

import json
from pathlib import Path

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind
from alliance_journal.services import clients, entries
from alliance_journal.services.search import search
from alliance_journal.services.unlock import OpenVault

CANARY = "ZebraCanary7431"


def _forms(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.lower().encode()]


def _files_under(*roots: Path) -> list[Path]:
    return [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]


def assert_no_canary(*roots: Path, exclude: set[Path] = frozenset()) -> int:  # type: ignore[assignment]
    checked = 0
    for path in _files_under(*roots):
        if path in exclude:
            continue
        data = path.read_bytes()
        for form in _forms(CANARY):
            assert form not in data, f"canary found in {path}"
        checked += 1
    return checked


def _write_canaries(vault: OpenVault) -> None:
    client = clients.save_client(vault, Client(code="C-1", name=f"Name {CANARY}", notes=CANARY))
    for i, kind in enumerate(EntryKind):
        entries.save_entry(vault, Entry(client_id=client.id, kind=kind, body=f"body {CANARY} {i}",
                                        tags=[CANARY.lower()]))


def test_no_canary_in_vault_folder_or_wal_while_open(vault: OpenVault, tmp_path: Path) -> None:
    _write_canaries(vault)
    assert search(vault, CANARY).hits  # the data really is there, and indexed
    wal = vault.paths.folder / "journal.db-wal"
    assert wal.exists() and wal.stat().st_size > 0
    assert assert_no_canary(tmp_path) >= 3


def test_no_canary_in_files_the_cli_writes(cli, tmp_path: Path, isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "v"
    assert cli("init", "--vault", str(folder)).returncode == 0
    doc = {"format": "alliance-journal/1", "journal": [], "clients": [{
        "code": "C-9", "name": CANARY, "entries": [
            {"kind": "session", "body": f"{CANARY} said little", "tags": [CANARY.lower()]}]}]}
    source = tmp_path / "import-source.json"
    source.write_text(json.dumps(doc))
    assert cli("import", str(source), "--vault", str(folder)).returncode == 0
    assert CANARY in cli("search", CANARY, "--vault", str(folder)).stdout
    out = tmp_path / "export.json"
    assert cli("export", "--vault", str(folder), "--out", str(out)).returncode == 0
    assert cli("stats", "--vault", str(folder)).returncode == 0
    bad = cli("search", CANARY, "--vault", str(folder), passphrase="wrong-passphrase")
    assert CANARY not in bad.stderr
    checked = assert_no_canary(tmp_path, isolated_home, exclude={source, out})
    assert checked >= 3
