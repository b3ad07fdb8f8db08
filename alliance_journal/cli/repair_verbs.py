"""Verbs for a vault that may be damaged: check, salvage.

Exit codes (besides 0): 3 wrong passphrase or recovery key, 4 the vault is damaged
(`check`) or too damaged to salvage anything, 5 vault in use, 1 anything else.
`salvage` exits 0 when the new vault was made, even if some rows could not be read:
its report lists them. Both open the vault to read only and as it is (no schema
upgrade of an older vault): a damaged vault is left exactly as it is. Services are
imported inside the handlers (`cli/verbs.py`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alliance_journal.cli import secrets
from alliance_journal.cli.registration import verb_adder
from alliance_journal.cli.verbs import VERBS

if TYPE_CHECKING:
    from alliance_journal.services.unlock import OpenVault


def _open_to_read(args: argparse.Namespace) -> OpenVault:
    """Unlock without the usual follow-ups (new passphrase, rollback record): only reads."""
    from alliance_journal.errors import CorruptDataError
    from alliance_journal.services.integrity import VaultDamagedError
    from alliance_journal.services.locations import vault_folder
    from alliance_journal.services.unlock import open_vault_to_read

    try:
        return open_vault_to_read(vault_folder(args.vault), secrets.unlock_secret(args), as_it_is=True)
    except CorruptDataError as exc:
        raise VaultDamagedError(f"{exc.message}, so it cannot be opened. To get back: restore the "
                                "newest verified backup into a new folder") from None


def cmd_check(args: argparse.Namespace) -> int:
    from alliance_journal.services.integrity import WAY_BACK, VaultDamagedError, check_vault

    with _open_to_read(args) as vault:
        report = check_vault(vault)
    if not report.healthy:
        raise VaultDamagedError(f"{report.describe()}. To get back: {WAY_BACK}")
    print("The vault passed the full integrity check.")
    return 0


def cmd_salvage(args: argparse.Namespace) -> int:
    from alliance_journal.services.salvage import salvage_vault

    with _open_to_read(args) as vault:
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
    verb("check", cmd_check, VERBS["check"].summary)
    verb("salvage", cmd_salvage, VERBS["salvage"].summary).add_argument(
        "--out", metavar="NEW_DIR", required=True, help="a new (or empty) folder for the salvaged vault")
