"""Word search over every note, inside the encrypted database (SQLite FTS5).

The user's words are quoted one by one, so no input can be read as FTS5 syntax
(and so none can raise a syntax error); each word also matches as a prefix.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session

from alliance_journal.domain.entries import EntryKind
from alliance_journal.services.records import iso
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.engine import database_errors

#: Private-use characters around matched words: they never occur in typed text
#: (unlike « » in French or German notes), and each front end renders them its own way.
MARK_START = "\ue000"
MARK_END = "\ue001"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SearchHit:
    entry_id: uuid.UUID
    client_id: uuid.UUID | None
    client_code: str | None
    kind: EntryKind
    occurred_at: datetime
    snippet: str

    def plain_snippet(self, start: str = "[", end: str = "]") -> str:
        """The snippet with matched words marked by ordinary characters (for a terminal)."""
        return self.snippet.replace(MARK_START, start).replace(MARK_END, end)


def fts_query(words: str) -> str | None:
    """A safe FTS5 expression: every word quoted and prefix-matched, all required."""
    tokens = _WORD.findall(words)
    return " ".join(f'"{t}"*' for t in tokens[:32]) or None


def search(vault: OpenVault, query: str, *, client_id: uuid.UUID | None = None,
           kind: EntryKind | None = None, since: datetime | None = None,
           until: datetime | None = None, limit: int = 100) -> list[SearchHit]:
    """Best matches first, with a short snippet around the words found."""
    expression = fts_query(query)
    if expression is None:
        return []
    clauses = ["entry_fts MATCH :q", "e.deleted_at IS NULL"]
    params: dict[str, object] = {"q": expression, "limit": limit}
    if client_id is not None:
        clauses.append("e.client_id = :client")
        params["client"] = str(client_id)
    if kind is not None:
        clauses.append("e.kind = :kind")
        params["kind"] = kind.value
    if since is not None:
        clauses.append("e.occurred_at >= :since")
        params["since"] = iso(since)
    if until is not None:
        clauses.append("e.occurred_at < :until")
        params["until"] = iso(until)
    sql = f"""
        SELECT e.id, e.client_id, c.code, e.kind, e.occurred_at,
               snippet(entry_fts, 1, '{MARK_START}', '{MARK_END}', '…', 12)
        FROM entry_fts JOIN entry e ON e.id = entry_fts.entry_id
        LEFT JOIN client c ON c.id = e.client_id
        WHERE {' AND '.join(clauses)}
        ORDER BY bm25(entry_fts) LIMIT :limit"""
    with database_errors(), Session(vault.engine) as session:
        rows = session.connection().execute(text(sql), params).all()
    return [
        SearchHit(uuid.UUID(r[0]), uuid.UUID(r[1]) if r[1] else None, r[2], EntryKind(r[3]),
                  datetime.fromisoformat(r[4]), r[5])
        for r in rows
    ]
