"""The window timeline benchmark still runs end to end (tiny size, offscreen).

Functional only: no timing is asserted, figures on a test machine mean nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from bench.timeline_window import main

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

ROWS = ("service alone: timeline(vault, client)", "select client → timeline model filled",
        "select client → first screenful painted", "scroll one page down, painted")


def test_tiny_window_bench_prints_every_row(qapp: QApplication, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--entries", "60", "--runs", "2", "--workdir-root", str(tmp_path)])

    report = capsys.readouterr().out
    assert code == 0
    table_lines = [line for line in report.splitlines() if line.startswith("| ")]
    for label in ROWS:
        matching = [line for line in table_lines if line.startswith(f"| {label} |")]
        assert len(matching) == 1, label
        assert matching[0].rstrip().endswith(("PASS |", "FAIL |", "— |")), matching[0]
    assert "## Timeline of 60 entries in the window" in report
    assert "first open right after unlocking" in report
    assert "sqlcipher:" in report
    assert list(tmp_path.iterdir()) == []  # the private work folder is gone
