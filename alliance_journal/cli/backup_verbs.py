"""Verbs for backups: backup, verify, restore, backups.

Exit codes (besides 0): 3 wrong passphrase or recovery key, 4 damaged or tampered
backup, 5 vault in use, 6 not a backup at all, 1 anything else the user must fix.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from alliance_journal.cli import secrets
from alliance_journal.cli.registration import verb_adder
from alliance_journal.cli.vault_access import open_vault


def _local(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "none"


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    return f"{size / 1024:.1f} KiB" if size < 1024 * 1024 else f"{size / (1024 * 1024):.1f} MiB"


def cmd_backup(args: argparse.Namespace) -> int:
    from alliance_journal.services.backup import create_backup

    with open_vault(args) as vault:
        info = create_backup(vault, Path(args.to))
    print(f"Backup written: {info.path} ({_size(info.size)})")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from alliance_journal.services.backup import verify_backup

    report = verify_backup(Path(args.file), secrets.unlock_secret(args))
    print(f"Backup OK: {report.path.name}, made {_local(report.created_at)}, "
          f"{report.clients} clients, {report.entries} entries, "
          f"newest entry {_local(report.newest_entry)}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from alliance_journal.services.backup import restore_backup
    from alliance_journal.services.locations import vault_folder

    folder = vault_folder(args.vault)
    moved = restore_backup(Path(args.file), secrets.unlock_secret(args), folder, force=args.force)
    print(f"Restored into {folder}")
    if moved is not None:
        print(f"The previous vault was kept at {moved}")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from alliance_journal.services.backup import list_backups

    with open_vault(args) as vault:
        records = list_backups(vault)
    if args.json:
        print(json.dumps([{"path": str(r.path), "created_at": r.created_at.isoformat(), "size": r.size,
                           "verified": r.verified, "automatic": r.automatic} for r in records], indent=2))
        return 0
    states = {True: "verified", False: "FAILED", None: "not checked"}
    for record in records:
        kind = "automatic" if record.automatic else "by hand"
        print(f"{_local(record.created_at)}  {_size(record.size):>10}  {states[record.verified]:<11}  "
              f"{kind:<9}  {record.path}")
    if not records:
        print("No backups yet.", file=sys.stderr)
        return 0
    newest = next((r for r in records if r.verified), None)
    print(f"Newest verified backup: {newest.path}" if newest is not None
          else "No verified backup yet: run `alliance-journal verify FILE` on one.", file=sys.stderr)
    return 0


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    verb = verb_adder(subparsers, common)

    verb("backup", cmd_backup, "write an encrypted backup of the vault").add_argument(
        "--to", metavar="PATH", required=True,
        help="a folder (the file is named by date and time) or a file name")
    verb("verify", cmd_verify, "check every part of a backup and its database; writes nothing"
         ).add_argument("file", metavar="FILE")
    p = verb("restore", cmd_restore, "restore a backup into the vault folder (--vault DIR)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true",
                   help="restore over an existing vault (it is kept beside, renamed with the date)")
    verb("backups", cmd_backups, "list automatic backups with date, size and verified state"
         ).add_argument("--json", action="store_true")
