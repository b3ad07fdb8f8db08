"""Word search over every note, inside the encrypted database (SQLite FTS5).

The user's words are quoted one by one, so no input can be read as FTS5 syntax
(and so none can raise a syntax error); each word also matches as a prefix. A quoted
word must be one word to the index's tokenizer too: the index keeps no word positions
(schema 7), so a quoted run of two words would be a phrase query it cannot answer. Results are
ranked by relevance (bm25), except for words so common that ranking means little: those
list the newest matches first, and say so.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from itertools import islice

from sqlalchemy import Connection, text

from alliance_journal.domain.kinds import EntryKind
from alliance_journal.services.unlock import OpenVault
from alliance_journal.vault.engine import database_errors
from alliance_journal.vault.packing import unpack_text

#: Private-use characters around matched words: they never occur in typed text
#: (unlike « » in French or German notes), and each front end renders them its own way.
MARK_START = "\ue000"
MARK_END = "\ue001"
#: A word as the index's tokenizer (unicode61) cuts one: letters and digits, not `_`.
#: The tokenizer's tables predate a few letters Python knows (New Tai Lue vowels that
#: became letters in Unicode 8, two Vedic signs): to it they separate words, so here too.
#: tests/services/test_search_words.py holds this against SQLite for every code point.
WORD = re.compile(r"[^\W_\u19b0-\u19c0\u19c8\u19c9\u1cf2\u1cf3]+")


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
    tokens = WORD.findall(words)
    return " ".join(f'"{t}"*' for t in tokens[:32]) or None


class SearchOrder(StrEnum):
    """How a result list is ordered, so a front end can say so."""

    RELEVANCE = "relevance"
    NEWEST = "newest"


#: Above this many matching notes, results are the newest matches instead of the best
#: ranked. A word found in thousands of notes tells bm25 almost nothing (its weight
#: falls towards zero as it approaches half the notes), and ranking every match costs
#: a document-length lookup per match: ~50 ms for a word in half of 50,000 notes.
RANKED_MATCH_LIMIT = 2_000


@dataclass(frozen=True, slots=True)
class SearchResults:
    hits: tuple[SearchHit, ...]
    order: SearchOrder


def search(vault: OpenVault, query: str, *, client_id: uuid.UUID | None = None,
           kind: EntryKind | None = None, since: datetime | None = None,
           until: datetime | None = None, limit: int = 100) -> SearchResults:
    """Best matches first (newest first for very common words), each with a snippet."""
    expression = fts_query(query)
    if expression is None:
        return SearchResults((), SearchOrder.RELEVANCE)
    clauses = ["e.deleted_at IS NULL"]
    params: dict[str, object] = {"q": expression, "limit": limit}
    if client_id is not None:
        clauses.append("e.client_id = :client")
        params["client"] = str(client_id)
    if kind is not None:
        clauses.append("e.kind = :kind")
        params["kind"] = kind.value
    if since is not None or until is not None:
        from alliance_journal.services.records import iso  # pydantic: only when needed
    if since is not None:
        clauses.append("e.occurred_at >= :since")
        params["since"] = iso(since)
    if until is not None:
        clauses.append("e.occurred_at < :until")
        params["until"] = iso(until)
    where = " AND ".join(clauses)
    # A plain connection, no ORM: a one-shot `alliance-journal search` imports less.
    with database_errors(), vault.engine.connect() as connection:
        matches = connection.execute(text(_COUNT_SQL), {"q": expression,
                                                        "cap": RANKED_MATCH_LIMIT + 1}).scalar_one()
        order = SearchOrder.NEWEST if matches > RANKED_MATCH_LIMIT else SearchOrder.RELEVANCE
        sql = (_NEWEST_SQL if order is SearchOrder.NEWEST else _RANKED_SQL).format(where=where)
        found = connection.execute(text(sql), params).all()
        snippets = _snippets(connection, expression, [r[0] for r in found])
    hits = tuple(
        SearchHit(uuid.UUID(r[0]), uuid.UUID(r[1]) if r[1] else None, r[2], EntryKind(r[3]),
                  datetime.fromisoformat(r[4]), snippets.get(r[0], ""))
        for r in found
    )
    return SearchResults(hits, order)


# FTS5 counts matches from the index alone, without a document-length lookup per row,
# and stops once there are more than enough to list the newest instead of ranking.
_COUNT_SQL = "SELECT count(*) FROM (SELECT rowid FROM entry_fts WHERE entry_fts MATCH :q LIMIT :cap)"
# Rank first, snippets after: SQLite evaluates the select list for every match before
# ORDER BY ... LIMIT, and a snippet reads (and decrypts) the whole note. The matches are
# materialised first: joined straight to the virtual table, SQLite scans the whole of
# `entry_search_cover` per match instead of seeking its search_rowid(id) expression.
_RANKED_SQL = """
    WITH matched (fts_rowid, score) AS MATERIALIZED (
        SELECT rowid, rank FROM entry_fts WHERE entry_fts MATCH :q)
    SELECT e.id, e.client_id, c.code, e.kind, e.occurred_at
    FROM matched CROSS JOIN entry e ON search_rowid(e.id) = +matched.fts_rowid
    LEFT JOIN client c ON c.id = e.client_id
    WHERE {where}
    ORDER BY matched.score LIMIT :limit"""
# Newest first: walk `entry_recent` backwards and keep the entries whose index row
# matches; with thousands of matches a page of hits is found within a few hundred rows.
_NEWEST_SQL = """
    SELECT e.id, e.client_id, c.code, e.kind, e.occurred_at
    FROM entry e LEFT JOIN client c ON c.id = e.client_id
    WHERE {where}
      AND search_rowid(e.id) IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH :q)
    ORDER BY e.occurred_at DESC LIMIT :limit"""


def _snippets(connection: Connection, expression: str, entry_ids: list[str]) -> dict[str, str]:
    """Snippets for the few entries that made the cut, cut in Python from their text.

    The index keeps no copy of the notes (schema 6), so the text is the entry's own,
    put together as `Entry.searchable_text` does. FTS5's snippet() would also re-read
    position lists for every prefix-expanded term, which costs milliseconds per row.
    """
    if not entry_ids:
        return {}
    placeholders = ", ".join(f":e{i}" for i in range(len(entry_ids)))
    sql = f"SELECT id, body, amendments, tags, fields FROM entry WHERE id IN ({placeholders})"
    params = {f"e{i}": r for i, r in enumerate(entry_ids)}
    prefixes = tuple(t.strip('"*').casefold() for t in expression.split())
    snippets = {}
    for entry_id, body, amendments, tags, fields in connection.execute(text(sql), params):
        note = unpack_text(body) or ""
        if _first_match(note, prefixes) is None:  # the words are in a field, a tag or an amendment
            note = stored_text(note, amendments, tags, fields)
        snippets[str(entry_id)] = make_snippet(note, prefixes)
    return snippets


def stored_text(body: str | bytes, amendments: str, tags: str, fields: str) -> str:
    """The searchable text of a stored entry from its columns, without validating it."""
    parts = [unpack_text(body) or ""]
    try:
        parts += [str(a.get("body", "")) for a in json.loads(amendments) if isinstance(a, dict)]
        parts.append(" ".join(str(t) for t in json.loads(tags)))
        for value in json.loads(fields).values():
            if isinstance(value, str) and value:
                parts.append(value)
            elif isinstance(value, list):
                parts.extend(str(v) for v in value)
    except (ValueError, TypeError, AttributeError):
        pass  # a damaged column: the snippet comes from the body alone
    return "\n".join(p for p in parts if p)


def make_snippet(text: str, prefixes: tuple[str, ...], *, words: int = 14) -> str:
    """About `words` words around the first match, each matching word marked.

    Only the words near the first match are split out: notes run to thousands of
    characters, and a results page cuts a hundred snippets.
    """
    lead = words // 3
    first = _first_match(text, prefixes)
    if first is None:
        window = list(islice(WORD.finditer(text), words))
    else:
        span = _LEAD_CHARS * (lead + 1)
        while True:  # look back far enough for `lead` whole words (the first may be cut)
            low = max(0, first - span)
            before = list(WORD.finditer(text, low, first))
            if low == 0 or len(before) > lead:
                break
            span *= 4
        before = before[len(before) - lead:] if len(before) > lead else before
        window = before + list(islice(WORD.finditer(text, first), words - len(before)))
    if not window:
        return ""
    parts: list[str] = ["…"] if WORD.search(text, 0, window[0].start()) else []
    cursor = window[0].start()
    for match in window:
        parts.append(text[cursor:match.start()])
        parts.append(f"{MARK_START}{match.group()}{MARK_END}" if _is_match(match.group(), prefixes)
                     else match.group())
        cursor = match.end()
    if WORD.search(text, window[-1].end()):
        parts.append("…")
    return " ".join("".join(parts).split())


#: Characters first looked back per word of lead-in (more if the words are long).
_LEAD_CHARS = 12


def _is_match(word: str, prefixes: tuple[str, ...]) -> bool:
    return word.casefold().startswith(prefixes)


def _first_match(text: str, prefixes: tuple[str, ...]) -> int | None:
    """Where the first word starting with one of `prefixes` begins (case-insensitive)."""
    if not prefixes:
        return None
    if text.isascii() and all(p.isascii() for p in prefixes):
        # ASCII only: lower() is casefold() and keeps every offset, and find() runs in C.
        folded = text.lower()
        starts = (_first_word_start(folded, p) for p in prefixes)
        return min((i for i in starts if i is not None), default=None)
    return next((m.start() for m in WORD.finditer(text) if _is_match(m.group(), prefixes)), None)


def _first_word_start(folded: str, prefix: str) -> int | None:
    at = folded.find(prefix)
    while at > 0 and (folded[at - 1].isalnum() or folded[at - 1] == "_"):
        at = folded.find(prefix, at + 1)
    return None if at < 0 else at
