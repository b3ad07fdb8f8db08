"""bench.integrity's run still works on a tiny vault (cheap KDF); no timing is asserted."""

from __future__ import annotations

import pytest

from alliance_journal.services.integrity import CHECK_CACHE_KIB
from bench.integrity import child, report
from bench.vaults import bench_vault
from tests.conftest import FAST_KDF


def test_one_run_measures_the_check_and_each_pragma(tmp_path_factory: pytest.TempPathFactory) -> None:
    tiny = bench_vault(2, 6, cache=tmp_path_factory.mktemp("cache"), kdf=FAST_KDF)
    sample = child(tiny.folder)
    assert sample["cache_kib"] == CHECK_CACHE_KIB and sample["database_mb"] > 0
    for part in ("check", "cipher", "quick"):
        assert sample[f"{part}_s"] > 0 and sample[f"{part}_cpu_s"] >= 0
    table = report([sample, sample])
    assert "quick_check cache 256 MiB, 2 runs" in table
    assert table.count("\n| ") == 4  # header and three parts
