"""Word search over every note, inside the encrypted database (SQLite FTS5).

The user's words are quoted one by one, so no input can be read as FTS5 syntax
(and so none can raise a syntax error); each word also matches as a prefix.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, text
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
    # Rank first, snippets after: SQLite evaluates the select list for every match
    # before ORDER BY ... LIMIT, and a snippet reads (and decrypts) the whole note.
    ranked_sql = f"""
        SELECT entry_fts.rowid, e.id, e.client_id, c.code, e.kind, e.occurred_at
        FROM entry_fts JOIN entry e ON e.id = entry_fts.entry_id
        LEFT JOIN client c ON c.id = e.client_id
        WHERE {' AND '.join(clauses)}
        ORDER BY rank LIMIT :limit"""
    with database_errors(), Session(vault.engine) as session:
        connection = session.connection()
        ranked = connection.execute(text(ranked_sql), params).all()
        snippets = _snippets(connection, expression, [r[0] for r in ranked])
    return [
        SearchHit(uuid.UUID(r[1]), uuid.UUID(r[2]) if r[2] else None, r[3], EntryKind(r[4]),
                  datetime.fromisoformat(r[5]), snippets.get(r[0], ""))
        for r in ranked
    ]


def _snippets(connection: Connection, expression: str, rowids: list[int]) -> dict[int, str]:
    """Snippets for the few rows that made the cut, cut from the indexed text in Python.

    FTS5's snippet() re-reads position lists for every prefix-expanded term, which costs
    milliseconds per row in an encrypted index; a plain rowid lookup plus a regex does not.
    """
    if not rowids:
        return {}
    placeholders = ", ".join(f":r{i}" for i in range(len(rowids)))
    sql = f"SELECT rowid, text FROM entry_fts WHERE rowid IN ({placeholders})"
    params = {f"r{i}": r for i, r in enumerate(rowids)}
    prefixes = tuple(t.strip('"*').casefold() for t in expression.split())
    return {int(r[0]): make_snippet(str(r[1]), prefixes)
            for r in connection.execute(text(sql), params)}


def make_snippet(text: str, prefixes: tuple[str, ...], *, words: int = 14) -> str:
    """About `words` words around the first match, each matching word marked."""
    found = list(_WORD.finditer(text))
    if not found:
        return ""

    def hit(match: re.Match[str]) -> bool:
        return match.group().casefold().startswith(prefixes)

    first = next((i for i, m in enumerate(found) if hit(m)), 0)
    begin = max(0, first - words // 3)
    end = min(len(found), begin + words)
    parts: list[str] = ["…"] if begin > 0 else []
    cursor = found[begin].start()
    for match in found[begin:end]:
        parts.append(text[cursor:match.start()])
        parts.append(f"{MARK_START}{match.group()}{MARK_END}" if hit(match) else match.group())
        cursor = match.end()
    if end < len(found):
        parts.append("…")
    return " ".join("".join(parts).split())
