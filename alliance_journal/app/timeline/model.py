"""A client's timeline as a flat list model: month header rows between entry rows.

A thin adapter over a Python list of `Entry` (newest first). Filtering (kinds, tag,
date range) happens here in memory, so toggling a chip never touches the database.
Rows are either `MonthHeader` (not selectable) or `Entry`. Everything a card paints
is exposed through `TimelineRole`, computed lazily and cached per entry, so a
2,000-entry timeline costs one pass to build and nothing for rows never shown.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from alliance_journal.app.timeline.card_text import alliance_bars, alliance_note, key_fields
from alliance_journal.app.timeline.field_summary import card_line
from alliance_journal.app.widgets.formatting import date_text, month_title
from alliance_journal.domain.entries import KIND_TITLES, Entry, EntryKind, TransferenceFields
from alliance_journal.domain.vocabulary import Figure, TransferenceStatus

Index = QModelIndex | QPersistentModelIndex


class TimelineRole(IntEnum):
    ENTRY_ID = Qt.ItemDataRole.UserRole + 1
    IS_HEADER = Qt.ItemDataRole.UserRole + 2
    KIND = Qt.ItemDataRole.UserRole + 3
    KIND_TITLE = Qt.ItemDataRole.UserRole + 4
    DATE_TEXT = Qt.ItemDataRole.UserRole + 5
    FIRST_LINE = Qt.ItemDataRole.UserRole + 6
    KEY_FIELDS = Qt.ItemDataRole.UserRole + 7
    ALLIANCE_BARS = Qt.ItemDataRole.UserRole + 8
    FINALISED = Qt.ItemDataRole.UserRole + 9
    TAGS = Qt.ItemDataRole.UserRole + 10
    ALLIANCE_NOTE = Qt.ItemDataRole.UserRole + 11  # working alliance and rupture, or ""
    CARD_LINE = Qt.ItemDataRole.UserRole + 12  # the text's first line, else the fields


@dataclass(frozen=True, slots=True)
class MonthHeader:
    year: int
    month: int


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    """Which entries show: None means "any" for each part."""

    kinds: frozenset[EntryKind] | None = None
    tag: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    #: Transference figure and status: set, they keep only transference entries that match.
    figure: Figure | None = None
    status: TransferenceStatus | None = None

    def accepts(self, entry: Entry) -> bool:
        return ((self.kinds is None or entry.kind in self.kinds)
                and (not self.tag or self.tag in entry.tags)
                and (self.since is None or entry.occurred_at >= self.since)
                and (self.until is None or entry.occurred_at < self.until)
                and self._transference_matches(entry))

    def _transference_matches(self, entry: Entry) -> bool:
        if self.figure is None and self.status is None:
            return True
        fields = entry.fields
        return (isinstance(fields, TransferenceFields)
                and (self.figure is None or fields.figure == self.figure)
                and (self.status is None or fields.status == self.status))


def _newest_first(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.occurred_at, e.created_at), reverse=True)


class TimelineModel(QAbstractListModel):
    """Month headers and entries of one timeline, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._by_id: dict[uuid.UUID, Entry] | None = None  # built on the first lookup
        self._rows: list[Entry | MonthHeader] = []
        self._filter = TimelineFilter()
        self._cache: dict[uuid.UUID, dict[int, Any]] = {}

    # --- the list behind the model -------------------------------------------------------
    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self._entries = _newest_first(entries)
        self._by_id = None
        self._cache.clear()
        self._rows = self._build_rows()
        self.endResetModel()

    def clear(self) -> None:
        """Drop every entry (and every cached text): used on lock."""
        self.set_entries([])

    def set_filter(self, flt: TimelineFilter) -> None:
        self.beginResetModel()
        self._filter = flt
        self._rows = self._build_rows()
        self.endResetModel()

    @property
    def filter(self) -> TimelineFilter:
        return self._filter

    def upsert(self, entry: Entry) -> None:
        """Add or replace one entry; rows stay put unless its place in time changed."""
        self._cache.pop(entry.id, None)
        others = [e for e in self._entries if e.id != entry.id]
        entries = _newest_first([*others, entry]) if not entry.in_trash else others
        rows = self._rows_for(entries)
        self._by_id = None
        if [self._key(r) for r in rows] == [self._key(r) for r in self._rows]:
            self._entries, self._rows = entries, rows
            row = self.row_of(entry.id)
            if row >= 0:
                self.dataChanged.emit(self.index(row), self.index(row))
            return
        self.beginResetModel()
        self._entries, self._rows = entries, rows
        self.endResetModel()

    def remove(self, entry_id: uuid.UUID) -> None:
        self.beginResetModel()
        self._entries = [e for e in self._entries if e.id != entry_id]
        self._by_id = None
        self._cache.pop(entry_id, None)
        self._rows = self._build_rows()
        self.endResetModel()

    def entries(self) -> list[Entry]:
        """Every entry of the timeline, filtered or not."""
        return list(self._entries)

    def entry_by_id(self, entry_id: uuid.UUID) -> Entry | None:
        """An entry of the timeline, filtered or not, by id (a dictionary lookup)."""
        if self._by_id is None:
            self._by_id = {e.id: e for e in self._entries}
        return self._by_id.get(entry_id)

    def visible_entries(self) -> list[Entry]:
        return [r for r in self._rows if isinstance(r, Entry)]

    def tags(self) -> list[str]:
        return sorted({t for e in self._entries for t in e.tags})

    def entry_at(self, row: int) -> Entry | None:
        if 0 <= row < len(self._rows):
            item = self._rows[row]
            return item if isinstance(item, Entry) else None
        return None

    def row_of(self, entry_id: uuid.UUID) -> int:
        for row, item in enumerate(self._rows):
            if isinstance(item, Entry) and item.id == entry_id:
                return row
        return -1

    # --- Qt model interface --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], MonthHeader):
            return Qt.ItemFlag.NoItemFlags  # keyboard navigation steps over headers
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if isinstance(item, MonthHeader):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return month_title(item.year, item.month)
            return True if role == TimelineRole.IS_HEADER else None
        cached = self._cache.setdefault(item.id, {})
        if role not in cached:
            cached[role] = self._entry_data(item, role)
        return cached[role]

    # --- internals -----------------------------------------------------------------------
    @staticmethod
    def _entry_data(entry: Entry, role: int) -> Any:
        match role:
            case Qt.ItemDataRole.DisplayRole | Qt.ItemDataRole.AccessibleTextRole:
                parts = [KIND_TITLES[entry.kind], date_text(entry.occurred_at),
                         entry.first_line(), key_fields(entry)]
                if entry.is_finalised:
                    parts.append("finalised")
                return " — ".join(p for p in parts if p)
            case TimelineRole.ENTRY_ID:
                return str(entry.id)
            case TimelineRole.IS_HEADER:
                return False
            case TimelineRole.KIND:
                return entry.kind.value
            case TimelineRole.KIND_TITLE:
                return KIND_TITLES[entry.kind]
            case TimelineRole.DATE_TEXT:
                return date_text(entry.occurred_at)
            case TimelineRole.FIRST_LINE:
                return entry.first_line()
            case TimelineRole.CARD_LINE:
                return card_line(entry)
            case TimelineRole.KEY_FIELDS:
                return key_fields(entry)
            case TimelineRole.ALLIANCE_BARS:
                return alliance_bars(entry)
            case TimelineRole.ALLIANCE_NOTE:
                return alliance_note(entry)
            case TimelineRole.FINALISED:
                return entry.is_finalised
            case TimelineRole.TAGS:
                return ", ".join(entry.tags)
        return None

    @staticmethod
    def _key(item: Entry | MonthHeader) -> object:
        return item.id if isinstance(item, Entry) else item

    def _build_rows(self) -> list[Entry | MonthHeader]:
        return self._rows_for(self._entries)

    def _rows_for(self, entries: list[Entry]) -> list[Entry | MonthHeader]:
        """Entries the filter accepts, each month's preceded by its header (local time).

        Runs over every entry on each open and filter change, so it keeps to the cheap
        steps: no filter call when nothing is filtered, one header object per month."""
        rows: list[Entry | MonthHeader] = []
        accepts = None if self._filter == TimelineFilter() else self._filter.accepts
        current: tuple[int, int] | None = None
        for entry in entries:
            if accepts is not None and not accepts(entry):
                continue
            local = entry.occurred_at.astimezone()
            month = (local.year, local.month)
            if month != current:
                rows.append(MonthHeader(*month))
                current = month
            rows.append(entry)
        return rows
