"""Shared by the import tests: the vault's files as digests, a fixed local time zone."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def vault_bytes(folder: Path) -> dict[str, str]:
    """A digest of every file in the vault folder: header, database, its WAL.

    Left out: the lock file, and the WAL index (`-shm`), shared memory in which every
    reader marks where it reads; it holds no data and is rebuilt from the WAL.
    """
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.endswith((".lock", "-shm"))}


@pytest.fixture
def london() -> Iterator[None]:
    """This computer's local zone is Europe/London for the test (times without offsets)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/London"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
