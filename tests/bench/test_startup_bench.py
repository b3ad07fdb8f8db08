"""bench.startup's parts still run (tiny vault, cheap KDF); no timing is asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.oneshot import JrnlSide, cli_search, jrnl_search
from bench.size import search_latency, size_report
from bench.startup import app_env, find_jrnl, measure_help, paint_once
from bench.vaults import PASSPHRASE, bench_vault
from tests.conftest import FAST_KDF


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory):
    return bench_vault(2, 6, cache=tmp_path_factory.mktemp("cache"), kdf=FAST_KDF)


def test_the_tiny_vault_and_its_text_are_built_once(tiny) -> None:
    assert tiny.entries == 12 and tiny.text.read_text(encoding="utf-8").startswith("[")
    again = bench_vault(2, 6, cache=tiny.folder.parents[1], kdf=FAST_KDF)
    assert again == tiny and (tiny.folder.parent / "done.json").exists()


def test_size_report_and_search_latency(tiny) -> None:
    lines = size_report(tiny)
    assert lines[0].startswith("Vault size at 12 entries (schema ")
    assert any(line.startswith("| search index blocks") for line in lines)
    assert set(search_latency(tiny, count=3)) == {"p50_ms", "p95_ms", "cpu_p50_ms", "cpu_p95_ms"}


def test_the_paint_probe_stops_at_the_unlock_dialog(tiny) -> None:
    wall, cpu, report = paint_once(tiny.folder, bare=False)
    assert report["dialog"] == "UnlockDialog" and report["heavy"] == [] and wall > 0 and cpu > 0


def test_help_and_one_shot_search_run(tiny) -> None:
    assert measure_help(1)["cpu"] > 0
    assert cli_search(tiny, ["session"], 1, app_env())["wall"] > 0


def test_jrnl_side_when_jrnl_is_there(tiny, tmp_path: Path) -> None:
    jrnl = find_jrnl(None)
    if jrnl is None:
        pytest.skip("jrnl is not installed (.venv-bench/bin/jrnl or PATH)")
    side = JrnlSide.prepare(jrnl, tiny, PASSPHRASE)
    assert side.config.exists() and tiny.text.with_suffix(".jrnl").read_bytes()[:5] == b"JRNLv"
    assert jrnl_search(side, ["session"], 1)["wall"] > 0
