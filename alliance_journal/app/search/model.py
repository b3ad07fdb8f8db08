"""Search results as a list model: one row per `SearchHit`, best match first.

The services mark matched words with MARK_START/MARK_END; the model passes them on
(SNIPPET) and turns them into plain text (DisplayRole). The delegate makes the escaped
HTML with highlighted spans at paint time, in the colours of the palette it paints
with, so a theme change applies at once.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from alliance_journal.app.widgets.formatting import date_text
from alliance_journal.domain.entries import KIND_TITLES
from alliance_journal.services.search import MARK_END, MARK_START, SearchHit

Index = QModelIndex | QPersistentModelIndex
JOURNAL_LABEL = "My journal"


class SearchRole(IntEnum):
    ENTRY_ID = Qt.ItemDataRole.UserRole + 1
    CLIENT_ID = Qt.ItemDataRole.UserRole + 2  # str; "" for My journal
    KIND = Qt.ItemDataRole.UserRole + 3
    META = Qt.ItemDataRole.UserRole + 4  # "A-17 · Countertransference · 3 Mar 2025"
    SNIPPET_HTML = Qt.ItemDataRole.UserRole + 5  # with the model's (light) colours
    SNIPPET = Qt.ItemDataRole.UserRole + 6  # as the services marked it; the delegate colours it


def snippet_html(snippet: str, highlight: str, ink: str = "#2b2b2b") -> str:
    """Escape the snippet and wrap each marked run in a highlighted span."""
    out: list[str] = []
    inside = False
    style = f"background-color:{highlight}; color:{ink}; font-weight:600"
    for part in snippet.replace(MARK_END, MARK_START).split(MARK_START):
        text = html.escape(part)
        out.append(f'<span style="{style}">{text}</span>' if inside and text else text)
        inside = not inside
    return "".join(out)


def snippet_plain(snippet: str) -> str:
    return snippet.replace(MARK_START, "").replace(MARK_END, "")


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: Any = None, *, highlight: tuple[str, str] = ("#f3e3a6", "#2b2b2b")) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []
        self._highlight = highlight

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits([])

    def set_highlight(self, colours: tuple[str, str]) -> None:
        """(background, text) of matched words."""
        self.beginResetModel()
        self._highlight = colours
        self.endResetModel()

    def hit_at(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit_at(index.row()) if index.isValid() else None
        if hit is None:
            return None
        match role:
            case Qt.ItemDataRole.DisplayRole | Qt.ItemDataRole.AccessibleTextRole:
                return f"{self._meta(hit)} — {snippet_plain(hit.snippet)}"
            case SearchRole.ENTRY_ID:
                return str(hit.entry_id)
            case SearchRole.CLIENT_ID:
                return str(hit.client_id) if hit.client_id else ""
            case SearchRole.KIND:
                return hit.kind.value
            case SearchRole.META:
                return self._meta(hit)
            case SearchRole.SNIPPET_HTML:
                return snippet_html(hit.snippet, *self._highlight)
            case SearchRole.SNIPPET:
                return hit.snippet
        return None

    @staticmethod
    def _meta(hit: SearchHit) -> str:
        return " · ".join((hit.client_code or JOURNAL_LABEL, KIND_TITLES[hit.kind],
                           date_text(hit.occurred_at)))

