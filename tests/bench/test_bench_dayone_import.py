"""The Day One import benchmark still runs end to end (tiny sizes, one process).

Functional only: no timing is asserted, figures on a test machine mean nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.dayone_import import main


def test_tiny_dayone_bench_prints_a_row_per_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--sizes", "5,12", "--kdf-memory-kib", "64", "--in-process",
                 "--workdir-root", str(tmp_path)])
    report = capsys.readouterr().out
    assert code == 0
    assert "| 5 | " in report and "| 12 | " in report
    assert [line.split(" | ")[2] for line in report.splitlines() if line.startswith("| 5 |")] == ["5"]
    assert list(tmp_path.iterdir()) == []  # the private work folder is gone
