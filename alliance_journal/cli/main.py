"""Parser, dispatch and the error boundary of the command line."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from alliance_journal import __version__
from alliance_journal.cli.verbs import add_verbs, chosen_verb, register_all
from alliance_journal.errors import UserFacingError

PROG = "alliance-journal"


def common_options(*, suppress: bool) -> argparse.ArgumentParser:
    """Options accepted before and after the verb.

    After the verb their defaults are suppressed, so `--vault X stats` is not undone
    by the sub-parser's own default.
    """
    common = argparse.ArgumentParser(add_help=False)
    default: object = argparse.SUPPRESS if suppress else None
    common.add_argument("--vault", metavar="DIR", default=default,
                        help="vault folder (default: your data folder)")
    common.add_argument("--passphrase-file", metavar="FILE", default=default,
                        help="read the passphrase from FILE")
    common.add_argument("--recovery-key-file", metavar="FILE", default=default,
                        help="unlock with the recovery key in FILE instead of the passphrase")
    common.add_argument("--debug", action="store_true",
                        default=argparse.SUPPRESS if suppress else False,
                        help="show tracebacks of internal errors")
    return common


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv`: only the verb it names is loaded (see `cli.verbs`).

    Without `argv`, every verb is loaded in full.
    """
    common = common_options(suppress=True)
    parser = argparse.ArgumentParser(
        prog=PROG, parents=[common_options(suppress=False)],
        description="Private, encrypted process notes. Without a command, opens the window.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--self-test", action="store_true",  # run by launcher.main before parsing
                        help="check this install in a temporary folder, print one line, exit")
    subparsers = parser.add_subparsers(dest="verb", metavar="COMMAND")
    if argv is None:
        register_all(subparsers, common)
    else:
        add_verbs(subparsers, common, chosen_verb(argv))
    return parser


def run(args: argparse.Namespace) -> int:
    """Run a parsed command inside the error boundary."""
    try:
        return int(args.handler(args) or 0)
    except UserFacingError as exc:
        print(f"{PROG}: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (`… | head`): not an error of ours, and nothing to say.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception:
        if args.debug:
            traceback.print_exc()
        else:
            print(f"{PROG}: internal error (run again with --debug for details)", file=sys.stderr)
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if args.verb is None:
        parser.print_usage(sys.stderr)
        return 2
    return run(args)
