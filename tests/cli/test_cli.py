"""The command line as a contract: outputs, exit codes, one-line errors, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import NEW_PASSPHRASE, PASSPHRASE

DOC = {
    "format": "alliance-journal/1",
    "clients": [{
        "id": "6f1c1f0e-8a55-4d0e-9d43-0d1f3c9b7a11", "code": "C-017", "name": None,
        "status": "active", "started_on": "2026-03-02", "ended_on": None, "frequency": "weekly",
        "notes": "", "archived": False,
        "entries": [{
            "id": "0a3b9a5e-0c7e-4d26-9f55-3e0d9e1c2b01", "kind": "countertransference",
            "occurred_at": "2026-10-02T15:00:00Z", "created_at": "2026-10-02T15:20:00Z",
            "updated_at": "2026-10-02T15:20:00Z", "tags": ["supervision"],
            "body": "Pulled to rescue again after the session about her sister.",
            "fields": {"feelings": ["protective"], "intensity": 4, "evoked": "", "urge": "",
                       "handled": ""},
            "finalised_at": None, "amendments": [], "deleted_at": None}],
    }],
    "journal": [],
}
#: What exporting DOC gives back: a file written before schema 5 gains the new fields'
#: defaults (the reaction's origin is "unclear"), and nothing else changes.
EXPORTED = {**DOC, "clients": [{**DOC["clients"][0], "entries": [  # type: ignore[dict-item]
    {**entry, "fields": {**entry["fields"], "origin": "unclear"}}
    for entry in DOC["clients"][0]["entries"]]}]}  # type: ignore[index]


def no_traceback(result) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2


@pytest.fixture
def initialised(cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    vault = tmp_path / "v"
    result = cli("init", "--vault", str(vault))
    assert result.returncode == 0, result.stderr
    return vault


def test_init_prints_exactly_one_recovery_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("init", "--vault", str(tmp_path / "v"))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Recovery key: ")
    assert len(lines[0].removeprefix("Recovery key: ").split("-")) == 8


def test_import_stats_search_export(cli, initialised: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "in.json"
    source.write_text(json.dumps(DOC))
    result = cli("import", str(source), "--vault", str(initialised))
    assert result.returncode == 0, result.stderr
    assert "1 clients and 1 entries" in result.stdout

    stats = json.loads(cli("stats", "--vault", str(initialised), "--json").stdout)
    assert stats["clients"]["active"] == 1 and stats["entries"]["countertransference"] == 1

    hits = json.loads(cli("search", "rescue", "--vault", str(initialised), "--json",
                          "--client", "C-017", "--kind", "countertransference").stdout)
    assert [h["entry_id"] for h in hits] == [DOC["clients"][0]["entries"][0]["id"]]  # type: ignore[index]
    assert cli("search", "rescue", "--vault", str(initialised), "--json",
               "--kind", "session").stdout.strip() == "[]"

    exported = cli("export", "--vault", str(initialised))
    assert exported.returncode == 0 and "NOT encrypted" in exported.stderr
    assert "plaintext" in exported.stderr and "client names" in exported.stderr
    assert json.loads(exported.stdout) == EXPORTED
    out = tmp_path / "out.json"
    assert cli("export", "--vault", str(initialised), "--out", str(out)).returncode == 0
    assert json.loads(out.read_text()) == EXPORTED
    assert (out.stat().st_mode & 0o077) == 0


def test_wrong_passphrase_exit_3(cli, initialised: Path) -> None:  # type: ignore[no-untyped-def]
    before = (initialised / "vault.json").read_bytes()
    result = cli("stats", "--vault", str(initialised), passphrase="not-the-passphrase")
    assert result.returncode == 3
    assert "wrong passphrase" in result.stderr
    no_traceback(result)
    assert (initialised / "vault.json").read_bytes() == before


def test_wrong_recovery_key_exit_3(cli, initialised: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key_file = tmp_path / "key.txt"
    key_file.write_text("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA\n")
    result = cli("stats", "--vault", str(initialised), "--recovery-key-file", str(key_file),
                 passphrase=None)
    assert result.returncode == 3
    no_traceback(result)


def test_recovery_key_then_new_passphrase(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    vault = tmp_path / "v"
    key = cli("init", "--vault", str(vault)).stdout.split(": ", 1)[1].strip()
    result = cli("stats", "--vault", str(vault), passphrase=None,
                 env={"ALLIANCE_JOURNAL_RECOVERY_KEY": key,
                      "ALLIANCE_JOURNAL_NEW_PASSPHRASE": NEW_PASSPHRASE})
    assert result.returncode == 0, result.stderr
    assert "new passphrase" in result.stderr.lower()
    assert cli("stats", "--vault", str(vault), passphrase=PASSPHRASE).returncode == 3
    assert cli("stats", "--vault", str(vault), passphrase=NEW_PASSPHRASE).returncode == 0


def test_passwd_keeps_data_and_old_passphrase_stops(cli, initialised: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "in.json"
    source.write_text(json.dumps(DOC))
    cli("import", str(source), "--vault", str(initialised))
    result = cli("passwd", "--vault", str(initialised),
                 env={"ALLIANCE_JOURNAL_NEW_PASSPHRASE": NEW_PASSPHRASE})
    assert result.returncode == 0, result.stderr
    assert cli("stats", "--vault", str(initialised)).returncode == 3
    exported = cli("export", "--vault", str(initialised), passphrase=NEW_PASSPHRASE)
    assert json.loads(exported.stdout) == EXPORTED


def test_passphrase_file(cli, initialised: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    result = cli("stats", "--vault", str(initialised), "--passphrase-file", str(secret),
                 passphrase=None)
    assert result.returncode == 0, result.stderr


def test_no_passphrase_and_no_terminal_is_one_line(cli, initialised: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("stats", "--vault", str(initialised), passphrase=None)
    assert result.returncode == 1
    assert "no passphrase given" in result.stderr
    no_traceback(result)


@pytest.mark.parametrize("offset", [2, 60, 200, -10])
def test_flipped_header_byte_exit_4(cli, initialised: Path, offset: int) -> None:  # type: ignore[no-untyped-def]
    header = initialised / "vault.json"
    data = bytearray(header.read_bytes())
    data[offset] ^= 0x08
    header.write_bytes(bytes(data))
    result = cli("stats", "--vault", str(initialised))
    assert result.returncode == 4
    no_traceback(result)


def test_damaged_database_exit_4(cli, initialised: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "in.json"
    source.write_text(json.dumps(DOC))
    cli("import", str(source), "--vault", str(initialised))
    db = initialised / "journal.db"
    data = bytearray(db.read_bytes())
    for i in range(100, len(data), 1500):
        data[i] ^= 0x55
    db.write_bytes(bytes(data))
    result = cli("export", "--vault", str(initialised))
    assert result.returncode == 4
    no_traceback(result)


def test_second_process_refused_exit_5(cli, initialised: Path) -> None:  # type: ignore[no-untyped-def]
    from alliance_journal.services.unlock import UnlockSecret, unlock_vault

    with unlock_vault(initialised, UnlockSecret(passphrase=PASSPHRASE)):
        result = cli("stats", "--vault", str(initialised))
    assert result.returncode == 5
    assert "another" in result.stderr
    no_traceback(result)
    assert cli("stats", "--vault", str(initialised)).returncode == 0


@pytest.mark.parametrize("content", [b"", b"{not json", b"[]", b'{"format": "alliance-journal/1", '
                                     b'"clients": [{"code": ""}]}', b"\xff\xfe\x00"])
def test_malformed_import_exit_6_and_nothing_added(cli, initialised: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   content: bytes) -> None:
    source = tmp_path / "bad.json"
    source.write_bytes(content)
    result = cli("import", str(source), "--vault", str(initialised))
    assert result.returncode == 6
    no_traceback(result)
    stats = json.loads(cli("stats", "--vault", str(initialised), "--json").stdout)
    assert sum(stats["entries"].values()) == 0 and sum(stats["clients"].values()) == 0


def test_usage_error_exit_2(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("search").returncode == 2
    assert cli("frobnicate").returncode == 2


def test_missing_vault_is_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("stats", "--vault", str(tmp_path / "none"))
    assert result.returncode == 1 and "no vault" in result.stderr
    no_traceback(result)


def test_export_leaves_out_the_trash_unless_asked(cli, new_vault) -> None:  # type: ignore[no-untyped-def]
    from alliance_journal.domain.clients import Client
    from alliance_journal.domain.entries import Entry, EntryKind
    from alliance_journal.services.clients import save_client
    from alliance_journal.services.entries import move_to_trash, save_entry

    vault = new_vault.vault
    client = save_client(vault, Client(code="T-1", name="(fictional) Trash Test"))
    kept, gone = (save_entry(vault, Entry(client_id=client.id, kind=EntryKind.SESSION, body=b))
                  for b in ("kept", "gone"))
    move_to_trash(vault, gone.id)
    vault.close()
    plain = cli("export", "--vault", str(new_vault.folder))
    assert plain.returncode == 0, plain.stderr
    assert "plaintext" in plain.stderr and "client names" in plain.stderr
    assert "--include-trash" in plain.stderr
    ids = [e["id"] for e in json.loads(plain.stdout)["clients"][0]["entries"]]
    assert ids == [str(kept.id)]
    full = cli("export", "--vault", str(new_vault.folder), "--include-trash")
    assert full.returncode == 0, full.stderr
    ids = {e["id"] for e in json.loads(full.stdout)["clients"][0]["entries"]}
    assert ids == {str(kept.id), str(gone.id)}
