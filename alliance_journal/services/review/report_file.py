"""Writing the supervision report: Markdown here, PDF by a renderer handed in from above.

The PDF is drawn with Qt, which only `app/` may import. Whoever can reach `app/` (the
window, or `launcher.py` for the command line) passes the renderer in, so `cli/` and
`services/` stay free of Qt. Either way the file appears atomically, owner-only, and
nothing in plaintext is written anywhere else (no temporary file outside the target's
own atomic sibling).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from alliance_journal.errors import InvalidInputError
from alliance_journal.services.review.report import REPORT_SUFFIXES, SupervisionReport
from alliance_journal.services.review.report_markdown import report_markdown
from alliance_journal.vault.atomic import atomic_write_bytes

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class PdfRenderer(Protocol):
    """Draws the report into PDF bytes (in memory), reporting progress and honouring cancel."""

    def __call__(self, report: SupervisionReport, progress: Progress,
                 cancelled: Cancelled) -> bytes: ...


def check_report_target(target: Path) -> str:
    """The suffix (`.md` or `.pdf`), or one clear line for anything else."""
    suffix = target.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise InvalidInputError(f"the report file must end in .md or .pdf, not {target.name!r}")
    return suffix


def _no_progress(done: int, total: int) -> None:
    del done, total


def write_report(report: SupervisionReport, target: Path, *,
                 pdf_renderer: PdfRenderer | None = None, progress: Progress = _no_progress,
                 cancelled: Cancelled = lambda: False) -> None:
    """Write Markdown or PDF by the target's suffix; on any failure no file appears."""
    if check_report_target(target) == ".md":
        data = report_markdown(report).encode("utf-8")
    else:
        if pdf_renderer is None:
            raise InvalidInputError("PDF reports need the app's renderer; write .md instead")
        data = pdf_renderer(report, progress, cancelled)
    atomic_write_bytes(target, data, what=str(target))
