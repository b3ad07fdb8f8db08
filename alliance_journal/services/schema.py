"""Bring a vault's schema up to date: `vault/migrations.py` plus what only services know.

A step that rebuilds the search index needs each entry's searchable text, which the
domain defines (`Entry.searchable_text`) and the vault layer cannot import. Every path
that opens an existing vault upgrades it through `upgrade`, so none can forget it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sqlalchemy import Connection, Engine

from alliance_journal.errors import CorruptDataError
from alliance_journal.vault.migrations import LATEST_VERSION, current_version, migrate
from alliance_journal.vault.packing import unpack_text


def search_rows(conn: Connection) -> Iterator[tuple[str, str]]:
    """(id, searchable text) of every entry out of the trash, read as stored.

    An entry the current model cannot read (damaged JSON in a field) still has its note
    text found: an upgrade must not fail, and so lock the therapist out, over one row.
    A note whose text itself cannot be unpacked stays out of the index; `check` and
    `salvage` are the way to find and rescue such damage.
    """
    # The entry model (pydantic) only when a step needs it: every unlock imports this module.
    from alliance_journal.services.records import ENTRY_COLUMNS, columns_to_entry

    body = ENTRY_COLUMNS.index("body")
    query = f"SELECT {', '.join(ENTRY_COLUMNS)} FROM entry WHERE deleted_at IS NULL"
    for row in conn.exec_driver_sql(query):
        columns = list(row)
        try:
            columns[body] = unpack_text(columns[body])
        except CorruptDataError:
            continue
        try:
            yield str(columns[0]), columns_to_entry(columns).searchable_text()
        except CorruptDataError:
            yield str(columns[0]), str(columns[body] or "")


#: Called once, before a pending upgrade starts: a front end says why this unlock is slow.
UpgradeNotice = Callable[[], None]


def upgrade(engine: Engine, *, on_upgrade: UpgradeNotice | None = None) -> int:
    """Every pending migration of the database behind `engine`; returns the new version.

    An upgrade may rebuild the search index and compact the file: seconds for a large
    vault, once. `on_upgrade` hears that one is about to run (not for a new database).
    """
    if on_upgrade is not None and 0 < current_version(engine) < LATEST_VERSION:
        on_upgrade()
    return migrate(engine, search_rows=search_rows)
