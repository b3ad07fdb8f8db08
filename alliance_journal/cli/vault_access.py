"""How a verb opens the vault: to change it, or only to read it.

A verb that only reads (`search`, `stats`, `export`, `nudges`, `prompts today`,
`report`…) opens with `open_vault_to_read`: SQLite refuses writes, no file in the
folder changes, and a vault on read-only storage can be read. Rollback protection
compares the generation counters without advancing them (docs/security.md).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from alliance_journal.cli import secrets

if TYPE_CHECKING:
    from alliance_journal.services.unlock import OpenVault


def open_vault(args: argparse.Namespace) -> OpenVault:
    """Unlock to change the vault; a recovery-key unlock must set a new passphrase first."""
    from alliance_journal.services.locations import vault_folder
    from alliance_journal.services.rollback import check_generation
    from alliance_journal.services.unlock import unlock_vault

    vault = unlock_vault(vault_folder(args.vault), secrets.unlock_secret(args), on_upgrade=_updating)
    return _checked(vault, check_generation)


def open_vault_to_read(args: argparse.Namespace) -> OpenVault:
    """Unlock for a verb that only reads: nothing in the vault folder is written."""
    from alliance_journal.services.locations import vault_folder
    from alliance_journal.services.rollback import compare_generation
    from alliance_journal.services.unlock import open_vault_to_read as open_to_read

    vault = open_to_read(vault_folder(args.vault), secrets.unlock_secret(args), on_upgrade=_updating)
    return _checked(vault, compare_generation)


def _updating() -> None:
    """Said before a one-time schema upgrade, which can take seconds on a large vault."""
    print("Updating this journal for this version of the app (once)…", file=sys.stderr, flush=True)


def _checked(vault: OpenVault, check: Callable[[OpenVault], str | None]) -> OpenVault:
    from alliance_journal.services.unlock import change_passphrase

    try:
        if vault.needs_new_passphrase:
            change_passphrase(vault, secrets.new_passphrase_for_change())
            print("A new passphrase is set; the recovery key still works.", file=sys.stderr)
        warning = check(vault)
    except BaseException:
        vault.close()
        raise
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    return vault
