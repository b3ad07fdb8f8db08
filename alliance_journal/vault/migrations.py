"""Numbered schema migrations, kept in `PRAGMA user_version`.

Why not alembic: the schema includes an FTS5 virtual table that autogenerate cannot
see, migrations must run inside the encrypted connection at unlock time with no
config files or script folder on disk (which PyInstaller bundles poorly), and the
whole history fits in this one module. Each step runs in one transaction: a crash
mid-upgrade leaves the previous version intact (see docs/format.md).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice

from sqlalchemy import Connection, Engine

from alliance_journal.errors import CorruptDataError, DiskFullError
from alliance_journal.vault.engine import database_errors


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]
    #: Rewrite the file afterwards (VACUUM): the step freed much of it.
    vacuum_after: bool = False
    #: Fill the new, empty search index from the entries (see `SearchRows`).
    fills_search_index: bool = False


#: Every entry out of the trash as (id, the words a search should find in it). What an
#: entry's searchable text is belongs to the domain, which this layer does not import:
#: the services pass it in (`services/schema.py`).
SearchRows = Callable[[Connection], Iterable[tuple[str, str]]]
_INDEX_BATCH = 500


#: A client's latest session still out of the trash: one seek in `entry_kind_cover`.
_LAST_SESSION = """(SELECT max(e.occurred_at) FROM entry e WHERE e.kind = 'session'
    AND e.client_id = client_tally.client_id AND e.deleted_at IS NULL)"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "clients, entries, history, search index, settings", (
        """CREATE TABLE client (
            id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT, status TEXT NOT NULL,
            started_on TEXT, ended_on TEXT, frequency TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '',
            archived BOOLEAN NOT NULL DEFAULT 0, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)""",
        """CREATE TABLE entry (
            id TEXT PRIMARY KEY, client_id TEXT REFERENCES client(id) ON DELETE RESTRICT,
            kind TEXT NOT NULL, occurred_at TEXT NOT NULL, created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL, tags TEXT NOT NULL DEFAULT '[]', body TEXT NOT NULL DEFAULT '',
            fields TEXT NOT NULL DEFAULT '{}', finalised_at TEXT,
            amendments TEXT NOT NULL DEFAULT '[]', deleted_at TEXT)""",
        "CREATE INDEX entry_timeline ON entry (client_id, deleted_at, occurred_at)",
        "CREATE INDEX entry_kind ON entry (kind, occurred_at)",
        """CREATE TABLE entry_version (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            entry_id TEXT NOT NULL REFERENCES entry(id) ON DELETE CASCADE,
            saved_at TEXT NOT NULL, snapshot TEXT NOT NULL)""",
        "CREATE INDEX entry_version_entry ON entry_version (entry_id, id)",
        """CREATE VIRTUAL TABLE entry_fts USING fts5(
            entry_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')""",
        "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    )),
    Migration(2, "user prompts, hidden prompts, nudge states", (
        """CREATE TABLE user_prompt (
            id TEXT PRIMARY KEY, theme TEXT NOT NULL, text TEXT NOT NULL, kinds TEXT NOT NULL,
            about TEXT NOT NULL, created_at TEXT NOT NULL)""",
        "CREATE TABLE hidden_prompt (prompt_id TEXT PRIMARY KEY)",
        """CREATE TABLE nudge_state (
            nudge_id TEXT PRIMARY KEY, state TEXT NOT NULL, until TEXT, at TEXT NOT NULL)""",
    )),
    Migration(3, "search index keyed by a stable rowid; covering index for search", (
        """CREATE VIRTUAL TABLE entry_fts_v3 USING fts5(
            entry_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')""",
        """INSERT INTO entry_fts_v3 (rowid, entry_id, text)
            SELECT search_rowid(entry_id), entry_id, text FROM entry_fts""",
        "DROP TABLE entry_fts",
        "ALTER TABLE entry_fts_v3 RENAME TO entry_fts",
        # Search joins every match to its entry: a covering index answers that join
        # without reading (and decrypting) the entry rows and their long bodies.
        """CREATE INDEX entry_search_cover
            ON entry (id, deleted_at, client_id, kind, occurred_at)""",
        # The client list's "last session" per client, likewise without touching rows.
        "DROP INDEX entry_kind",
        "CREATE INDEX entry_kind_cover ON entry (kind, client_id, deleted_at, occurred_at)",
    )),
    # A search whose words are in thousands of notes lists the newest matches: walking
    # this index newest first stops after a page of hits, where ranking all of them
    # would cost a document-length lookup per match.
    Migration(4, "newest-first index for common-word searches; per-client tallies", (
        # occurred_at leads: with deleted_at first, a GROUP BY client_id could pick this
        # index and sort every row instead of reading entry_timeline in order.
        "CREATE INDEX entry_recent ON entry (occurred_at, deleted_at, id, client_id, kind)",
        # The client list shows each client's entry count and last session. Counting
        # them at unlock read (and decrypted) an index over every entry; triggers keep
        # the figures in the same transaction as every write instead.
        """CREATE TABLE client_tally (
            client_id TEXT PRIMARY KEY REFERENCES client(id) ON DELETE CASCADE,
            entries INTEGER NOT NULL DEFAULT 0, last_session TEXT)""",
        """INSERT INTO client_tally (client_id, entries, last_session)
            SELECT c.id,
                (SELECT count(*) FROM entry e WHERE e.client_id = c.id AND e.deleted_at IS NULL),
                (SELECT max(e.occurred_at) FROM entry e WHERE e.kind = 'session'
                    AND e.client_id = c.id AND e.deleted_at IS NULL)
            FROM client c""",
        """CREATE TRIGGER client_tally_start AFTER INSERT ON client BEGIN
            INSERT INTO client_tally (client_id) VALUES (NEW.id);
        END""",
        """CREATE TRIGGER entry_tally_insert AFTER INSERT ON entry
            WHEN NEW.client_id IS NOT NULL BEGIN
            UPDATE client_tally SET entries = entries + (NEW.deleted_at IS NULL),
                last_session = CASE
                    WHEN NEW.kind = 'session' AND NEW.deleted_at IS NULL
                        AND (last_session IS NULL OR NEW.occurred_at > last_session)
                    THEN NEW.occurred_at ELSE last_session END
                WHERE client_id = NEW.client_id;
        END""",
        f"""CREATE TRIGGER entry_tally_delete AFTER DELETE ON entry
            WHEN OLD.client_id IS NOT NULL BEGIN
            UPDATE client_tally SET entries = entries - (OLD.deleted_at IS NULL),
                last_session = {_LAST_SESSION} WHERE client_id = OLD.client_id;
        END""",
        f"""CREATE TRIGGER entry_tally_update
            AFTER UPDATE OF client_id, kind, occurred_at, deleted_at ON entry BEGIN
            UPDATE client_tally SET entries = entries - (OLD.deleted_at IS NULL)
                WHERE client_id = OLD.client_id;
            UPDATE client_tally SET entries = entries + (NEW.deleted_at IS NULL)
                WHERE client_id = NEW.client_id;
            UPDATE client_tally SET last_session = {_LAST_SESSION}
                WHERE client_id IN (OLD.client_id, NEW.client_id);
        END""",
    )),
    # Clinical review: a transference pattern is worked through, rarely gone. Ratings
    # and intake discomfort may now be null ("not rated"); stored numbers stay as they
    # are, and fields added in this version take their defaults when read.
    Migration(5, "transference status `resolved` becomes `worked_through`", (
        """UPDATE entry SET fields = json_set(fields, '$.status', 'worked_through')
            WHERE kind = 'transference' AND json_extract(fields, '$.status') = 'resolved'""",
        """UPDATE entry_version
            SET snapshot = json_set(snapshot, '$.fields.status', 'worked_through')
            WHERE json_extract(snapshot, '$.kind') = 'transference'
                AND json_extract(snapshot, '$.fields.status') = 'resolved'""",
    )),
    # The vault was 4.3x the plain text of its notes: the search index kept a second copy of
    # every note, and notes were stored as plain text. docs/performance.md has the figures.
    Migration(6, "contentless search index; long texts packed; free pages returned", (
        # The index keeps only what a search needs (rowid, word positions, lengths for bm25);
        # snippets are cut from the entry itself. contentless_delete lets a row be removed
        # by rowid alone, as before (SQLite 3.43+, which SQLCipher 4.6+ bundles).
        """CREATE VIRTUAL TABLE entry_fts_v6 USING fts5(
            text, content = '', contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 2')""",
        "INSERT INTO entry_fts_v6 (rowid, text) SELECT rowid, text FROM entry_fts",
        "DROP TABLE entry_fts",
        "ALTER TABLE entry_fts_v6 RENAME TO entry_fts",
        # Search joins a match to its entry by the index rowid, which is search_rowid(id).
        "DROP INDEX entry_search_cover",
        """CREATE INDEX entry_search_cover
            ON entry (search_rowid(id), deleted_at, client_id, kind, occurred_at, id)""",
        "UPDATE entry SET body = pack_text(body)",
        "UPDATE entry_version SET snapshot = pack_text(snapshot)",
    ), vacuum_after=True),
    # Search asks only which notes hold each word: every word is its own prefix query and
    # snippets are cut from the note itself, so the index no longer keeps where in a note
    # a word stands. Its blocks shrink by a sixth and the full integrity check before every
    # backup takes 0.8 s instead of 1.1 s at 50,000 notes (docs/performance.md). `detail =
    # column` rather than `none`: with one column they hold the same, but FTS5 answers
    # prefix queries on `none` about five times slower. bm25 still ranks by how rare a
    # word is and how long a note is, no longer by how often a note repeats it.
    Migration(7, "search index without word positions", (
        "DROP TABLE entry_fts",
        """CREATE VIRTUAL TABLE entry_fts USING fts5(
            text, content = '', contentless_delete = 1, detail = column,
            tokenize = 'unicode61 remove_diacritics 2')""",
    ), vacuum_after=True, fills_search_index=True),
)

LATEST_VERSION = MIGRATIONS[-1].version


def schema_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def current_version(engine: Engine) -> int:
    """The schema version of the database behind `engine` (reads only)."""
    with database_errors(), engine.connect() as conn:
        version = schema_version(conn)
        conn.rollback()
    return version


def _apply(conn: Connection, migration: Migration, search_rows: SearchRows | None) -> None:
    for statement in migration.statements:
        conn.exec_driver_sql(statement)
    if migration.fills_search_index and search_rows is not None:
        insert = "INSERT INTO entry_fts (rowid, text) VALUES (search_rowid(?), ?)"
        rows = iter(search_rows(conn))
        while batch := list(islice(rows, _INDEX_BATCH)):
            conn.exec_driver_sql(insert, batch)
    conn.exec_driver_sql(f"PRAGMA user_version = {int(migration.version)}")


def _outside_transaction(engine: Engine, statement: str) -> None:
    """VACUUM and auto_vacuum cannot run inside the transaction SQLAlchemy would begin."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute(statement)  # type: ignore[union-attr]
    finally:
        raw.close()


def compact(engine: Engine) -> None:
    """Rewrite the file without free pages, and from now on hand back what purges free.

    Atomic like any SQLite transaction; needs free disk space about the vault's size.
    """
    _outside_transaction(engine, "PRAGMA auto_vacuum = INCREMENTAL")
    _outside_transaction(engine, "VACUUM")


def migrate(engine: Engine, *, target: int = LATEST_VERSION,
            migrations: Sequence[Migration] = MIGRATIONS,
            search_rows: SearchRows | None = None) -> int:
    """Bring the schema to `target`, one transaction per step; returns the final version.

    `search_rows` is needed to upgrade a vault that holds entries across a step that
    rebuilds the search index; a new, empty database needs none.
    """
    with database_errors():
        with engine.connect() as conn:
            current = schema_version(conn)
            conn.rollback()
        if current > 0 and search_rows is None and any(
                m.fills_search_index and current < m.version <= target for m in migrations):
            raise ValueError("this upgrade rebuilds the search index: pass search_rows")
        if current > LATEST_VERSION:
            raise CorruptDataError(
                f"this vault was written by a newer version (schema {current}); please update the app"
            )
        if current == 0:  # a new, empty database: set before the first table exists
            _outside_transaction(engine, "PRAGMA auto_vacuum = INCREMENTAL")
        vacuum = False
        for migration in migrations:
            if current < migration.version <= target:
                with engine.begin() as conn:
                    _apply(conn, migration, search_rows)
                vacuum = vacuum or (migration.vacuum_after and current > 0)
                current = migration.version
        if vacuum:
            _compact_if_room(engine)
    return current


def _compact_if_room(engine: Engine) -> None:
    """VACUUM after an upgrade, unless the disk has no room for the copy it writes.

    The upgrade itself is committed by then; the compaction only returns space. Refusing
    the unlock over it would lock the therapist out of a sound vault on a full disk, so
    it is skipped (the file keeps its free pages) and the vault opens.
    """
    with contextlib.suppress(DiskFullError), database_errors():
        compact(engine)
