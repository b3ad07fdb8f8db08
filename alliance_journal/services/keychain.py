"""Quick unlock: "remember on this computer" with the operating system's keychain.

A random 256-bit device key, stored in the OS keychain (service "AllianceJournal",
user = vault id), wraps the data key in its own DEVICE key slot in vault.json. With
both present the vault opens without the passphrase; "forget" removes the slot first
(so the key stops working at once) and then the keychain item.

Only real OS keychains count: Windows Credential Locker, the macOS Keychain, Secret
Service (GNOME Keyring, KeePassXC…) and KWallet. keyring's `fail` and `null` backends
and every `keyrings.alt` backend (plaintext or weakly protected files) mean "no
keychain": quick unlock is then unavailable and the passphrase works as always. The
check is an allow-list on the backend's class, so an unknown backend is refused too.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import re
import secrets
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
from keyring.backends.chainer import ChainerBackend

from alliance_journal.crypto.keyslots import KeySlot, SlotType, make_slot
from alliance_journal.errors import (
    KeychainUnavailableError,
    UserFacingError,
    VaultNotFoundError,
    WrongKeyError,
)
from alliance_journal.services.schema import UpgradeNotice
from alliance_journal.services.unlock import OpenVault, UnlockSecret, unlock_vault
from alliance_journal.vault.header import VaultHeader, read_header
from alliance_journal.vault.layout import VaultPaths

SERVICE = "AllianceJournal"
DEVICE_KEY_BYTES = 32
SLOT_LABEL = "remembered on a computer"
_REAL_BACKENDS = {
    "keyring.backends.Windows": "Windows Credential Locker",
    "keyring.backends.macOS": "the macOS Keychain",
    "keyring.backends.SecretService": "the Secret Service keyring",
    "keyring.backends.libsecret": "the Secret Service keyring",
    "keyring.backends.kwallet": "KWallet",
}
_UNAVAILABLE = ("quick unlock is unavailable: no OS keychain was found on this computer "
                "(your passphrase still works)")
_ITEM = re.compile(r"v1:([0-9a-f]{1,64}):([A-Za-z0-9+/=]{44})")


def _trusted_name(backend: Any) -> str | None:
    """The keychain's name if `backend` is a real OS keychain (or marked trusted), else None."""
    cls = type(backend)
    if getattr(cls, "alliance_journal_trusted", False) is True:
        return "a trusted test keychain"
    return _REAL_BACKENDS.get(cls.__module__)


def _real_backend() -> Any | None:
    """The keychain to use: the configured one, or the best real one inside a chain."""
    backend = keyring.get_keyring()
    if isinstance(backend, ChainerBackend):
        # Talk to the real keychain directly, so nothing lands in a plaintext backend
        # that happens to rank higher in the chain.
        return next((b for b in backend.backends if _trusted_name(b)), None)
    return backend if _trusted_name(backend) else None


def keychain_available() -> bool:
    return _real_backend() is not None


def keychain_status() -> str:
    """One line for the settings dialog."""
    backend = _real_backend()
    if backend is None:
        return _UNAVAILABLE
    return f"quick unlock keeps a key in {_trusted_name(backend)}"


def _backend() -> Any:
    backend = _real_backend()
    if backend is None:
        raise KeychainUnavailableError(_UNAVAILABLE)
    return backend


def _refused(exc: Exception) -> KeychainUnavailableError:
    return KeychainUnavailableError(
        f"the OS keychain refused the request ({type(exc).__name__}); use your passphrase")


def _item(slot_id: str, device_key: bytes) -> str:
    return f"v1:{slot_id}:{base64.b64encode(device_key).decode('ascii')}"


def _read_item(vault_id: str) -> tuple[str, bytes] | None:
    """(slot id, device key) remembered for this vault, None if none (or unreadable)."""
    try:
        value = _backend().get_password(SERVICE, vault_id)
    except KeychainUnavailableError:
        raise
    except Exception as exc:  # a third-party backend (D-Bus, Security framework) failed
        raise _refused(exc) from None
    match = _ITEM.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return match.group(1), base64.b64decode(match.group(2), validate=True)
    except binascii.Error:
        return None


def _delete_item(vault_id: str) -> None:
    try:
        _backend().delete_password(SERVICE, vault_id)
    except KeychainUnavailableError:
        raise
    except keyring.errors.PasswordDeleteError:
        pass  # already gone
    except Exception as exc:
        raise _refused(exc) from None


def _is_slot(slot: KeySlot, item: tuple[str, bytes] | None) -> bool:
    """Whether `slot` is the device slot a keychain item names (never any other type)."""
    return item is not None and slot.type is SlotType.DEVICE and slot.id == item[0]


def remember_on_this_computer(vault: OpenVault) -> None:
    """Keep a device key in the keychain and add its slot (replacing this computer's old one)."""
    backend = _backend()
    header = vault.header
    previous = _read_item(vault.vault_id)
    device_key = secrets.token_bytes(DEVICE_KEY_BYTES)
    slot = make_slot(vault.data_key, device_key, slot_type=SlotType.DEVICE, vault_id=header.vault_id,
                     format_version=header.format_version, label=SLOT_LABEL)
    try:
        backend.set_password(SERVICE, vault.vault_id, _item(slot.id, device_key))
    except Exception as exc:
        raise _refused(exc) from None
    others = [s for s in header.slots if not _is_slot(s, previous)]
    try:
        vault.replace_header(header.with_slots([*others, slot]))
    except BaseException:
        with contextlib.suppress(Exception):  # best effort: the header error is what matters
            if previous is None:
                backend.delete_password(SERVICE, vault.vault_id)
            else:
                backend.set_password(SERVICE, vault.vault_id, _item(previous[0], previous[1]))
        raise


def forget_on_this_computer(vault: OpenVault) -> None:
    """Remove this computer's device slot, then the keychain item.

    If the keychain item cannot be read, every device slot goes: which one was ours is
    unknown, and revoking too much only costs a passphrase prompt on other computers.
    """
    try:
        item = _read_item(vault.vault_id) if keychain_available() else None
    except KeychainUnavailableError:
        item = None
    header = vault.header
    if item is None:
        keep = [s for s in header.slots if s.type is not SlotType.DEVICE]
    else:
        keep = [s for s in header.slots if not _is_slot(s, item)]
    if len(keep) != len(header.slots):
        vault.replace_header(header.with_slots(keep))
    # The slot is gone, so the key opens nothing any more; a keychain that refuses to
    # delete the item leaves only a useless key behind, not worth failing over.
    with contextlib.suppress(KeychainUnavailableError):
        _delete_item(vault.vault_id)


def _header_of(vault_or_folder: OpenVault | Path) -> VaultHeader | None:
    if isinstance(vault_or_folder, OpenVault):
        return vault_or_folder.header
    try:
        return read_header(VaultPaths(Path(vault_or_folder)).header)
    except (OSError, UserFacingError):
        return None  # no vault or an unreadable header: simply "not remembered"


def is_remembered(vault_or_folder: OpenVault | Path) -> bool:
    """True when this computer's keychain holds a key for a device slot of this vault."""
    if not keychain_available():
        return False
    header = _header_of(vault_or_folder)
    if header is None:
        return False
    try:
        item = _read_item(header.vault_id)
    except KeychainUnavailableError:
        return False
    return item is not None and any(s.id == item[0] for s in header.slots_of(SlotType.DEVICE))


def unlock_with_keychain(folder: Path, *, on_upgrade: UpgradeNotice | None = None) -> OpenVault:
    """Open without the passphrase; KeychainUnavailableError / WrongKeyError otherwise."""
    paths = VaultPaths(Path(folder))
    if not paths.exists():
        raise VaultNotFoundError(f"no vault in {folder}")
    header = read_header(paths.header)
    item = _read_item(header.vault_id)
    if item is None:
        raise WrongKeyError("this vault is not remembered on this computer; unlock with your passphrase")
    return unlock_vault(Path(folder), UnlockSecret(device_key=item[1]), on_upgrade=on_upgrade)
