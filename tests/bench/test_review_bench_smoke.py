"""`bench.review` keeps running: a tiny in-process run reports every row (no timing asserted)."""

from __future__ import annotations

import pytest

from bench import review

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


def test_review_bench_reports_every_row(qapp, capsys) -> None:
    assert review.main(["--clients", "3", "--entries-per-client", "12", "--big", "40",
                        "--runs", "1", "--kdf-memory-kib", "64"]) == 0
    out = capsys.readouterr().out
    for row in ("relationship tab, 40-entry client", "my practice,", "pdf report, 40 entries",
                "CPU ms per timed call"):
        assert row in out
