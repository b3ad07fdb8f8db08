"""`alliance-journal demo --vault DIR`: a new vault filled with a fictional caseload."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from alliance_journal.cli import secrets
from alliance_journal.errors import InvalidInputError


def cmd_demo(args: argparse.Namespace) -> int:
    """Create the vault and fill it, then print its recovery key (as `init` does)."""
    from alliance_journal.services.all_or_nothing import vault_removed_on_failure
    from alliance_journal.services.demo import fill_demo_vault
    from alliance_journal.services.unlock import create_vault

    if not args.vault:
        raise InvalidInputError("demo needs --vault DIR (it never touches your default vault)")
    passphrase = secrets.new_passphrase_for_create(args)
    folder = Path(args.vault).expanduser()
    with vault_removed_on_failure(folder):  # a demo that fails leaves no half-filled vault
        vault, recovery_key = create_vault(folder, passphrase)
        with vault:
            summary = fill_demo_vault(vault, today=date.today())
    print(f"Recovery key: {recovery_key}")
    print(f"Added {summary.clients} fictional clients and {summary.entries} entries.",
          file=sys.stderr)
    return 0


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    help_text = "create a new vault in --vault DIR filled with a fictional demo caseload"
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "demo", parents=[common], help=help_text, description=help_text)
    parser.set_defaults(handler=cmd_demo)
