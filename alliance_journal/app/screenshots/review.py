"""The review pictures: the Relationship tab (all time, and a custom range), My practice,
the report window and a PDF page.

The PDF page is the real report (de-identified) rendered by `pdftoppm` (poppler-utils),
so the picture shows what a supervisor would read.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from typing import TYPE_CHECKING

from alliance_journal.app.runtime.settings import AppSettings
from alliance_journal.services.clients import find_client
from alliance_journal.services.review.basis import DateRange
from alliance_journal.services.review.report import ReportRequest, build_report

if TYPE_CHECKING:
    from alliance_journal.app.screenshots.shooter import Shooter
    from alliance_journal.app.window.main_window import MainWindow

WINDOW_SIZE = (1440, 1000)
CLIENT = "D-101"


def review_shots(s: Shooter) -> None:
    from alliance_journal.app.review.pdf_report import pdf_report_bytes
    from alliance_journal.app.runtime.vault_session import VaultSession
    from alliance_journal.app.window.main_window import MainWindow

    vault = s.vault()
    window = MainWindow(VaultSession(s.folder, vault), AppSettings.for_path(s.tmp / "review.ini"),
                        autolock_ms=3_600_000)
    client = find_client(vault, CLIENT)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.clients.select(client.id)
    window.show_client(client.id)
    window.splitter.setSizes([250, 1190, 0])  # the review tabs want the width
    with s.shot("relationship"):
        window.centre.setCurrentWidget(window.review.relationship)
        computed(s, window)
        s.save(window, "relationship")
    with s.shot("practice"):
        window.centre.setCurrentWidget(window.review.practice)
        computed(s, window)
        s.save(window, "practice")
    with s.shot("relationship-custom-range"):
        custom_range_shot(s, window, client.started_on or date.today() - timedelta(days=150))
    with s.shot("report-dialog"):
        dialog = window.review.open_report_dialog()
        if dialog is None:
            raise RuntimeError("the report window did not open")
        s.settle()  # the review of identifying words runs on a worker: show its answer
        if dialog.review.busy:
            raise RuntimeError("the report window is still looking for identifying words")
        s.save(dialog, "report-dialog", (620, 560))
        dialog.reject()
    with s.shot("report-page"):
        report = build_report(vault, ReportRequest(CLIENT, DateRange(), deidentify=True),
                              date.today())
        pdf = s.tmp / "report.pdf"
        pdf.write_bytes(pdf_report_bytes(report, lambda done, total: None, lambda: False))
        tool = shutil.which("pdftoppm")
        if tool is None:
            raise RuntimeError("pdftoppm (poppler-utils) is needed for report-page.png")
        command = [tool, "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                   str(s.out / "report-page")]
        subprocess.run(command, check=True, timeout=120)  # noqa: S603 (our own arguments)
        s.saved.append(s.out / "report-page.png")
    window.close()


def computed(s: Shooter, window: MainWindow) -> None:
    """The review tabs compute on a worker: picture the charts, never "Loading…"."""
    s.settle()
    if window.review.busy:
        raise RuntimeError("the review tab is still computing its overview")


def custom_range_shot(s: Shooter, window: MainWindow, started_on: date) -> None:
    """The Relationship tab from the start of the work until a break, then back to all time."""
    from alliance_journal.app.review.range_chooser import qdate

    panel = window.review.relationship
    window.centre.setCurrentWidget(panel)
    chooser = panel.range
    chooser.combo.setCurrentIndex(chooser.combo.count() - 1)  # Custom range…
    until = date.today() - timedelta(days=45)
    chooser.from_edit.setDate(qdate(started_on))
    chooser.to_edit.setDate(qdate(until))
    chooser.flush()
    computed(s, window)
    s.save(window, "relationship-custom-range")
    chooser.combo.setCurrentIndex(0)
