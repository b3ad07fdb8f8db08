"""Which module serves each verb, so a command imports only the verb it runs.

`alliance-journal --help` lists every verb from this table without importing any
verb module; `alliance-journal search …` imports `cli.vault_verbs` alone, and that
module imports the services a handler needs inside the handler, so a verb's own
`--help` loads no service either. Adding a verb: one line here (name -> module,
one-line summary) and a module whose `register(subparsers, common)` adds it.
A test checks that each summary matches what the module registers.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Verb:
    module: str
    summary: str


_VAULT = "alliance_journal.cli.vault_verbs"
_BACKUP = "alliance_journal.cli.backup_verbs"
_PROMPT = "alliance_journal.cli.prompt_verbs"
_REPAIR = "alliance_journal.cli.repair_verbs"

#: Verb name -> the module that registers it, and the summary `--help` shows.
VERBS: dict[str, Verb] = {
    "init": Verb(_VAULT, "create a vault and print its recovery key once"),
    "stats": Verb(_VAULT, "counts by client status and entry kind (no note text)"),
    "import": Verb(_VAULT, "add notes from an export: Alliance Journal JSON, Day One, jrnl "
                           "or a folder of Markdown (all or nothing)"),
    "export": Verb(_VAULT, "write the vault as JSON (plaintext!)"),
    "search": Verb(_VAULT, "search every note for words"),
    "passwd": Verb(_VAULT, "change the passphrase (re-wraps the key; instant)"),
    "demo": Verb("alliance_journal.cli.demo_verbs",
                 "create a new vault in --vault DIR filled with a fictional demo caseload"),
    "backup": Verb(_BACKUP, "write an encrypted backup of the vault"),
    "verify": Verb(_BACKUP, "check every part of a backup and its database; writes nothing"),
    "restore": Verb(_BACKUP, "restore a backup into the vault folder (--vault DIR)"),
    "backups": Verb(_BACKUP, "list automatic backups with date, size and verified state"),
    "check": Verb(_REPAIR, "run the full integrity check of the vault (exit 4 when damaged)"),
    "salvage": Verb(_REPAIR, "copy everything that can still be read from a damaged vault "
                             "into a new vault"),
    "prompts": Verb(_PROMPT, "list reflection prompts (built-in ones; a vault's own too with --vault)"),
    "nudges": Verb(_PROMPT, "open nudges: client, theme, what was noticed, suggested prompt"),
    "report": Verb("alliance_journal.cli.report_verbs",
                   "write a supervision report for one client (Markdown or PDF; plaintext!)"),
}

#: Options before the verb that take a value (so their value is not taken for the verb).
OPTIONS_WITH_VALUE = frozenset({"--vault", "--passphrase-file", "--recovery-key-file"})


def _takes_value(token: str) -> bool:
    """An option whose value is the next word: its full name, or an abbreviation of it,
    which argparse accepts as well (`--vau DIR`, `--passphrase FILE`)."""
    return token.startswith("--") and len(token) > 2 and any(
        option.startswith(token) for option in OPTIONS_WITH_VALUE)


def chosen_verb(argv: Sequence[str]) -> str | None:
    """The verb named on the command line, if any (the first word that is not an option)."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--":
            return next(tokens, None)
        if _takes_value(token):
            next(tokens, None)
        elif not token.startswith("-"):
            return token
    return None


def add_verbs(subparsers: Any, common: argparse.ArgumentParser, chosen: str | None) -> None:
    """The chosen verb's module registers its verbs in full; every other verb is a name
    and a summary (enough for the list in `--help` and for "invalid choice")."""
    if chosen in VERBS:
        importlib.import_module(VERBS[chosen].module).register(subparsers, common)
    for name, verb in VERBS.items():
        if name not in subparsers.choices:
            subparsers.add_parser(name, parents=[common], help=verb.summary,
                                  description=verb.summary)


def register_all(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Every verb in full (documentation and tests that walk the whole parser)."""
    for module in dict.fromkeys(verb.module for verb in VERBS.values()):
        importlib.import_module(module).register(subparsers, common)
