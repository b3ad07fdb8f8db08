"""Verbs for a vault that may be damaged: check, salvage.

Exit codes (besides 0): 3 wrong passphrase or recovery key, 4 the vault is damaged
(`check`) or too damaged to salvage anything, 5 vault in use, 1 anything else.
`salvage` exits 0 when the new vault was made, even if some rows could not be read:
its report lists them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from alliance_journal.cli import secrets
from alliance_journal.cli.registration import verb_adder
from alliance_journal.errors import CorruptDataError
from alliance_journal.services.integrity import WAY_BACK, VaultDamagedError, check_vault
from alliance_journal.services.locations import vault_folder
from alliance_journal.services.salvage import salvage_vault
from alliance_journal.services.unlock import unlock_vault


def cmd_check(args: argparse.Namespace) -> int:
    # Unlocked without the usual follow-ups (new passphrase, rollback record): a check
    # only reads, and a damaged vault is better left exactly as it is.
    try:
        vault = unlock_vault(vault_folder(args.vault), secrets.unlock_secret(args))
    except CorruptDataError as exc:
        raise VaultDamagedError(f"{exc.message}, so it cannot be opened. To get back: restore the "
                                "newest verified backup into a new folder") from None
    with vault:
        report = check_vault(vault)
    if not report.healthy:
        raise VaultDamagedError(f"{report.describe()}. To get back: {WAY_BACK}")
    print("The vault passed the full integrity check.")
    return 0


def cmd_salvage(args: argparse.Namespace) -> int:
    with unlock_vault(vault_folder(args.vault), secrets.unlock_secret(args)) as vault:
        report = salvage_vault(vault, Path(args.out))
    print(f"Salvaged into {report.folder} (it opens with the same passphrase and recovery key).")
    for line in report.lines():
        print(f"  {line}")
    if report.complete:
        print("Everything could be read.")
    else:
        print("Some rows could not be read (listed above); the damaged vault is left as it was.",
              file=sys.stderr)
    return 0


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    verb = verb_adder(subparsers, common)
    verb("check", cmd_check, "run the full integrity check of the vault (exit 4 when damaged)")
    verb("salvage", cmd_salvage, "copy everything that can still be read from a damaged vault "
         "into a new vault").add_argument(
        "--out", metavar="NEW_DIR", required=True, help="a new (or empty) folder for the salvaged vault")
