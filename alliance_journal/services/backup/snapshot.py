"""Consistent copies of the encrypted database, and checks of such a copy.

The snapshot uses SQLite's online backup API from a fresh connection, so the app keeps
running and writing (WAL readers do not block writers). Its target is a SQLCipher file
keyed with the same data key inside a private (0700) temp folder that is always removed:
no plaintext page ever reaches the disk, not even briefly.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from alliance_journal.errors import (
    CorruptDataError,
    OperationCancelledError,
    VaultInUseError,
)
from alliance_journal.services.rollback import GENERATION_SETTING
from alliance_journal.vault.engine import DRIVER_ERRORS, connected, translate_error
from alliance_journal.vault.migrations import LATEST_VERSION

Cancel = Callable[[], bool]
Progress = Callable[[int, int], None]
BUSY_LIMIT_SECONDS = 30.0


def check_cancel(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise OperationCancelledError("cancelled; nothing was changed")


def snapshot_database(source: Path, target: Path, key: bytes, *, cancel: Cancel | None = None) -> None:
    """Copy `source` into a new encrypted file `target` as of one instant."""
    started = time.monotonic()

    def on_step(_status: int, _remaining: int, _total: int) -> None:
        # Called after each step, including retries while another writer is busy.
        check_cancel(cancel)
        if time.monotonic() - started > BUSY_LIMIT_SECONDS:
            raise VaultInUseError("the vault stayed busy too long to take a backup; try again")

    try:
        with connected(source, key) as src, connected(target, key) as dst:
            src.isolation_level = None
            src.backup(dst, pages=-1, progress=on_step, sleep=0.05)
    except DRIVER_ERRORS as exc:
        raise translate_error(exc) from None


@dataclass(frozen=True, slots=True)
class DatabaseFacts:
    """What a verified copy contains, in counts only (never note text)."""

    clients: int
    entries: int
    newest_entry: datetime | None
    generation: int


def _generation(conn: Any) -> int:
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (GENERATION_SETTING,)).fetchone()
    try:
        value = json.loads(row[0]) if row else 0
    except (TypeError, ValueError):
        return 0
    return value if type(value) is int and value >= 0 else 0


def check_database(path: Path, key: bytes) -> DatabaseFacts:
    """Open a copy, run `PRAGMA integrity_check`, and count what it holds."""
    what = "the database in the backup"
    try:
        with connected(path, key) as conn:
            conn.isolation_level = None
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > LATEST_VERSION:
                raise CorruptDataError(
                    f"{what} was written by a newer version (schema {version}); please update the app")
            if version < 1:
                raise CorruptDataError(f"{what} has no journal in it")
            result = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
            if result != ["ok"]:
                raise CorruptDataError(f"{what} fails the integrity check ({len(result)} problems)")
            clients = int(conn.execute("SELECT count(*) FROM client").fetchone()[0])
            entries, newest = conn.execute(
                "SELECT count(*), max(occurred_at) FROM entry WHERE deleted_at IS NULL").fetchone()
            generation = _generation(conn)
    except DRIVER_ERRORS as exc:
        raise translate_error(exc) from None
    try:
        newest_at = datetime.fromisoformat(newest) if newest else None
    except ValueError:
        raise CorruptDataError(f"{what} holds an invalid date") from None
    return DatabaseFacts(clients, int(entries), newest_at, generation)
