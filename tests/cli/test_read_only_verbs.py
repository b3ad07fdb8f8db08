"""Reads never write: search, stats, export, nudges and prompts leave every byte alone.

Tests run as root here, where `chmod` stops no write, so the folder is made read-only
*and* every file's bytes and mtime are compared before and after; a second test drops
to an unprivileged user in a forked child, where the kernel refuses writes for real.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from alliance_journal.errors import StorageError
from alliance_journal.services.demo import fill_demo_vault
from alliance_journal.services.rollback import generation_file
from alliance_journal.services.search import search
from alliance_journal.services.settings import set_setting
from alliance_journal.services.stats import vault_stats
from alliance_journal.services.unlock import UnlockSecret, open_vault_to_read, unlock_vault
from tests.conftest import PASSPHRASE, NewVault

READS = [("search", "session"), ("stats",), ("export",), ("nudges",), ("prompts", "today"),
         ("prompts", "--json")]


@pytest.fixture
def demo_folder(new_vault: NewVault) -> Path:
    """A closed vault with a demo caseload, opened once normally (its generation recorded)."""
    fill_demo_vault(new_vault.vault, today=date(2026, 3, 1))
    new_vault.vault.close()
    with unlock_vault(new_vault.folder, UnlockSecret(passphrase=PASSPHRASE)) as vault:
        from alliance_journal.services.rollback import check_generation

        assert check_generation(vault) is None
    return new_vault.folder


def snapshot(*folders: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file's bytes, mtime and mode under `folders`."""
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = path.stat()
                found[str(path)] = (path.read_bytes(), info.st_mtime_ns, info.st_mode)
    return found


@pytest.fixture
def read_only(demo_folder: Path) -> Iterator[Path]:
    """The vault folder and its files made read-only with chmod (restored afterwards)."""
    files = [p for p in demo_folder.iterdir() if p.is_file()]
    for path in files:
        path.chmod(0o444)
    demo_folder.chmod(0o555)
    yield demo_folder
    demo_folder.chmod(0o700)
    for path in files:
        path.chmod(0o600)


@pytest.mark.parametrize("argv", READS, ids=lambda argv: " ".join(argv))
def test_a_read_changes_no_byte_and_no_mtime(cli, read_only: Path, argv: tuple[str, ...]) -> None:
    record = generation_file(json.loads((read_only / "vault.json").read_text())["vault_id"])
    before = snapshot(read_only, record.parent)
    result = cli(argv[0], "--vault", str(read_only), *argv[1:])
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.replace("warning: the export is plaintext, NOT encrypted", "")
    assert result.stdout.strip()
    assert snapshot(read_only, record.parent) == before


def test_a_read_of_a_rolled_back_copy_warns_without_writing(cli, demo_folder: Path) -> None:
    vault_id = json.loads((demo_folder / "vault.json").read_text())["vault_id"]
    record = generation_file(vault_id)
    record.write_text(str(int(record.read_text()) + 5) + "\n")
    before = snapshot(demo_folder, record.parent)
    result = cli("stats", "--vault", str(demo_folder))
    assert result.returncode == 0 and result.stderr.startswith("warning: this vault is older")
    assert snapshot(demo_folder, record.parent) == before


def test_sqlite_itself_refuses_a_write_through_a_read_only_open(demo_folder: Path) -> None:
    before = snapshot(demo_folder)
    with open_vault_to_read(demo_folder, UnlockSecret(passphrase=PASSPHRASE)) as vault:
        assert vault.read_only
        with pytest.raises(StorageError, match="read-only"):
            set_setting(vault, "anything", 1)
    assert snapshot(demo_folder) == before


def _traversable(path: Path) -> Iterator[tuple[Path, int]]:
    """Let other users through `path`'s parents (pytest makes them 0700); yields old modes."""
    for parent in path.parents:
        mode = stat.S_IMODE(parent.stat().st_mode)
        if mode & 0o001:
            continue
        yield parent, mode


def _as_nobody(folder: Path, work: Callable[[dict[str, object]], None]) -> dict[str, object]:
    """Run `work(outcome)` in a forked child as the unprivileged user `nobody`, with the
    parents of `folder` traversable meanwhile; the outcome it filled in comes back through
    a pipe (with "error" if it raised)."""
    opened = list(_traversable(folder))
    for parent, mode in opened:
        parent.chmod(mode | 0o011)
    reader, writer = os.pipe()
    try:
        pid = os.fork()
        if pid == 0:  # the child
            os.close(reader)
            outcome: dict[str, object] = {}
            try:
                os.setgid(65534)
                os.setuid(65534)
                work(outcome)
            except BaseException as exc:
                outcome["error"] = f"{type(exc).__name__}: {exc}"
            os.write(writer, json.dumps(outcome).encode())
            os._exit(0)
        os.close(writer)
        with os.fdopen(reader, "rb") as pipe:
            found: dict[str, object] = json.loads(pipe.read() or b"{}")
        os.waitpid(pid, 0)
    finally:
        for parent, mode in opened:
            parent.chmod(mode)
    return found


_NEEDS_ROOT = pytest.mark.skipif(not hasattr(os, "fork") or os.geteuid() != 0,
                                 reason="needs root to drop to an unprivileged user")


@_NEEDS_ROOT
def test_an_unprivileged_user_reads_a_folder_it_cannot_write(read_only: Path) -> None:
    before = snapshot(read_only)

    def read(outcome: dict[str, object]) -> None:
        try:
            (read_only / "probe").write_text("x")
            outcome["could_write"] = True
        except PermissionError:
            outcome["could_write"] = False
        with open_vault_to_read(read_only, UnlockSecret(passphrase=PASSPHRASE)) as vault:
            outcome["hits"] = len(search(vault, "session").hits)
            outcome["entries"] = vault_stats(vault).entries
            outcome["locked"] = vault.lock.held

    outcome = _as_nobody(read_only, read)
    print(outcome, file=sys.stderr)
    assert outcome.get("could_write") is False, outcome
    assert "error" not in outcome, outcome
    assert outcome["hits"] > 0 and outcome["entries"] > 0 and outcome["locked"] is False
    assert snapshot(read_only) == before


@_NEEDS_ROOT
def test_an_unprivileged_user_checks_and_salvages_a_vault_in_a_folder_it_cannot_write(
        read_only: Path) -> None:
    from alliance_journal.services.integrity import check_vault
    from alliance_journal.services.salvage import salvage_vault

    elsewhere = read_only.parent / "writable-by-all"
    elsewhere.mkdir()
    elsewhere.chmod(0o777)
    before = snapshot(read_only)

    def check_and_salvage(outcome: dict[str, object]) -> None:
        with open_vault_to_read(read_only, UnlockSecret(passphrase=PASSPHRASE)) as vault:
            outcome["healthy"] = check_vault(vault).healthy
            outcome["complete"] = salvage_vault(vault, elsewhere / "salvaged").complete

    outcome = _as_nobody(read_only, check_and_salvage)
    assert outcome == {"healthy": True, "complete": True}, outcome
    assert snapshot(read_only) == before
    assert (elsewhere / "salvaged" / "vault.json").is_file()


def test_a_journal_from_an_older_version_is_updated_once_and_says_so(cli, tmp_path: Path) -> None:
    folder = tmp_path / "old"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "vault_schema6", folder)
    first = cli("--vault", str(folder), "search", "lighthouse")
    assert first.returncode == 0, first.stderr
    assert first.stderr.count("Updating this journal for this version of the app (once)") == 1
    assert "lighthouse" in first.stdout
    again = cli("--vault", str(folder), "search", "lighthouse")
    assert again.returncode == 0 and "Updating" not in again.stderr
    assert again.stdout == first.stdout
