"""The `alliance-journal` entry point: a command runs headless, no command opens the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    if "--self-test" in (sys.argv[1:] if argv is None else argv):
        from alliance_journal.app.self_test import run_self_test

        return run_self_test()
    from alliance_journal.cli.main import build_parser, run

    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
    if args.verb is not None:
        return run(args)
    from alliance_journal.app.main import launch

    return int(launch(args.vault, sys.argv[:1]))
