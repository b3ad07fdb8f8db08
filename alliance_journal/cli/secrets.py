"""Where the CLI gets passphrases and recovery keys (restic/borg conventions).

Order: `ALLIANCE_JOURNAL_PASSPHRASE`, then `--passphrase-file`; a recovery key from
`ALLIANCE_JOURNAL_RECOVERY_KEY` or `--recovery-key-file` is used when no passphrase
is given; otherwise an interactive prompt. Secrets are never echoed or logged.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from alliance_journal.errors import InvalidInputError, UserFacingError

if TYPE_CHECKING:
    from alliance_journal.services.unlock import UnlockSecret

PASSPHRASE_ENV = "ALLIANCE_JOURNAL_PASSPHRASE"
NEW_PASSPHRASE_ENV = "ALLIANCE_JOURNAL_NEW_PASSPHRASE"
RECOVERY_ENV = "ALLIANCE_JOURNAL_RECOVERY_KEY"


def _read_secret_file(path: Path, what: str) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInputError(f"could not read the {what} file {path}: {exc.strerror}") from None
    value = text.rstrip("\r\n")
    if not value:
        raise InvalidInputError(f"the {what} file {path} is empty")
    return value


def _prompt(label: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise UserFacingError(
            f"no {label} given: set {PASSPHRASE_ENV}, use --passphrase-file, or run in a terminal"
        )
    try:
        return getpass.getpass(f"{label.capitalize()}: ")
    except (EOFError, KeyboardInterrupt):
        raise UserFacingError("cancelled") from None


def unlock_secret(args: argparse.Namespace) -> UnlockSecret:
    from alliance_journal.services.unlock import UnlockSecret

    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase is None and args.passphrase_file:
        passphrase = _read_secret_file(Path(args.passphrase_file), "passphrase")
    if passphrase is not None:
        return UnlockSecret(passphrase=passphrase)
    recovery = os.environ.get(RECOVERY_ENV)
    if args.recovery_key_file:
        recovery = _read_secret_file(Path(args.recovery_key_file), "recovery key")
    if recovery is not None:
        return UnlockSecret(recovery_key=recovery)
    return UnlockSecret(passphrase=_prompt("passphrase"))


def _prompt_twice(label: str) -> str:
    first = _prompt(label)
    if _prompt(f"repeat the {label}") != first:
        raise InvalidInputError("the two entries do not match")
    return first


def new_passphrase_for_create(args: argparse.Namespace) -> str:
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase is None and args.passphrase_file:
        passphrase = _read_secret_file(Path(args.passphrase_file), "passphrase")
    return passphrase if passphrase is not None else _prompt_twice("new passphrase")


def new_passphrase_for_change() -> str:
    value = os.environ.get(NEW_PASSPHRASE_ENV)
    return value if value is not None else _prompt_twice("new passphrase")
