"""A fork server for the kill -9 tests: imports the app once, forks one child per trial.

Starting Python and importing the app costs about a second, so a fresh interpreter per
trial would make 50 trials slow. The server reads one command per line on stdin, forks a
child that does the work, prints `child <pid>`, waits for it, then prints `reaped <pid>`.
Children write their own lines with os.write (unbuffered): a line is on the pipe before
the child does anything else, so after `reaped` the test has every line the child wrote.

Commands (arguments separated by tabs):
  save   <vault folder>              unlock, then save entries forever: `saved <id>` after each
  backup <vault folder> <target>     unlock, then back up forever: `backup <path>` after each
  hold   <vault folder>              unlock, print `held`, then sleep (a lock holder to kill)
  fsize  <vault folder> <bytes> <backup folder>
                                     with RLIMIT_FSIZE set, save until the disk refuses, then
                                     try a backup under an eighth of the limit; prints `saved <id>`,
                                     `error <class> <message>`, `backup-error <class> <message>`
  passwd <vault folder>              unlock with either test passphrase, then change it back and
                                     forth forever: `passwd <index of the new one>` after each
  restore <backup> <vault folder>    restore the backup over the folder forever: `restored` after each
  migrate <vault folder>             unlock (which migrates an old schema), then print `migrated`
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from alliance_journal.crypto.kdf import KdfParams
from alliance_journal.domain.entries import Entry, EntryKind, default_fields
from alliance_journal.errors import UserFacingError
from alliance_journal.services.backup import create_backup, restore_backup
from alliance_journal.services.entries import save_entry
from alliance_journal.services.unlock import OpenVault, UnlockSecret, change_passphrase, unlock_vault

PASSPHRASE_ENV = "ALLIANCE_JOURNAL_PASSPHRASE"
OTHER_PASSPHRASE_ENV = "ALLIANCE_JOURNAL_OTHER_PASSPHRASE"
CHEAP_KDF = KdfParams(memory_kib=64, iterations=1, lanes=1)  # as tests.conftest.FAST_KDF


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def _open(folder: str) -> OpenVault:
    return unlock_vault(Path(folder), UnlockSecret(passphrase=os.environ[PASSPHRASE_ENV]))


def _entry(n: int, size: int = 0) -> Entry:
    filler = os.urandom(size // 2).hex() if size else ""
    return Entry(id=uuid.uuid4(), kind=EntryKind.REFLECTION, body=f"kill trial note {n} {filler}",
                 tags=[f"t{n % 7}"], fields=default_fields(EntryKind.REFLECTION))


def run_save(folder: str) -> None:
    vault = _open(folder)
    n = 0
    while True:
        stored = save_entry(vault, _entry(n))
        say(f"saved {stored.id}")
        n += 1


def run_backup(folder: str, target: str) -> None:
    vault = _open(folder)
    while True:
        info = create_backup(vault, Path(target), chunk_size=4096)
        say(f"backup {info.path}")


def run_hold(folder: str) -> None:
    vault = _open(folder)  # keep the reference: the lock object releases when collected
    say("held")
    while not vault.closed:
        time.sleep(60)


def run_fsize(folder: str, limit: str, backup_to: str) -> None:
    vault = _open(folder)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(limit), int(limit)))
    n = 0
    try:
        while n < 10_000:
            stored = save_entry(vault, _entry(n, size=20_000))
            say(f"saved {stored.id}")
            n += 1
        say("error none the limit was never reached")
    except UserFacingError as exc:
        say(f"error {type(exc).__name__} {exc.message}")
    # A backup is smaller than the database's WAL was: lower the limit to make it fail too.
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(limit) // 8, int(limit)))
    try:
        create_backup(vault, Path(backup_to), chunk_size=4096)
        say("backup-ok")
    except UserFacingError as exc:
        say(f"backup-error {type(exc).__name__} {exc.message}")
    vault.close()


def run_passwd(folder: str) -> None:
    phrases = [os.environ[PASSPHRASE_ENV], os.environ[OTHER_PASSPHRASE_ENV]]
    try:
        vault, now = unlock_vault(Path(folder), UnlockSecret(passphrase=phrases[0])), 0
    except UserFacingError:
        vault, now = unlock_vault(Path(folder), UnlockSecret(passphrase=phrases[1])), 1
    while True:
        now = 1 - now
        change_passphrase(vault, phrases[now], kdf=CHEAP_KDF)
        say(f"passwd {now}")


def run_restore(backup: str, folder: str) -> None:
    secret = UnlockSecret(passphrase=os.environ[PASSPHRASE_ENV])
    while True:
        restore_backup(Path(backup), secret, Path(folder), force=True)
        say("restored")


def run_migrate(folder: str) -> None:
    _open(folder).close()
    say("migrated")


COMMANDS: dict[str, Callable[..., None]] = {
    "save": run_save, "backup": run_backup, "hold": run_hold, "fsize": run_fsize,
    "passwd": run_passwd, "restore": run_restore, "migrate": run_migrate}


def child(command: str, args: list[str]) -> None:
    try:
        COMMANDS[command](*args)
    except BaseException as exc:  # reported to the test, which fails on it
        say(f"crash {type(exc).__name__} {exc}")
        os._exit(3)
    os._exit(0)


def serve() -> None:
    say("server ready")
    for line in sys.stdin:
        command, *args = line.rstrip("\n").split("\t")
        pid = os.fork()
        if pid == 0:
            child(command, args)
        say(f"child {pid}")
        os.waitpid(pid, 0)
        say(f"reaped {pid}")


if __name__ == "__main__":
    serve()
