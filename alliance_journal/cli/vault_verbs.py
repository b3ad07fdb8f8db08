"""Verbs on a vault: init, stats, import, export, search, passwd.

Services are imported inside each handler: running one verb (or asking for its
`--help`) loads only what that verb uses (see `cli.verbs`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from alliance_journal.cli import secrets
from alliance_journal.cli.registration import verb_adder
from alliance_journal.cli.vault_access import open_vault, open_vault_to_read
from alliance_journal.cli.verbs import VERBS
from alliance_journal.domain.kinds import EntryKind
from alliance_journal.errors import InvalidInputError


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def cmd_init(args: argparse.Namespace) -> int:
    from alliance_journal.services.locations import vault_folder
    from alliance_journal.services.unlock import create_vault

    passphrase = secrets.new_passphrase_for_create(args)
    vault, recovery_key = create_vault(vault_folder(args.vault), passphrase)
    vault.close()
    print(f"Recovery key: {recovery_key}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from alliance_journal.services.stats import vault_stats

    with open_vault_to_read(args) as vault:
        stats = vault_stats(vault)
    if args.json:
        _print_json({"clients": stats.clients_by_status, "entries": stats.entries_by_kind,
                     "journal_entries": stats.journal_entries, "in_trash": stats.in_trash})
        return 0
    print(f"Clients: {stats.clients}")
    for status, count in stats.clients_by_status.items():
        print(f"  {status:<12} {count}")
    print(f"Entries: {stats.entries} ({stats.journal_entries} in my journal, "
          f"{stats.in_trash} in the trash)")
    for kind, count in stats.entries_by_kind.items():
        print(f"  {kind:<20} {count}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Own JSON as before; Day One, jrnl and Markdown through `services.importers`.

    The format is told from the file before the vault is unlocked, so a file we cannot
    read is refused without asking for the passphrase.
    """
    from alliance_journal.domain.importers.model import ImportFormat
    from alliance_journal.services.importers.run import detect_format, import_notes
    from alliance_journal.services.importers.sources import open_sources
    from alliance_journal.services.transfer import import_json, open_import_file

    path = Path(args.file)
    with open_sources(path) as sources:
        fmt = ImportFormat(args.format) if args.format else detect_format(sources)
    if fmt is ImportFormat.ALLIANCE and not args.dry_run and not args.client:
        with open_import_file(path) as stream, open_vault(args) as vault:  # read as it goes
            clients, entries = import_json(vault, stream, source=path.name)
        print(f"Imported {clients} clients and {entries} entries.")
        return 0
    opener = open_vault_to_read if args.dry_run else open_vault  # a dry run writes nothing at all
    with opener(args) as vault:
        summary = import_notes(vault, path, format=fmt, client_code=args.client, dry_run=args.dry_run)
    print("\n".join(summary.lines()))
    problem = summary.unknown_clients_message()
    if problem is not None:  # a dry run lists it; the import itself has refused already
        raise InvalidInputError(problem)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from alliance_journal.services.transfer import export_to_file, export_to_stream

    with open_vault_to_read(args) as vault:
        print("warning: the export is plaintext, NOT encrypted, and holds client names and "
              "notes; store it safely and delete it when done", file=sys.stderr)
        if not args.include_trash:
            print("(entries in the trash are left out; --include-trash keeps them)",
                  file=sys.stderr)
        if args.out:
            export_to_file(vault, Path(args.out), include_trash=args.include_trash)
        else:  # streamed as it is read from the vault, UTF-8 whatever the terminal's encoding
            sys.stdout.flush()
            export_to_stream(vault, sys.stdout.buffer, include_trash=args.include_trash)
            sys.stdout.buffer.flush()
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from alliance_journal.services.search import SearchOrder, search

    with open_vault_to_read(args) as vault:
        client_id = None
        if args.client:  # the client layer (pydantic models) only when it is needed
            from alliance_journal.services.clients import find_client

            client_id = find_client(vault, args.client).id
        results = search(vault, args.query, client_id=client_id,
                         kind=EntryKind(args.kind) if args.kind else None)
    hits = results.hits
    if args.json:
        _print_json([{"entry_id": str(h.entry_id), "client": h.client_code, "kind": h.kind.value,
                      "occurred_at": h.occurred_at.isoformat(), "snippet": h.plain_snippet()} for h in hits])
        return 0
    for hit in hits:
        when = hit.occurred_at.astimezone().strftime("%Y-%m-%d")
        print(f"{when}  {hit.client_code or 'journal':<10} {hit.kind.value:<20} "
              f"{hit.plain_snippet().replace(chr(10), ' ')}")
    if not hits:
        print("No matches.", file=sys.stderr)
    elif results.order is SearchOrder.NEWEST:
        print("These words are in many notes: the newest matches are listed first.", file=sys.stderr)
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    from alliance_journal.services.locations import vault_folder
    from alliance_journal.services.unlock import change_passphrase, unlock_vault

    vault = unlock_vault(vault_folder(args.vault), secrets.unlock_secret(args))
    with vault:
        change_passphrase(vault, secrets.new_passphrase_for_change())
    print("Passphrase changed.", file=sys.stderr)
    return 0


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    verb = verb_adder(subparsers, common)

    verb("init", cmd_init, VERBS["init"].summary)
    verb("stats", cmd_stats, VERBS["stats"].summary).add_argument(
        "--json", action="store_true")
    p = verb("import", cmd_import, VERBS["import"].summary)
    p.add_argument("file", metavar="FILE|FOLDER")
    p.add_argument("--format", choices=["alliance", "dayone", "jrnl", "markdown"],
                   help="the export's format (default: told from its content)")
    p.add_argument("--client", metavar="CODE",
                   help="put the entries with this client instead of My journal")
    p.add_argument("--dry-run", action="store_true",
                   help="show what would be imported; change nothing")
    e = verb("export", cmd_export, VERBS["export"].summary)
    e.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    e.add_argument("--include-trash", action="store_true",
                   help="also write entries in the trash (left out by default)")
    p = verb("search", cmd_search, VERBS["search"].summary)
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--client", metavar="CODE", help="only this client's entries")
    p.add_argument("--kind", choices=[k.value for k in EntryKind], help="only entries of KIND")
    p.add_argument("--json", action="store_true")
    verb("passwd", cmd_passwd, VERBS["passwd"].summary)

