"""Verbs on prompts and nudges: prompts, prompts today, nudges.

`prompts` lists the built-in library without touching a vault, so it works before one
exists; with an explicit `--vault` it lists that vault's library (the user's own prompts
and hidden ones too). Nudge reasons name counts and dates, never note text.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from alliance_journal.cli.vault_access import open_vault_to_read
from alliance_journal.cli.verbs import VERBS
from alliance_journal.domain.themes import ThemeId

if TYPE_CHECKING:
    from alliance_journal.domain.nudges import Nudge, ShownNudges
    from alliance_journal.domain.prompts import Prompt, PromptLibrary

#: How a nudge about the therapist, not a client, is shown (as `search` does).
JOURNAL = "journal"


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _prompt_json(prompt: Prompt, prompts: PromptLibrary) -> dict[str, Any]:
    return {"id": prompt.id, "theme": prompt.theme.value, "text": prompt.text,
            "kinds": [kind.value for kind in prompt.kinds], "about": prompt.about.value,
            "builtin": prompt.builtin, "hidden": prompts.is_hidden(prompt.id)}


def cmd_prompts(args: argparse.Namespace) -> int:
    from alliance_journal.services.prompts import builtin_library, library

    if args.action == "today":
        return _prompt_of_the_day(args)
    if args.vault is None:
        prompts = builtin_library()
    else:
        with open_vault_to_read(args) as vault:
            prompts = library(vault)
    shown = [p for p in prompts.prompts if args.theme is None or p.theme == args.theme]
    if args.json:
        _print_json([_prompt_json(p, prompts) for p in shown])
        return 0
    width = max((len(p.id) for p in shown), default=0)
    for prompt in shown:
        hidden = "  (hidden)" if prompts.is_hidden(prompt.id) else ""
        print(f"{prompt.id:<{width}}  {prompt.theme.value:<26}  {prompt.text}{hidden}")
    return 0


def _prompt_of_the_day(args: argparse.Namespace) -> int:
    from alliance_journal.services.prompts import library, prompt_of_the_day

    today = date.today()
    with open_vault_to_read(args) as vault:
        prompts = library(vault)
        prompt = prompt_of_the_day(vault, today)
    if args.json:
        _print_json({"date": today.isoformat(), **_prompt_json(prompt, prompts)})
        return 0
    print(prompt.text)
    print(f"({prompt.theme.value}, {prompt.id})")
    return 0


def cmd_nudges(args: argparse.Namespace) -> int:
    from alliance_journal.domain.nudges import NudgeThresholds, at_most_per_client
    from alliance_journal.services.clients import all_clients, find_client
    from alliance_journal.services.nudges import ALL, open_nudges

    with open_vault_to_read(args) as vault:
        codes = {client.id: client.code for client in all_clients(vault)}
        client_id = find_client(vault, args.client).id if args.client else ALL
        found = open_nudges(vault, client_id=client_id)
    limit = None if args.all else NudgeThresholds().shown_per_client
    ranked = at_most_per_client(found, limit)
    if args.json:
        _print_json([_nudge_json(nudge, codes) for nudge in ranked.shown])
        return 0
    previous: object = ALL
    for nudge in ranked.shown:
        if previous is not ALL and nudge.client_id != previous:
            _print_more(ranked, previous, codes)
        previous = nudge.client_id
        code = codes.get(nudge.client_id, JOURNAL) if nudge.client_id else JOURNAL
        prompt = f"  [{nudge.prompt_id}]" if nudge.prompt_id else ""
        print(f"{code:<10} {nudge.theme.value:<26} {nudge.reason}{prompt}")
    if previous is not ALL:
        _print_more(ranked, previous, codes)
    if not found:
        print("No open nudges.", file=sys.stderr)
    return 0


def _print_more(ranked: ShownNudges, client_id: object, codes: dict[uuid.UUID, str]) -> None:
    more = ranked.more.get(client_id if isinstance(client_id, uuid.UUID) else None, 0)
    if more:
        code = codes.get(client_id, JOURNAL) if isinstance(client_id, uuid.UUID) else JOURNAL
        print(f"{code:<10} and {more} more (alliance-journal nudges --all lists every one)")


def _nudge_json(nudge: Nudge, codes: dict[uuid.UUID, str]) -> dict[str, Any]:
    return {"id": nudge.id, "client": codes.get(nudge.client_id) if nudge.client_id else None,
            "rule": nudge.rule.value, "theme": nudge.theme.value,
            "themes": [theme.value for theme in nudge.themes], "reason": nudge.reason,
            "prompt_id": nudge.prompt_id, "priority": nudge.priority.name.lower(),
            "since": nudge.since.isoformat() if nudge.since else None}


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    text = VERBS["prompts"].summary
    p: argparse.ArgumentParser = subparsers.add_parser(
        "prompts", parents=[common], help=text,
        description=f"{text}; 'prompts today' shows the prompt of the day (needs the vault)")
    p.add_argument("action", nargs="?", choices=["today"], metavar="today",
                   help="show the prompt of the day instead of the list")
    p.add_argument("--theme", choices=[theme.value for theme in ThemeId], metavar="ID",
                   help="only prompts of this theme id")
    p.add_argument("--json", action="store_true")

    def run_prompts(args: argparse.Namespace) -> int:
        if args.action == "today" and args.theme is not None:
            p.error("--theme applies to the list, not to 'today'")
        return cmd_prompts(args)

    p.set_defaults(handler=run_prompts)
    text = VERBS["nudges"].summary
    n: argparse.ArgumentParser = subparsers.add_parser(
        "nudges", parents=[common], help=text,
        description=f"{text}; at most 3 per client, safety first, then ruptures, then the rest")
    n.add_argument("--client", metavar="CODE", help="only this client's nudges")
    n.add_argument("--all", action="store_true", help="every open nudge, not only 3 per client")
    n.add_argument("--json", action="store_true")
    n.set_defaults(handler=cmd_nudges)
