"""Every row of a table that can still be read, from a database with damaged pages.

A plain scan stops at the first damaged page. So a failed scan goes on row by row: it
looks each following rowid up on its own (one descent of the b-tree, which only fails
when that row's own page or overflow page is damaged) and counts the rows that fail,
then takes up the fast scan again after the damaged stretch. Rowids here are small
consecutive integers (SQLite's own), so the lookups stay close to the damage. After a
read error SQLite keeps the connection in an error state, so each error costs a new one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from alliance_journal.vault.engine import DRIVER_ERRORS

#: Lookups past the last row seen before giving up, when the table's end is unreadable.
_BLIND_PROBES = 2_000


@dataclass(slots=True)
class RowTally:
    """How many rows could not be read (the caller counts what it does with the others)."""

    unreadable: int = 0


def _is_interrupt(exc: BaseException) -> bool:
    return "interrupt" in str(exc).lower()


def _highest_rowid(conn: Any, table: str) -> int | None:
    try:
        value = conn.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0]
    except DRIVER_ERRORS as exc:
        if _is_interrupt(exc):
            raise
        return None
    return int(value) if value is not None else 0


class _Connection:
    """A connection that is replaced after each read error."""

    def __init__(self, opener: Callable[[], Any]) -> None:
        self._opener = opener
        self.conn = opener()

    def renew(self) -> None:
        self.close()
        self.conn = self._opener()

    def close(self) -> None:
        with contextlib.suppress(*DRIVER_ERRORS):
            self.conn.close()


def readable_rows(opener: Callable[[], Any], table: str, columns: Sequence[str], tally: RowTally
                  ) -> Iterator[tuple[Any, ...]]:
    """(rowid, *columns) for each readable row in rowid order; `tally` counts the rest.

    `opener` gives a new connection to the damaged database."""
    source = _Connection(opener)
    try:
        yield from _rows(source, table, columns, tally)
    finally:
        source.close()


def _rows(source: _Connection, table: str, columns: Sequence[str], tally: RowTally
          ) -> Iterator[tuple[Any, ...]]:
    names = ", ".join(f'"{c}"' for c in columns)
    scan = f'SELECT rowid, {names} FROM "{table}" WHERE rowid > ? ORDER BY rowid'
    lookup = f'SELECT rowid, {names} FROM "{table}" WHERE rowid = ?'
    highest = _highest_rowid(source.conn, table)
    if highest is None:
        source.renew()
    after = -(2**63)
    while True:
        try:
            for row in source.conn.execute(scan, (after,)):
                after = int(row[0])
                yield tuple(row)
            return
        except DRIVER_ERRORS as exc:
            if _is_interrupt(exc):
                raise
            source.renew()
        after = max(after, 0)
        limit = highest if highest is not None else after + _BLIND_PROBES
        failed = 0
        while after < limit:
            after += 1
            try:
                row = source.conn.execute(lookup, (after,)).fetchone()
            except DRIVER_ERRORS as exc:
                if _is_interrupt(exc):
                    raise
                source.renew()
                failed += 1
                continue
            if row is not None:
                yield tuple(row)
                break
        tally.unreadable += failed
        if after >= limit:
            return
