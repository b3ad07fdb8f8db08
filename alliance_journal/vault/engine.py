"""The encrypted database: SQLCipher 4 with a raw 256-bit key, under SQLAlchemy.

The key is the vault's data key, given raw (`x'…'`), so SQLCipher's own PBKDF2 is
skipped: the slow derivation already happened once in the key slot. Every page,
the schema, the WAL and the indexes are encrypted. Passing `key=None` opens a plain
SQLite file through the very same code, which the benchmark uses as its baseline.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

from alliance_journal.errors import CorruptDataError, StorageError, UserFacingError, VaultInUseError

#: Set on every connection that may write; journal_mode is stored in the file itself.
WRITE_PRAGMAS = ("PRAGMA journal_mode = WAL",)
PRAGMAS = (
    "PRAGMA synchronous = FULL",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA cache_size = -32768",  # 32 MiB of decrypted pages: reads skip re-decryption
)


def search_rowid(entry_id: str) -> int:
    """The search-index rowid of an entry: 63 bits of its UUID.

    Deterministic and stable (unlike a table rowid, which VACUUM may renumber), so
    keeping the index in step is a rowid lookup instead of a scan of the whole index.
    """
    return int(entry_id.replace("-", "")[:16], 16) & 0x7FFF_FFFF_FFFF_FFFF


def _register_functions(conn: Any) -> None:
    conn.create_function("search_rowid", 1, search_rowid, deterministic=True)


def read_only_uri(path: Path) -> str:
    """A URI that opens the database for reading only, creating and changing no file.

    `immutable=1` also keeps SQLite from creating `-wal`/`-shm` files beside the
    database (a plain `mode=ro` in WAL mode leaves both behind). It is used only when
    no WAL file holds pages yet to be copied back, which `immutable` would not see;
    then `mode=ro` alone reads them.
    """
    wal = path.with_name(path.name + "-wal")
    try:
        pending = wal.stat().st_size > 0
    except FileNotFoundError:
        pending = False
    uri = path.resolve().as_uri() + "?mode=ro"
    return uri if pending else uri + "&immutable=1"


def _raw_connect(path: Path, key: bytes | None, read_only: bool) -> Any:
    target = read_only_uri(path) if read_only else str(path)
    if key is None:
        return sqlite3.connect(target, check_same_thread=False, uri=read_only)
    conn = sqlcipher3.dbapi2.connect(target, check_same_thread=False, uri=read_only)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def connect(path: Path, key: bytes | None, *, read_only: bool = False) -> Any:
    """A DB-API connection with the key applied and the vault's pragmas set.

    `read_only`: SQLite itself refuses every write, and nothing on disk changes.
    """
    try:
        conn = _raw_connect(path, key, read_only)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in PRAGMAS if read_only else WRITE_PRAGMAS + PRAGMAS:
            conn.execute(pragma)
        _register_functions(conn)
    except (sqlite3.DatabaseError, sqlcipher3.dbapi2.DatabaseError) as exc:
        raise translate_error(exc) from None
    return conn


def open_engine(path: Path, key: bytes | None, *, read_only: bool = False) -> Engine:
    """An engine whose every pooled connection is keyed; one connection per thread."""
    engine = create_engine(
        "sqlite://", creator=lambda: connect(path, key, read_only=read_only), poolclass=QueuePool,
        pool_size=4, max_overflow=4,
        # SQLAlchemy maps driver exceptions (IntegrityError, ...) through this module.
        module=sqlite3 if key is None else sqlcipher3.dbapi2,
    )

    @event.listens_for(engine, "begin")
    def _begin_immediate(conn: Any) -> None:
        # The driver's implicit transactions are off; SQLAlchemy's begin is ours.
        conn.exec_driver_sql("BEGIN")

    @event.listens_for(engine, "connect")
    def _no_implicit_begin(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    return engine


def translate_error(exc: BaseException) -> UserFacingError:
    """Turn a driver error into one clear line; never includes SQL or note text."""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    message = str(original).lower()
    if "disk is full" in message or "database or disk is full" in message:
        return StorageError("could not save: the disk is full; nothing was changed")
    if "disk i/o error" in message:
        return StorageError("the disk reported an input/output error; nothing was changed")
    if "readonly" in message or "read-only" in message:
        return StorageError("the vault is on a read-only disk")
    if "locked" in message or "busy" in message:
        return VaultInUseError("the vault database is busy in another process")
    if any(word in message for word in ("not a database", "malformed", "corrupt", "hmac")):
        return CorruptDataError("the vault database is damaged or was tampered with")
    return CorruptDataError("the vault database could not be read")


@contextmanager
def database_errors() -> Iterator[None]:
    """Re-raise driver errors as user-facing errors (the raw SQL stays out of sight)."""
    try:
        yield
    except (DBAPIError, sqlite3.DatabaseError, sqlcipher3.dbapi2.DatabaseError) as exc:
        raise translate_error(exc) from None
