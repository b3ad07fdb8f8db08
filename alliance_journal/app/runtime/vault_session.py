"""The open vault of this window, and the order in which it is locked.

Every widget reaches the vault through one `VaultSession`, so that locking is a
single act with a fixed order:

1. `about_to_lock`: the vault is still open; editors save their drafts (encrypted,
   through the services) *first*, so no keystroke is lost.
2. Every worker still using the vault (`start_worker(..., uses=vault)`: salvage,
   export, import, the integrity check, a search...) is asked to cancel.
3. `locked`: from here `vault` is None; every model, editor and undo stack drops its
   decrypted text at once, so the screen is empty while the workers end.
4. Once every worker using the vault has ended (a cancelled one leaves nothing
   half-made; one that cannot cancel is waited for), the backup hook (automatic backup
   on lock/quit) is started on the still open vault: after the workers, so that an
   import rolling back never makes it fail as busy, and it copies what they left.
5. When the backup hook reports back, the vault is closed (key wiped, file lock
   released) and `vault_closed` asks for the unlock dialog (or lets the app quit).
   Nothing here blocks the GUI thread: each worker's `ended` signal and the backup's
   `done()` bring the close one step nearer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from alliance_journal.app.runtime.workers import WorkerHandle, workers_using
from alliance_journal.errors import UserFacingError
from alliance_journal.services.unlock import OpenVault

#: Starts an automatic backup of `vault` for `reason` ("lock" or "quit") and calls
#: `done()` once finished, whether it worked or not (it reports its own errors).
BackupHook = Callable[[OpenVault, str, Callable[[], None]], None]


class VaultLockedError(UserFacingError):
    """A widget asked for the vault while it is locked."""


class VaultSession(QObject):
    """Holds the current `OpenVault` (or None while locked) and does lock/unlock."""

    unlocked = Signal()
    about_to_lock = Signal()
    locked = Signal()
    vault_closed = Signal(str)  # the reason given to lock(): "lock", "idle" or "quit"

    def __init__(self, folder: Path, vault: OpenVault | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self._vault = vault
        self._backup_hook: BackupHook | None = None
        self._closing: OpenVault | None = None
        self._closing_reason = ""
        self._backup_running = False
        self._lock_backup: BackupHook | None = None  # the hook to run once workers have ended
        self._cleared = False
        self._awaited: set[WorkerHandle] = set()

    @property
    def vault(self) -> OpenVault | None:
        return self._vault

    @property
    def is_unlocked(self) -> bool:
        return self._vault is not None

    @property
    def is_closing(self) -> bool:
        """True between `locked` and `vault_closed` (a worker or the lock-time backup runs)."""
        return self._closing is not None

    def require(self) -> OpenVault:
        """The open vault, or a one-line error when it is locked."""
        if self._vault is None:
            raise VaultLockedError("the vault is locked")
        return self._vault

    def set_backup_hook(self, hook: BackupHook | None) -> None:
        self._backup_hook = hook

    def unlock(self, vault: OpenVault) -> None:
        """Take a freshly opened vault and tell every widget to load from it."""
        if self._vault is not None or self._closing is not None:
            raise VaultLockedError("another vault is still open in this window")
        self._vault = vault
        self.unlocked.emit()

    def lock(self, reason: str = "lock") -> None:
        """Save drafts, cancel the workers, drop decrypted text, back up, then close."""
        vault = self._vault
        if vault is None:
            return
        self.about_to_lock.emit()
        self._vault = None
        self._closing, self._closing_reason = vault, reason
        self._cleared = False
        for worker in workers_using(vault):
            worker.cancel()
            self._await(worker)
        self._lock_backup = self._backup_hook
        self._backup_running = False
        self.locked.emit()
        self._cleared = True
        self._close_when_ready()

    def _await(self, worker: WorkerHandle) -> None:
        """Try to close again once `worker` has ended (once per worker)."""
        if worker not in self._awaited:
            self._awaited.add(worker)
            worker.ended.connect(self._close_when_ready)

    def _backup_finished(self) -> None:
        self._backup_running = False
        self._close_when_ready()

    def _close_when_ready(self) -> None:
        vault = self._closing
        if vault is None or self._backup_running or not self._cleared:
            return
        still_running = workers_using(vault)
        if still_running:  # the cancelled ones, and any started during the lock
            for worker in still_running:
                self._await(worker)
            return
        if self._lock_backup is not None:
            hook, self._lock_backup = self._lock_backup, None
            self._backup_running = True
            hook(vault, self._closing_reason, self._backup_finished)  # may call back at once
            return
        self._awaited.clear()
        self._closing = None
        vault.close()
        self.vault_closed.emit(self._closing_reason)
