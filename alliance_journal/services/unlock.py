"""Creating, unlocking, locking and re-keying a vault.

`OpenVault` is the one handle every other service takes. It owns the process lock,
the keyed database engine and the data key; `close()` (or leaving a `with` block)
releases all three. Opening takes the lock *before* any KDF work, so a second
instance is refused at once.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine

from alliance_journal.crypto.kdf import KdfParams
from alliance_journal.crypto.keyslots import KeySlot, SlotType, make_slot, new_data_key, open_slot
from alliance_journal.crypto.recovery import new_recovery_key, parse_recovery_key
from alliance_journal.errors import (
    InvalidInputError,
    StorageError,
    UserFacingError,
    VaultExistsError,
    VaultNotFoundError,
    WrongKeyError,
)
from alliance_journal.services.all_or_nothing import vault_removed_on_failure
from alliance_journal.services.passphrase_policy import check_new_passphrase
from alliance_journal.services.schema import UpgradeNotice, upgrade
from alliance_journal.vault.atomic import create_private_file, describe_os_error, ensure_private_dir
from alliance_journal.vault.engine import open_engine
from alliance_journal.vault.header import VaultHeader, read_header, write_header
from alliance_journal.vault.layout import VaultPaths
from alliance_journal.vault.lock import VaultLock
from alliance_journal.vault.migrations import LATEST_VERSION, current_version, migrate


@dataclass(frozen=True, slots=True)
class UnlockSecret:
    """Exactly one way of opening a vault."""

    passphrase: str | None = None
    recovery_key: str | None = None
    device_key: bytes | None = None

    def __post_init__(self) -> None:
        given = [v for v in (self.passphrase, self.recovery_key, self.device_key) if v is not None]
        if len(given) != 1:
            raise InvalidInputError("give exactly one of passphrase, recovery key or device key")


@dataclass(eq=False)
class OpenVault:
    paths: VaultPaths
    header: VaultHeader
    engine: Engine
    lock: VaultLock
    _data_key: bytearray = field(repr=False)  # never in a repr, log or crash report
    opened_with: SlotType = SlotType.PASSPHRASE
    needs_new_passphrase: bool = False
    closed: bool = field(default=False)
    #: Opened by `open_vault_to_read`: SQLite refuses every write, nothing on disk changes.
    read_only: bool = False

    @property
    def vault_id(self) -> str:
        return self.header.vault_id

    @property
    def data_key(self) -> bytes:
        if self.closed:
            raise UserFacingError("the vault is locked")
        return bytes(self._data_key)

    def replace_header(self, header: VaultHeader) -> None:
        """Write a new header durably, then use it."""
        write_header(self.paths.header, header)
        self.header = header

    def close(self) -> None:
        """Lock: drop connections, forget the key, release the process lock."""
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(Exception):
            self.engine.dispose()
        for i in range(len(self._data_key)):
            self._data_key[i] = 0
        self.lock.release()

    def __enter__(self) -> OpenVault:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def create_vault(folder: Path, passphrase: str, *, kdf: KdfParams | None = None
                 ) -> tuple[OpenVault, str]:
    """Create an empty vault; returns it open, with the recovery key to show once.

    A failure part-way removes what was created: a finished vault or nothing.
    """
    check_new_passphrase(passphrase)
    with vault_removed_on_failure(folder):
        return _new_vault(folder, passphrase, kdf)


def _new_vault(folder: Path, passphrase: str, kdf: KdfParams | None) -> tuple[OpenVault, str]:
    paths = VaultPaths(folder)
    if paths.exists() or paths.database.exists():
        raise VaultExistsError(f"a vault already exists in {folder}")
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        raise StorageError(describe_os_error(exc, "the vault folder")) from None
    lock = VaultLock(paths.lock)
    lock.acquire()
    try:
        data_key = new_data_key()
        recovery_key = new_recovery_key()
        header = VaultHeader.new()
        slots = [
            make_slot(data_key, passphrase, slot_type=SlotType.PASSPHRASE, vault_id=header.vault_id,
                      format_version=header.format_version, kdf=kdf or KdfParams()),
            make_slot(data_key, parse_recovery_key(recovery_key), slot_type=SlotType.RECOVERY,
                      vault_id=header.vault_id, format_version=header.format_version),
        ]
        header = header.with_slots(slots)
        create_private_file(paths.database)
        engine = open_engine(paths.database, data_key)
        with _disposed_on_failure(engine):
            migrate(engine)
            # The header goes last: a vault without vault.json is not a vault yet.
            write_header(paths.header, header)
    except BaseException:
        lock.release()
        raise
    vault = OpenVault(paths, header, engine, lock, bytearray(data_key), SlotType.PASSPHRASE)
    return vault, recovery_key


@contextlib.contextmanager
def _disposed_on_failure(engine: Engine) -> Iterator[None]:
    """Close the engine's connections if what follows fails: a refused unlock (full disk,
    damage) must not keep the file open, nor the key inside SQLCipher, until collected."""
    try:
        yield
    except BaseException:
        engine.dispose()
        raise


def open_key_slots(header: VaultHeader, secret: UnlockSecret) -> tuple[bytes, SlotType]:
    """The data key from the first slot of the right type that the secret opens."""
    if secret.passphrase is not None:
        slot_type, value = SlotType.PASSPHRASE, secret.passphrase
        slots = header.slots_of(slot_type)
        attempt: str | bytes = value
    elif secret.recovery_key is not None:
        slot_type = SlotType.RECOVERY
        slots = header.slots_of(slot_type)
        try:
            attempt = parse_recovery_key(secret.recovery_key)
        except InvalidInputError as exc:
            raise WrongKeyError(f"wrong recovery key ({exc.message})") from None
    else:
        slot_type, slots = SlotType.DEVICE, header.slots_of(SlotType.DEVICE)
        attempt = secret.device_key or b""
    if not slots:
        raise WrongKeyError(f"this vault has no {slot_type.value} key slot")
    error: UserFacingError | None = None
    for slot in slots:
        try:
            return open_slot(slot, attempt, vault_id=header.vault_id,
                             format_version=header.format_version), slot_type
        except UserFacingError as exc:
            error = exc
    assert error is not None
    raise error


def unlock_vault(folder: Path, secret: UnlockSecret, *,
                 on_upgrade: UpgradeNotice | None = None) -> OpenVault:
    """Open an existing vault: lock first, then KDF, then the database and migrations.

    `on_upgrade` hears that a one-time schema upgrade is about to run (services/schema.py).
    """
    paths = VaultPaths(folder)
    if not paths.exists():
        raise VaultNotFoundError(f"no vault in {folder}")
    lock = VaultLock(paths.lock)
    lock.acquire()
    try:
        header = read_header(paths.header)
        data_key, slot_type = open_key_slots(header, secret)
        if not paths.database.exists():
            raise VaultNotFoundError(f"the vault in {folder} has no database file")
        engine = open_engine(paths.database, data_key)
        with _disposed_on_failure(engine):
            upgrade(engine, on_upgrade=on_upgrade)
    except BaseException:
        lock.release()
        raise
    return OpenVault(paths, header, engine, lock, bytearray(data_key), slot_type,
                     needs_new_passphrase=slot_type is SlotType.RECOVERY)


def open_vault_to_read(folder: Path, secret: UnlockSecret, *,
                       on_upgrade: UpgradeNotice | None = None, as_it_is: bool = False) -> OpenVault:
    """Open for reading only (search, stats, export…): no byte of the vault changes.

    The process lock is taken when the folder allows it, so no window writes meanwhile;
    on read-only storage (a mounted backup disk) nothing can write, so the vault is read
    without it. The one exception to "no write" is a vault made by an older version:
    its schema is upgraded once (when the storage allows), as any unlock would.
    `as_it_is` skips even that (and reads nothing before returning): for `check` and
    `salvage`, which read a possibly damaged file at whatever schema it has and must
    leave it exactly as it is.
    """
    paths = VaultPaths(folder)
    if not paths.exists():
        raise VaultNotFoundError(f"no vault in {folder}")
    lock = VaultLock(paths.lock)
    locked = _lock_if_writable(lock, paths)
    try:
        header = read_header(paths.header)
        data_key, slot_type = open_key_slots(header, secret)
        if not paths.database.exists():
            raise VaultNotFoundError(f"the vault in {folder} has no database file")
        engine = open_engine(paths.database, data_key, read_only=True)
        with _disposed_on_failure(engine):
            version = LATEST_VERSION if as_it_is else current_version(engine)
        if version < LATEST_VERSION:
            engine.dispose()
            if not locked:
                raise StorageError("this vault was made by an older version and needs a one-time "
                                   "upgrade, which needs write access: copy it to a writable folder")
            writable = open_engine(paths.database, data_key)
            try:
                upgrade(writable, on_upgrade=on_upgrade)
            finally:
                writable.dispose()
            engine = open_engine(paths.database, data_key, read_only=True)
    except BaseException:
        lock.release()
        raise
    return OpenVault(paths, header, engine, lock, bytearray(data_key), slot_type,
                     needs_new_passphrase=slot_type is SlotType.RECOVERY, read_only=True)


def _lock_if_writable(lock: VaultLock, paths: VaultPaths) -> bool:
    """Take the process lock; False (no lock) only when the folder cannot be written."""
    try:
        lock.acquire()
    except StorageError:
        if paths.lock.exists() and os.access(paths.lock, os.W_OK) and os.access(paths.folder, os.W_OK):
            raise
        return False
    return True


def _without(slots: tuple[KeySlot, ...], slot_type: SlotType) -> list[KeySlot]:
    return [s for s in slots if s.type is not slot_type]


def change_passphrase(vault: OpenVault, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
    """Re-wrap the data key under a new passphrase: instant, nothing re-encrypted.

    Every old passphrase slot is replaced, so the old passphrase stops working at once.
    """
    check_new_passphrase(new_passphrase)
    header = vault.header
    slot = make_slot(vault.data_key, new_passphrase, slot_type=SlotType.PASSPHRASE,
                     vault_id=header.vault_id, format_version=header.format_version,
                     kdf=kdf or KdfParams())
    vault.replace_header(header.with_slots([slot, *_without(header.slots, SlotType.PASSPHRASE)]))
    vault.needs_new_passphrase = False


def add_slot(vault: OpenVault, slot: KeySlot) -> None:
    """Add one more way in (used by the keychain quick unlock)."""
    vault.replace_header(vault.header.with_slots([*vault.header.slots, slot]))


def remove_slots(vault: OpenVault, slot_type: SlotType) -> None:
    if slot_type is SlotType.PASSPHRASE:
        raise InvalidInputError("the passphrase slot cannot be removed")
    vault.replace_header(vault.header.with_slots(_without(vault.header.slots, slot_type)))
