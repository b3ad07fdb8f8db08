"""`alliance-journal import` for other apps' exports: summary, dry run, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.services.importers.exports import dayone_entry, dayone_zip


@pytest.fixture
def initialised(cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    vault = tmp_path / "v"
    assert cli("init", "--vault", str(vault)).returncode == 0
    return vault


def _entries(cli, vault: Path) -> int:  # type: ignore[no-untyped-def]
    stats = json.loads(cli("stats", "--vault", str(vault), "--json").stdout)
    return sum(stats["entries"].values())


def test_dry_run_prints_the_summary_and_writes_nothing_then_the_import_does(  # type: ignore[no-untyped-def]
        cli, initialised: Path, tmp_path: Path) -> None:
    archive = dayone_zip(tmp_path / "export.zip", {"Journal": [
        dayone_entry("AB" * 16, "2024-01-05T18:45:10Z", "One.", photos=[{"id": 1}]),
        dayone_entry("CD" * 16, "2024-02-05T18:45:10Z", "Two.")]})
    dry = cli("import", str(archive), "--dry-run", "--vault", str(initialised))
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "Would import 2 entries from export.zip (Day One).",
        "  My journal: 2 reflection entries",
        "  Dates: 2024-01-05 to 2024-02-05",
        "  Not imported: 1 photo",
    ]
    assert _entries(cli, initialised) == 0

    done = cli("import", str(archive), "--vault", str(initialised))
    assert done.returncode == 0 and done.stdout.startswith("Imported 2 entries from export.zip")
    assert _entries(cli, initialised) == 2


def test_unknown_client_code_exits_6_naming_it(cli, initialised: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "journal.txt"
    source.write_text("[2024-01-01 10:00] Hello.\n")
    result = cli("import", str(source), "--client", "Q-9", "--vault", str(initialised))
    assert result.returncode == 6
    assert result.stderr.strip() == "alliance-journal: error: no client with code 'Q-9'"
    assert _entries(cli, initialised) == 0


def test_an_unrecognised_file_is_refused_before_the_passphrase(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "notes.csv"
    source.write_text("a,b,c\n")
    result = cli("import", str(source), "--vault", str(tmp_path / "none"), passphrase=None)
    assert result.returncode == 6
    assert result.stderr.strip() == ("alliance-journal: error: notes.csv: not a Day One, jrnl, "
                                     "Markdown or Alliance Journal export")
