"""The headless command line: a contract other tools and tests rely on (README, docs/cli.md).

Each verb module registers its sub-commands; handlers call services only. Every
`UserFacingError` becomes one line on stderr and its exit code; anything else is a
bug, reported in one line unless `--debug` asks for the traceback.
"""

from __future__ import annotations

from alliance_journal.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
