"""How a verb module adds a sub-command: one place, so every verb shares the options."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

Handler = Callable[[argparse.Namespace], int]


def verb_adder(subparsers: Any, common: argparse.ArgumentParser
               ) -> Callable[[str, Handler, str], argparse.ArgumentParser]:
    """A function that adds one sub-command with the common options and its handler."""

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = subparsers.add_parser(
            name, parents=[common], help=help_text, description=help_text)
        parser.set_defaults(handler=handler)
        return parser

    return add
