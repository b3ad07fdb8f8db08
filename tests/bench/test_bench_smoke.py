"""The benchmark still runs end to end (tiny sizes, cheap KDF, one process).

Functional only: no timing is asserted, figures on a test machine mean nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.__main__ import main
from bench.report import ROWS


def test_quick_bench_prints_every_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--quick", "--clients", "2", "--entries-per-client", "12", "--timeline-runs", "3",
                 "--searches", "4", "--saves", "3", "--kdf-memory-kib", "64", "--in-process",
                 "--workdir-root", str(tmp_path)])

    report = capsys.readouterr().out
    assert code == 0
    table_lines = [line for line in report.splitlines() if line.startswith("| ")]
    for row in ROWS:
        matching = [line for line in table_lines if line.startswith(f"| {row.label}")]
        assert len(matching) == 1, row.label
        assert matching[0].rstrip().endswith(("PASS |", "— |", ") |")), matching[0]
    assert "bulk import (import_json)" in report
    assert "search: p95" in report
    assert "sqlcipher:" in report
    assert "entries imported: 24" in report
    assert list(tmp_path.iterdir()) == []  # the private work folder is gone
