"""Quick unlock through the OS keychain, and the fallback when there is no real keychain."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer, fail, null
from keyring.errors import KeyringLocked

from alliance_journal.crypto.keyslots import SlotType, make_slot
from alliance_journal.errors import KeychainUnavailableError, StorageError, WrongKeyError
from alliance_journal.services.keychain import (
    SERVICE,
    forget_on_this_computer,
    is_remembered,
    keychain_available,
    keychain_status,
    remember_on_this_computer,
    unlock_with_keychain,
)
from alliance_journal.services.unlock import OpenVault, UnlockSecret, add_slot, unlock_vault
from tests.conftest import PASSPHRASE
from tests.memory_keyring import MemoryKeyring


class PlaintextFileKeyring(MemoryKeyring):
    """Stands in for keyrings.alt.file.PlaintextKeyring (which we never depend on)."""

    priority = 5  # type: ignore[assignment]
    alliance_journal_trusted = False  # a file keyring: the app must refuse it


PlaintextFileKeyring.__module__ = "keyrings.alt.file"


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("the collection is locked")


def _chain(*backends: KeyringBackend) -> chainer.ChainerBackend:
    class Chain(chainer.ChainerBackend):
        pass

    Chain.backends = list(backends)  # type: ignore[assignment]
    return Chain()


def _device_slots(vault: OpenVault) -> int:
    return len(vault.header.slots_of(SlotType.DEVICE))


def test_remember_then_unlock_without_the_passphrase(vault: OpenVault, memory_keyring: MemoryKeyring) -> None:
    assert keychain_available()
    assert "keeps a key" in keychain_status()
    remember_on_this_computer(vault)
    assert _device_slots(vault) == 1
    assert list(memory_keyring.items) == [(SERVICE, vault.vault_id)]
    assert is_remembered(vault) and is_remembered(vault.paths.folder)
    folder = vault.paths.folder
    vault.close()
    with unlock_with_keychain(folder) as reopened:
        assert reopened.opened_with is SlotType.DEVICE
        assert is_remembered(reopened)


def test_forget_removes_the_slot_and_the_item(vault: OpenVault, memory_keyring: MemoryKeyring) -> None:
    remember_on_this_computer(vault)
    forget_on_this_computer(vault)
    assert _device_slots(vault) == 0 and memory_keyring.items == {}
    assert not is_remembered(vault)
    folder = vault.paths.folder
    vault.close()
    with pytest.raises(WrongKeyError, match="not remembered"):
        unlock_with_keychain(folder)
    unlock_vault(folder, UnlockSecret(passphrase=PASSPHRASE)).close()


def test_remembering_twice_keeps_one_slot(vault: OpenVault) -> None:
    remember_on_this_computer(vault)
    remember_on_this_computer(vault)
    assert _device_slots(vault) == 1
    folder = vault.paths.folder
    vault.close()
    unlock_with_keychain(folder).close()


def test_forget_keeps_another_computers_slot(vault: OpenVault) -> None:
    add_slot(vault, make_slot(vault.data_key, os.urandom(32), slot_type=SlotType.DEVICE,
                              vault_id=vault.vault_id, format_version=1))
    remember_on_this_computer(vault)
    assert _device_slots(vault) == 2
    forget_on_this_computer(vault)
    assert _device_slots(vault) == 1


def test_forget_without_our_item_revokes_every_device_slot(
        vault: OpenVault, memory_keyring: MemoryKeyring) -> None:
    remember_on_this_computer(vault)
    memory_keyring.items.clear()  # e.g. the user cleaned the keychain by hand
    forget_on_this_computer(vault)
    assert _device_slots(vault) == 0


def test_an_item_naming_the_passphrase_slot_never_removes_it(
        vault: OpenVault, memory_keyring: MemoryKeyring) -> None:
    passphrase_slot = vault.header.slots_of(SlotType.PASSPHRASE)[0].id
    memory_keyring.items[(SERVICE, vault.vault_id)] = f"v1:{passphrase_slot}:{'A' * 43}="
    forget_on_this_computer(vault)
    remember_on_this_computer(vault)
    forget_on_this_computer(vault)
    assert [s.id for s in vault.header.slots_of(SlotType.PASSPHRASE)] == [passphrase_slot]


def test_a_key_that_no_longer_matches_is_a_wrong_key(
        vault: OpenVault, memory_keyring: MemoryKeyring) -> None:
    remember_on_this_computer(vault)
    slot_id = vault.header.slots_of(SlotType.DEVICE)[0].id
    memory_keyring.items[(SERVICE, vault.vault_id)] = f"v1:{slot_id}:{'A' * 43}="
    folder = vault.paths.folder
    vault.close()
    with pytest.raises(WrongKeyError):
        unlock_with_keychain(folder)
    memory_keyring.items[(SERVICE, vault.vault_id)] = "garbage"
    assert not is_remembered(folder)
    with pytest.raises(WrongKeyError):
        unlock_with_keychain(folder)


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), PlaintextFileKeyring(),
                                     _chain(), _chain(fail.Keyring(), PlaintextFileKeyring())],
                         ids=["fail", "null", "keyrings.alt", "empty-chain", "chain-of-nothing-real"])
def test_no_real_keychain_means_no_quick_unlock(vault: OpenVault, backend: KeyringBackend) -> None:
    keyring.set_keyring(backend)
    assert not keychain_available()
    assert keychain_status().startswith("quick unlock is unavailable")
    with pytest.raises(KeychainUnavailableError, match="passphrase still works"):
        remember_on_this_computer(vault)
    assert _device_slots(vault) == 0
    assert not is_remembered(vault)
    forget_on_this_computer(vault)  # harmless
    folder = vault.paths.folder
    vault.close()
    with pytest.raises(KeychainUnavailableError):
        unlock_with_keychain(folder)
    unlock_vault(folder, UnlockSecret(passphrase=PASSPHRASE)).close()
    if isinstance(backend, PlaintextFileKeyring):
        assert backend.items == {}


def test_a_chain_uses_the_real_keychain_never_the_plaintext_one(vault: OpenVault) -> None:
    plaintext, real = PlaintextFileKeyring(), MemoryKeyring()
    keyring.set_keyring(_chain(plaintext, real))
    assert keychain_available()
    remember_on_this_computer(vault)
    assert plaintext.items == {} and len(real.items) == 1
    assert is_remembered(vault)


def test_known_os_backends_are_allowed_by_class() -> None:
    keyring.set_keyring(SecretService.Keyring())
    assert keychain_available()
    assert "Secret Service" in keychain_status()


def test_a_locked_keychain_is_one_clear_line(vault: OpenVault) -> None:
    keyring.set_keyring(LockedKeyring())
    with pytest.raises(KeychainUnavailableError, match="refused"):
        remember_on_this_computer(vault)
    assert _device_slots(vault) == 0
    assert not is_remembered(vault)
    folder = vault.paths.folder
    vault.close()
    with pytest.raises(KeychainUnavailableError, match="refused"):
        unlock_with_keychain(folder)


def test_a_failed_header_write_takes_the_keychain_item_back(
        vault: OpenVault, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> None:
    before = vault.paths.header.read_bytes()

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(StorageError, match="disk is full"):
        remember_on_this_computer(vault)
    monkeypatch.undo()
    assert memory_keyring.items == {}
    assert vault.paths.header.read_bytes() == before
    assert [p.name for p in vault.paths.folder.iterdir() if p.suffix == ".tmp"] == []


def test_is_remembered_for_a_folder_without_a_vault(tmp_path: Path) -> None:
    assert not is_remembered(tmp_path / "nothing")
