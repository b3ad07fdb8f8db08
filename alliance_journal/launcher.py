"""The `alliance-journal` entry point: a command runs headless, no command opens the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alliance_journal.services.review.report import SupervisionReport
    from alliance_journal.services.review.report_file import Cancelled, Progress


def main(argv: Sequence[str] | None = None) -> int:
    if "--self-test" in (sys.argv[1:] if argv is None else argv):
        from alliance_journal.app.self_test import run_self_test
        from alliance_journal.cli.main import build_parser

        # build_parser() loads every verb module by name, as the CLI does for the one it runs
        return run_self_test(first=[("commands", build_parser)])
    from alliance_journal.cli.main import build_parser, run

    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
    if args.verb is not None:
        args.pdf_renderer = render_pdf_report
        return run(args)
    from alliance_journal.app.main import launch

    return int(launch(args.vault, sys.argv[:1]))


def render_pdf_report(report: SupervisionReport, progress: Progress, cancelled: Cancelled) -> bytes:
    """The PDF renderer for `report --out FILE.pdf`: Qt is imported only when it is asked for."""
    from alliance_journal.app.review.pdf_report import pdf_report_bytes

    return pdf_report_bytes(report, progress, cancelled)
