"""The encrypted database: SQLCipher 4 with a raw 256-bit key, under SQLAlchemy.

The key is the vault's data key, given raw (`x'…'`), so SQLCipher's own PBKDF2 is
skipped: the slow derivation already happened once in the key slot. Every page,
the schema, the WAL and the indexes are encrypted. Passing `key=None` opens a plain
SQLite file through the very same code and the same SQLite build (SQLCipher's, without
a key), which the benchmark uses as its baseline; the schema needs SQLite 3.43+.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

from alliance_journal.errors import (
    CorruptDataError,
    DiskFullError,
    StorageError,
    UserFacingError,
    VaultInUseError,
)
from alliance_journal.vault.packing import pack_text

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


def search_rowid(entry_id: object) -> int:
    """The search-index rowid of an entry: 63 bits of its UUID.

    Deterministic and stable (unlike a table rowid, which VACUUM may renumber), so
    keeping the index in step is a rowid lookup instead of a scan of the whole index.
    An index is built on it (schema 6), so it never raises: a damaged id that is not a
    UUID gets 63 bits of its hash instead, and reading that row reports the damage.
    """
    text = str(entry_id)
    digits = text.replace("-", "")[:16]
    if len(digits) == 16 and all(c in _HEX for c in digits):
        return int(digits, 16) & _MASK_63
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") & _MASK_63


_HEX = frozenset("0123456789abcdefABCDEF")
_MASK_63 = 0x7FFF_FFFF_FFFF_FFFF


def _register_functions(conn: Any) -> None:
    # An index (entry_search_cover, schema 6) is built on search_rowid, so every
    # connection that writes entries needs it; pack_text is used by migrations.
    conn.create_function("search_rowid", 1, search_rowid, deterministic=True)
    conn.create_function("pack_text", 1, pack_text, deterministic=True)


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
    conn = sqlcipher3.dbapi2.connect(target, check_same_thread=False, uri=read_only)
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


#: What the SQLite drivers raise (plain sqlite3 for unkeyed files, sqlcipher3 for the vault).
DRIVER_ERRORS = (sqlite3.DatabaseError, sqlcipher3.dbapi2.DatabaseError)


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
    except DRIVER_ERRORS as exc:
        raise translate_error(exc) from None
    return conn


@contextmanager
def connected(path: Path, key: bytes | None, *, read_only: bool = False) -> Iterator[Any]:
    """`connect`, closed on the way out; a failing close (a damaged file) is not a new error."""
    conn = connect(path, key, read_only=read_only)
    try:
        yield conn
    finally:
        with suppress(*DRIVER_ERRORS):
            conn.close()


def open_engine(path: Path, key: bytes | None, *, read_only: bool = False) -> Engine:
    """An engine whose every pooled connection is keyed; one connection per thread."""
    engine = create_engine(
        "sqlite://", creator=lambda: connect(path, key, read_only=read_only), poolclass=QueuePool,
        pool_size=4, max_overflow=4,
        # SQLAlchemy maps driver exceptions (IntegrityError, ...) through this module.
        module=sqlcipher3.dbapi2,
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
        return DiskFullError("could not save: the disk is full; nothing was changed")
    if "disk i/o error" in message:
        return StorageError("the disk reported an input/output error; nothing was changed")
    if "readonly" in message or "read-only" in message:
        return StorageError("the vault is on a read-only disk")
    if "locked" in message or "busy" in message:
        return VaultInUseError("the vault database is busy in another process")
    if any(word in message for word in ("not a database", "malformed", "corrupt", "hmac")):
        return CorruptDataError("the vault database is damaged or was tampered with")
    return CorruptDataError("the vault database could not be read")


def release_free_pages(engine: Engine) -> None:
    """Give pages freed by a purge back to the file system (auto_vacuum = INCREMENTAL).

    Best effort: a vault made before schema 6 without the setting simply keeps them
    for reuse, as SQLite always does.
    """
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA incremental_vacuum")  # type: ignore[union-attr]
    except DRIVER_ERRORS:
        pass
    finally:
        raw.close()


@contextmanager
def database_errors() -> Iterator[None]:
    """Re-raise driver errors as user-facing errors (the raw SQL stays out of sight)."""
    try:
        yield
    except (DBAPIError, sqlite3.DatabaseError, sqlcipher3.dbapi2.DatabaseError) as exc:
        raise translate_error(exc) from None
