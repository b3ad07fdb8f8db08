"""Shared fixtures: real files under tmp_path, real SQLCipher, real crypto (cheap KDF).

Every test gets its own data/config/temp folders and an in-memory keyring, so no
test can touch the developer's vault, settings or OS keychain.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest

from alliance_journal.crypto.kdf import KdfParams
from alliance_journal.services.transfer import export_to_stream
from alliance_journal.services.unlock import OpenVault, create_vault
from tests.memory_keyring import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "quiet-harbour-lantern-47"
NEW_PASSPHRASE = "amber-orchard-viaduct-93"
#: Argon2id at its cheapest: the crypto stays real, tests stay fast (KeePassXC's fastKdf).
FAST_KDF = KdfParams(memory_kib=64, iterations=1, lanes=1)
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point platformdirs' folders at a private place for this test."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
        (home / sub).mkdir()
        monkeypatch.setenv(var, str(home / sub))
    return home


@pytest.fixture(autouse=True)
def restore_excepthooks() -> Iterator[None]:
    """The app installs content-free crash hooks; give each test the ones it started with."""
    import threading

    before = sys.excepthook, threading.excepthook
    yield
    sys.excepthook, threading.excepthook = before


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Python's temporary folder for this test, so a test can see what is left in it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@dataclass
class NewVault:
    vault: OpenVault
    recovery_key: str
    folder: Path


@pytest.fixture
def new_vault(vault_dir: Path) -> Iterator[NewVault]:
    vault, recovery_key = create_vault(vault_dir, PASSPHRASE, kdf=FAST_KDF)
    yield NewVault(vault, recovery_key, vault_dir)
    vault.close()


@pytest.fixture
def vault(new_vault: NewVault) -> OpenVault:
    return new_vault.vault


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(tmp_path: Path, isolated_home: Path):
    """Run `python -m alliance_journal` in a subprocess with a private TMPDIR and home."""
    tmpdir = tmp_path / "cli-tmp"
    tmpdir.mkdir()

    def run(*args: str, passphrase: str | None = PASSPHRASE, env: dict[str, str] | None = None,
            stdin: str | None = None, timeout: float = 120) -> CliResult:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("ALLIANCE_JOURNAL_")}
        full_env.update({"TMPDIR": str(tmpdir), "HOME": str(isolated_home),
                         "PYTHONDONTWRITEBYTECODE": "1"})
        if passphrase is not None:
            full_env["ALLIANCE_JOURNAL_PASSPHRASE"] = passphrase
        full_env.update(env or {})
        proc = subprocess.run([sys.executable, "-m", "alliance_journal", *args],
                              capture_output=True, text=True, env=full_env, input=stdin,
                              timeout=timeout, cwd=tmp_path, check=False)
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    run.tmpdir = tmpdir  # type: ignore[attr-defined]
    return run


def export_json(vault: OpenVault) -> str:
    """The whole vault, trash included, as `alliance-journal/1` text, in memory (tests
    compare documents)."""
    buffer = io.BytesIO()
    export_to_stream(vault, buffer, include_trash=True)
    return buffer.getvalue().decode("utf-8")
