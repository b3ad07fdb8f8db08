"""Create, unlock, lock, re-key; one writer; header damage. Real files, real SQLCipher."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alliance_journal.domain.clients import Client
from alliance_journal.domain.entries import Entry, EntryKind
from alliance_journal.errors import (
    CorruptDataError,
    InvalidInputError,
    VaultExistsError,
    VaultInUseError,
    VaultNotFoundError,
    WrongKeyError,
)
from alliance_journal.services import clients, entries
from alliance_journal.services.unlock import (
    UnlockSecret,
    change_passphrase,
    create_vault,
    unlock_vault,
)
from tests.conftest import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE, NewVault


def _fill(vault) -> Entry:  # type: ignore[no-untyped-def]
    client = clients.save_client(vault, Client(code="C-1"))
    return entries.save_entry(vault, Entry(client_id=client.id, kind=EntryKind.SESSION, body="hello"))


def test_create_then_unlock_finds_the_data(new_vault: NewVault) -> None:
    entry = _fill(new_vault.vault)
    new_vault.vault.close()
    with unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE)) as vault:
        assert entries.get_entry(vault, entry.id).body == "hello"


def test_files_are_owner_only(new_vault: NewVault) -> None:
    _fill(new_vault.vault)
    assert (new_vault.folder.stat().st_mode & 0o777) == 0o700
    for path in new_vault.folder.iterdir():
        assert (path.stat().st_mode & 0o077) == 0, path.name


def test_vault_json_holds_no_secret_or_clinical_data(new_vault: NewVault) -> None:
    _fill(new_vault.vault)
    text = (new_vault.folder / "vault.json").read_text()
    assert PASSPHRASE not in text and "hello" not in text and "C-1" not in text
    assert new_vault.recovery_key.replace("-", "") not in text.replace("-", "")
    assert set(json.loads(text)) == {"format", "format_version", "vault_id", "created_at", "slots",
                                     "checksum"}


@pytest.mark.parametrize("secret", [UnlockSecret(passphrase="not the passphrase"),
                                    UnlockSecret(recovery_key="0" * 32),
                                    UnlockSecret(recovery_key="too short")])
def test_wrong_secret_changes_nothing(new_vault: NewVault, secret: UnlockSecret) -> None:
    new_vault.vault.close()
    before = {p.name: p.read_bytes() for p in new_vault.folder.iterdir()}
    with pytest.raises(WrongKeyError):
        unlock_vault(new_vault.folder, secret)
    after = {p.name: p.read_bytes() for p in new_vault.folder.iterdir()}
    assert before == after


def test_recovery_unlock_demands_new_passphrase(new_vault: NewVault) -> None:
    entry = _fill(new_vault.vault)
    new_vault.vault.close()
    vault = unlock_vault(new_vault.folder, UnlockSecret(recovery_key=new_vault.recovery_key.lower()))
    assert vault.needs_new_passphrase
    change_passphrase(vault, NEW_PASSPHRASE, kdf=FAST_KDF)
    assert not vault.needs_new_passphrase
    vault.close()
    with pytest.raises(WrongKeyError):
        unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE))
    with unlock_vault(new_vault.folder, UnlockSecret(passphrase=NEW_PASSPHRASE)) as vault:
        assert entries.get_entry(vault, entry.id).body == "hello"
    with unlock_vault(new_vault.folder, UnlockSecret(recovery_key=new_vault.recovery_key)) as vault:
        assert vault.needs_new_passphrase


def test_change_passphrase_rewraps_only(new_vault: NewVault) -> None:
    _fill(new_vault.vault)
    new_vault.vault.close()
    db = new_vault.folder / "journal.db"
    db_before = db.read_bytes()
    vault = unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE))
    change_passphrase(vault, NEW_PASSPHRASE, kdf=FAST_KDF)
    vault.close()
    assert db.read_bytes() == db_before  # nothing re-encrypted
    with pytest.raises(WrongKeyError):
        unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE))
    unlock_vault(new_vault.folder, UnlockSecret(passphrase=NEW_PASSPHRASE)).close()


def test_short_passphrase_refused(vault_dir: Path) -> None:
    with pytest.raises(InvalidInputError, match="at least"):
        create_vault(vault_dir, "short", kdf=FAST_KDF)
    assert not (vault_dir / "vault.json").exists()


def test_create_refuses_existing_vault(new_vault: NewVault) -> None:
    with pytest.raises(VaultExistsError):
        create_vault(new_vault.folder, PASSPHRASE, kdf=FAST_KDF)


def test_unlock_missing_vault(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFoundError):
        unlock_vault(tmp_path / "nothing", UnlockSecret(passphrase=PASSPHRASE))


def test_second_open_refused_while_first_holds_it(new_vault: NewVault) -> None:
    with pytest.raises(VaultInUseError, match="another"):
        unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE))
    new_vault.vault.close()
    unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE)).close()


def test_closed_vault_forgets_its_key(new_vault: NewVault) -> None:
    vault = new_vault.vault
    vault.close()
    assert bytes(vault._data_key) == bytes(len(vault._data_key))


@pytest.mark.parametrize("offset", [0, 5, 40, 120, 300, 500, -20, -3])
def test_flipped_byte_in_header_is_corruption_not_wrong_passphrase(new_vault: NewVault,
                                                                   offset: int) -> None:
    new_vault.vault.close()
    header = new_vault.folder / "vault.json"
    data = bytearray(header.read_bytes())
    data[offset] ^= 0x04
    header.write_bytes(bytes(data))
    with pytest.raises(CorruptDataError):
        unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE))


def test_truncated_header_is_corruption(new_vault: NewVault) -> None:
    new_vault.vault.close()
    header = new_vault.folder / "vault.json"
    header.write_bytes(header.read_bytes()[:100])
    with pytest.raises(CorruptDataError):
        unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE))


def test_damaged_database_is_corruption(new_vault: NewVault) -> None:
    _fill(new_vault.vault)
    new_vault.vault.close()
    db = new_vault.folder / "journal.db"
    data = bytearray(db.read_bytes())
    for i in range(0, len(data), 997):
        data[i] ^= 0xFF
    db.write_bytes(bytes(data))
    with pytest.raises(CorruptDataError):
        vault = unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE))
        try:
            clients.list_clients(vault)
            entries.all_entries(vault)
        finally:
            vault.close()


def test_repr_never_shows_the_data_key(vault) -> None:  # type: ignore[no-untyped-def]
    key = vault.data_key
    shown = repr(vault)
    assert key.hex() not in shown and repr(key) not in shown and "_data_key" not in shown


@pytest.mark.parametrize("hostile", ["Infinity", "1e999", "NaN", "-1.5"])
def test_hostile_numbers_in_a_checksummed_header_are_corruption(new_vault: NewVault,
                                                                hostile: str) -> None:
    """A header whose checksum was recomputed by an attacker still cannot crash us."""
    import hashlib

    new_vault.vault.close()
    path = new_vault.folder / "vault.json"
    body = json.loads(path.read_text())
    body.pop("checksum")
    body["slots"][0]["kdf"]["memory_kib"] = 1
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    canonical = canonical.replace('"memory_kib":1', f'"memory_kib":{hostile}')
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    path.write_text(canonical[:-1] + f',"checksum":"{digest}"}}')
    with pytest.raises(CorruptDataError):
        unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE))


def test_deeply_nested_header_is_corruption(new_vault: NewVault) -> None:
    new_vault.vault.close()
    (new_vault.folder / "vault.json").write_text("[" * 50_000 + "]" * 50_000)
    with pytest.raises(CorruptDataError):
        unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE))
