"""`alliance-journal report`: the file it writes, and its one-line errors (exit 6, no file)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from alliance_journal.services.unlock import OpenVault
from tests.conftest import NewVault
from tests.services.review import canary_vault
from tests.services.review.canary_vault import CANARIES, CODE


@pytest.fixture
def canary_dir(new_vault: NewVault) -> Path:
    vault: OpenVault = new_vault.vault
    canary_vault.fill(vault, date.today())
    vault.close()
    return new_vault.folder


def test_report_to_markdown_deidentified(cli, canary_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "k7.md"
    out.parent.mkdir()
    result = cli("report", "--vault", str(canary_dir), "--client", CODE, "--deidentify",
                 "--from", "2000-01-01", "--kinds", "transference,alliance,session",
                 "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "NOT encrypted" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"# Supervision report: {CODE}, 2000-01-01 to today")
    for canary in CANARIES:
        assert canary.lower() not in text.lower()
        assert canary.lower() not in result.stderr.lower()
    assert [p.name for p in out.parent.iterdir()] == ["k7.md"]


@pytest.mark.parametrize(("options", "message"), [
    (("--client", "Z-404"), "no client with code 'Z-404'"),
    (("--client", CODE, "--kinds", "session,dream"), "unknown kind 'dream'"),
    (("--client", CODE, "--from", "2026-02-30"), "--from must be a date as YYYY-MM-DD"),
    (("--client", CODE, "--to", "yesterday"), "--to must be a date as YYYY-MM-DD"),
    (("--client", CODE, "--out-suffix", ".txt"), "must end in .md or .pdf"),
])
def test_bad_options_are_one_line_exit_6_and_no_file(cli, canary_dir: Path, tmp_path: Path,
                                                     options: tuple[str, ...], message: str) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    suffix = ".md"
    if options[-2] == "--out-suffix":
        suffix, options = options[-1], options[:-2]
    result = cli("report", "--vault", str(canary_dir), *options,
                 "--out", str(out_dir / f"report{suffix}"))
    assert result.returncode == 6
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("alliance-journal: error: ")
    assert message in lines[0]
    assert "Traceback" not in result.stderr
    assert list(out_dir.iterdir()) == []


def test_report_to_pdf_from_the_command_line(cli, canary_dir: Path, tmp_path: Path) -> None:
    from tests.pdf_text import pdf_text

    out = tmp_path / "k7.pdf"
    result = cli("report", "--vault", str(canary_dir), "--client", CODE, "--deidentify",
                 "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(out).split()).lower()
    assert f"supervision report: {CODE.lower()}" in text
    for canary in CANARIES:
        assert canary.lower() not in text


def test_a_report_changes_nothing_in_the_vault(cli, canary_dir: Path, tmp_path: Path) -> None:
    def files() -> dict[str, tuple[bytes, int]]:
        return {str(p): (p.read_bytes(), p.stat().st_mtime_ns)
                for p in sorted(canary_dir.rglob("*")) if p.is_file()}

    before = files()
    result = cli("report", "--vault", str(canary_dir), "--client", CODE, "--deidentify",
                 "--out", str(tmp_path / "r.md"))
    assert result.returncode == 0, result.stderr
    assert files() == before
