"""`alliance-journal report`: a supervision report for one client, to Markdown or PDF.

Everything the user typed is checked before the vault is unlocked, and the file is only
written once the whole report exists, so a bad option leaves no file behind. The PDF
renderer is handed in by `launcher.py` (`args.pdf_renderer`): the command line never
imports the GUI. Services are imported inside the handler (`cli/verbs.py`: a verb's
`--help` loads none).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alliance_journal.cli.verbs import VERBS
from alliance_journal.domain.kinds import EntryKind

if TYPE_CHECKING:
    from alliance_journal.services.review.report import ReportRequest


def request_from(args: argparse.Namespace) -> ReportRequest:
    from alliance_journal.services.review.basis import DateRange
    from alliance_journal.services.review.report import ReportRequest, parse_day, parse_kinds

    start = parse_day(args.date_from, "--from") if args.date_from else None
    end = parse_day(args.date_to, "--to") if args.date_to else None
    kinds = parse_kinds(args.kinds) if args.kinds is not None else tuple(EntryKind)
    return ReportRequest(args.client, DateRange(start, end), kinds, args.deidentify)


def cmd_report(args: argparse.Namespace) -> int:
    from alliance_journal.cli.vault_access import open_vault_to_read
    from alliance_journal.services.review.report import build_report
    from alliance_journal.services.review.report_file import check_report_target, write_report

    target = Path(args.out).expanduser()
    suffix = check_report_target(target)
    request = request_from(args)
    with open_vault_to_read(args) as vault:  # a report only reads: nothing in the vault changes
        report = build_report(vault, request, date.today())
    print("warning: the report is NOT encrypted; store it safely and delete it when done",
          file=sys.stderr)
    renderer = getattr(args, "pdf_renderer", None) if suffix == ".pdf" else None
    write_report(report, target, pdf_renderer=renderer)
    print(f"Wrote {len(report.entries)} entries to {target}", file=sys.stderr)
    return 0


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    help_text = VERBS["report"].summary
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "report", parents=[common], help=help_text, description=help_text)
    parser.add_argument("--client", required=True, metavar="CODE", help="the client's code")
    parser.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD",
                        help="first day (default: the beginning)")
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD",
                        help="last day (default: today)")
    parser.add_argument("--kinds", metavar="KIND,...",
                        help="only these kinds (default: all): " + ",".join(k.value for k in EntryKind))
    parser.add_argument("--deidentify", action="store_true",
                        help="the client by code only; name, notes and identifying tags left out")
    parser.add_argument("--out", required=True, metavar="FILE", help="FILE.md or FILE.pdf")
    parser.set_defaults(handler=cmd_report)
