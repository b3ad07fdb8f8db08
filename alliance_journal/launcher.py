"""The `alliance-journal` entry point: a command runs headless, no command opens the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from alliance_journal.cli.main import build_parser, run

    args = build_parser().parse_args(argv)
    if args.verb is not None:
        return run(args)
    from alliance_journal.app.main import launch

    return int(launch(args.vault, sys.argv[:1]))
