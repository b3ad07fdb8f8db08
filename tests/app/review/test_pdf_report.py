"""The PDF report: de-identified text read back with pdftotext, progress and cancel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from alliance_journal.app.review.pdf_report import Measure, pdf_report_bytes, wrap
from alliance_journal.errors import OperationCancelledError
from alliance_journal.services.review.basis import DateRange
from alliance_journal.services.review.report import ReportRequest, build_report
from alliance_journal.services.review.report_file import write_report
from alliance_journal.services.unlock import OpenVault
from tests.pdf_text import pdf_text
from tests.services.review import canary_vault
from tests.services.review.canary_vault import CANARIES, CODE

TODAY = date(2026, 6, 30)


def test_deidentified_pdf_text_carries_no_canary(qapp, vault: OpenVault, tmp_path: Path) -> None:
    canary_vault.fill(vault, TODAY)
    report = build_report(vault, ReportRequest(CODE, DateRange(), deidentify=True), TODAY)
    steps: list[tuple[int, int]] = []
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "k7.pdf"
    write_report(report, target, pdf_renderer=pdf_report_bytes,
                 progress=lambda done, total: steps.append((done, total)))
    assert target.read_bytes().startswith(b"%PDF")
    text = pdf_text(target)
    assert f"Supervision report: {CODE}" in text
    assert "Transference by" in text and "Attendance: 16 sessions recorded" in text
    flat = " ".join(text.split()).lower()
    for canary in CANARIES:
        assert canary.lower() not in flat
    assert "ada" not in flat.split()
    assert steps and steps[-1][0] == steps[-1][1]
    assert [p.name for p in target.parent.iterdir()] == ["k7.pdf"]


def test_cancel_writes_nothing(qapp, vault: OpenVault, tmp_path: Path) -> None:
    canary_vault.fill(vault, TODAY)
    report = build_report(vault, ReportRequest(CODE, DateRange()), TODAY)
    (tmp_path / "out").mkdir()
    with pytest.raises(OperationCancelledError):
        write_report(report, tmp_path / "out" / "r.pdf", pdf_renderer=pdf_report_bytes,
                     cancelled=lambda: True)
    assert list((tmp_path / "out").iterdir()) == []


def test_wrap_keeps_words_and_cuts_only_what_cannot_fit(qapp) -> None:
    from PySide6.QtGui import QFont, QFontMetricsF

    metrics = QFontMetricsF(QFont())
    lines = wrap("one two three " + "x" * 400, Measure(metrics), 200)
    assert lines[0].startswith("one two three")
    assert "".join(lines).replace(" ", "") == ("onetwothree" + "x" * 400)
    assert all(metrics.horizontalAdvance(line) <= 200 for line in lines)
