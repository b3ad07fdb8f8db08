"""Is the vault whole? The full check run before every backup, by `check`, and after unlock.

Three parts, chosen by measuring on the 50,000-entry vault (docs/performance.md):
SQLCipher's `cipher_integrity_check` verifies the HMAC of every page in the database file,
including pages no query reads; `quick_check` walks every b-tree through the pager, which
also reads the pages that still live in the `-wal` file, and finds structural damage a
valid HMAC cannot; `vault/wal.py` verifies the WAL's checksum chain, which no pragma reads.
`integrity_check` would add index-against-table comparisons at no less cost. The check
uses connections of its own, reads only, and reports page numbers and counts, never content.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alliance_journal.errors import CorruptDataError, OperationCancelledError
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.engine import DRIVER_ERRORS, connected, translate_error
from alliance_journal.vault.wal import WalReport, check_wal

Cancel = Callable[[], bool]
_PAGE = re.compile(r"page (\d+)")
_PROGRESS_STEPS = 10_000
_WAL_RETRIES = 2
# Decrypted pages quick_check may keep: enough for the whole 50k vault (148 MB file).
# quick_check reads many pages twice (the b-tree walk, then the NOT NULL scan of
# overflow pages and FTS5's own index check); every miss costs an HMAC-SHA512 and an
# AES decryption again. The cache grows only as pages are read (a small vault stays
# small) and is freed when the check's connection closes.
CHECK_CACHE_KIB = 256 * 1024
WAY_BACK = ("restore the newest verified backup into a new folder, or salvage what can still "
            "be read (`alliance-journal salvage`); the damaged vault is left as it is")


class VaultDamagedError(CorruptDataError):
    """The vault's own database fails the integrity check (exit code 4, like any damage)."""


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    """What the check found: the numbers of damaged pages and how many problems, no content."""

    problems: int
    damaged_pages: tuple[int, ...]
    unreadable: bool = False
    damaged_wal_frame: int | None = None

    @property
    def healthy(self) -> bool:
        return self.problems == 0 and not self.unreadable and self.damaged_wal_frame is None

    def describe(self) -> str:
        """One line in words a user understands."""
        if self.healthy:
            return "the vault passed the full integrity check"
        if self.unreadable:
            return "the vault database is damaged and cannot be opened"
        if self.damaged_wal_frame is not None:
            return ("the vault's recent-changes file (journal.db-wal) is damaged at record "
                    f"{self.damaged_wal_frame}; changes saved after it would be lost on the next start")
        if self.damaged_pages:
            pages = ", ".join(str(p) for p in self.damaged_pages[:5])
            more = ", …" if len(self.damaged_pages) > 5 else ""
            count = len(self.damaged_pages)
            return (f"the vault database is damaged: {count} of its blocks fail the check "
                    f"(block{'s' if count > 1 else ''} {pages}{more})")
        return f"the vault database is damaged: its structure fails the check ({self.problems} problems)"


def _rows(conn: Any, pragma: str) -> list[str]:
    return [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}").fetchall()]


def _pages(lines: list[str]) -> tuple[int, ...]:
    return tuple(sorted({int(m.group(1)) for line in lines for m in _PAGE.finditer(line)}))


def _stable_wal_report(path: Path) -> WalReport:
    """A break seen twice at the same place: a frame being appended right now is not damage."""
    report = check_wal(path)
    for _ in range(_WAL_RETRIES):
        if report.healthy:
            return report
        time.sleep(0.02)
        again = check_wal(path)
        if again.damaged_frame != report.damaged_frame:
            report = again
            continue
        return again
    return report


_UNREADABLE = "<unreadable>"


def _problems(path: Path, key: bytes | None, pragma: str, cancel: Cancel | None,
              read_only: bool = False) -> list[str]:
    """The lines a check pragma reports (without "ok"), on a connection of its own.

    A database too damaged to open gives `[_UNREADABLE]`; one whose b-tree walk hits a
    damaged page gives a line saying so. Other failures (busy, disk, cancel) raise.
    """
    try:
        with connected(path, key, read_only=read_only) as conn:
            conn.isolation_level = None
            conn.execute("PRAGMA query_only = ON")  # the check never writes, whatever it finds
            if pragma == "quick_check":
                conn.execute(f"PRAGMA cache_size = -{CHECK_CACHE_KIB}")
            if cancel is not None:
                conn.set_progress_handler(lambda: 1 if cancel() else 0, _PROGRESS_STEPS)
            return [line for line in _rows(conn, pragma) if line != "ok"]
    except CorruptDataError:
        return [_UNREADABLE]
    except DRIVER_ERRORS as exc:
        if "interrupt" in str(exc).lower():
            raise OperationCancelledError("the check was cancelled; nothing was changed") from None
        error = translate_error(exc)
        if isinstance(error, CorruptDataError):
            return [f"{pragma} could not read the structure"]
        raise error from None


def check_database_file(path: Path, key: bytes | None, *, cancel: Cancel | None = None,
                        read_only: bool = False) -> IntegrityReport:
    """Both checks on the database at `path` (its `-wal` included); raises only when the
    check itself cannot run (busy, disk error, cancelled), never for damage.

    The two pragmas run at once on two connections (both leave Python's lock while
    SQLite works), so the check takes about as long as the slower one. `key=None` checks
    a plain SQLite file (the benchmark's baseline), where only `quick_check` applies.
    `read_only`: for a vault opened to read only (perhaps on read-only storage).
    """
    wal = _stable_wal_report(path.with_name(path.name + "-wal"))
    if not wal.healthy:
        return IntegrityReport(1, (), damaged_wal_frame=wal.damaged_frame)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="cipher-check") as pool:
        cipher_job = (pool.submit(_problems, path, key, "cipher_integrity_check", None, read_only)
                      if key else None)
        quick = _problems(path, key, "quick_check", cancel, read_only)
        cipher = cipher_job.result() if cipher_job is not None else []
    if _UNREADABLE in cipher or _UNREADABLE in quick:
        return IntegrityReport(1, (), unreadable=True)
    return IntegrityReport(len(cipher) + len(quick), _pages(cipher))


def check_vault(vault: OpenVault, *, cancel: Cancel | None = None) -> IntegrityReport:
    """The full check of an open vault, on a connection of its own (the vault stays usable)."""
    return check_database_file(vault.paths.database, vault.data_key, cancel=cancel,
                               read_only=vault.read_only)


def require_healthy(vault: OpenVault, *, doing: str, cancel: Cancel | None = None) -> None:
    """Raise `VaultDamagedError` (one line: what is wrong, that `doing` was not done, the way
    back) unless the vault passes the full check."""
    report = check_vault(vault, cancel=cancel)
    if not report.healthy:
        raise VaultDamagedError(f"{report.describe()}; {doing}. To get back: {WAY_BACK}")
